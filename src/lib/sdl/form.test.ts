import { describe, expect, it } from "vitest";
import { addSdlService, appendSdlItem, coerceScalar, removeSdlService, renameSdlKey, setSdlValue } from "./form";
import { checkSdl } from "./validate";

const TEXT = `# My app — comments and unknown bits must survive the form
version: "2.0"
services:
  web:
    image: nginx:1.27   # pinned on purpose
    params:
      permissions:
        read: [deployment, logs]
    expose:
    - port: 80
      as: 80
      to:
      - global: true
profiles:
  compute:
    web: &small
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi
        storage:
          size: 1Gi
  placement:
    dcloud:
      pricing:
        web:
          denom: uact
          amount: 100
deployment:
  web:
    dcloud:
      profile: web
      count: 1
`;

describe("form edits keep everything else", () => {
  it("changes one value and nothing else", () => {
    const out = setSdlValue(TEXT, ["profiles", "compute", "web", "resources", "cpu", "units"], coerceScalar("2", "numberOrString"));
    expect(out).toBe(TEXT.replace("units: 0.5", "units: 2"));
  });

  it("keeps a trailing comment on an edited scalar", () => {
    const out = setSdlValue(TEXT, ["services", "web", "image"], "nginx:1.28");
    expect(out).toBe(TEXT.replace("nginx:1.27", "nginx:1.28"));
    expect(out).toContain("read: [deployment, logs]");
    expect(out).toContain("&small");
  });

  it("adds lists, deletes empty values, and keeps flush sequences flush", () => {
    let out = setSdlValue(TEXT, ["services", "web", "env"], ["A=1", "B=2"]);
    expect(out).toContain("    env:\n    - A=1\n    - B=2\n");
    out = setSdlValue(out, ["services", "web", "env"], []);
    expect(out).toBe(TEXT);
    out = appendSdlItem(TEXT, ["services", "web", "expose"], { port: 443, to: [{ global: true }] });
    expect(checkSdl(out).summary!.services[0]!.randomPortEndpoints).toBe(1);
  });

  it("adds and removes a whole service", () => {
    const added = addSdlService(TEXT, "db");
    const r = checkSdl(added);
    expect(r.valid).toBe(true);
    expect(r.summary!.services.map((s) => s.service).sort()).toEqual(["db", "web"]);
    expect(removeSdlService(added, "db")).toBe(TEXT);
    expect(() => addSdlService(TEXT, "Bad Name")).toThrow(/lowercase/);
  });

  it("renames a key in place", () => {
    const out = renameSdlKey(TEXT, ["profiles", "placement", "dcloud"], "eu");
    expect(out).toContain("    eu:\n      pricing:");
  });

  it("refuses to edit YAML with syntax errors", () => {
    expect(() => setSdlValue("a: [", ["a"], 1)).toThrow(/syntax errors/);
  });

  it("coerces form input", () => {
    expect(coerceScalar("0.5", "numberOrString")).toBe(0.5);
    expect(coerceScalar("500m", "numberOrString")).toBe("500m");
    expect(coerceScalar("", "integer")).toBeUndefined();
    expect(coerceScalar("3", "integer")).toBe(3);
  });
});

describe("formatSdl", () => {
  it("re-indents but keeps comments and values", async () => {
    const { formatSdl } = await import("./form");
    const messy = 'version:   "2.0"\nservices:\n    web:   # the app\n        image: nginx\n';
    const out = formatSdl(messy);
    expect(out).toBe('version: "2.0"\nservices:\n  web:\n    # the app\n    image: nginx\n');
    expect(() => formatSdl("a: [")).toThrow(/syntax errors/);
  });
});
