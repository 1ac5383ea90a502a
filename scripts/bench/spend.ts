/**
 * `npm run bench:spend`: the spend dashboard over 1,000 leases and 90 days of blocks.
 *
 * History is made cheaply with a fast-forwarded clock: the devnet runs in this process, and while the history is
 * made `Date.now` (which the devnet stamps its blocks with) runs WARP times faster than real time, starting 90 days
 * ago, until it meets real time, with a block every 20 ms of real time (about 9,000 blocks, 14 virtual minutes
 * apart); from then on blocks come every second at real time. The chain is otherwise the
 * real devnet: signed txs, lazy escrow settlement (with its depletion schedule), the REST gateway the console reads.
 * Ten waves of 100 deployments (each with a bid and a lease) are created over the 90 days; the first 300 are closed
 * part way.
 *
 * Then it measures:
 *  1. loadTeamSpend (lib/spend/load.ts, what the dashboard computes) for the owner: cold (every header fetched) and
 *     warm (the node's answers replayed, headers from the cache, as the dashboard's later refreshes); target ≤ 300 ms
 *     warm; and its two steps apart (now: leases, escrow, burn; period: boundaries and history);
 *  2. time to an interactive /spend dashboard in headless Chromium (the built app served from its own thread, cold
 *     cache; the deployments table rendered, from leases and escrow alone); target ≤ 1.5 s; then until the history is in (the period
 *     figures, from the day boundaries' headers), the requests the page made, and a reload with the headers cached;
 *  3. first-load JS of `/` (gzip), which must stay ≤ 200 KB (the charts are not on the first load).
 *
 * Env: BENCH_LEASES (1000), BENCH_DAYS (90), BENCH_RUNS (3); BENCH_TRACE=1 lists the requests until interactive;
 * BENCH_SCREENSHOT=<dir> saves the page as it is when interactive; BENCH_CHROME_TRACE=<dir> saves a Chromium trace
 * of each cold open (chrome://tracing or the DevTools performance panel read it); BENCH_CPU_PROFILE=<dir> saves the
 * renderer's JavaScript CPU profile of each cold open (DevTools reads .cpuprofile files).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { stringToPath } from "@cosmjs/crypto";
import { SigningStargateClient } from "@cosmjs/stargate";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { MsgCloseDeployment, MsgCreateDeployment, MsgCreateProvider } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { MsgCreateBid, MsgCreateLease } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { startDevnet } from "../../server/devnet/index.ts";
import { DEVNET_ADDRESS, DEVNET_CHAIN_ID, DEVNET_MNEMONIC, PROVIDER_MNEMONIC, providerHdPath } from "../../server/devnet/config.ts";
import { getAccount } from "../../server/devnet/chain/accounts.ts";
import { createAkashRegistry } from "../../server/shared/akash-registry.ts";
import { loadSpendNow, loadSpendPeriod, loadTeamSpend } from "../../src/lib/spend/load.ts";
import { cachedHeaderSource, restHeaderSource } from "../../src/lib/spend/header-source.ts";
import { teamLinkFragment } from "../../src/lib/spend/teams.ts";
import { microString } from "../../src/lib/spend/money.ts";
import { buildApp } from "../serve/build-app.ts";
import { startStaticServerThread } from "../serve/static-server-thread.ts";
import { launchChromium, requireChromium } from "../chromium.ts";

const LEASES = Number(process.env.BENCH_LEASES ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WAVES = 10;
const PROVIDERS = 5;
const CLOSED = Math.floor(LEASES * 0.3);
/** Virtual seconds per real second while the history is made: 90 days in about three minutes of real time. */
const WARP = (DAYS * 86_400) / Number(process.env.BENCH_WARP_SECONDS ?? 180);
const HISTORY_BLOCK_MS = 20;
const FEE = { amount: [{ denom: "uakt", amount: "12500" }], gas: "500000" };
const TARGET = { computeMs: 300, interactiveMs: 1500, firstLoadJsKb: 200 };

