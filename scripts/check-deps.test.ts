import { describe, expect, it } from "vitest";
import { importedPackages, lockDisagreements } from "./check-deps";

describe("check-deps", () => {
  it("finds the packages a file imports, scoped or not, and skips relative, node: and @/ imports", () => {
    const text = [
      'import { a } from "@cosmjs/stargate";',
      'import x from "react-dom/client";',
      'const m = await import("monaco-yaml");',
      'const ws = require("ws");',
      '@import "tailwindcss";',
      'import "./local";',
      'import { readFile } from "node:fs/promises";',
      'import { Button } from "@/components/ui/button";',
    ].join("\n");
    expect([...importedPackages(text)].sort()).toEqual(["@cosmjs/stargate", "monaco-yaml", "react-dom", "tailwindcss", "ws"]);
  });

  it("reports every range where package.json and the lock's root entry differ", () => {
    const pkg = { dependencies: { a: "^1.0.0", b: "^2.0.0" }, devDependencies: { c: "1.0.0" } };
    const lock = { packages: { "": { dependencies: { a: "^1.0.0", b: "^2.1.0", stale: "^1.0.0" }, devDependencies: {} } } };
    expect(lockDisagreements(pkg, lock)).toEqual([
      'dependencies.b: package.json has "^2.0.0", the lock file has "^2.1.0"',
      "dependencies.stale: in the lock file but not in package.json",
      'devDependencies.c: package.json has "1.0.0", the lock file does not list it',
    ]);
    expect(lockDisagreements(pkg, { packages: { "": { dependencies: { a: "^1.0.0", b: "^2.0.0" }, devDependencies: { c: "1.0.0" } } } })).toEqual([]);
  });
});
