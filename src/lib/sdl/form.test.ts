import { describe, expect, it } from "vitest";
import { addSdlService, addSdlVolume, appendSdlItem, coerceScalar, removeSdlMount, removeSdlPort, removeSdlService, removeSdlVolume, renameSdlKey, setSdlIpEndpoint, setSdlMount, setSdlValue, setSdlVolumeClass } from "./form";
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

const POSTGRES = `version: "2.0"
services:
  db:
    image: postgres:17-alpine
    env:
      - POSTGRES_DB=app
      # kept: a comment between list items
      - PGDATA=/var/lib/postgresql/data/pgdata
    expose:
      - port: 5432
        to:
          - global: true
    params:
      storage:
        pgdata:
          mount: /var/lib/postgresql/data
profiles:
  compute:
    db:
      resources:
        cpu:
          units: 1
        memory:
          size: 2Gi
        storage:
          - size: 1Gi
          - name: pgdata
            size: 20Gi
            attributes:
              persistent: true
              class: beta2
  placement:
    dcloud:
      pricing:
        db:
          denom: uact
          amount: 300
deployment:
  db:
    dcloud:
      profile: db
      count: 1
`;

const errorsOf = (text: string) => checkSdl(text).diagnostics.filter((d) => d.severity === "error").map((d) => d.message);

describe("renames carry every reference", () => {
  it("a volume rename moves its mount setting (it used to stay under the old name: 3 errors)", async () => {
    const { renameSdlVolume } = await import("./renames");
    const out = renameSdlVolume(POSTGRES, "db", 1, "data");
    expect(errorsOf(out)).toEqual([]);
    expect(out).toBe(POSTGRES.replace("        pgdata:\n", "        data:\n").replace("- name: pgdata", "- name: data"));
    expect(() => renameSdlVolume(POSTGRES, "db", 1, "Bad Name")).toThrow(/cannot be a volume name/);
  });

  it("service, profile, placement and endpoint renames keep the SDL valid", async () => {
    const { renameSdlEndpoint, renameSdlPlacement, renameSdlProfile, renameSdlService } = await import("./renames");
    let out = setSdlIpEndpoint(POSTGRES, "db", 0, "pgip");
    out = renameSdlService(out, "db", "postgres");
    out = renameSdlProfile(out, "db", "large");
    out = renameSdlPlacement(out, "dcloud", "eu");
    out = renameSdlEndpoint(out, "pgip", "public");
    expect(errorsOf(out)).toEqual([]);
    expect(out).toContain("deployment:\n  postgres:\n    eu:\n      profile: large\n");
    expect(out).toContain("ip: public");
    expect(out).toContain("endpoints:\n  public:\n    kind: ip\n");
    expect(() => renameSdlService(out, "postgres", "postgres2")).not.toThrow();
    expect(() => renameSdlPlacement(out, "eu", "eu")).not.toThrow();
  });

  it("a service named in another service's `to` is renamed there too, and removing it drops that entry", async () => {
    const { renameSdlService } = await import("./renames");
    const two = appendSdlItem(addSdlService(POSTGRES, "web"), ["services", "web", "expose", 0, "to"], { service: "db" });
    const renamed = renameSdlService(two, "db", "pg");
    expect(renamed).toContain("- service: pg");
    expect(errorsOf(renamed)).toEqual([]);
    const removed = removeSdlService(renamed, "pg");
    expect(removed).not.toContain("service: pg");
    expect(errorsOf(removed)).toEqual([]);
  });
});

describe("volumes, mounts, ports and endpoints stay consistent", () => {
  it("removes a mount setting left for a volume that no longer exists", () => {
    const orphan = POSTGRES.replace("        pgdata:\n          mount: /var/lib/postgresql/data\n", "        pgdata:\n          mount: /var/lib/postgresql/data\n        old:\n          mount: /old\n");
    expect(errorsOf(orphan).join(" ")).toMatch(/non-existing compute volume "old"/);
    expect(removeSdlMount(orphan, "db", "old")).toBe(POSTGRES);
  });

  it("removing the last mount removes the emptied params map too (an empty `params:` is an error)", () => {
    const eph = setSdlVolumeClass(POSTGRES, "db", 1, false, "");
    const out = setSdlMount(eph, "db", 1, "");
    expect(out).not.toContain("params:");
    expect(errorsOf(out)).toEqual([]);
    expect(() => setSdlMount(POSTGRES, "db", 1, "")).toThrow(/needs a mount path/);
  });

  it("adds and removes volumes with their mounts; a new persistent volume is mounted", () => {
    const added = addSdlVolume(POSTGRES, "db");
    expect(added).toContain("        data1:\n          mount: /data1\n");
    expect(errorsOf(added)).toEqual([]);
    const removed = removeSdlVolume(added, "db", 1);
    expect(removed).not.toContain("name: pgdata");
    expect(removed).not.toContain("pgdata:");
    expect(errorsOf(removed)).toEqual([]);
    expect(() => removeSdlVolume(POSTGRES.replace("          - size: 1Gi\n", ""), "db", 0)).toThrow(/at least one/);
  });

  it("making a volume persistent mounts it; class ram turns persistence off", () => {
    const out = setSdlVolumeClass(POSTGRES, "db", 0, true, "beta3");
    expect(errorsOf(out)).toEqual([]);
    expect(out).toMatch(/data1:\n\s+mount: \/mnt\/data1/);
    expect(setSdlVolumeClass(POSTGRES, "db", 1, true, "ram")).toContain("persistent: false");
  });

  it("a leased IP declares its endpoint and makes the port global; removing the port removes the endpoint", () => {
    const out = setSdlIpEndpoint(POSTGRES, "db", 0, "pgip");
    expect(errorsOf(out)).toEqual([]);
    expect(out).toContain("endpoints:\n  pgip:\n    kind: ip\n");
    const withSecond = appendSdlItem(out, ["services", "db", "expose"], { port: 80, to: [{ global: true }] });
    const removed = removeSdlPort(withSecond, "db", 0);
    expect(removed).not.toContain("endpoints");
    expect(errorsOf(removed)).toEqual([]);
    expect(setSdlIpEndpoint(out, "db", 0, "")).toBe(POSTGRES.replace("          - global: true\n", "          - global: true\n"));
  });

  it("list edits change items in place, so comments between them stay", () => {
    const out = setSdlValue(POSTGRES, ["services", "db", "env"], ["POSTGRES_DB=other", "PGDATA=/var/lib/postgresql/data/pgdata", "EXTRA=1"]);
    expect(out).toContain("      - POSTGRES_DB=other\n      # kept: a comment between list items\n      - PGDATA=/var/lib/postgresql/data/pgdata\n      - EXTRA=1\n");
    expect(setSdlValue(out, ["services", "db", "env"], ["POSTGRES_DB=app", "PGDATA=/var/lib/postgresql/data/pgdata"])).toBe(POSTGRES);
  });
});