const rv = (n: number) => ({ val: new TextEncoder().encode(String(n)) });
const resources = () => ({
  id: 1,
  cpu: { units: rv(500), attributes: [] },
  memory: { quantity: rv(512 * 1024 * 1024), attributes: [] },
  storage: [{ name: "default", quantity: rv(1024 * 1024 * 1024), attributes: [] }],
  gpu: { units: rv(0), attributes: [] },
  endpoints: [{ kind: 0, sequenceNumber: 0 }],
});

/** The warped clock: virtual time runs WARP× from `DAYS` ago until it reaches real time, then is real time. */
function warpClock() {
  const realNow = Date.now.bind(Date);
  const startReal = realNow();
  const startVirtual = startReal - DAYS * 86_400_000;
  const RealDate = Date;
  const warped = () => Math.min(realNow(), startVirtual + (realNow() - startReal) * WARP);
  // `new Date()` too (the devnet's genesis time): a Date with no arguments is the warped now.
  class WarpDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(warped());
      else super(...(args as [string | number | Date]));
    }
    static override now = warped;
  }
  globalThis.Date = WarpDate as DateConstructor;
  return {
    virtualNow: warped,
    caughtUp: () => warped() >= realNow(),
    restore: () => {
      globalThis.Date = RealDate;
      RealDate.now = realNow;
    },
  };
}

async function broadcast(rpcUrl: string, txs: Uint8Array[]): Promise<string[]> {
  const hashes: string[] = [];
  for (let i = 0; i < txs.length; i += 50) {
    const body = JSON.stringify(txs.slice(i, i + 50).map((tx, id) => ({ jsonrpc: "2.0", id, method: "broadcast_tx_sync", params: { tx: Buffer.from(tx).toString("base64") } })));
    let replies: { id: number; result?: { code: number; log: string; hash: string } }[] = [];
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
        replies = (await res.json()) as typeof replies;
        break;
      } catch (e) {
        // A keep-alive connection closed under us; resending is safe (a duplicate is refused as code 19).
        if (attempt >= 3) throw e;
      }
    }
    for (const r of replies.sort((a, b) => a.id - b.id)) {
      if (!r.result || (r.result.code !== 0 && r.result.code !== 19)) throw new Error(`tx refused at CheckTx: ${r.result?.log ?? "no result"}`);
      hashes.push(r.result.hash);
    }
  }
  return hashes;
}

/** The first row of the spend page's deployments table. */
const TABLE_ROW = 'section[aria-labelledby="spend-deployments"] tbody tr';
/** Records (Date.now) when that row is first in the document. A page script is a string: no DOM types here. */
const TABLE_PROBE = `(() => {
  const probe = () => {
    if (window.__spendTableAt || !document.querySelector(${JSON.stringify(TABLE_ROW)})) return;
    window.__spendTableAt = Date.now();
    observer.disconnect();
  };
  const observer = new MutationObserver(probe);
  observer.observe(document, { childList: true, subtree: true });
})()`;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const verdict = (ok: boolean) => (ok ? "OK" : "MISSED");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The node's answers kept in memory and replayed: the devnet serves REST from this same process, so timing
 * loadTeamSpend against it would count the node's own work. Replayed, what is timed is the dashboard's part:
 * parsing the JSON and computing every number (history, runways, burn, forecast, comparison).
 */
function replayingFetch() {
  const real = globalThis.fetch;
  const recorded = new Map<string, { status: number; body: string; headers: [string, string][] }>();
  let replay = false;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (method !== "GET") return real(input, init);
    const kept = recorded.get(url);
    if (replay && kept) return new Response(kept.body, { status: kept.status, headers: kept.headers });
    const res = await real(input, init);
    const body = await res.text();
    recorded.set(url, { status: res.status, body, headers: [...res.headers.entries()] });
    return new Response(body, { status: res.status, headers: res.headers });
  };
  return {
    startReplay: () => {
      replay = true;
    },
    restore: () => {
      globalThis.fetch = real;
    },
  };
}

