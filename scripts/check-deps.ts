/**
 * `npm run check:deps` (first step of `npm test`): the install cannot rot and carries nothing unused.
 *
 * 1. package.json and package-lock.json agree: the lock's root entry lists exactly package.json's ranges
 *    (offline), and `npm ci --dry-run` accepts the pair against today's registry (a peer range such as
 *    "latest" moving on the registry is caught here, before a newcomer's `npm ci` fails).
 * 2. Every declared dependency is used: imported by the code or configs, run by a script, the types of a
 *    used package, or listed below with the reason it is needed without an import of ours.
 *
 * `--offline` skips the registry check.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { getErrorMessage } from "../src/lib/errors.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Needed although no file of ours imports them. */
const NEEDED_WITHOUT_IMPORT: Record<string, string> = {
  axios: "@cosmos-kit/core imports it (esm/utils/endpoint.js) without declaring it; the browser build uses its fetch adapter",
  jsdom: "the DOM for component tests, named by their `// @vitest-environment jsdom` line rather than imported",
};

const SOURCE_DIRS = ["src", "server", "scripts", "e2e", "test"];
const ROOT_FILES = ["vite.config.ts", "vitest.config.ts", "playwright.config.ts", "eslint.config.js", "index.html"];
const SOURCE_EXT = /\.(ts|tsx|js|mjs|css|html)$/;

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  bin?: string | Record<string, string>;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (SOURCE_EXT.test(e.name)) out.push(path);
  }
  return out;
}

/** Package names a file imports: `from "x"`, `import("x")`, `require("x")`, CSS `@import "x"`, `/// <reference types="x">`. */
export function importedPackages(text: string): Set<string> {
  const found = new Set<string>();
  const re = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|@import\s+|import\s+|types=)["']([^"'./][^"']*)["']/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1]!;
    if (spec.startsWith("node:") || spec.startsWith("@/")) continue;
    const parts = spec.split("/");
    found.add(spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
  }
  return found;
}

async function binNames(name: string): Promise<string[]> {
  try {
    const pkg = JSON.parse(await readFile(join(ROOT, "node_modules", name, "package.json"), "utf8")) as PackageJson & { name: string };
    if (!pkg.bin) return [];
    return typeof pkg.bin === "string" ? [pkg.name.split("/").pop()!] : Object.keys(pkg.bin);
  } catch {
    return [];
  }
}

export function lockDisagreements(pkg: PackageJson, lock: { packages?: Record<string, PackageJson> }): string[] {
  const root = lock.packages?.[""] ?? {};
  const problems: string[] = [];
  for (const field of ["dependencies", "devDependencies"] as const) {
    const want = pkg[field] ?? {};
    const have = root[field] ?? {};
    for (const [name, range] of Object.entries(want)) {
      if (have[name] !== range) problems.push(`${field}.${name}: package.json has "${range}", the lock file ${have[name] ? `has "${have[name]}"` : "does not list it"}`);
    }
    for (const name of Object.keys(have)) if (!(name in want)) problems.push(`${field}.${name}: in the lock file but not in package.json`);
  }
  return problems;
}

async function npmCiDryRun(): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), "check-deps-"));
  try {
    await cp(join(ROOT, "package.json"), join(dir, "package.json"));
    await cp(join(ROOT, "package-lock.json"), join(dir, "package-lock.json"));
    await promisify(execFile)("npm", ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: dir,
      timeout: 180_000,
      maxBuffer: 32 * 1024 * 1024,
      // `npm run -s` passes a silent log level down; the reason npm gives is what this check reports.
      env: { ...process.env, npm_config_loglevel: "error" },
    });
    return null;
  } catch (error) {
    const out = `${(error as { stderr?: string }).stderr ?? ""}\n${(error as { stdout?: string }).stdout ?? ""}`;
    const reason = out.split("\n").find((l) => /Invalid:|Missing:|ERESOLVE|ETARGET|E404|ENOTFOUND|EAI_AGAIN/.test(l)) ?? getErrorMessage(error).split("\n")[0];
    return reason?.replace(/^npm error\s*/, "") ?? "npm ci --dry-run failed";
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  const offline = process.argv.includes("--offline");
  const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as PackageJson;
  const lock = JSON.parse(await readFile(join(ROOT, "package-lock.json"), "utf8")) as { packages?: Record<string, PackageJson> };
  const failures: string[] = [];

  const disagreements = lockDisagreements(pkg, lock);
  if (disagreements.length) failures.push(`package.json and package-lock.json disagree:\n  ${disagreements.join("\n  ")}\n  Fix: run \`npm install\` and commit package-lock.json.`);
  if (!offline) {
    const ci = await npmCiDryRun();
    if (ci) failures.push(`\`npm ci\` would fail on a fresh clone: ${ci}\n  Fix: run \`npm install\`, or pin the moving range with an "overrides" entry in package.json, and commit both files.`);
  }

  const files = [...(await Promise.all(SOURCE_DIRS.map((d) => sourceFiles(join(ROOT, d))))).flat(), ...ROOT_FILES.map((f) => join(ROOT, f))];
  const imported = new Set<string>();
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => "");
    for (const name of importedPackages(text)) imported.add(name);
  }
  const scripts = Object.values(pkg.scripts ?? {}).join(" && ");
  const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  const unused: string[] = [];
  for (const name of declared) {
    if (imported.has(name) || name in NEEDED_WITHOUT_IMPORT) continue;
    const typesOf = name.startsWith("@types/") ? name.slice("@types/".length).replace(/^(.+)__(.+)$/, "@$1/$2") : null;
    if (typesOf && (imported.has(typesOf) || typesOf === "node")) continue;
    const bins = await binNames(name);
    if (bins.some((bin) => new RegExp(`(^|[\\s&|;(])${bin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`).test(scripts))) continue;
    unused.push(name);
  }
  if (unused.length) failures.push(`Declared but not used by any file in ${SOURCE_DIRS.join(", ")} or the configs, nor by a script: ${unused.join(", ")}\n  Fix: \`npm uninstall ${unused.join(" ")}\`, or say in scripts/check-deps.ts why it is needed.`);

  if (failures.length) {
    console.error(`check-deps: ${failures.length} problem${failures.length > 1 ? "s" : ""}\n\n${failures.join("\n\n")}`);
    process.exit(1);
  }
  console.log(`check-deps: package.json and the lock agree${offline ? " (registry check skipped)" : ", npm ci --dry-run passes"}; ${declared.length} dependencies, all used (checked against ${files.length} files).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
