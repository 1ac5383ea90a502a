/**
 * `npx tsx server/devnet/providers/bench.ts [--block-ms N] [--runs N]`: measures the simulated providers on a
 * fresh in-process devnet — start-up, time/blocks from deployment to 3 and to all bids, manifest to ready,
 * and gateway request latency (mTLS, JWT). Prints numbers; asserts nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { JwtTokenManager, certificateManager } from "@akashnetwork/chain-sdk";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { startDevnet } from "../index.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC } from "../config.ts";
import { createAkashRegistry } from "../../shared/akash-registry.ts";
import { startProviders } from "./index.ts";
import { buildSdl, gatewayRequest, testdata } from "./test-support.ts";

const { values } = parseArgs({ options: { "block-ms": { type: "string", default: "1000" }, runs: { type: "string", default: "3" } } });
const blockMs = Number(values["block-ms"]);
const runs = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "providers-bench-"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const devnet = await startDevnet({ dataDir: path.join(dir, "chain"), rpcPort: 0, restPort: 0, faucetPort: 0, blockMs, noFaucet: true });
try {
  await sleep(blockMs * 1.5);
  let t = Date.now();
  const providers = await startProviders({ rpcUrl: devnet.rpcUrl, restUrl: devnet.restUrl, chainId: devnet.chainId, dataDir: path.join(dir, "providers"), log: () => {} });
  console.log(`startProviders (5 providers, registration + audit): ${Date.now() - t} ms`);
  const tenant = await SigningStargateClient.connectWithSigner(devnet.rpcUrl, await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), {
    registry: createAkashRegistry(),
    gasPrice: GasPrice.fromString("0.025uakt"),
    broadcastPollIntervalMs: 50,
  });
  const cert = await certificateManager.generatePEM(DEVNET_ADDRESS);
  await tenant.signAndBroadcast(DEVNET_ADDRESS, [{ typeUrl: "/akash.cert.v1.MsgCreateCertificate", value: { owner: DEVNET_ADDRESS, cert: Buffer.from(cert.cert), pubkey: Buffer.from(cert.publicKey) } }], 2);
  const jwt = await new JwtTokenManager(await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" })).generateToken({ version: "v1", iss: DEVNET_ADDRESS });
  const build = await buildSdl(testdata("web-app.sdl.yaml"));
  for (let run = 1; run <= runs; run++) {
    const dseq = String(Date.now());
    const res = await tenant.signAndBroadcast(
      DEVNET_ADDRESS,
      [{ typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment", value: { id: { owner: DEVNET_ADDRESS, dseq }, groups: build.groupSpecs, hash: build.version, deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [Source.balance] } } }],
      2,
    );
    t = Date.now();
    let t3 = 0;
    let bids: { bid: { created_at: string; id: { provider: string } } }[] = [];
    while (Date.now() - t < 30_000) {
      bids = ((await (await fetch(`${devnet.restUrl}/akash/market/v1beta5/bids/list?filters.owner=${DEVNET_ADDRESS}&filters.dseq=${dseq}`)).json()) as { bids: typeof bids }).bids;
      if (bids.length >= 3 && !t3) t3 = Date.now() - t;
      if (bids.length >= 5) break;
      await sleep(20);
    }
    const heights = bids.map((b) => Number(b.bid.created_at) - res.height).sort((a, b) => a - b);
    console.log(`run ${run}: deployment at height ${res.height}; 3 bids after ${t3} ms, ${bids.length} bids after ${Date.now() - t} ms; bid heights − deployment height: ${heights.join(", ")}`);
    const winner = providers.providers[0]!;
    await tenant.signAndBroadcast(DEVNET_ADDRESS, [{ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId: { owner: DEVNET_ADDRESS, dseq, gseq: 1, oseq: 1, provider: winner.address, bseq: 0 } } }], 2);
    t = Date.now();
    const put = await gatewayRequest(`${winner.hostUri}/deployment/${dseq}/manifest`, { method: "PUT", body: build.manifestJson, jwt });
    const putMs = Date.now() - t;
    for (;;) {
      const s = await gatewayRequest(`${winner.hostUri}/lease/${dseq}/1/1/status`, { jwt });
      if (s.status === 200 && JSON.parse(s.body).services.web.ready_replicas === 1) break;
      await sleep(50);
    }
    console.log(`run ${run}: manifest PUT ${put.status} in ${putMs} ms; ready ${Date.now() - t} ms after the PUT`);
    if (run === runs) {
      const url = `${winner.hostUri}/lease/${dseq}/1/1/status`;
      for (const [label, auth] of [["mTLS", { cert }], ["JWT (ES256KADR36)", { jwt }]] as const) {
        const xs: number[] = [];
        for (let i = 0; i < 50; i++) {
          const s = Date.now();
          const r = await gatewayRequest(url, auth);
          if (r.status !== 200) throw new Error(`${label}: ${r.status} ${r.body}`);
          xs.push(Date.now() - s);
        }
        console.log(`lease status with ${label} (new TLS 1.3 connection each, on-chain auth lookup): p50 ${pct(xs, 50)} ms, p95 ${pct(xs, 95)} ms`);
      }
    }
    await tenant.signAndBroadcast(DEVNET_ADDRESS, [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: DEVNET_ADDRESS, dseq } } }], 2);
  }
  tenant.disconnect();
  await providers.stop();
} finally {
  await devnet.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
