import { describe, expect, it } from "vitest";
import { applyEdits } from "./edits";
import { testSdl } from "./test-sdl";
import { checkSdl, MAX_SDL_CHARS } from "./validate";

const GOOD = testSdl({ image: "nginx:1.27", comment: "a comment that must survive fixes" });

function fixAll(text: string, code: string): string {
  const d = checkSdl(text, { requireUact: true }).diagnostics.find((x) => x.code === code);
  expect(d, `expected a ${code} diagnostic`).toBeDefined();
  expect(d!.fixes.length).toBeGreaterThan(0);
  return applyEdits(text, d!.fixes[0]!.edits);
}

describe("checkSdl", () => {
  it("accepts a valid SDL and summarises it", () => {
    const r = checkSdl(GOOD, { requireUact: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.summary?.services[0]).toMatchObject({ service: "web", cpuMillis: 500, memoryBytes: 512 * 1024 ** 2, httpEndpoints: 1, price: { denom: "uact", amount: 100 } });
  });

  it("reports YAML syntax errors at their line", () => {
    const r = checkSdl("version: \"2.0\"\nservices:\n  web:\n   image: x\n  - bad\n");
    expect(r.valid).toBe(false);
    expect(r.diagnostics[0]!.code).toBe("yaml-syntax");
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it("says plainly when YAML is not an SDL", () => {
    expect(checkSdl("- a\n- b\n").diagnostics[0]!.message).toMatch(/not an SDL/);
    expect(checkSdl("name: foo\nkind: Deployment\n").diagnostics[0]!.message).toMatch(/not an SDL.*"name"/);
    expect(checkSdl("").diagnostics[0]!.message).toMatch(/empty/);
    expect(checkSdl("just text").diagnostics[0]!.code).toBe("not-sdl");
  });

  it("refuses huge input without parsing it", () => {
    const big = "#".repeat(MAX_SDL_CHARS + 1);
    const t0 = performance.now();
    const r = checkSdl(big);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(r.diagnostics[0]!.code).toBe("too-large");
  });

  it("locates a docker-compose key and removes it with a quick fix, keeping comments", () => {
    const text = GOOD.replace("    image: nginx:1.27\n", "    image: nginx:1.27\n    depends_on:\n      - db\n    restart: always\n");
    const r = checkSdl(text);
    const dep = r.diagnostics.find((d) => d.message.includes("depends_on"))!;
    expect(dep.code).toBe("compose-key");
    expect(dep.line).toBe(6);
    expect(dep.column).toBe(5);
    let fixed = fixAll(text, "compose-key");
    fixed = fixAll(fixed, "compose-key");
    expect(fixed).toBe(GOOD);
  });

  it("converts a compose environment map to an env list", () => {
    const text = GOOD.replace("    image: nginx:1.27\n", "    image: nginx:1.27\n    environment:\n      A: 1\n      B: two\n");
    const d = checkSdl(text).diagnostics.find((x) => x.code === "compose-key")!;
    const fixed = applyEdits(text, d.fixes.find((f) => f.title.includes("env"))!.edits);
    expect(fixed).toContain("env:\n      - A=1\n      - B=two");
    expect(fixed).toContain("# a comment that must survive fixes");
    expect(checkSdl(fixed).valid).toBe(true);
  });

  it("fixes an empty placement attributes", () => {
    const text = GOOD.replace("    dcloud:\n      pricing:", "    dcloud:\n      attributes:\n      pricing:");
    const d = checkSdl(text).diagnostics.find((x) => x.code === "empty-map")!;
    expect(d.line).toBe(23);
    expect(d.message).toMatch(/"attributes" in placement "dcloud" is empty/);
    expect(fixAll(text, "empty-map")).toBe(GOOD);
  });

  it("adds a missing pricing entry", () => {
    const text = GOOD.replace("      pricing:\n        web:\n          denom: uact\n          amount: 100\n", "      pricing:\n        other:\n          denom: uact\n          amount: 5\n");
    const d = checkSdl(text).diagnostics.find((x) => x.code === "missing-pricing")!;
    expect(d.message).toMatch(/pricing for the "web" profile/);
    const fixed = applyEdits(text, d.fixes[0]!.edits);
    expect(checkSdl(fixed).valid).toBe(true);
    expect(fixed).toContain("# a comment that must survive fixes");
  });

  it("flags uakt pricing on a uact-only network and fixes the denom", () => {
    const text = GOOD.replace("denom: uact", "denom: uakt");
    expect(checkSdl(text).valid).toBe(true);
    expect(checkSdl(text).diagnostics[0]!.severity).toBe("warning");
    const r = checkSdl(text, { requireUact: true });
    expect(r.valid).toBe(false);
    const d = r.diagnostics.find((x) => x.code === "uakt-pricing")!;
    expect(d.line).toBe(25);
    expect(text.slice(d.start, d.end)).toBe("uakt");
    expect(fixAll(text, "uakt-pricing")).toBe(GOOD);
  });

  it("offers the supported version for an unknown one", () => {
    const text = GOOD.replace('version: "2.0"', 'version: "3.1"');
    const d = checkSdl(text).diagnostics.find((x) => x.code === "unknown-version")!;
    expect(d.message).toMatch(/"3.1" is not supported/);
    expect(fixAll(text, "unknown-version")).toBe(GOOD);
  });

  it("suggests the right key for a typo", () => {
    const text = GOOD.replace("          - global: true", "          - globl: true");
    const d = checkSdl(text).diagnostics.find((x) => x.code === "unknown-key")!;
    expect(d.message).toMatch(/Did you mean "global"/);
    expect(fixAll(text, "unknown-key")).toBe(GOOD);
  });

  it("points a semantic error (undefined placement pricing) at the placement", () => {
    const text = GOOD.replace("      profile: web\n", "      profile: missing\n");
    const r = checkSdl(text);
    expect(r.valid).toBe(false);
    expect(r.diagnostics.map((d) => d.message).join("\n")).toMatch(/"missing"/);
  });
});

describe("checkSdl endpoints", () => {
  it("declares a missing IP endpoint with a quick fix", () => {
    const text = GOOD.replace("          - global: true", "          - global: true\n            ip: myip");
    const d = checkSdl(text).diagnostics.find((x) => x.code === "unknown-endpoint")!;
    expect(d.message).toMatch(/Unknown endpoint "myip"/);
    expect(text.slice(d.start, d.end)).toBe("myip");
    const fixed = applyEdits(text, d.fixes[0]!.edits);
    expect(checkSdl(fixed).valid).toBe(true);
  });
});

/**
 * Why validate.ts reads with js-yaml, as chain-sdk's SDL.fromString does, and not with `yaml` alone: the two
 * disagree on real SDLs, and the console must give chain-sdk's verdict.
 */
describe("YAML read the way chain-sdk reads it", () => {
  const withArgs = (lines: string) => GOOD.replace("    image: nginx:1.27\n", `    image: nginx:1.27\n    args:\n${lines}`);

  it("an unquoted date is a timestamp, not text (js-yaml's default schema; `yaml`'s core schema keeps a string)", () => {
    const result = checkSdl(withArgs("      - 2024-01-01\n"));
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "wrong-type", line: 7 });
    expect(result.diagnostics[0]!.message).toMatch(/args #1 should be text/);
  });

  it("a quoted scalar continued at the item's indentation is accepted (js-yaml is lenient; `yaml` reports a missing quote)", () => {
    const result = checkSdl(withArgs("      - 'echo one;\n      echo two'\n"));
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
