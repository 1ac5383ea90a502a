/**
 * bench:first-load — the JavaScript a first visit to `/` downloads (gzip), per chunk and what is in it, in a few
 * seconds and without the 1,000-lease history of bench:spend. Budget: ≤ 200 KB gzip (issue 13).
 *
 *  1. Static: `vite build` (a temp dir) with a plugin that records each chunk's code and modules; the first load is
 *     the entry and every chunk it imports statically (what index.html loads and modulepreloads). Each chunk is
 *     listed with its gzip size and its largest modules, so what forces a library onto the first load is visible.
 *  2. In Chromium (skipped with --static): the built app served against an in-memory devnet; `/` is opened with a
 *     cold cache and every JS file fetched until the network is idle is counted (the static set plus what the
 *     page imports dynamically at once, e.g. lazy components rendered on Home). bench:spend counts the same way.
 *
 * Flags: --static (no Chromium, no devnet), --modules N (modules shown per chunk; default 4).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "vite";
import { startDevnet } from "../../server/devnet/index.ts";
import { startStaticServer } from "../serve/static-server.ts";
import { launchChromium, requireChromium } from "../chromium.ts";
import { REPO_ROOT } from "../serve/build-app.ts";

const BUDGET_KB = 200;
const args = process.argv.slice(2);
const STATIC_ONLY = args.includes("--static");
const MODULES_SHOWN = Number(args[args.indexOf("--modules") + 1] ?? 4) || 4;

interface ChunkInfo {
  fileName: string;
  isEntry: boolean;
  imports: string[];
  gzip: number;
  /** Module id → bytes it takes in the chunk's minified code. */
  modules: Record<string, number>;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const gzip = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length;

/** "node_modules/@cosmjs/crypto/build/bip39.js" → "@cosmjs/crypto"; app files keep their path under the repo. */
function owner(id: string): string {
  const nm = id.lastIndexOf("node_modules/");
  if (nm < 0) return id.startsWith(REPO_ROOT) ? id.slice(REPO_ROOT.length + 1) : id.trim();
  const parts = id.slice(nm + "node_modules/".length).split("/");
  return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function captureChunks(into: Map<string, ChunkInfo>): Plugin {
  return {
    name: "bench-first-load-capture",
    generateBundle(_options, bundle) {
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type !== "chunk") continue;
        const modules: Record<string, number> = {};
        for (const [id, info] of Object.entries(item.modules)) {
          const name = owner(id);
          modules[name] = (modules[name] ?? 0) + info.renderedLength;
        }
        into.set(fileName, { fileName, isEntry: item.isEntry, imports: item.imports, gzip: gzip(item.code), modules });
      }
    },
  };
}

/** The entry chunk and everything it imports statically, in load order. */
function staticFirstLoad(chunks: Map<string, ChunkInfo>): ChunkInfo[] {
  const entry = [...chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error("the build has no entry chunk");
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    for (const dep of chunks.get(fileName)?.imports ?? []) visit(dep);
  };
  visit(entry.fileName);
  return [...seen].map((f) => chunks.get(f)!).filter(Boolean);
}

function printChunks(list: readonly ChunkInfo[]) {
  for (const chunk of [...list].sort((a, b) => b.gzip - a.gzip)) {
    const top = Object.entries(chunk.modules)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MODULES_SHOWN)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(", ");
    console.log(`  ${kb(chunk.gzip).padStart(6)} KB gzip  ${chunk.fileName}${chunk.isEntry ? " (entry)" : ""}  [raw KB: ${top}]`);
  }
}

async function measureInChromium(outDir: string, chunks: Map<string, ChunkInfo>): Promise<number> {
  const devnet = await startDevnet({ dataDir: null, rpcPort: 0, restPort: 0, noFaucet: true, blockMs: 1000 });
  const server = await startStaticServer({ root: outDir, config: { defaultNetwork: "devnet", networks: { devnet: { chainId: devnet.chainId, rpcUrl: devnet.rpcUrl, restUrl: devnet.restUrl, blockTimeMs: 1000 } } } });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: { path: string; gzip: number }[] = [];
    const bodies: Promise<void>[] = [];
    page.on("response", (response) => {
      const url = response.url();
      if (!url.startsWith(server.url) || !/\.m?js(\?|$)/.test(url)) return;
      bodies.push(
        response
          .body()
          .then((body) => void fetched.push({ path: url.slice(server.url.length + 1), gzip: gzip(body) }))
          .catch(() => undefined),
      );
    });
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
    await page.waitForLoadState("networkidle");
    await Promise.all(bodies);
    await context.close();
    const total = fetched.reduce((n, f) => n + f.gzip, 0);
    console.log("");
    console.log(`In Chromium (cold cache, everything until the network is idle): ${kb(total)} KB gzip in ${fetched.length} files`);
    const staticSet = new Set(staticFirstLoad(chunks).map((c) => c.fileName));
    const extra = fetched.filter((f) => !staticSet.has(f.path));
    if (extra.length) {
      console.log("  loaded besides the static set (dynamic imports made on the way to an idle Home):");
      printChunks(extra.map((f) => ({ ...(chunks.get(f.path) ?? { fileName: f.path, isEntry: false, imports: [], modules: {} }), gzip: f.gzip })));
    }
    return total;
  } finally {
    await browser.close();
    await server.close();
    await devnet.stop();
  }
}

async function main() {
  if (!STATIC_ONLY) requireChromium("npm run bench:first-load (or add --static)");
  const outDir = await mkdtemp(join(tmpdir(), "bench-first-load-"));
  try {
    const chunks = new Map<string, ChunkInfo>();
    const started = performance.now();
    await build({ configFile: join(REPO_ROOT, "vite.config.ts"), root: REPO_ROOT, logLevel: "warn", build: { outDir, emptyOutDir: true }, plugins: [captureChunks(chunks)] });
    const buildS = (performance.now() - started) / 1000;

    const first = staticFirstLoad(chunks);
    // Cross-check with what the built index.html actually references.
    const html = await readFile(join(outDir, "index.html"), "utf8");
    const referenced = new Set([...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]!));
    const missing = first.filter((c) => !referenced.has(c.fileName)).map((c) => c.fileName);
    const total = first.reduce((n, c) => n + c.gzip, 0);
    console.log(`bench:first-load — vite build ${buildS.toFixed(1)} s, ${chunks.size} chunks`);
    console.log("");
    console.log(`Static first load of / (entry + modulepreloads): ${kb(total)} KB gzip in ${first.length} chunks`);
    printChunks(first);
    if (missing.length) console.log(`  note: not referenced by index.html: ${missing.join(", ")}`);

    let measured = total;
    if (!STATIC_ONLY) measured = Math.max(total, await measureInChromium(outDir, chunks));
    console.log("");
    const ok = measured / 1024 <= BUDGET_KB;
    console.log(`first-load JS of /: ${kb(measured)} KB gzip — budget ≤ ${BUDGET_KB} KB: ${ok ? "OK" : "OVER"}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
