import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectSdlFiles, runSdlCheck } from "./sdl-check";

const GOOD = readFileSync(join(import.meta.dirname, "../src/features/templates/builtin/nginx-static-site/deploy.yaml"), "utf8");
const AWESOME = join(import.meta.dirname, "../../shared/conformance/awesome-akash");

function run(args: string[], cwd: string) {
  const lines: string[] = [];
  const code = runSdlCheck(args, (l) => lines.push(l), cwd);
  return { code, out: lines.join("\n") };
}

describe("sdl:check", () => {
  const dir = mkdtempSync(join(tmpdir(), "sdl-check-"));
  mkdirSync(join(dir, "nested"));
  writeFileSync(join(dir, "good.yaml"), GOOD);
  writeFileSync(join(dir, "nested", "compose.yml"), GOOD.replace("    image: nginx:1.27-alpine\n", "    image: nginx:1.27-alpine\n    restart: always\n"));
  writeFileSync(join(dir, "nested", "notes.txt"), "not yaml");

  it("passes valid SDLs with a monthly cost and exit 0", () => {
    const { code, out } = run(["good.yaml"], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/✔ good\.yaml — valid — max \$43\.1\d per month/);
  });

  it("walks folders, reports errors with line numbers, exits non-zero", () => {
    const { code, out } = run(["."], dir);
    expect(code).toBe(1);
    expect(out).toContain("✖ nested/compose.yml — invalid");
    expect(out).toMatch(/nested\/compose\.yml:6:5 error: "restart" in service "web" is a docker-compose key/);
    expect(out).toContain("2 SDL file(s): 1 valid, 1 invalid.");
    expect(out).not.toContain("notes.txt");
  });

  it("fails on missing paths and bad usage", () => {
    expect(run(["nope.yaml"], dir).code).toBe(1);
    expect(run([], dir).code).toBe(2);
    expect(run(["--akt-price", "x", "good.yaml"], dir).code).toBe(2);
  });

  it("prints JSON and AKT amounts when asked", () => {
    const { out } = run(["good.yaml", "--json", "--akt-price", "2"], dir);
    const parsed = JSON.parse(out);
    expect(parsed.files[0].valid).toBe(true);
    expect(parsed.files[0].monthly.akt).toBeCloseTo(parsed.files[0].monthly.usd / 2, 6);
  });

  it("checks the built-in templates as valid on a uact-only network", () => {
    const { code, out } = run([join(import.meta.dirname, "../src/features/templates/builtin"), "--require-uact"], dir);
    expect(out).not.toContain("✖");
    expect(code).toBe(0);
  });

  it.skipIf(!existsSync(AWESOME))("gives every awesome-akash SDL a verdict without crashing (skipped when ../shared is absent)", () => {
    const { files } = collectSdlFiles([AWESOME]);
    expect(files.length).toBeGreaterThanOrEqual(385);
    const { out } = run([AWESOME, "--json", "--max-errors", "3"], dir);
    const parsed = JSON.parse(out) as { files: { valid: boolean; errors: { message: string; line: number }[] }[] };
    expect(parsed.files).toHaveLength(files.length);
    const invalid = parsed.files.filter((f) => !f.valid);
    expect(invalid.length).toBeGreaterThanOrEqual(50);
    for (const f of invalid) {
      expect(f.errors.length).toBeGreaterThan(0);
      for (const e of f.errors) {
        expect(e.message).not.toMatch(/Internal error|#\/definitions|\/properties\//);
        expect(e.line).toBeGreaterThanOrEqual(1);
      }
    }
  }, 120_000);
});
