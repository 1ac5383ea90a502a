/**
 * bench:sdl — SDL validation speed.
 *  1. Node: `checkSdl` (chain-sdk generateManifest + line mapping, the code the editor's worker runs)
 *     on a generated 2,000-line SDL; and how fast a 5 MB paste is refused.
 *  2. Chromium: keystroke → diagnostics rendered in the editor (debounce + worker + render), on a
 *     small SDL and on the 2,000-line one. Target: ≤ 150 ms.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { buildApp } from "../serve/build-app.ts";
import { startStaticServer } from "../serve/static-server.ts";
import { checkSdl } from "../../src/lib/sdl/validate.ts";
import { launchChromium, requireChromium } from "../chromium.ts";

const TARGET_MS = 150;
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 30);

/** A valid SDL of about `lines` lines: many services, each with env, exposes, storage and its own profile. */
export function largeSdl(lines = 2000): string {
  const services: string[] = [];
  const compute: string[] = [];
  const pricing: string[] = [];
  const deployment: string[] = [];
  let n = 0;
  const count = () => 8 + services.length + compute.length + pricing.length + deployment.length;
  while (count() < lines) {
    const name = `svc${n}`;
    services.push(
      `  ${name}:`,
      `    # service ${n}`,
      `    image: nginx:1.27-alpine`,
      `    env:`,
      ...Array.from({ length: 8 }, (_, i) => `      - VAR_${i}=value-${n}-${i}`),
      `    expose:`,
      `      - port: ${8000 + n}`,
      `        as: 80`,
      `        to:`,
      `          - global: true`,
      `      - port: ${9000 + n}`,
      `        to:`,
      `          - service: svc${(n + 1) % 1000}`,
    );
    compute.push(`    ${name}:`, `      resources:`, `        cpu:`, `          units: 0.25`, `        memory:`, `          size: 256Mi`, `        storage:`, `          - size: 1Gi`);
    pricing.push(`        ${name}:`, `          denom: uact`, `          amount: 50`);
    deployment.push(`  ${name}:`, `    dcloud:`, `      profile: ${name}`, `      count: 1`);
    n++;
  }
  return ['version: "2.0"', "services:", ...services, "profiles:", "  compute:", ...compute, "  placement:", "    dcloud:", "      pricing:", ...pricing, "deployment:", ...deployment, ""].join("\n");
}

function stats(values: number[]) {
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))]!;
  return { median: q(0.5), p95: q(0.95), max: v[v.length - 1]!, n: v.length };
}

const fmt = (s: ReturnType<typeof stats>) => `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n=${s.n})`;

function benchNode(sdl: string) {
  for (let i = 0; i < 3; i++) checkSdl(sdl);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const r = checkSdl(sdl, { requireUact: true });
    times.push(performance.now() - t0);
    if (!r.valid) throw new Error(`generated SDL is invalid: ${r.diagnostics[0]?.message}`);
  }
  const broken = sdl.replace("    image: nginx:1.27-alpine\n", "    image: nginx:1.27-alpine\n    restart: always\n");
  const errTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    checkSdl(broken);
    errTimes.push(performance.now() - t0);
  }
  const huge = `# ${"x".repeat(5 * 1024 * 1024)}\n`;
  const t0 = performance.now();
  checkSdl(huge);
  return { valid: stats(times), invalid: stats(errTimes), hugeMs: performance.now() - t0 };
}

/** In-page globals (this file is type-checked without the DOM library). */
type PageGlobals = { __sdlDiagnosticsLatency?: number[]; document: { querySelector(sel: string): { textContent: string | null } | null } };

async function keystrokeLatencies(page: Page, lineText: string, keystrokes: number): Promise<number[]> {
  await page.locator(".monaco-editor .view-line").filter({ hasText: lineText }).first().click();
  await page.keyboard.press("End");
  const out: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const before = await page.evaluate(() => ((globalThis as unknown as PageGlobals).__sdlDiagnosticsLatency ?? []).length);
    await page.keyboard.type(i % 2 ? "a" : "b");
    await page.waitForFunction((n) => ((globalThis as unknown as PageGlobals).__sdlDiagnosticsLatency ?? []).length > n, before, { timeout: 10_000 });
    out.push(await page.evaluate(() => ((globalThis as unknown as PageGlobals).__sdlDiagnosticsLatency ?? []).at(-1)!));
    // Let the debounce window pass so each keystroke is measured on its own.
    await page.waitForTimeout(60);
  }
  return out;
}

async function benchBrowser(sdl: string) {
  const outDir = process.env.BENCH_DIST_DIR ?? (await mkdtemp(join(tmpdir(), "bench-sdl-")));
  await buildApp({ outDir, quiet: true });
  const server = await startStaticServer({ root: outDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/deploy?template=nginx-static-site`);
    const status = page.getByTestId("sdl-status");
    await status.getByText("Valid").waitFor({ timeout: 60_000 });
    const small = await keystrokeLatencies(page, "image: nginx:1.27-alpine", KEYSTROKES);
    await page.getByTestId("import-input").setInputFiles({ name: "large.yaml", mimeType: "text/yaml", buffer: Buffer.from(sdl) });
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="sdl-status"]')?.textContent === "Valid", undefined, { timeout: 60_000 });
    const large = await keystrokeLatencies(page, "# service 0", KEYSTROKES);
    return { small: stats(small), large: stats(large) };
  } finally {
    await browser.close();
    await server.close();
    if (!process.env.BENCH_DIST_DIR) await rm(outDir, { recursive: true, force: true });
  }
}

async function main() {
  requireChromium("npm run bench:sdl");
  const sdl = largeSdl(2000);
  const lines = sdl.split("\n").length;
  console.log(`bench:sdl — generated SDL: ${lines} lines, ${(sdl.length / 1024).toFixed(0)} KB`);
  const node = benchNode(sdl);
  console.log(`node  checkSdl, ${lines}-line valid SDL:   ${fmt(node.valid)}`);
  console.log(`node  checkSdl, ${lines}-line SDL w/ error: ${fmt(node.invalid)}`);
  console.log(`node  5 MB paste refused in ${node.hugeMs.toFixed(2)} ms`);
  if (process.env.BENCH_SKIP_BROWSER === "1") return;
  const browser = await benchBrowser(sdl);
  console.log(`chromium keystroke → diagnostics, small SDL:      ${fmt(browser.small)}`);
  console.log(`chromium keystroke → diagnostics, ${lines}-line SDL: ${fmt(browser.large)}`);
  const ok = browser.small.median <= TARGET_MS && browser.large.median <= TARGET_MS;
  console.log(`target ≤ ${TARGET_MS} ms (median): ${ok ? "met" : "NOT met"}`);
}

if (process.argv[1]?.endsWith("sdl.ts")) main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