async function main(): Promise<void> {
  requireChromium("npm run bench:spend");
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-spend-app-"));
  const building = buildApp({ outDir, force: true, quiet: true });
  const clock = warpClock();
  // In memory: the history is made as fast as the chain can settle blocks, without disk writes.
  const devnet = await startDevnet({ dataDir: null, reset: true, rpcPort: 0, restPort: 0, faucetPort: 0, noFaucet: true, blockMs: 1000 });
  const { chain } = devnet;
  // While the history is made, a block every HISTORY_BLOCK_MS of real time (about 9,000 blocks over the 90 days at the
  // default warp), whatever a block costs; then 1 s blocks at real time.
  chain.setBlockInterval(HISTORY_BLOCK_MS);
  try {
    const registry = createAkashRegistry();
    const owner = await SigningStargateClient.offline(await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), { registry });
    const providerWallets = await Promise.all(Array.from({ length: PROVIDERS }, (_, i) => DirectSecp256k1HdWallet.fromMnemonic(PROVIDER_MNEMONIC, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(i))] })));
    const providerSigners = await Promise.all(providerWallets.map((w) => SigningStargateClient.offline(w, { registry })));
    const providers = await Promise.all(providerWallets.map(async (w) => (await w.getAccounts())[0]!.address));
    const sequences = new Map<string, number>();
    const sign = async (client: SigningStargateClient, address: string, typeUrl: string, value: unknown) => {
      const acc = getAccount(chain.queryContext().store, address);
      if (!acc) throw new Error(`no account ${address}`);
      const sequence = sequences.get(address) ?? Number(acc.sequence ?? 0);
      sequences.set(address, sequence + 1);
      return TxRaw.encode(await client.sign(address, [{ typeUrl, value }], FEE, "", { accountNumber: Number(acc.accountNumber), sequence, chainId: DEVNET_CHAIN_ID })).finish();
    };
    /** Sends one phase (each sender's txs in sequence order) and waits until all are in blocks and succeeded. */
    const phase = async (txs: Uint8Array[]) => {
      const hashes = await broadcast(devnet.rpcUrl, txs);
      const results = await Promise.all(hashes.map((h) => chain.waitForTx(h, 120_000)));
      const failed = results.find((r) => !r || r.result.code !== 0);
      if (failed !== undefined) throw new Error(`a tx failed in its block: ${failed?.result.log ?? "timeout"}`);
    };

    const t0 = performance.now();
    await phase(
      await Promise.all(
        providers.map((p, i) =>
          sign(providerSigners[i]!, p, "/akash.provider.v1beta4.MsgCreateProvider", MsgCreateProvider.fromPartial({ owner: p, hostUri: `https://provider${i}.devnet.test:8443`, attributes: [{ key: "region", value: "devnet" }], info: { email: "ops@example.com", website: "" } })),
        ),
      ),
    );
    const perWave = Math.ceil(LEASES / WAVES);
    const created: { dseq: string; provider: string }[] = [];
    const firstVirtual = clock.virtualNow();
    for (let wave = 0; wave < WAVES; wave++) {
      // Each wave starts at its share of the 90 days (virtual time), so leases span the whole range.
      const waveAt = firstVirtual + ((wave * DAYS) / WAVES) * 86_400_000;
      while (clock.virtualNow() < waveAt) await new Promise((r) => setTimeout(r, 20));
      const batch = Array.from({ length: Math.min(perWave, LEASES - created.length) }, (_, i) => ({ dseq: String(chain.latestHeight() * 10_000 + i), provider: providers[(created.length + i) % PROVIDERS]! }));
      const deployments: Uint8Array[] = [];
      for (const d of batch) {
        deployments.push(
          await sign(owner, DEVNET_ADDRESS, "/akash.deployment.v1beta4.MsgCreateDeployment", MsgCreateDeployment.fromPartial({
            id: { owner: DEVNET_ADDRESS, dseq: d.dseq },
            groups: [{ name: "dcloud", requirements: { signedBy: { allOf: [], anyOf: [] }, attributes: [] }, resources: [{ resource: resources(), count: 1, price: { denom: "uact", amount: "100" } }] }],
            hash: new Uint8Array(32).fill(7),
            deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [Source.balance] },
          })),
        );
      }
      await phase(deployments);
      const bids: Uint8Array[] = [];
      for (const [i, d] of batch.entries()) {
        const p = providers.indexOf(d.provider);
        bids.push(
          await sign(providerSigners[p]!, d.provider, "/akash.market.v1beta5.MsgCreateBid", MsgCreateBid.fromPartial({
            id: { owner: DEVNET_ADDRESS, dseq: d.dseq, gseq: 1, oseq: 1, provider: d.provider, bseq: 0 },
            price: { denom: "uact", amount: String(40 + (i % 20)) },
            deposit: { amount: { denom: "uact", amount: "500000" }, sources: [Source.balance] },
            resourcesOffer: [{ resources: resources(), count: 1 }],
          })),
        );
      }
      await phase(bids);
      const leases: Uint8Array[] = [];
      for (const d of batch) {
        leases.push(await sign(owner, DEVNET_ADDRESS, "/akash.market.v1beta5.MsgCreateLease", MsgCreateLease.fromPartial({ bidId: { owner: DEVNET_ADDRESS, dseq: d.dseq, gseq: 1, oseq: 1, provider: d.provider, bseq: 0 } })));
      }
      await phase(leases);
      created.push(...batch);
      // Half way through the history, the first deployments close (they count only in the days they ran).
      if (wave === WAVES / 2) {
        const closes: Uint8Array[] = [];
        for (const d of created.slice(0, CLOSED)) closes.push(await sign(owner, DEVNET_ADDRESS, "/akash.deployment.v1beta4.MsgCloseDeployment", MsgCloseDeployment.fromPartial({ id: { owner: DEVNET_ADDRESS, dseq: d.dseq } })));
        await phase(closes);
      }
    }
    while (!clock.caughtUp()) await new Promise((r) => setTimeout(r, 50));
    chain.setBlockInterval(1000);
    // Real time from here: a few 1 s blocks so the measured block time is the real one.
    const caughtUpAt = chain.latestHeight();
    while (chain.latestHeight() < caughtUpAt + 3) await new Promise((r) => setTimeout(r, 100));
    clock.restore();
    const madeS = (performance.now() - t0) / 1000;
    console.log(`bench:spend — ${created.length} leases (${CLOSED} closed) over ${DAYS} days, ${chain.latestHeight()} blocks, made in ${madeS.toFixed(0)} s`);
    console.log("");

    // 1. The dashboard's numbers.
    // One header cache for every run, as the dashboard keeps one per network (shared/chain-data/spend-headers).
    const options = { restUrl: devnet.restUrl, addresses: [DEVNET_ADDRESS], rangeDays: DAYS, headerSource: cachedHeaderSource(restHeaderSource(devnet.restUrl)) };
    const net = replayingFetch();
    let t = performance.now();
    const cold = await loadTeamSpend(options);
    const coldMs = performance.now() - t;
    net.startReplay();
    const compute: number[] = [];
    const steps: { now: number; period: number }[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      t = performance.now();
      const now = await loadSpendNow(options);
      const nowMs = performance.now() - t;
      await loadSpendPeriod(now, options);
      // The first replay warms the JIT.
      if (i > 0) {
        compute.push(performance.now() - t);
        steps.push({ now: nowMs, period: performance.now() - t - nowMs });
      }
    }
    net.restore();
    const computeMs = median(compute);
    const total = Object.entries(cold.range.total).map(([denom, v]) => `${microString(v)} ${denom}`).join(", ");
    const bound = Object.entries(cold.range.errorBound).map(([denom, v]) => `${microString(v)} ${denom}`).join(", ");
    console.log(`loadTeamSpend: ${cold.leases.length} leases, ${cold.deployments.length} deployments, ${cold.headerFetches} block headers fetched; spent over the ${DAYS} days ${total} (± ${bound || "0"})`);
    console.log(`  with the node (this process serves REST too): ${coldMs.toFixed(0)} ms`);
    console.log(`  compute (node answers replayed, headers cached, median of ${RUNS}): ${computeMs.toFixed(0)} ms — target ≤ ${TARGET.computeMs} ms: ${verdict(computeMs <= TARGET.computeMs)}`);
    console.log(`    now (parse leases, deployments, balances; runways, burn): ${median(steps.map((x) => x.now)).toFixed(0)} ms; period (boundaries, history, previous period, month): ${median(steps.map((x) => x.period)).toFixed(0)} ms`);

    // The node's own answer times for the page's two big lists, with nothing else running: what a page waits for
    // at least, whatever it does.
    const listTimes = async (pathAndQuery: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t1 = performance.now();
        const response = await fetch(`${devnet.restUrl}${pathAndQuery}`);
        await response.arrayBuffer();
        times.push(performance.now() - t1);
      }
      return median(times);
    };
    const depMs = await listTimes(`/akash/deployment/v1beta4/deployments/list?filters.owner=${DEVNET_ADDRESS}&pagination.limit=1000`);
    const leaseMs = await listTimes(`/akash/market/v1beta5/leases/list?filters.owner=${DEVNET_ADDRESS}&pagination.limit=1000`);
    console.log(`  the node alone (median of 5): deployments/list ${depMs.toFixed(0)} ms, leases/list ${leaseMs.toFixed(0)} ms`);

    // 2 and 3. The built app in Chromium.
    const build = await building;
    // On its own thread: the app's files do not wait behind the node settling 1,000 leases a block.
    const server = await startStaticServerThread({ root: build.outDir, config: { defaultNetwork: "devnet", networks: { devnet: { chainId: devnet.chainId, rpcUrl: devnet.rpcUrl, restUrl: devnet.restUrl, blockTimeMs: 1000 } } } });
    const browser = await launchChromium();
    try {
      const team = { version: 1 as const, name: "Bench", members: [{ address: DEVNET_ADDRESS, label: "owner" }] };
      const interactive: number[] = [];
      const historyIn: number[] = [];
      let requests = 0;
      let chainRequests = 0;
      let headerRequests = 0;
      let reload: { interactiveMs: number; historyMs: number; headerRequests: number } | null = null;
      const isHeader = (url: string) => /\/cosmos\/base\/tendermint\/v1beta1\/blocks\/\d+$/.test(url);
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext();
        await context.addInitScript(TABLE_PROBE);
        const page = await context.newPage();
        let seen = 0;
        let seenChain = 0;
        let seenHeaders = 0;
        page.on("request", (req) => {
          seen++;
          if (req.url().startsWith(devnet.restUrl) || req.url().startsWith(devnet.rpcUrl)) seenChain++;
          if (isHeader(req.url())) seenHeaders++;
        });
        /** Opens /spend; ms until the deployments table has rows, and until the period figures are in. */
        const open = async (url: string) => {
          const start = performance.now();
          // BENCH_TRACE=1: every request until the table is interactive, when it started and how long it took.
          const trace: string[] = [];
          const onDone = (req: import("@playwright/test").Request) => {
            const t = req.timing();
            trace.push(`${(t.startTime - performance.timeOrigin - start).toFixed(0).padStart(6)} ms +${t.responseEnd.toFixed(0).padStart(5)} ms  ${req.url().replace(server.url, "").replace(devnet.restUrl, "[rest]").replace(devnet.rpcUrl, "[rpc]").slice(0, 110)}`);
          };
          if (process.env.BENCH_TRACE) page.on("requestfinished", onDone);
          // BENCH_CHROME_TRACE=<dir>: a Chromium performance trace of each cold open (what the renderer did when).
          const tracePath = process.env.BENCH_CHROME_TRACE && !url.includes("?again") ? path.join(process.env.BENCH_CHROME_TRACE, `spend-${run}.json`) : null;
          if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false });
          // BENCH_CPU_PROFILE=<dir>: the renderer's JavaScript CPU profile of each cold open (a .cpuprofile file).
          const profilePath = process.env.BENCH_CPU_PROFILE && !url.includes("?again") ? path.join(process.env.BENCH_CPU_PROFILE, `spend-${run}.cpuprofile`) : null;
          const cdp = profilePath ? await context.newCDPSession(page) : null;
          if (cdp) {
            await cdp.send("Profiler.enable");
            await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
            await cdp.send("Profiler.start");
          }
          const startedAt = Date.now();
          await page.goto(url, { waitUntil: "commit" });
          // Interactive: the deployments table has its rows. The moment is taken in the page by a MutationObserver
          // (TABLE_PROBE); the bench then waits with a plain CSS query, because a role query re-computes the
          // accessibility tree on every poll and would slow the very page it times.
          await page.waitForSelector(TABLE_ROW, { state: "attached", timeout: 60_000 });
          const interactiveMs = ((await page.evaluate("window.__spendTableAt")) as number) - startedAt;
          if (tracePath) await browser.stopTracing();
          if (cdp && profilePath) {
            const { profile } = await cdp.send("Profiler.stop");
            fs.writeFileSync(profilePath, JSON.stringify(profile));
            await cdp.detach();
          }
          // BENCH_SCREENSHOT=<dir>: the page as it is when it becomes interactive (history perhaps still loading).
          if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: path.join(process.env.BENCH_SCREENSHOT, `spend-interactive-${run}.png`), fullPage: true });
          if (process.env.BENCH_TRACE) {
            page.off("requestfinished", onDone);
            console.log(`  trace to interactive (${interactiveMs.toFixed(0)} ms):\n${trace.sort().map((l) => `    ${l}`).join("\n")}`);
          }
          await page.locator('section[aria-labelledby="spend-period"]', { hasText: "Spent in range" }).waitFor({ state: "visible", timeout: 120_000 });
          return { interactiveMs, historyMs: performance.now() - start };
        };
        const first = await open(`${server.url}/spend#${teamLinkFragment(team)}`);
        interactive.push(first.interactiveMs);
        historyIn.push(first.historyMs);
        await page.waitForLoadState("networkidle").catch(() => undefined);
        if (run === 0) {
          requests = seen;
          chainRequests = seenChain;
          headerRequests = seenHeaders;
          // A reload: the team is saved and the headers cached in this browser (the cache is written a second later).
          await page.waitForTimeout(1500);
          const before = seenHeaders;
          // The link again (the team is selected from it); the query string makes it a new document, not a hash change.
          const again = await open(`${server.url}/spend?again#${teamLinkFragment(team)}`);
          if (!(await page.getByLabel("Wallet or team").inputValue()).startsWith("team:")) throw new Error("the team was not kept across the reload");
          reload = { ...again, headerRequests: seenHeaders - before };
        }
        await context.close();
      }
      const interactiveMs = median(interactive);
      console.log(`/spend in Chromium (cold cache, median of ${RUNS}): interactive in ${interactiveMs.toFixed(0)} ms [runs: ${interactive.map((x) => x.toFixed(0)).join(", ")}] — target ≤ ${TARGET.interactiveMs} ms: ${verdict(interactiveMs <= TARGET.interactiveMs)}`);
      console.log(`  history in (period figures and chart data): ${median(historyIn).toFixed(0)} ms [runs: ${historyIn.map((x) => x.toFixed(0)).join(", ")}]`);
      console.log(`  requests made by the page: ${requests} (${chainRequests} to the node, ${headerRequests} of them block headers)`);
      if (reload) console.log(`  reload with the headers cached: interactive in ${reload.interactiveMs.toFixed(0)} ms, history in ${reload.historyMs.toFixed(0)} ms, ${reload.headerRequests} block headers fetched`);

      const context = await browser.newContext();
      const page = await context.newPage();
      const js: { url: string; gzip: number }[] = [];
      page.on("response", async (response) => {
        const url = response.url();
        if (!url.startsWith(server.url) || !/\.m?js(\?|$)/.test(url)) return;
        const body = await response.body().catch(() => null);
        if (body) js.push({ url: url.slice(server.url.length), gzip: gzipSync(body, { level: 9 }).length });
      });
      await page.goto(`${server.url}/`);
      await page.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
      await page.waitForLoadState("networkidle").catch(() => undefined);
      await context.close();
      const firstLoad = js.reduce((n, a) => n + a.gzip, 0);
      const charts = js.filter((a) => /chart|recharts|spend/i.test(a.url)).map((a) => a.url);
      for (const a of [...js].sort((x, y) => y.gzip - x.gzip).slice(0, 8)) console.log(`  ${kb(a.gzip).padStart(7)} KB gzip  ${a.url}`);
      console.log(`first-load JS of /: ${kb(firstLoad)} KB gzip in ${js.length} files — budget ≤ ${TARGET.firstLoadJsKb} KB: ${verdict(firstLoad / 1024 <= TARGET.firstLoadJsKb)}; chart/spend chunks on it: ${charts.length ? charts.join(", ") : "none"}`);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    clock.restore();
    await devnet.stop();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
