import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import type { Bid } from "../chain/market";
import { BidFeed, type FeedStatus } from "./bid-feed";

const OWNER = "akash1owner";
const DSEQ = "42";

// The chain's bids as REST would return them now; each read is logged in order with the node's replies.
const chain = vi.hoisted(() => ({ bids: [] as Bid[], log: [] as string[] }));
vi.mock("../chain/market", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../chain/market")>()),
  listBids: vi.fn(async () => {
    chain.log.push(`rest read (${chain.bids.length} bids)`);
    return chain.bids;
  }),
}));
vi.mock("../chain/blocks", () => ({ getLatestBlock: vi.fn(async () => ({ height: 1 })) }));

function bid(provider: string): Bid {
  return { owner: OWNER, dseq: DSEQ, gseq: 1, oseq: 1, provider, bseq: 1, key: `1/1/${provider}/1`, state: "open", price: { denom: "uact", amount: 10 } };
}

/**
 * A CometBFT WebSocket endpoint that holds its reply to each `subscribe` until the test releases it, and never
 * sends a block header unless asked: what the feed does before a block arrives is all that is left to see.
 */
class FakeNode {
  private readonly http: Server = createServer();
  private readonly wss = new WebSocketServer({ noServer: true });
  readonly subscribes: Array<{ query: string; reply: () => void; push: (result: unknown) => void }> = [];
  private waiters: Array<() => void> = [];

  constructor() {
    this.http.on("upgrade", (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws)));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  private accept(ws: WebSocket) {
    ws.on("message", (data) => {
      const request = JSON.parse(String(data)) as { id: unknown; method: string; params: { query: string } };
      if (request.method !== "subscribe") return;
      const send = (result: unknown) => ws.send(JSON.stringify({ jsonrpc: "2.0", id: request.id, result }));
      this.subscribes.push({
        query: request.params.query,
        reply: () => {
          chain.log.push(`subscribed: ${request.params.query.includes("EventBidCreated") ? "bids" : "blocks"}`);
          send({});
        },
        push: send,
      });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves when the feed has asked for `count` subscriptions. */
  async subscribed(count: number): Promise<void> {
    while (this.subscribes.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  bidSubscription() {
    return this.subscribes.find((s) => s.query.includes("EventBidCreated"))!;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

const until = async (check: () => boolean, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

let node: FakeNode | null = null;
let feed: BidFeed | null = null;
afterEach(async () => {
  feed?.stop();
  feed = null;
  await node?.close();
  node = null;
  chain.bids = [];
  chain.log = [];
});

function startFeed(rpcUrl: string, extra: { pollIntervalMs?: number } = {}) {
  const seen: Array<{ source: "rest" | "event"; keys: string[] }> = [];
  const statuses: FeedStatus[] = [];
  feed = new BidFeed({
    rpcUrl,
    restUrl: "http://rest.invalid",
    owner: OWNER,
    dseq: DSEQ,
    blockTimeMs: 1000,
    onBids: (bids, source) => seen.push({ source, keys: bids.map((b) => b.key) }),
    onStatus: (status) => statuses.push(status),
    ...extra,
  });
  feed.start();
  return { seen, statuses };
}

describe("BidFeed", () => {
  it("shows a bid committed while the subscription was being set up as soon as the node confirms it, without waiting for a block", async () => {
    node = new FakeNode();
    const { seen, statuses } = startFeed(await node.listen());
    await node.subscribed(2);
    await until(() => chain.log.length === 1);
    expect(chain.log).toEqual(["rest read (0 bids)"]);

    // Committed after the first read, before the node has the subscription: no event will ever carry it.
    chain.bids = [bid("akash1gap")];
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Nothing reads again before the reply: a read then could still miss a bid committed just before it.
    expect(chain.log).toEqual(["rest read (0 bids)"]);
    expect(statuses).toEqual([]);

    node.bidSubscription().reply();
    await until(() => seen.length > 0);
    expect(chain.log).toEqual(["rest read (0 bids)", "subscribed: bids", "rest read (1 bids)"]);
    expect(seen).toEqual([{ source: "rest", keys: ["1/1/akash1gap/1"] }]);
    expect(statuses).toEqual(["live"]);
    expect(feed!.current.map((b) => b.provider)).toEqual(["akash1gap"]);
  });

  it("takes bids committed after the subscription from its events", async () => {
    node = new FakeNode();
    const { seen } = startFeed(await node.listen());
    await node.subscribed(2);
    const bids = node.bidSubscription();
    bids.reply();
    await until(() => chain.log.filter((line) => line.startsWith("rest read")).length === 2);

    bids.push({
      query: bids.query,
      data: {
        type: "tendermint/event/Tx",
        value: {
          TxResult: {
            height: "12",
            index: 0,
            tx: "AQID",
            result: {
              code: 0,
              log: "",
              gas_wanted: "1",
              gas_used: "1",
              events: [
                {
                  type: "akash.market.v1.EventBidCreated",
                  attributes: [
                    { key: "id", value: JSON.stringify({ owner: OWNER, dseq: DSEQ, gseq: 1, oseq: 1, provider: "akash1pushed", bseq: 1 }), index: true },
                    { key: "price", value: JSON.stringify({ denom: "uact", amount: "7.5" }), index: true },
                  ],
                },
              ],
            },
          },
        },
      },
      events: {},
    });
    await until(() => seen.length > 0);
    expect(seen[0]).toEqual({ source: "event", keys: ["1/1/akash1pushed/1"] });
    expect(feed!.current[0]).toMatchObject({ provider: "akash1pushed", price: { denom: "uact", amount: 7.5 }, height: 12 });
  });

  it("polls REST while the node's WebSocket cannot be reached", async () => {
    // A port nobody listens on: the socket keeps failing, the feed hears no block and falls back (after 5 s).
    const closed = new FakeNode();
    const rpcUrl = await closed.listen();
    await closed.close();
    chain.bids = [bid("akash1polled")];
    const { seen, statuses } = startFeed(rpcUrl, { pollIntervalMs: 30 });
    await until(() => statuses.includes("polling"), 8000);
    await until(() => chain.log.length >= 3);
    expect(seen[0]).toEqual({ source: "rest", keys: ["1/1/akash1polled/1"] });
    expect(statuses).not.toContain("live");
  }, 15_000);
});
