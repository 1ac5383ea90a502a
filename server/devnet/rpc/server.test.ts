import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Comet38Client, connectComet, HttpClient, WebsocketClient } from "@cosmjs/tendermint-rpc";
import { toHex } from "@cosmjs/encoding";
import WebSocket from "ws";
import { FakeChain, fakeTxBytes } from "./fake-chain.ts";
import { startRpcServer } from "./server.ts";
import type { ServerHandle } from "./backend.ts";

const owner = "akash1q8f0l5n8l9xgk0z3n5a6h7ug4tq8x3vqzj5l3x";
const bidEvent = (o: string, dseq: string) => ({
  type: "akash.market.v1.EventBidCreated",
  attributes: [{ key: "id", value: JSON.stringify({ owner: o, dseq, gseq: 1, oseq: 1, provider: "akash1prov", bseq: 0 }), index: true }],
});
const msgEvent = (sender: string) => ({ type: "message", attributes: [{ key: "sender", value: sender, index: true }] });

let chain: FakeChain;
let server: ServerHandle;

async function rpc(body: unknown, raw = false) {
  const res = await fetch(server.url, { method: "POST", headers: { "Content-Type": "application/json" }, body: raw ? (body as string) : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const getJson = async (url: string): Promise<any> => (await fetch(url)).json();

beforeAll(async () => {
  chain = new FakeChain();
  chain.produceBlock();
  chain.produceBlock([{ tx: fakeTxBytes("a"), events: [msgEvent(owner), bidEvent(owner, "12")] }]);
  chain.produceBlock([{ tx: fakeTxBytes("b"), events: [msgEvent("akash1other")] }, { tx: fakeTxBytes("c"), code: 5, log: "insufficient funds", events: [] }]);
  server = await startRpcServer(chain, { host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await server.close();
});

describe("CometBFT RPC with real cosmjs clients", () => {
  it("connectComet picks Comet38Client and reads status/blocks", async () => {
    const client = await connectComet(server.url);
    expect(client).toBeInstanceOf(Comet38Client);
    const status = await client.status();
    expect(status.nodeInfo.network).toBe("devnet-test-1");
    expect(status.nodeInfo.version).toBe("0.38.21");
    expect(status.syncInfo.latestBlockHeight).toBe(3);
    const block = await client.block(2);
    expect(block.block.header.height).toBe(2);
    expect(block.block.txs).toHaveLength(1);
    expect(block.block.lastCommit?.height).toBe(1);
    const first = await client.block(1);
    expect(first.block.lastCommit).toBeNull();
    const results = await client.blockResults(3);
    expect(results.results.map((r) => r.code)).toEqual([0, 5]);
    const chainInfo = await client.blockchain(1, 3);
    expect(chainInfo.blockMetas.map((m) => m.header.height)).toEqual([3, 2, 1]);
    const validators = await client.validatorsAll();
    expect(validators.validators).toHaveLength(1);
    const genesis = await client.genesis();
    expect(genesis.chainId).toBe("devnet-test-1");
    await client.health();
    const info = await client.abciInfo();
    expect(info.lastBlockHeight).toBe(3);
    client.disconnect();
  });

  it("tx_search: by hash, height, attribute, CONTAINS, paging and order", async () => {
    const client = await Comet38Client.create(new HttpClient(server.url));
    const hash = chain.indexed[0]!.hash;
    const byHash = await client.txSearchAll({ query: `tx.hash='${hash}'` });
    expect(byHash.txs.map((t) => toHex(t.hash).toUpperCase())).toEqual([hash]);
    const byHeight = await client.txSearchAll({ query: "tx.height=3" });
    expect(byHeight.totalCount).toBe(2);
    const bySender = await client.txSearchAll({ query: `message.sender='${owner}'` });
    expect(bySender.txs.map((t) => t.height)).toEqual([2]);
    const contains = await client.txSearchAll({ query: `akash.market.v1.EventBidCreated.id CONTAINS '"owner":"${owner}"'` });
    expect(contains.totalCount).toBe(1);
    const page = await client.txSearch({ query: "tx.height>=1", page: 2, per_page: 2, order_by: "desc" });
    expect(page.totalCount).toBe(3);
    expect(page.txs.map((t) => t.height)).toEqual([2]);
    const tx = await client.tx({ hash: byHash.txs[0]!.hash });
    expect(tx.height).toBe(2);
    client.disconnect();
  });

  it("WebSocket subscriptions: NewBlock and Tx with an attribute condition", async () => {
    const ws = new WebsocketClient(server.url.replace("http", "ws"));
    const client = Comet38Client.create(ws);
    const blocks: number[] = [];
    const txs: number[] = [];
    const blockSub = client.subscribeNewBlock().subscribe({ next: (b) => blocks.push(b.header.height) });
    const txSub = client
      .subscribeTx(`tm.event='Tx' AND akash.market.v1.EventBidCreated.id CONTAINS '${owner}'`)
      .subscribe({ next: (t) => txs.push(t.height) });
    await new Promise((r) => setTimeout(r, 200));
    chain.produceBlock([{ tx: fakeTxBytes("d"), events: [bidEvent("akash1someoneelse", "1")] }]);
    chain.produceBlock([{ tx: fakeTxBytes("e"), events: [bidEvent(owner, "99")] }]);
    for (let i = 0; i < 50 && (blocks.length < 2 || txs.length < 1); i++) await new Promise((r) => setTimeout(r, 20));
    expect(blocks).toEqual([4, 5]);
    expect(txs).toEqual([5]);
    blockSub.unsubscribe();
    txSub.unsubscribe();
    client.disconnect();
  });

  it("raw event payloads carry the subscribe id, query, and composite keys", async () => {
    const ws = new WebSocket(server.url.replace("http", "ws") + "/websocket");
    await new Promise((r) => ws.once("open", r));
    const messages: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    ws.on("message", (d) => messages.push(JSON.parse(String(d))));
    const query = "tm.event='Tx' AND message.sender='akash1raw'";
    ws.send(JSON.stringify({ jsonrpc: "2.0", id: 77, method: "subscribe", params: { query } }));
    await new Promise((r) => setTimeout(r, 100));
    expect(messages[0]).toEqual({ jsonrpc: "2.0", id: 77, result: {} });
    ws.send(JSON.stringify({ jsonrpc: "2.0", id: 78, method: "subscribe", params: { query } }));
    await new Promise((r) => setTimeout(r, 100));
    expect(messages[1].error.data).toMatch(/already subscribed/);
    const block = chain.produceBlock([{ tx: fakeTxBytes("raw"), events: [msgEvent("akash1raw")] }]);
    await new Promise((r) => setTimeout(r, 100));
    const event = messages[2];
    expect(event.id).toBe(77);
    expect(event.result.query).toBe(query);
    expect(event.result.data.type).toBe("tendermint/event/Tx");
    expect(event.result.data.value.TxResult.height).toBe(String(block.header.height));
    expect(event.result.events["tx.hash"]).toEqual([chain.indexed.at(-1)!.hash]);
    expect(event.result.events["tx.height"]).toEqual([String(block.header.height)]);
    expect(event.result.events["message.sender"]).toEqual(["akash1raw"]);
    ws.send(JSON.stringify({ jsonrpc: "2.0", id: 79, method: "unsubscribe", params: { query } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(messages[3]).toEqual({ jsonrpc: "2.0", id: 79, result: {} });
    ws.close();
  });

  it("broadcast_tx_sync/commit go through CheckTx", async () => {
    const client = await Comet38Client.create(new HttpClient(server.url));
    const garbage = await client.broadcastTxSync({ tx: new Uint8Array([1, 2, 3]) });
    expect(garbage.code).toBe(2);
    const tx = fakeTxBytes("commit-me");
    chain.accept({ tx, events: [msgEvent("akash1c")] });
    const pending = client.broadcastTxCommit({ tx });
    setTimeout(() => chain.produceBlock(), 50);
    const committed = await pending;
    expect(committed.checkTx.code).toBe(0);
    expect(committed.txResult?.code).toBe(0);
    expect(committed.height).toBe(chain.latestHeight());
    client.disconnect();
  });
});

describe("JSON-RPC protocol edges", () => {
  it("parse error, unknown method, bad params, batch", async () => {
    expect((await rpc("{not json", true)).json.error.code).toBe(-32700);
    expect((await rpc({ jsonrpc: "2.0", id: 1, method: "nope" })).json.error.code).toBe(-32601);
    const bad = await rpc({ jsonrpc: "2.0", id: 2, method: "block", params: { height: "abc" } });
    expect(bad.json.error.code).toBe(-32602);
    expect(bad.json.error.data).toMatch(/height/);
    const tooHigh = await rpc({ jsonrpc: "2.0", id: 3, method: "block", params: { height: "999" } });
    expect(tooHigh.json.error.data).toMatch(/must be less than or equal to the current blockchain height/);
    const batch = await rpc([
      { jsonrpc: "2.0", id: 1, method: "health" },
      { jsonrpc: "2.0", id: 2, method: "status" },
    ]);
    expect(Array.isArray(batch.json)).toBe(true);
    expect((batch.json as unknown as any[]).map((r) => r.id)).toEqual([1, 2]); // eslint-disable-line @typescript-eslint/no-explicit-any
    const badQuery = await rpc({ jsonrpc: "2.0", id: 4, method: "tx_search", params: { query: "tx.height=" } });
    expect(badQuery.json.error.data).toMatch(/failed to parse query/);
    const subHttp = await rpc({ jsonrpc: "2.0", id: 5, method: "subscribe", params: { query: "tm.event='Tx'" } });
    expect(subHttp.json.error.code).toBe(-32601);
  });

  it("URI GET requests and abci_query height", async () => {
    const status = await getJson(`${server.url}/status`);
    expect(status.result.node_info.network).toBe("devnet-test-1");
    const q = await getJson(`${server.url}/abci_query?path="/cosmos.bank.v1beta1.Query/Balance"&data=0x0a00`);
    expect(q.result.response.code).not.toBe(0);
    expect(q.result.response.height).not.toBe("0");
    const block = await getJson(`${server.url}/block?height=2`);
    expect(block.result.block.header.height).toBe("2");
    const hash = chain.indexed[0]!.hash;
    const tx = await getJson(`${server.url}/tx?hash=0x${hash}`);
    expect(tx.result.hash).toBe(hash);
    const cp = await getJson(`${server.url}/consensus_params`);
    expect(cp.result.consensus_params.block.max_gas).toBe("-1");
    const badGet = await fetch(`${server.url}/block?height=abc`);
    expect(badGet.status).toBe(500);
    expect(((await badGet.json()) as { error: { code: number } }).error.code).toBe(-32602);
  });

  it("CORS preflight and oversized bodies", async () => {
    const pre = await fetch(server.url, { method: "OPTIONS", headers: { Origin: "http://x", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    const big = await fetch(server.url, { method: "POST", body: "x".repeat(1_100_000) });
    expect(big.status).toBe(413);
  });
});

describe("WebSocket limits", () => {
  it("caps subscriptions per client and drops clients that stop answering pings", async () => {
    const limited = await startRpcServer(chain, { host: "127.0.0.1", port: 0, maxSubscriptionsPerClient: 2, pingIntervalMs: 100 });
    try {
      const url = limited.url.replace("http", "ws") + "/websocket";
      const ws = new WebSocket(url);
      await new Promise((r) => ws.once("open", r));
      const replies: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
      ws.on("message", (d) => replies.push(JSON.parse(String(d))));
      for (let i = 0; i < 3; i++) ws.send(JSON.stringify({ jsonrpc: "2.0", id: i, method: "subscribe", params: { query: `tm.event='Tx' AND tx.height=${i}` } }));
      await new Promise((r) => setTimeout(r, 150));
      expect(replies.filter((r) => r.result).length).toBe(2);
      expect(replies.find((r) => r.id === 2).error.data).toMatch(/max_subscriptions_per_client/);
      // A healthy client (auto pong) stays connected across several ping intervals.
      await new Promise((r) => setTimeout(r, 350));
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();

      const silent = new WebSocket(url, { autoPong: false });
      await new Promise((r) => silent.once("open", r));
      const closed = await new Promise<boolean>((resolve) => {
        silent.once("close", () => resolve(true));
        setTimeout(() => resolve(false), 1500);
      });
      expect(closed).toBe(true);
    } finally {
      await limited.close();
    }
  });
});
