/** Builds the app with Vite once, or reuses dist/ when it is newer than every source file. */
import { spawn } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dirname, "..", "..");

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(path));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

export async function isDistFresh(outDir: string): Promise<boolean> {
  const built = await stat(join(outDir, "index.html")).catch(() => null);
  if (!built) return false;
  const inputs = Math.max(
    await newestMtime(join(REPO_ROOT, "src")),
    await newestMtime(join(REPO_ROOT, "public")),
    (await stat(join(REPO_ROOT, "index.html"))).mtimeMs,
    (await stat(join(REPO_ROOT, "vite.config.ts"))).mtimeMs,
    (await stat(join(REPO_ROOT, "package-lock.json")).catch(() => ({ mtimeMs: 0 }))).mtimeMs,
  );
  return built.mtimeMs > inputs;
}

export async function buildApp({ outDir = join(REPO_ROOT, "dist"), force = false, quiet = false }: { outDir?: string; force?: boolean; quiet?: boolean } = {}): Promise<{ outDir: string; reused: boolean }> {
  // E2E_REUSE_DIST=1: use an existing build as is (e.g. one built earlier in CI).
  const reuseAnyway = process.env.E2E_REUSE_DIST === "1" && (await stat(join(outDir, "index.html")).catch(() => null)) !== null;
  if (!force && (reuseAnyway || (await isDistFresh(outDir)))) return { outDir, reused: true };
  await new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--outDir", outDir, "--emptyOutDir"], {
      cwd: REPO_ROOT,
      stdio: quiet ? ["ignore", "ignore", "pipe"] : "inherit",
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    child.once("error", fail);
    child.once("exit", (code) => (code === 0 ? ok() : fail(new Error(`vite build failed (exit ${code})\n${stderr.slice(-4000)}`))));
  });
  return { outDir, reused: false };
}
