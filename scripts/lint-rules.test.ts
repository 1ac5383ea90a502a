/**
 * The layer, cycle and naming rules in eslint.config.js fire: each snippet is linted with the project's own
 * config, as if it were a file at `filePath`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

// The first lint loads the config, the TypeScript parser and the import graph: seconds on a busy 2-core machine.
describe("eslint layer rules", { timeout: 60_000 }, () => {
  it("refuses a feature importing another feature, by alias or by relative path", async () => {
    const { lint, home, other, otherModule } = setup();
    const errors = await lint(
      `src/features/${home}/lint-probe.ts`,
      `import * as viaAlias from "@/features/${other}/${otherModule}";\nimport * as viaRelative from "../${other}/${otherModule}";\nexport const probe = [viaAlias, viaRelative];\n`,
    );
    expect(errors.map((e) => e.ruleId)).toEqual(["import-x/no-restricted-paths", "import-x/no-restricted-paths"]);
    expect(errors[0]!.message).toBe(
      `Unexpected path "@/features/${other}/${otherModule}" imported in restricted zone. A feature may not import another feature; compose them in a route (src/app) or move the shared code to src/shared or src/lib.`,
    );
  });

  it("lets a feature import its own folder, src/shared, src/lib and src/components", async () => {
    const { lint, home } = setup();
    const ownModule = moduleIn(`src/features/${home}`);
    const errors = await lint(
      `src/features/${home}/lint-probe.ts`,
      `import * as own from "./${ownModule}";\nimport * as ui from "@/components/ui/button";\nimport * as lib from "@/lib/format/coins";\nimport * as shared from "@/shared/network/${moduleIn("src/shared/network")}";\nexport const probe = [own, ui, lib, shared];\n`,
    );
    expect(errors).toEqual([]);
  });

  it("refuses src/shared importing a feature", async () => {
    const { lint, other, otherModule } = setup();
    const errors = await lint("src/shared/network/lint-probe.ts", `import * as f from "@/features/${other}/${otherModule}";\nexport const probe = f;\n`);
    expect(errors.map((e) => e.ruleId)).toEqual(["import-x/no-restricted-paths"]);
  });

  it("refuses an import cycle", async () => {
    const { lint } = setup();
    const file = "scripts/fixtures/lint-rules/cycle-a.ts";
    const errors = await lint(file, readFileSync(join(ROOT, file), "utf8"));
    expect(errors.map((e) => e.ruleId)).toEqual(["import-x/no-cycle"]);
    expect(errors[0]!.message).toBe("Dependency cycle detected");
  });

  it("refuses a hand-typed query key (in useQuery, invalidateQueries and setQueryData)", async () => {
    const { lint, home } = setup();
    const errors = await lint(
      `src/features/${home}/lint-probe.ts`,
      `import { useQuery, useQueryClient } from "@tanstack/react-query";\nexport function useProbe() {\n  const client = useQueryClient();\n  void client.invalidateQueries({ queryKey: ["chain", "x"] });\n  client.setQueryData(["chain", "x"], 1);\n  return useQuery({ queryKey: ["chain", "x"], queryFn: () => 1 });\n}\n`,
    );
    expect(errors.map((e) => e.ruleId)).toEqual(["no-restricted-syntax", "no-restricted-syntax", "no-restricted-syntax"]);
    expect(errors[0]!.message).toContain("query-key factory");
  });

  it("refuses React in src/lib", async () => {
    const { lint } = setup();
    const errors = await lint(
      "src/lib/format/lint-probe.ts",
      `import { useState } from "react";\nimport { useQuery } from "@tanstack/react-query";\nexport const probe = [useState, useQuery];\n`,
    );
    expect(errors.map((e) => e.ruleId)).toEqual(["no-restricted-imports", "no-restricted-imports"]);
    expect(errors[0]!.message).toContain("src/lib is React-free");
  });

  it("refuses src/lib importing src/shared", async () => {
    const { lint } = setup();
    const errors = await lint("src/lib/format/lint-probe.ts", `import * as s from "@/shared/network/${moduleIn("src/shared/network")}";\nexport const probe = s;\n`);
    expect(errors.map((e) => e.ruleId)).toEqual(["import-x/no-restricted-paths"]);
  });

  it("refuses a file name that is not kebab-case, and accepts worker and test middle extensions", async () => {
    const { lint } = setup();
    const bad = await lint("src/components/ui/MyButton.tsx", "export const probe = 1;\n");
    expect(bad.map((e) => e.ruleId)).toEqual(["check-file/filename-naming-convention"]);
    expect(await lint("src/features/sdl-editor/lint-probe.worker.ts", "export const probe = 1;\n")).toEqual([]);
    expect(await lint("src/components/ui/lint-probe.test.tsx", "export const probe = 1;\n")).toEqual([]);
  });
});

/** The first module (without extension) in a source folder, so the probes import files that exist. */
function moduleIn(dir: string): string {
  const file = readdirSync(join(ROOT, dir)).find((f) => /^[a-z0-9-]+\.tsx?$/.test(f) && !f.startsWith("index."));
  if (!file) throw new Error(`no module in ${dir}`);
  return file.replace(/\.tsx?$/, "");
}

function setup() {
  const eslint = new ESLint({ cwd: ROOT, ignore: false });
  const features = readdirSync(join(ROOT, "src/features"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const [home, other] = features;
  if (!home || !other) throw new Error("need two features to probe cross-feature imports");
  const lint = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
    return (result?.messages ?? []).filter((m) => m.severity === 2).map(({ ruleId, message }) => ({ ruleId, message }));
  };
  return { lint, home, other, otherModule: moduleIn(`src/features/${other}`) };
}
