/**
 * `npm run bench:devnet`: devnet chain throughput and REST list latency.
 *
 * 1. Starts a devnet (temp data dir, free ports, 1 s blocks) with the Akash modules.
 * 2. Preloads 1,000 deployments (one owner) and 5,000 bids (5 providers × 1,000 orders) as real
 *    signed txs (SIGN_MODE_DIRECT, pre-signed), broadcast over CometBFT RPC `broadcast_tx_sync`
 *    in JSON-RPC batches of BENCH_BATCH (50).
 *    Reports accepted tx/s into blocks: txs / (first broadcast → last tx committed).
 * 3. Measures p50/p95 of the REST lists the console polls:
 *    GET /akash/deployment/v1beta4/deployments/list?filters.owner=…&pagination.limit=…
 *    GET /akash/market/v1beta5/bids/list?filters.owner=…&filters.dseq=…
 *
 * Each sender's txs are broadcast in sequence order (one batch request at a time per sender);
 * different senders run in parallel.
 *
 * Env: BENCH_DEPLOYMENTS (1000), BENCH_PROVIDERS (5), BENCH_REQUESTS (200).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { stringToPath } from "@cosmjs/crypto";
import { SigningStargateClient } from "@cosmjs/stargate";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { MsgCreateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { MsgCreateProvider } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { MsgCreateBid } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { startDevnet } from "../../server/devnet/index.ts";
import { DEVNET_ADDRESS, DEVNET_CHAIN_ID, DEVNET_MNEMONIC, PROVIDER_MNEMONIC, providerHdPath } from "../../server/devnet/config.ts";
import { getAccount } from "../../server/devnet/chain/accounts.ts";
import { createAkashRegistry } from "../../server/shared/akash-registry.ts";

const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 1000);
const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const FEE = { amount: [{ denom: "uakt", amount: "12500" }], gas: "500000" };

const rv = (n: number) => ({ val: new TextEncoder().encode(String(n)) });
const resources = () => ({
  id: 1,
  cpu: { units: rv(500), attributes: [] },
  memory: { quantity: rv(512 * 1024 * 1024), attributes: [] },
  storage: [{ name: "default", quantity: rv(1024 * 1024 * 1024), attributes: [] }],
  gpu: { units: rv(0), attributes: [] },
  endpoints: [{ kind: 0, sequenceNumber: 0 }],
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A JSON-RPC batch of broadcast_tx_sync calls (Comet runs a batch in order, so a sender's sequence order holds). */
async function broadcastBatch(url: string, txs: Uint8Array[]): Promise<{ code: number; log: string; hash: string }[]> {
  const body = JSON.stringify(txs.map((tx, id) => ({ jsonrpc: "2.0", id, method: "broadcast_tx_sync", params: { tx: Buffer.from(tx).toString("base64") } })));
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const replies = (await res.json()) as { id: number; result?: { code: number; log: string; hash: string }; error?: unknown }[];
      return replies
        .sort((a, b) => a.id - b.id)
        .map((r) => r.result ?? { code: -1, log: JSON.stringify(r.error), hash: "" });
    } catch (e) {
      // A keep-alive connection closed under us; resending is safe (a duplicate is refused as code 19).
      if (attempt >= 2) throw e;
    }
  }
}

