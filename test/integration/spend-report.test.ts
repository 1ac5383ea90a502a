/**
 * `npm run spend` against the devnet with simulated providers: a team of two addresses, three deployments (one closed),
 * and the report's amounts checked against a hand computation from the leases and against the chain's own escrow
 * settlement (what the escrow account transferred for a closed deployment).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { startStack, type RunningStack } from "../../server/stack.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC } from "../../server/devnet/config.ts";
import { prepareManifest } from "../../src/lib/deployment/manifest.ts";
import { buildCloseDeploymentMsg, buildCreateDeploymentMsg, buildCreateLeaseMsg } from "../../src/lib/deployment/messages.ts";
import { getLatestBlock } from "../../src/lib/chain/blocks.ts";
import { getDeployment } from "../../src/lib/chain/deployment.ts";
import { listBids, listLeases, type Lease } from "../../src/lib/chain/market.ts";
import { createRegistry } from "../../src/lib/tx/registry.ts";
import { buildMintActMsg } from "../../src/lib/tx/messages.ts";
import { getBalances } from "../../src/lib/chain/bank.ts";
import { amountOf } from "../../src/lib/chain/coins.ts";
import { atomsOf, microString } from "../../src/lib/spend/money.ts";
import { main } from "../../scripts/spend/main.ts";

const SDL = fs.readFileSync(path.join(import.meta.dirname, "../../src/features/templates/builtin/nginx-static-site/deploy.yaml"), "utf8");
let stack: RunningStack;
let dataDir: string;
const clients: SigningStargateClient[] = [];

async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signer(mnemonic: string): Promise<{ client: SigningStargateClient; address: string }> {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
  const client = await SigningStargateClient.createWithSigner(await connectComet(stack.rpcUrl), wallet, { registry: createRegistry(), gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 100 });
  clients.push(client);
  return { client, address: (await wallet.getAccounts())[0]!.address };
}

/** Creates a deployment, takes the cheapest bid, returns its dseq. */
async function deployAndLease(client: SigningStargateClient, owner: string): Promise<string> {
  const prepared = await prepareManifest(SDL, { requireUact: true });
  if (!prepared.ok) throw new Error(prepared.error);
  const dseq = String((await getLatestBlock(stack.restUrl)).height);
  const created = await client.signAndBroadcast(owner, [buildCreateDeploymentMsg({ owner, dseq, prepared: prepared.value, deposit: { denom: "uact", amount: 5_000_000n } })], 2);
  expect(created.code, created.rawLog).toBe(0);
  const bids = await waitFor("bids", async () => {
    const b = await listBids(stack.restUrl, { owner, dseq });
    return b.length >= 2 ? b : undefined;
  });
  const pick = [...bids].sort((a, b) => a.price.amount - b.price.amount)[0]!;
  const leased = await client.signAndBroadcast(owner, [buildCreateLeaseMsg(pick)], 2);
  expect(leased.code, leased.rawLog).toBe(0);
  return dseq;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "spend-int-"));
  stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0 }, providers: 2, proxy: false, blockMs: 200, bidDelayMs: 50, log: () => {} });
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function runSpend(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Σ price × (end − created) − unsettled per lease, by hand from the chain's leases (independent of lib/spend). */
function handTotal(leases: Lease[], latest: number): bigint {
  let sum = 0n;
  for (const l of leases) {
    const end = l.state === "active" ? latest : l.closedOn;
    sum += atomsOf(l.price.amount) * BigInt(end - l.createdAt) - atomsOf(l.payment?.unsettled.amount);
  }
  return sum;
}

describe("npm run spend on the devnet", () => {
  it("a team of two addresses: totals agree with the leases by hand and with the escrow's own settlement", async () => {
    const alice = await signer(DEVNET_MNEMONIC);
    const bobWallet = await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" });
    const bob = await signer(bobWallet.mnemonic);
    // ACT cannot be sent (BME): Bob gets AKT and mints his own ACT.
    const funded = await alice.client.sendTokens(DEVNET_ADDRESS, bob.address, [{ denom: "uakt", amount: "200000000" }], 2);
    expect(funded.code).toBe(0);
    const minted = await bob.client.signAndBroadcast(bob.address, [buildMintActMsg(bob.address, 100_000_000n)], 2);
    expect(minted.code, minted.rawLog).toBe(0);
    await waitFor("Bob's ACT", async () => amountOf(await getBalances(stack.restUrl, bob.address), "uact") >= 10_000_000n);

    const closedDseq = await deployAndLease(alice.client, alice.address);
    await deployAndLease(alice.client, alice.address);
    await deployAndLease(bob.client, bob.address);
    await new Promise((r) => setTimeout(r, 2000));
    const closed = await alice.client.signAndBroadcast(alice.address, [buildCloseDeploymentMsg(alice.address, closedDseq)], 2);
    expect(closed.code, closed.rawLog).toBe(0);
    await new Promise((r) => setTimeout(r, 1000));

    const today = new Date().toISOString().slice(0, 10);
    const res = await runSpend(["--address", `${alice.address},${bob.address}`, "--network", stack.restUrl, "--from", today, "--to", today, "--json"]);
    expect(res.err).toBe("");
    expect(res.code).toBe(0);
    const report = JSON.parse(res.out) as {
      totalUact: string;
      latestHeight: number;
      errorBound: Record<string, string>;
      deployments: Array<{ owner: string; dseq: string; state: string; spentUact: string; lifetime: string }>;
      days: Array<{ day: string; totals: Record<string, string> }>;
    };
    const leases = [...(await listLeases(stack.restUrl, { owner: alice.address })), ...(await listLeases(stack.restUrl, { owner: bob.address }))];
    expect(leases).toHaveLength(3);
    // Everything happened today, so the day's total is every lease's whole cost up to the report's latest height.
    expect(report.totalUact).toBe(microString(handTotal(leases, report.latestHeight)));
    expect(report.days).toEqual([{ day: today, startHeight: expect.any(Number), endHeight: report.latestHeight + 1, totals: { uact: report.totalUact } }]);
    expect(report.errorBound).toEqual({});
    expect(new Set(report.deployments.map((d) => d.owner))).toEqual(new Set([alice.address, bob.address]));

    // The closed deployment: what the report says it cost is what its escrow account paid out, to the 10⁻¹⁸.
    const closedRow = report.deployments.find((d) => d.dseq === closedDseq)!;
    expect(closedRow.state).toBe("closed");
    const dep = await getDeployment(stack.restUrl, alice.address, closedDseq);
    const transferred = atomsOf(dep!.escrow!.transferred.find((t) => t.denom === "uact")?.amount);
    expect(transferred).toBeGreaterThan(0n);
    expect(closedRow.lifetime).toBe(microString(transferred));
    expect(closedRow.spentUact).toBe(closedRow.lifetime);

    const csv = await runSpend(["--address", alice.address, "--network", stack.restUrl, "--from", today, "--to", today, "--csv"]);
    expect(csv.code).toBe(0);
    const rows = csv.out.trim().split("\n");
    expect(rows[0]).toBe("owner,dseq,gseq,oseq,provider,state,denom,price_per_block,created_at,closed_on,from,to,from_height,to_height,spent,spent_whole_micro");
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.includes(`,${closedDseq},`))).toContain(`,${closedRow.spentUact},`);

    const table = await runSpend(["--address", alice.address, "--network", stack.restUrl]);
    expect(table.code).toBe(0);
    expect(table.out).toContain("Total:");
    expect(table.out).toContain(closedDseq);
  }, 120_000);

  it("a day before any lease spent nothing; bad input and an unreachable node exit non-zero with a message", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const empty = await runSpend(["--address", DEVNET_ADDRESS, "--network", stack.restUrl, "--from", yesterday, "--to", yesterday, "--json"]);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.out)).toMatchObject({ totalUact: "0", deployments: [] });

    const bad = await runSpend(["--address", "akash1notanaddress", "--network", stack.restUrl]);
    expect(bad).toMatchObject({ code: 2, err: expect.stringContaining("Not an akash address: akash1notanaddress") });
    const badDate = await runSpend(["--address", DEVNET_ADDRESS, "--network", stack.restUrl, "--from", "2026-02-30"]);
    expect(badDate).toMatchObject({ code: 2, err: expect.stringContaining("Not a date") });
    const down = await runSpend(["--address", DEVNET_ADDRESS, "--network", "http://127.0.0.1:9"]);
    expect(down).toMatchObject({ code: 1, err: expect.stringContaining("Cannot reach 127.0.0.1:9") });
  }, 60_000);
});
