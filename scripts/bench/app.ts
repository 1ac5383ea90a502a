/**
 * bench:app — builds the app and measures a first visit to `/` in headless Chromium:
 * the JavaScript and CSS it downloads (gzip sizes, as a server with compression would send them)
 * and the time until the page is usable (shell + navigation + page heading rendered).
 * Target: ≤ 250 KB gzip of JS on first load.
 */
import { gzipSync } from "node:zlib";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../serve/build-app.ts";
import { startStaticServer } from "../serve/static-server.ts";
import { launchChromium, requireChromium } from "../chromium.ts";

const JS_BUDGET_KB = 250;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Asset {
  url: string;
  type: "js" | "css";
  raw: number;
  gzip: number;
}

async function main() {
  requireChromium("npm run bench:app");
  const outDir = await mkdtemp(join(tmpdir(), "bench-app-"));
  const started = Date.now();
  await buildApp({ outDir, force: true, quiet: true });
  const buildMs = Date.now() - started;
  // No /config.json: the built-in Devnet defaults are used; the page must be usable whether or not a node answers.
  const server = await startStaticServer({ root: outDir });
  const browser = await launchChromium();
  try {
    let assets: Asset[] = [];
    const usableTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen: Asset[] = [];
      page.on("response", async (response) => {
        const url = response.url();
        if (!url.startsWith(server.url)) return;
        const type = /\.m?js(\?|$)/.test(url) ? "js" : /\.css(\?|$)/.test(url) ? "css" : null;
        if (!type) return;
        const body = await response.body().catch(() => null);
        if (body) seen.push({ url: url.slice(server.url.length), type, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
      });
      const t0 = Date.now();
      await page.goto(`${server.url}/`, { waitUntil: "commit" });
      await page.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
      await page.getByRole("navigation", { name: "Main" }).first().waitFor({ state: "attached" });
      usableTimes.push(Date.now() - t0);
      await page.waitForLoadState("networkidle");
      if (run === 0) assets = seen;
      await context.close();
    }
    const sum = (type: Asset["type"], key: "raw" | "gzip") => assets.filter((a) => a.type === type).reduce((n, a) => n + a[key], 0);
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const median = [...usableTimes].sort((a, b) => a - b)[Math.floor(usableTimes.length / 2)]!;
    console.log(`bench:app — first visit to / (vite build ${(buildMs / 1000).toFixed(1)} s)`);
    console.log("");
    for (const asset of [...assets].sort((a, b) => b.gzip - a.gzip)) {
      console.log(`  ${asset.type.padEnd(3)} ${kb(asset.gzip).padStart(7)} KB gzip ${kb(asset.raw).padStart(8)} KB raw  ${asset.url}`);
    }
    console.log("");
    console.log(`JS  first load: ${kb(sum("js", "gzip"))} KB gzip (${kb(sum("js", "raw"))} KB raw) in ${assets.filter((a) => a.type === "js").length} files — budget ${JS_BUDGET_KB} KB gzip: ${sum("js", "gzip") / 1024 <= JS_BUDGET_KB ? "OK" : "OVER"}`);
    console.log(`CSS first load: ${kb(sum("css", "gzip"))} KB gzip (${kb(sum("css", "raw"))} KB raw)`);
    console.log(`Time to usable page (headless Chromium, cold cache, median of ${RUNS}): ${median} ms  [runs: ${usableTimes.join(", ")} ms]`);
  } finally {
    await browser.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
