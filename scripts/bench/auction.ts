/**
 * bench:auction — the live auction as a user sees it, over N deployments (default 20) on a devnet on
 * free ports, in headless Chromium driving the built app:
 *  - bid on screen: from the bid's block being committed to its row being drawn. Two references for
 *    "committed": the block header time (proposal time, an upper bound on the latency) and the moment a
 *    Node WebSocket subscriber receives the block (NewBlockHeader), as another client would see it;
 *  - lease committed → manifest received by the provider: from the block that committed MsgCreateLease to the
 *    moment the winning simulated provider had the manifest's PUT body (recorded by the provider itself,
 *    read in-process through RunningProvider.manifestReceivedAt; the stack runs in this process, so both
 *    times come from one clock). "Committed" is again the block header time (the devnet stamps it as it
 *    starts the block, before committing it) and the moment a WebSocket client saw the block. Where the time
 *    goes is shown too: lease block → the browser's manifest PUT to the proxy, and that PUT → the provider;
 *  - accept → URI answers: from clicking "Accept cheapest audited" (tx approved in the wallet dialog,
 *    manifest sent through the proxy) until the lease URI answers HTTP 200 in the browser.
 * Targets (p95): bid on screen within 50 ms of a WebSocket client seeing its block, manifest at the provider
 * within 300 ms of the lease's block (header time); the official
 * console polls bids every 7 s.
 * Env: BENCH_DEPLOYMENTS (20), BENCH_BLOCK_MS (1000), BENCH_DIST (reuse a build).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { Comet38Client, WebsocketClient } from "@cosmjs/tendermint-rpc";
import { startStack } from "../../server/stack.ts";
import { buildApp } from "../serve/build-app.ts";
import { runtimeConfigFor } from "../serve/runtime-config.ts";
import { startStaticServer } from "../serve/static-server.ts";
import { launchChromium, requireChromium } from "../chromium.ts";

const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 20);
const BLOCK_MS = Number(process.env.BENCH_BLOCK_MS ?? 1000);
const PASSWORD = "bench password 123";

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function approveTx(page: Page, title: RegExp) {
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.getByRole("button", { name: "Approve and send" }).click({ timeout: 30_000 });
  // Confirmation is a toast; the dialog steps aside as soon as the tx is in a block.
  await dialog.waitFor({ state: "hidden", timeout: 60_000 });
  await page.locator("[data-sonner-toast]").filter({ has: page.getByTestId("tx-confirmed") }).filter({ hasText: title }).last().waitFor({ timeout: 10_000 });
}

async function navigate(page: Page, path: string) {
  // In-app navigation keeps the built-in wallet unlocked (a reload would lock it).
  // (Page scripts are strings: this file is type-checked without the DOM library.)
  await page.evaluate(`history.pushState({}, "", ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent("popstate"));`);
}

async function main() {
  requireChromium("npm run bench:auction");
  const dataDir = await mkdtemp(join(tmpdir(), "bench-auction-"));
  const outDir = process.env.BENCH_DIST ?? (await mkdtemp(join(tmpdir(), "bench-auction-dist-")));
  console.log(`Starting the devnet (${BLOCK_MS} ms blocks) and building the app…`);
  const [stack] = await Promise.all([
    startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0, proxy: 0 }, blockMs: BLOCK_MS, log: () => {} }),
    buildApp({ outDir, quiet: true }),
  ]);
  const server = await startStaticServer({ root: outDir, config: runtimeConfigFor(stack, BLOCK_MS) });

  // Block commit as a WebSocket client sees it: height → receive time.
  const blockSeenAt = new Map<number, number>();
  const blockTime = new Map<number, number>();
  const comet = Comet38Client.create(new WebsocketClient(stack.rpcUrl.replace(/^http/, "ws")));
  comet.subscribeNewBlockHeader().subscribe({
    next: (header) => {
      blockSeenAt.set(header.height, Date.now());
      blockTime.set(header.height, header.time.getTime());
    },
    error: () => {},
    complete: () => {},
  });

  const browser = await launchChromium();
  const fromHeader: number[] = [];
  const fromClient: number[] = [];
  const firstBidFromHeader: number[] = [];
  const bidPushFromClient: number[] = [];
  const bidPushToDrawn: number[] = [];
  // Bids the page drew without their event reaching it (read over REST: the subscription was not live yet).
  const viaRest = new Set<string>();
  const acceptToUri: number[] = [];
  const manifestFromHeader: number[] = [];
  const manifestFromClient: number[] = [];
  const putFromHeader: number[] = [];
  const putToProvider: number[] = [];
  const pushFromHeader: number[] = [];
  const pushToPut: number[] = [];
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // When the browser sent each manifest PUT through the proxy (request start, browser clock = this machine's).
    const manifestPutAt = new Map<string, number>();
    // Every manifest PUT's answer, by dseq (a retried PUT shows as several).
    const manifestAnswers = new Map<string, string[]>();
    page.on("requestfinished", (request) => {
      if (request.method() !== "POST" || !stack.proxyUrl || !request.url().startsWith(stack.proxyUrl)) return;
      const target = /\/deployment\/(\d+)\/manifest"/.exec(request.postData() ?? "");
      if (!target) return;
      const dseq = target[1]!;
      if (!manifestPutAt.has(dseq)) manifestPutAt.set(dseq, request.timing().startTime);
      void request.response().then((response) => {
        const timing = request.timing();
        manifestAnswers.set(dseq, [...(manifestAnswers.get(dseq) ?? []), `${response?.status() ?? "no answer"} in ${Math.round(timing.responseEnd)} ms`]);
      });
    });
    // When the page's WebSocket received the push confirming each accept tx (its lease's block), by dseq, taken in
    // the page (this process's event loop also runs the devnet, so its own timestamps may lag): the part of
    // "lease block → PUT" spent before the browser knew, and the part spent in the app after it. The listener is
    // added before the app's own, so app work does not delay it.
    // Likewise each bid's event, by "dseq|gseq/oseq/provider/bseq": splits "bid on screen" into the node's push and the
    // app's work after it.
    await page.addInitScript(`(() => {
      const pushed = (window.__leasePushAt = {});
      const bidPushed = (window.__bidPushAt = {});
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          this.addEventListener("message", (event) => {
            const text = event.data;
            if (typeof text === "string" && text.includes("EventBidCreated")) {
              const at = Date.now();
              try {
                const ids = JSON.parse(text).result?.events?.["akash.market.v1.EventBidCreated.id"] ?? [];
                for (const raw of ids) {
                  const id = JSON.parse(raw);
                  const key = id.dseq + "|" + id.gseq + "/" + id.oseq + "/" + id.provider + "/" + id.bseq;
                  if (!(key in bidPushed)) bidPushed[key] = at;
                }
              } catch {}
            }
            if (typeof text !== "string" || !text.includes("tx.hash=") || !text.includes("EventLeaseCreated")) return;
            const dseq = /\\\\"dseq\\\\":\\\\"(\\d+)\\\\"/.exec(text);
            if (dseq && !(dseq[1] in pushed)) pushed[dseq[1]] = Date.now();
          });
        }
      };
    })()`);
    await page.goto("/account");
    await page.getByRole("status", { name: "Node status" }).getByText(/Block \d/).waitFor();

    // Wallet: built-in, funded from the faucet, with enough ACT for every deposit and lease.
    await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).click();
    await page.getByRole("dialog", { name: "Connect a wallet" }).getByRole("button", { name: /Built-in devnet wallet/ }).click();
    const builtin = page.getByRole("dialog", { name: "Built-in devnet wallet" });
    await builtin.getByRole("button", { name: "Generate recovery phrase" }).click();
    await builtin.getByLabel("I have saved my recovery phrase").check();
    await builtin.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await builtin.getByLabel("Confirm password").fill(PASSWORD);
    await builtin.getByRole("button", { name: "Create wallet" }).click();
    await page.getByRole("button", { name: /^Wallet akash1/ }).waitFor();
    await page.getByRole("button", { name: "Fund from faucet" }).click();
    const akt = await waitForBalance(page);
    await page.getByLabel("AKT to burn").fill(String(Math.floor(akt * 0.8)));
    await page.getByRole("button", { name: "Mint ACT" }).click();
    await approveTx(page, /Mint ACT with/);

    // Records when each bid row is first drawn (a MutationObserver in the page).
    await page.evaluate(`(() => {
      const seen = (window.__bidDrawnAt = {});
      new MutationObserver(() => {
        for (const row of document.querySelectorAll("[data-bid-key]")) {
          const key = location.pathname + "|" + row.dataset.bidKey;
          seen[key] ??= Date.now();
        }
      }).observe(document.body, { childList: true, subtree: true });
    })()`);

    for (let i = 0; i < DEPLOYMENTS; i++) {
      await navigate(page, "/deploy?template=nginx-static-site");
      const deploy = page.getByRole("button", { name: "Deploy", exact: true, disabled: false });
      await deploy.click();
      const review = page.getByRole("dialog", { name: "Review deployment" });
      await review.getByRole("button", { name: "Create deployment", disabled: false }).click();
      await approveTx(page, /Create deployment/);
      await page.waitForURL(/\/deployments\/\d+\/bids$/);
      const dseq = /deployments\/(\d+)\/bids/.exec(page.url())![1]!;
      // Wait for all five providers' bids (the slow provider bids last).
      await page.locator("[data-bid-key]").nth(4).waitFor({ timeout: 60_000 });

      const bids = (await (await fetch(`${stack.restUrl}/akash/market/v1beta5/bids/list?filters.owner=${encodeURIComponent(await ownerOf(page))}&filters.dseq=${dseq}`)).json()) as {
        bids: Array<{ bid: { id: { gseq: number; oseq: number; provider: string; bseq: number }; created_at: string } }>;
      };
      const drawn = (await page.evaluate("window.__bidDrawnAt")) as Record<string, number>;
      const bidPushedAt = (await page.evaluate("window.__bidPushAt")) as Record<string, number>;
      const perDeployment: number[] = [];
      for (const { bid } of bids.bids) {
        const key = `/deployments/${dseq}/bids|${bid.id.gseq}/${bid.id.oseq}/${bid.id.provider}/${bid.id.bseq}`;
        const at = drawn[key];
        const height = Number(bid.created_at);
        if (!at) continue;
        const header = blockTime.get(height) ?? (await headerTime(stack.restUrl, height));
        const seen = blockSeenAt.get(height);
        fromHeader.push(at - header);
        perDeployment.push(at - header);
        if (seen) fromClient.push(at - seen);
        const pushedAt = bidPushedAt[`${dseq}|${bid.id.gseq}/${bid.id.oseq}/${bid.id.provider}/${bid.id.bseq}`];
        if (pushedAt === undefined) viaRest.add(`${dseq}|${bid.id.provider}`);
        if (pushedAt !== undefined) {
          if (seen) bidPushFromClient.push(pushedAt - seen);
          bidPushToDrawn.push(at - pushedAt);
        }
      }
      firstBidFromHeader.push(Math.min(...perDeployment));

      const t0 = Date.now();
      await page.getByRole("button", { name: "Accept cheapest audited" }).click();
      await approveTx(page, /Accept bid from/);
      await page.locator('[data-step="ready"][data-done]').first().waitFor({ timeout: 60_000 });
      const uri = (await page.getByTestId("lease-uri").first().textContent())!;
      const site = await context.newPage();
      for (;;) {
        const response = await site.goto(uri.includes("://") ? uri : `http://${uri}`).catch(() => null);
        if (response?.status() === 200) break;
        await site.waitForTimeout(50);
      }
      acceptToUri.push(Date.now() - t0);
      await site.close();

      const owner = await ownerOf(page);
      const { leases } = (await (await fetch(`${stack.restUrl}/akash/market/v1beta5/leases/list?filters.owner=${encodeURIComponent(owner)}&filters.dseq=${dseq}&filters.state=active`)).json()) as {
        leases: Array<{ lease: { id: { owner: string; dseq: string; gseq: number; oseq: number; provider: string }; created_at: string } }>;
      };
      const manifestNotes: string[] = [];
      for (const { lease } of leases) {
        const receivedAt = stack.providers.find((p) => p.address === lease.id.provider)?.manifestReceivedAt(lease.id);
        const height = Number(lease.created_at);
        const header = blockTime.get(height) ?? (await headerTime(stack.restUrl, height));
        const seen = blockSeenAt.get(height);
        const putAt = manifestPutAt.get(dseq);
        if (receivedAt === undefined) {
          manifestNotes.push(`lease ${lease.id.gseq}/${lease.id.oseq}: the provider has no manifest receipt`);
          continue;
        }
        manifestFromHeader.push(receivedAt - header);
        if (seen) manifestFromClient.push(receivedAt - seen);
        if (putAt !== undefined) {
          putFromHeader.push(putAt - header);
          putToProvider.push(receivedAt - putAt);
        }
        const pushedAt = ((await page.evaluate("window.__leasePushAt")) as Record<string, number>)[dseq];
        if (pushedAt !== undefined) {
          pushFromHeader.push(pushedAt - header);
          if (putAt !== undefined) pushToPut.push(putAt - pushedAt);
        }
        const answers = manifestAnswers.get(dseq) ?? [];
        manifestNotes.push(`manifest at the provider ${receivedAt - header} ms after the lease block${putAt === undefined ? "" : ` (PUT sent at +${Math.round(putAt - header)} ms; ${answers.length === 1 ? "answer" : "answers"} ${answers.join(", ")})`}`);
      }
      console.log(`deployment ${i + 1}/${DEPLOYMENTS} dseq ${dseq}: bids drawn ${bids.bids.filter((b) => drawn[`/deployments/${dseq}/bids|${b.bid.id.gseq}/${b.bid.id.oseq}/${b.bid.id.provider}/${b.bid.id.bseq}`]).map((b, j) => `${perDeployment[j]} ms${viaRest.has(`${dseq}|${b.bid.id.provider}`) ? " (not pushed)" : ""}`).join(", ")} after their block; ${manifestNotes.join("; ")}; accept → URI ${acceptToUri.at(-1)} ms`);
    }
  } finally {
    await browser.close();
    comet.disconnect();
    await server.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (!process.env.BENCH_DIST) await rm(outDir, { recursive: true, force: true });
  }

  const line = (label: string, values: number[]) => console.log(`${label.padEnd(62)} n=${String(values.length).padStart(3)}  p50 ${String(Math.round(percentile(values, 50))).padStart(6)} ms  p95 ${String(Math.round(percentile(values, 95))).padStart(6)} ms  max ${String(Math.round(Math.max(...values))).padStart(6)} ms`);
  console.log(`\nbench:auction — ${DEPLOYMENTS} deployments, ${BLOCK_MS} ms blocks, 5 simulated providers`);
  line("bid drawn after its block header time (upper bound)", fromHeader);
  line("bid drawn after a WS client saw the block committed", fromClient);
  line("  of which: WS client saw the block → bid event in the page", bidPushFromClient);
  line("  of which: bid event in the page → bid row drawn", bidPushToDrawn);
  line("first bid per deployment, after its block header time", firstBidFromHeader);
  line("lease committed (block header time) → manifest at provider", manifestFromHeader);
  line("lease committed (WS client saw block) → manifest at provider", manifestFromClient);
  line("  of which: lease block header time → browser sends PUT", putFromHeader);
  line("    lease block header time → browser gets the tx pushed", pushFromHeader);
  line("    tx pushed to the browser → browser sends PUT", pushToPut);
  line("  of which: browser sends PUT → manifest at provider", putToProvider);
  line("click accept → lease URI answers HTTP 200", acceptToUri);
  const p95 = percentile(fromClient.length ? fromClient : fromHeader, 95);
  console.log(`Target: bid on screen ≤ 50 ms after its block → ${p95 <= 50 ? "met" : "NOT met"} (p95 ${Math.round(p95)} ms). The official console polls bids every 7 s.`);
  // The header time is the conservative reference: it precedes the commit, so the figure can only be larger.
  const manifestP95 = percentile(manifestFromHeader, 95);
  console.log(
    `Target: manifest at the provider ≤ 300 ms after the lease's block (header time) → ${manifestP95 <= 300 ? "met" : "NOT met"} (p95 ${Math.round(manifestP95)} ms; receive time recorded by the provider).`,
  );
}

/** Polls the AKT balance until the faucet's credit shows (a waitForFunction predicate would need eval, which the app's CSP forbids). */
async function waitForBalance(page: Page): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = await page.getByTestId("balance-akt").textContent({ timeout: 1000 }).catch(() => null);
    const akt = Number(text?.replace(/,/g, "") ?? 0);
    if (akt > 0) return akt;
    if (Date.now() > deadline) throw new Error("no AKT from the faucet within 30 s");
    await page.waitForTimeout(200);
  }
}

async function ownerOf(page: Page): Promise<string> {
  const label = await page.getByRole("button", { name: /^Wallet akash1/ }).getAttribute("aria-label");
  return label!.replace("Wallet ", "");
}

async function headerTime(restUrl: string, height: number): Promise<number> {
  const body = (await (await fetch(`${restUrl}/cosmos/base/tendermint/v1beta1/blocks/${height}`)).json()) as { block: { header: { time: string } } };
  return Date.parse(body.block.header.time);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