/** One lane per sender: a sender's txs go in sequence order (as a wallet sends them); lanes run in parallel. */
async function runLanes<T>(lanes: T[][], fn: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(
    lanes.map(async (lane) => {
      for (const item of lane) await fn(item);
    }),
  );
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "devnet-bench-"));
  const devnet = await startDevnet({ dataDir, rpcPort: 0, restPort: 0, faucetPort: 0, noFaucet: true, blockMs: 1000 });
  const { chain } = devnet;
  console.log(`devnet at ${devnet.rpcUrl} (REST ${devnet.restUrl}), data ${dataDir}`);
  try {
    const registry = createAkashRegistry();
    const ownerSigner = await SigningStargateClient.offline(await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), { registry });
    const providerWallets = await Promise.all(
      Array.from({ length: PROVIDERS }, (_, i) => DirectSecp256k1HdWallet.fromMnemonic(PROVIDER_MNEMONIC, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(i))] })),
    );
    const providerSigners = await Promise.all(providerWallets.map((w) => SigningStargateClient.offline(w, { registry })));
    const providers = await Promise.all(providerWallets.map(async (w) => (await w.getAccounts())[0]!.address));

    const signerData = (address: string, sequence: number) => {
      const acc = getAccount(chain.queryContext().store, address);
      if (!acc) throw new Error(`no account ${address}`);
      return { accountNumber: Number(acc.accountNumber), sequence, chainId: DEVNET_CHAIN_ID };
    };
    const sign = async (client: SigningStargateClient, address: string, typeUrl: string, value: unknown, sequence: number) =>
      TxRaw.encode(await client.sign(address, [{ typeUrl, value }], FEE, "", signerData(address, sequence))).finish();

    /** Broadcasts over RPC and waits until every tx is in a block; returns tx/s and failures. */
    const broadcastAll = async (label: string, lanes: Uint8Array[][]) => {
      const count = lanes.reduce((n, l) => n + l.length, 0);
      const hashes: string[] = [];
      const t0 = performance.now();
      let rejected = 0;
      const batched = lanes.map((lane) => Array.from({ length: Math.ceil(lane.length / BATCH) }, (_, i) => lane.slice(i * BATCH, (i + 1) * BATCH)));
      await runLanes(batched, async (batch) => {
        for (const r of await broadcastBatch(devnet.rpcUrl, batch)) {
          if (r.code === 0 || r.code === 19) hashes.push(r.hash);
          else if (rejected++ < 3) console.error(`  ${label}: rejected: ${r.log}`);
        }
      });
      const tBroadcast = performance.now() - t0;
      const included = await Promise.all(hashes.map((h) => chain.waitForTx(h, 120_000)));
      const t1 = performance.now() - t0;
      const failed = included.filter((t) => !t || t.result.code !== 0);
      if (failed.length > 0) console.error(`  ${label}: ${failed.length} txs failed in the block, e.g. ${failed[0]?.result.log ?? "timeout"}`);
      const ok = included.length - failed.length;
      console.log(
        `${label}: ${ok}/${count} txs committed in ${(t1 / 1000).toFixed(2)} s ` +
          `(broadcast ${(tBroadcast / 1000).toFixed(2)} s) → ${(ok / (t1 / 1000)).toFixed(0)} tx/s into blocks, ${rejected} rejected at CheckTx`,
      );
      return { ok, seconds: t1 / 1000 };
    };

    // Phase 1: providers + deployments.
    const base = chain.latestHeight() + 1;
    console.log(`signing ${PROVIDERS} provider registrations and ${DEPLOYMENTS} deployments…`);
    const phase1: Uint8Array[][] = [[]];
    for (let i = 0; i < PROVIDERS; i++) {
      phase1.push([]);
      phase1[i + 1]!.push(
        await sign(providerSigners[i]!, providers[i]!, "/akash.provider.v1beta4.MsgCreateProvider",
          MsgCreateProvider.fromPartial({ owner: providers[i]!, hostUri: `https://provider${i}.devnet.test:8443`, attributes: [{ key: "region", value: "devnet" }], info: { email: "ops@example.com", website: "" } }), 0),
      );
    }
    const dseqs: string[] = [];
    for (let i = 0; i < DEPLOYMENTS; i++) {
      const dseq = String(base * 100_000 + i);
      dseqs.push(dseq);
      const msg = MsgCreateDeployment.fromPartial({
        id: { owner: DEVNET_ADDRESS, dseq },
        groups: [{ name: "dcloud", requirements: { signedBy: { allOf: [], anyOf: [] }, attributes: [] }, resources: [{ resource: resources(), count: 1, price: { denom: "uact", amount: "100" } }] }],
        hash: new Uint8Array(32).fill(7),
        deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [Source.balance] },
      });
      phase1[0]!.push(await sign(ownerSigner, DEVNET_ADDRESS, "/akash.deployment.v1beta4.MsgCreateDeployment", msg, i));
    }
    const p1 = await broadcastAll("deployments+providers", phase1);

    // Phase 2: bids.
    console.log(`signing ${PROVIDERS * DEPLOYMENTS} bids…`);
    // Bids: one lane per provider.
    const phase2: Uint8Array[][] = providers.map(() => []);
    for (let i = 0; i < DEPLOYMENTS; i++) {
      for (let p = 0; p < PROVIDERS; p++) {
        const msg = MsgCreateBid.fromPartial({
          id: { owner: DEVNET_ADDRESS, dseq: dseqs[i]!, gseq: 1, oseq: 1, provider: providers[p]!, bseq: 0 },
          price: { denom: "uact", amount: String(50 + p) },
          deposit: { amount: { denom: "uact", amount: "500000" }, sources: [Source.balance] },
          resourcesOffer: [{ resources: resources(), count: 1 }],
        });
        phase2[p]!.push(await sign(providerSigners[p]!, providers[p]!, "/akash.market.v1beta5.MsgCreateBid", msg, 1 + i));
      }
    }
    const p2 = await broadcastAll("bids", phase2);
    const total = p1.ok + p2.ok;
    console.log(`ACCEPTED THROUGHPUT: ${(total / (p1.seconds + p2.seconds)).toFixed(0)} tx/s into blocks (${total} txs, height ${chain.latestHeight()})`);

    // Phase 3: REST list latency.
    const measure = async (label: string, urlFor: (i: number) => string) => {
      const times: number[] = [];
      let bad = 0;
      let items = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        const res = await fetch(urlFor(i));
        const body = (await res.json()) as Record<string, unknown[]>;
        times.push(performance.now() - t0);
        if (!res.ok) bad++;
        items += (body.deployments ?? body.bids ?? []).length;
      }
      times.sort((a, b) => a - b);
      console.log(`REST ${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${REQUESTS} requests, avg ${(items / REQUESTS).toFixed(0)} items, ${bad} errors)`);
    };
    const rest = devnet.restUrl;
    await measure("deployments/list owner (limit 100)", () => `${rest}/akash/deployment/v1beta4/deployments/list?filters.owner=${DEVNET_ADDRESS}&pagination.limit=100`);
    await measure("deployments/list owner+state=active (limit 10, offset)", (i) => `${rest}/akash/deployment/v1beta4/deployments/list?filters.owner=${DEVNET_ADDRESS}&filters.state=active&pagination.limit=10&pagination.offset=${(i * 10) % DEPLOYMENTS}`);
    await measure("bids/list owner+dseq", (i) => `${rest}/akash/market/v1beta5/bids/list?filters.owner=${DEVNET_ADDRESS}&filters.dseq=${dseqs[i % dseqs.length]}`);
    await measure("bids/list provider (limit 100)", (i) => `${rest}/akash/market/v1beta5/bids/list?filters.provider=${providers[i % providers.length]}&pagination.limit=100`);
  } finally {
    await devnet.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
