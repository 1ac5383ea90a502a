/**
 * Robustness: ≥10,000 random and mutated inputs against the RPC (HTTP, URI, WebSocket) and REST
 * servers over a fake chain. Afterwards both servers must still answer correctly and the chain
 * state must be unchanged (nothing garbage got into the mempool or a block).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FakeChain, fakeTxBytes } from "./fake-chain.ts";
import { startRpcServer } from "./server.ts";
import { startRestServer } from "../rest/server.ts";
import { loadRoutes } from "../rest/routes.ts";
import type { ServerHandle } from "./backend.ts";
import { methods } from "./methods.ts";

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
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

const SEED = 20261121;
const rand = rng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

const STRINGS = ["", " ", "0", "-1", "1", "18446744073709551616", "9999999999999999999999", "1e9", "NaN", "null", "true", "0x", "0xZZ", "0x0a00", "AQID", "===", "'", '"', "\\", "tm.event='Tx'", "tx.height>", "a.b CONTAINS 'x' AND", "%00", "\u0000", "💥", "akash1q8f0l5n8l9xgk0z3n5a6h7ug4tq8x3vqzj5l3x", "/cosmos.bank.v1beta1.Query/Balance", "x".repeat(5000)];

function randomValue(depth = 0): unknown {
  switch (int(depth > 2 ? 6 : 9)) {
    case 0:
      return pick(STRINGS);
    case 1:
      return int(2) ? int(1000) : pick([-1, 0, 1.5, 2 ** 53, -(2 ** 63), Number.MAX_VALUE]);
    case 2:
      return null;
    case 3:
      return int(2) === 0;
    case 4:
      return Buffer.from(Array.from({ length: int(40) }, () => int(256))).toString("base64");
    case 5:
      return Array.from({ length: int(10) }, () => int(256).toString(16)).join("");
    case 6:
      return Array.from({ length: int(4) }, () => randomValue(depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < int(4); i++) o[pick(["height", "query", "tx", "hash", "path", "data", "page", "per_page", "order_by", "prove", "minHeight", "maxHeight", "__proto__", "constructor"])] = randomValue(depth + 1);
      return o;
    }
  }
}

function mutate(text: string): string {
  const chars = [...text];
  const n = 1 + int(4);
  for (let i = 0; i < n && chars.length; i++) {
    const at = int(chars.length);
    switch (int(4)) {
      case 0:
        chars.splice(at, 1);
        break;
      case 1:
        chars.splice(at, 0, pick(["{", "}", "[", "]", '"', ",", ":", "\\", "0", "x", "\u0000"]));
        break;
      case 2:
        chars[at] = String.fromCharCode(int(128));
        break;
      default:
        chars.length = at;
    }
  }
  return chars.join("");
}

const METHODS = [...Object.keys(methods), "subscribe", "unsubscribe", "unsubscribe_all", "nope", "", "__proto__", "constructor", "toString"];

function randomRpcBody(validTx: string): string {
  const kind = int(10);
  const request = () => {
    const req: Record<string, unknown> = { jsonrpc: int(10) ? "2.0" : pick(["1.0", 2, null]), id: int(8) ? int(1000) : randomValue(), method: int(12) ? pick(METHODS) : randomValue() };
    if (int(6)) req.params = int(3) ? randomValue() : { tx: validTx };
    return req;
  };
  if (kind === 0) return Buffer.from(Array.from({ length: int(200) }, () => int(256))).toString("latin1");
  if (kind === 1) return JSON.stringify(Array.from({ length: int(5) }, request));
  if (kind <= 4) return mutate(JSON.stringify(request()));
  return JSON.stringify(request());
}

let chain: FakeChain;
let rpc: ServerHandle;
let rest: ServerHandle;

beforeAll(async () => {
  chain = new FakeChain();
  chain.produceBlock();
  chain.produceBlock([{ tx: fakeTxBytes("seed"), events: [{ type: "message", attributes: [{ key: "sender", value: "akash1x", index: true }] }] }]);
  rpc = await startRpcServer(chain, { host: "127.0.0.1", port: 0 });
  rest = await startRestServer(chain, { host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await rpc.close();
  await rest.close();
});

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function snapshot() {
  const status = (await (await fetch(`${rpc.url}/status`)).json()) as { result: { sync_info: unknown } };
  const search = await (await fetch(`${rpc.url}/tx_search?query="tx.height>0"`)).json();
  const block = await (await fetch(`${rest.url}/cosmos/base/tendermint/v1beta1/blocks/latest`)).json();
  return { sync: status.result.sync_info, search, block, height: chain.latestHeight(), mempool: chain.mempoolSize(), txs: chain.indexed.length };
}

describe("fuzz", () => {
  it("survives ≥10,000 random and mutated inputs with state unchanged", { timeout: 180_000 }, async () => {
    const before = await snapshot();
    const validTx = Buffer.from(fakeTxBytes("valid-but-unsigned")).toString("base64");
    const routes = await loadRoutes();
    let sent = 0;
    let internalErrors = 0;

    // 1. JSON-RPC POST bodies (random, mutated, batches, garbage bytes, garbage txs).
    const rpcBodies = Array.from({ length: 5500 }, () => randomRpcBody(validTx));
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(fakeTxBytes(`m${i}`));
      for (let j = 0; j < 1 + int(8); j++) bytes[int(bytes.length)] = int(256);
      rpcBodies.push(JSON.stringify({ jsonrpc: "2.0", id: i, method: pick(["broadcast_tx_sync", "broadcast_tx_async", "check_tx"]), params: { tx: bytes.toString("base64") } }));
    }
    await pool(rpcBodies, 16, async (body) => {
      const res = await fetch(rpc.url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
      const text = await res.text();
      sent++;
      if (text === "") return; // notification
      const json = JSON.parse(text) as unknown;
      for (const r of Array.isArray(json) ? json : [json]) {
        expect((r as { jsonrpc: string }).jsonrpc).toBe("2.0");
        expect("result" in (r as object) || "error" in (r as object)).toBe(true);
      }
    });

    // 2. URI GET requests.
    const uris = Array.from({ length: 1500 }, () => {
      const params = Array.from({ length: int(4) }, () => `${pick(["height", "query", "path", "data", "hash", "page", "per_page", "tx", "minHeight", "order_by", "x"])}=${encodeURIComponent(String(randomValue(3)))}`);
      return `/${pick(METHODS)}?${params.join("&")}`;
    });
    await pool(uris, 16, async (uri) => {
      const res = await fetch(rpc.url + uri);
      sent++;
      expect(res.status).toBeLessThan(600);
      await res.text();
    });

    // 3. REST: every route with random path variables and query parameters, plus POST bodies.
    const restReqs = Array.from({ length: 3000 }, () => {
      const r = pick(routes);
      const path = r.httpPath.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(pick(STRINGS.filter((s) => s.length < 100 && s !== ""))) || "x"));
      const params = Array.from({ length: int(5) }, () => `${pick(["filters.owner", "filters.dseq", "filters.state", "pagination.limit", "pagination.key", "pagination.offset", "pagination.count_total", "pagination.reverse", "id.dseq", "id.gseq", "query", "events", "order_by", "page", "limit", "denom", "state", "xid", "a.b.c"])}=${encodeURIComponent(String(randomValue(3)))}`);
      const body = r.httpMethod === "POST" ? (int(2) ? mutate(JSON.stringify({ tx_bytes: validTx, mode: "BROADCAST_MODE_SYNC" })) : JSON.stringify(randomValue())) : undefined;
      return { method: r.httpMethod, url: `${path}?${params.join("&")}`, body };
    });
    await pool(restReqs, 16, async (r) => {
      const res = await fetch(rest.url + r.url, { method: r.method, body: r.body });
      sent++;
      const json = (await res.json()) as { code?: number };
      if (res.status !== 200) {
        expect(typeof json.code).toBe("number");
        if (json.code === 13) internalErrors++;
      }
    });

    // 4. WebSocket frames: random/mutated JSON-RPC, subscribe with random queries.
    const ws = new WebSocket(rpc.url.replace("http", "ws") + "/websocket");
    await new Promise((r) => ws.once("open", r));
    let wsReplies = 0;
    ws.on("message", () => wsReplies++);
    const frames = Array.from({ length: 500 }, (_, i) =>
      int(3) ? randomRpcBody(validTx) : JSON.stringify({ jsonrpc: "2.0", id: i, method: "subscribe", params: { query: int(2) ? pick(STRINGS) : `tm.event='Tx' AND ${pick(STRINGS)}` } }),
    );
    for (const f of frames) {
      ws.send(f);
      sent++;
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(wsReplies).toBeGreaterThan(300);
    ws.close();

    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(internalErrors).toBe(0);
    const after = await snapshot();
    expect(after).toEqual(before);
    console.log(`fuzz: ${sent} inputs (seed ${SEED}), state unchanged at height ${after.height}`);
  });
});
