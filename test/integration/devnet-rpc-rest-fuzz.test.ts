/**
 * Robustness against the real devnet chain: random REST requests to every served route, random
 * abci_query payloads to every query path, and garbage/mutated txs. No 5xx, no crash, and the
 * chain state (balances, sequences, indexed txs) does not change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StargateClient } from "@cosmjs/stargate";
import { startDevnet, type RunningDevnet } from "../../server/devnet/index.ts";
import { DEVNET_ADDRESS, FAUCET_ADDRESS } from "../../server/devnet/config.ts";
import { loadRoutes } from "../../server/devnet/rest/routes.ts";

let devnet: RunningDevnet;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(4242);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const VALUES = ["", "x", "-1", "0", "1", "abc", "18446744073709551615", "99999999999999999999999", DEVNET_ADDRESS, "open", "active", "closed", "invalid", "AAA=", "true", "%25%25", "'", "tm.event='Tx'", "💥"];
const PARAMS = ["filters.owner", "filters.dseq", "filters.state", "filters.gseq", "filters.provider", "filter.owner", "filter.serial", "filter.state", "pagination.limit", "pagination.key", "pagination.offset", "pagination.count_total", "pagination.reverse", "id.owner", "id.dseq", "id.gseq", "id.oseq", "id.provider", "id.bseq", "state", "xid", "denom", "query", "events", "order_by", "page", "limit"];

beforeAll(async () => {
  devnet = await startDevnet({ dataDir: null, host: "127.0.0.1", rpcPort: 0, restPort: 0, faucetPort: 0, blockMs: 250, noFaucet: true });
  const end = Date.now() + 10_000;
  while (devnet.chain.latestHeight() < 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  await devnet?.stop();
});

async function state() {
  const client = await StargateClient.connect(devnet.rpcUrl);
  const s = {
    user: await client.getAllBalances(DEVNET_ADDRESS),
    faucet: await client.getAllBalances(FAUCET_ADDRESS),
    userAccount: await client.getAccount(DEVNET_ADDRESS),
    txs: [...devnet.chain.txs("asc")].length,
    mempool: devnet.chain.mempoolSize(),
  };
  client.disconnect();
  return s;
}

describe("fuzz against the real devnet", () => {
  it("random REST, abci_query and tx inputs: no 5xx, state unchanged", { timeout: 120_000 }, async () => {
    const before = await state();
    const routes = (await loadRoutes()).filter((r) => devnet.chain.queryHandler(r.grpcPath) || r.service.startsWith("cosmos.base.") || r.service === "cosmos.tx.v1beta1.Service");
    const failures: string[] = [];
    let sent = 0;

    for (let i = 0; i < 1500; i++) {
      const r = pick(routes);
      const path = r.httpPath.replace(/\{[^}]+\}/g, () => encodeURIComponent(pick(VALUES)) || "x");
      const qs = Array.from({ length: Math.floor(rand() * 5) }, () => `${pick(PARAMS)}=${encodeURIComponent(pick(VALUES))}`).join("&");
      const body = r.httpMethod === "POST" ? pick(['{"tx_bytes":"AQID","mode":"BROADCAST_MODE_SYNC"}', "{}", "[]", "{bad", '{"tx_bytes":"!!"}']) : undefined;
      const res = await fetch(`${devnet.restUrl}${path}?${qs}`, { method: r.httpMethod, body });
      const text = await res.text();
      sent++;
      // A failing simulation is codes.Unknown (HTTP 500) on the real gateway too.
      const simulateFailure = r.name === "Simulate" && res.status === 500 && /With gas wanted/.test(text);
      if (res.status >= 500 && !simulateFailure && !/Not Implemented|unknown service/.test(text)) failures.push(`${res.status} ${r.httpMethod} ${path}?${qs}: ${text.slice(0, 200)}`);
    }

    const queryPaths = routes.map((r) => r.grpcPath);
    for (let i = 0; i < 1000; i++) {
      const data = Buffer.from(Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256))).toString("hex");
      const res = await fetch(devnet.rpcUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: i, method: pick(["abci_query", "abci_query", "broadcast_tx_sync", "check_tx"]), params: { path: pick(queryPaths), data, tx: Buffer.from(data, "hex").toString("base64") } }),
      });
      const json = (await res.json()) as { result?: { response?: { height?: string } }; error?: { code: number } };
      sent++;
      if (!json.result && !json.error) failures.push(`rpc ${i}: ${JSON.stringify(json).slice(0, 200)}`);
      if (json.result?.response && json.result.response.height === "0") failures.push(`abci_query height 0`);
    }

    expect(failures).toEqual([]);
    const after = await state();
    expect(after).toEqual(before);
    expect(sent).toBe(2500);
  });
});
