/**
 * `npm run alerts` as a process against the devnet with simulated providers, posting to a local webhook receiver:
 * a low-escrow rule fires once (deduplicated across evaluations, retried after a 503), and when the provider closes
 * the lease the closure fires and the escrow alert resolves.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { stringToPath } from "@cosmjs/crypto";
import { LeaseClosedReason } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { startStack, type RunningStack } from "../../server/stack.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC, PROVIDER_ADDRESSES, PROVIDER_MNEMONIC, providerHdPath } from "../../server/devnet/config.ts";
import { prepareManifest } from "../../src/lib/deployment/manifest.ts";
import { buildCreateDeploymentMsg, buildCreateLeaseMsg } from "../../src/lib/deployment/messages.ts";
import { getLatestBlock } from "../../src/lib/chain/blocks.ts";
import { listBids, listLeases } from "../../src/lib/chain/market.ts";
import { createRegistry } from "../../src/lib/tx/registry.ts";
import { parseAlertsConfig } from "../../scripts/alerts/config.ts";
import { AlertWatcher } from "../../scripts/alerts/watcher.ts";
import { deliver } from "../../scripts/alerts/webhooks.ts";

const ROOT = path.join(import.meta.dirname, "../..");
const SDL = fs.readFileSync(path.join(ROOT, "src/features/templates/builtin/nginx-static-site/deploy.yaml"), "utf8");
let stack: RunningStack;
let dataDir: string;
let tenant: SigningStargateClient;
let receiver: http.Server;
let receiverUrl: string;
let watcher: ChildProcess | undefined;
const received: Array<{ path: string; body: Record<string, unknown> }> = [];
let refusedFirstJson = false;
let watcherOut = "";

async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- watcher output ---\n${watcherOut}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "alerts-int-"));
  stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0 }, providers: 2, proxy: false, blockMs: 200, bidDelayMs: 50, log: () => {} });
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  tenant = await SigningStargateClient.createWithSigner(await connectComet(stack.rpcUrl), wallet, { registry: createRegistry(), gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 100 });
  receiver = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      // The JSON hook fails once: the watcher must retry.
      if (req.url === "/json" && !refusedFirstJson) {
        refusedFirstJson = true;
        res.writeHead(503).end();
        return;
      }
      received.push({ path: req.url ?? "", body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  if (watcher && watcher.exitCode === null) watcher.kill("SIGTERM");
  tenant?.disconnect();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run alerts on the devnet", () => {
  it("fires a low-escrow alert once at Slack, Discord and JSON webhooks; the provider closing the lease fires and resolves", async () => {
    const prepared = await prepareManifest(SDL, { requireUact: true });
    if (!prepared.ok) throw new Error(prepared.error);
    const dseq = String((await getLatestBlock(stack.restUrl)).height);
    const created = await tenant.signAndBroadcast(DEVNET_ADDRESS, [buildCreateDeploymentMsg({ owner: DEVNET_ADDRESS, dseq, prepared: prepared.value, deposit: { denom: "uact", amount: 5_000_000n } })], 2);
    expect(created.code, created.rawLog).toBe(0);
    const bids = await waitFor("bids", async () => {
      const b = await listBids(stack.restUrl, { owner: DEVNET_ADDRESS, dseq });
      return b.length >= 2 ? b : undefined;
    });
    const pick = [...bids].sort((a, b) => a.price.amount - b.price.amount)[0]!;
    const leased = await tenant.signAndBroadcast(DEVNET_ADDRESS, [buildCreateLeaseMsg(pick)], 2);
    expect(leased.code, leased.rawLog).toBe(0);

    // 5 ACT at a few uact per 0.2 s block lasts well under a week: a 7-day threshold fires.
    const configFile = path.join(dataDir, "alerts.json");
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        network: { restUrl: stack.restUrl, rpcUrl: stack.rpcUrl },
        addresses: [DEVNET_ADDRESS],
        rules: { escrowHoursBelow: 168, leaseClosed: true },
        webhooks: [
          { url: `${receiverUrl}/slack`, format: "slack" },
          { url: `${receiverUrl}/discord`, format: "discord" },
          { url: `${receiverUrl}/json`, format: "json" },
        ],
        stateFile: "alerts-state.json",
        logFile: "alerts.log",
        minIntervalSeconds: 0.3,
        pollSeconds: 0.5,
        retries: 3,
        retryBaseMs: 50,
      }),
    );
    watcher = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/alerts/main.ts"), "--config", configFile], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    watcher.stdout!.on("data", (c: Buffer) => (watcherOut += c.toString()));
    watcher.stderr!.on("data", (c: Buffer) => (watcherOut += c.toString()));

    const key = `escrow-low:${DEVNET_ADDRESS}/${dseq}`;
    await waitFor("the escrow alert at all three hooks", () => ["/slack", "/discord", "/json"].every((p) => received.some((r) => r.path === p)));
    const slack = received.find((r) => r.path === "/slack")!.body;
    expect(slack.text).toMatch(new RegExp(`Deployment ${dseq} runs dry in`));
    expect(received.find((r) => r.path === "/discord")!.body.content).toBe(slack.text);
    expect(received.find((r) => r.path === "/json")!.body).toMatchObject({ type: "fired", key, kind: "escrow-low", subject: `${DEVNET_ADDRESS}/${dseq}`, network: "127.0.0.1:" + new URL(stack.restUrl).port });
    expect(refusedFirstJson).toBe(true);
    // The watcher follows blocks over the WebSocket and evaluates again and again without repeating the alert.
    await waitFor("several evaluations", () => (watcherOut.match(/"event":"evaluated"/g) ?? []).length >= 5);
    expect(watcherOut).toContain('"mode":"websocket"');
    expect(received.filter((r) => r.path === "/slack")).toHaveLength(1);
    const delivery = watcherOut.split("\n").find((l) => l.includes('"event":"delivery"') && l.includes('"format":"json"'))!;
    expect(JSON.parse(delivery)).toMatchObject({ ok: true, attempts: 2, key });

    // The provider closes the lease: a one-shot lease alert, and the escrow alert resolves (nothing burns now).
    const providerIndex = PROVIDER_ADDRESSES.indexOf(pick.provider as (typeof PROVIDER_ADDRESSES)[number]);
    const providerWallet = await DirectSecp256k1HdWallet.fromMnemonic(PROVIDER_MNEMONIC, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(providerIndex))] });
    expect((await providerWallet.getAccounts())[0]!.address).toBe(pick.provider);
    const provider = await SigningStargateClient.createWithSigner(await connectComet(stack.rpcUrl), providerWallet, { registry: createRegistry(), gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 100 });
    try {
      const closeBid = { typeUrl: "/akash.market.v1beta5.MsgCloseBid", value: { id: { owner: DEVNET_ADDRESS, dseq: BigInt(dseq), gseq: pick.gseq, oseq: pick.oseq, provider: pick.provider, bseq: pick.bseq }, reason: LeaseClosedReason.lease_closed_reason_unstable } };
      const closed = await provider.signAndBroadcast(pick.provider, [closeBid], 2);
      expect(closed.code, closed.rawLog).toBe(0);
    } finally {
      provider.disconnect();
    }
    expect((await listLeases(stack.restUrl, { owner: DEVNET_ADDRESS, dseq }))[0]).toMatchObject({ state: "closed", reason: "lease_closed_reason_unstable" });
    await waitFor("the lease-closed alert", () => received.some((r) => r.path === "/json" && r.body.kind === "lease-closed"));
    await waitFor("the escrow alert resolved", () => received.some((r) => r.path === "/json" && r.body.type === "resolved" && r.body.key === key));
    const closedAlert = received.find((r) => r.path === "/slack" && String(r.body.text).includes("Provider closed"))!;
    expect(closedAlert.body.text).toContain("lease_closed_reason_unstable");

    // Restarting with the same state file repeats nothing.
    const before = received.length;
    watcher.kill("SIGTERM");
    await new Promise((r) => watcher!.once("exit", r));
    const again = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/alerts/main.ts"), "--config", configFile, "--once"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let onceOut = "";
    again.stdout!.on("data", (c: Buffer) => (onceOut += c.toString()));
    const code = await new Promise((r) => again.once("exit", r));
    expect(code, onceOut).toBe(0);
    expect(onceOut).toContain('"event":"evaluated"');
    expect(received.length).toBe(before);
    expect(fs.readFileSync(path.join(dataDir, "alerts.log"), "utf8")).toContain('"event":"delivery"');
  }, 120_000);

  it("without an RPC URL (or with its WebSocket down) it follows the chain by polling REST, and a bad webhook is retried a bounded number of times", async () => {
    const records: Array<Record<string, unknown>> = [];
    const w = new AlertWatcher({
      config: parseAlertsConfig(
        {
          network: { restUrl: stack.restUrl },
          addresses: [DEVNET_ADDRESS],
          rules: { walletBelow: { denom: "uakt", amount: "999999999999999" } },
          webhooks: [{ url: `${receiverUrl}/polling`, format: "json" }],
          minIntervalSeconds: 0.2,
          pollSeconds: 0.2,
          retries: 3,
          retryBaseMs: 20,
        },
        dataDir,
      ),
      log: (r) => records.push(r),
    });
    await w.start();
    try {
      await waitFor("polling evaluations", () => records.filter((r) => r.event === "evaluated").length >= 3);
      expect(records).toContainEqual(expect.objectContaining({ event: "follow", mode: "polling" }));
      const heights = records.filter((r) => r.event === "evaluated").map((r) => Number(r.height));
      expect(heights[heights.length - 1]).toBeGreaterThan(heights[0]!);
      // Delivered once, however many evaluations saw the condition.
      expect(records.filter((r) => r.event === "delivery")).toEqual([expect.objectContaining({ key: `wallet-low:${DEVNET_ADDRESS}:uakt`, ok: true, attempts: 1 })]);
    } finally {
      await w.stop();
    }
    const failing = await deliver(`${receiverUrl.replace(/:\d+$/, ":9")}/x`, { a: 1 }, { retries: 3, baseDelayMs: 10 });
    expect(failing).toMatchObject({ ok: false, attempts: 3 });
  }, 60_000);
});

