import { afterEach, describe, expect, test } from "vitest";
import { FakeChain, fakeTxBytes } from "../rpc/fake-chain.ts";
import { startRpcServer } from "../rpc/server.ts";
import { ChainEvents, type ChainEventHandlers } from "./chain-events.ts";
import type { LeaseIdView, OrderIdView } from "./types.ts";

const owner = "akash1m8pac3yj90xahz8lnl3nauth3agactsvslfgjf";
const provider = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";
const typed = (type: string, attrs: Record<string, unknown>) => ({
  type,
  attributes: [...Object.entries(attrs).map(([key, v]) => ({ key, value: JSON.stringify(v), index: true })), { key: "msg_index", value: "0", index: true }],
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function recorder() {
  const seen = { orders: [] as OrderIdView[][], closedOrders: [] as OrderIdView[], leases: [] as LeaseIdView[], closed: [] as LeaseIdView[], resyncs: 0 };
  const handlers: ChainEventHandlers = {
    onOrdersCreated: (ids) => seen.orders.push(ids),
    onOrderClosed: (id) => seen.closedOrders.push(id),
    onLeaseCreated: (id) => seen.leases.push(id),
    onLeaseClosed: (id) => seen.closed.push(id),
    onResync: () => seen.resyncs++,
  };
  return { seen, handlers };
}

const until = async (f: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error("timeout");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("chain event subscriptions", () => {
  test("typed market events from txs are parsed; the orders of one tx arrive together", async () => {
    const chain = new FakeChain();
    chain.produceBlock();
    const server = await startRpcServer(chain, { host: "127.0.0.1", port: 0 });
    cleanups.push(() => server.close());
    const { seen, handlers } = recorder();
    const events = new ChainEvents(server.url, handlers);
    cleanups.push(() => events.stop());
    await events.start();
    expect(seen.resyncs).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    chain.produceBlock([
      {
        tx: fakeTxBytes("deploy"),
        events: [typed("akash.market.v1.EventOrderCreated", { id: { owner, dseq: "42", gseq: 1, oseq: 1 } }), typed("akash.market.v1.EventOrderCreated", { id: { owner, dseq: "42", gseq: 2, oseq: 1 } })],
      },
    ]);
    await until(() => seen.orders.length === 1);
    expect(seen.orders[0]).toEqual([
      { owner, dseq: "42", gseq: 1, oseq: 1 },
      { owner, dseq: "42", gseq: 2, oseq: 1 },
    ]);
    const lid = { owner, dseq: "42", gseq: 1, oseq: 1, provider, bseq: 0 };
    chain.produceBlock([
      {
        tx: fakeTxBytes("lease"),
        events: [typed("akash.market.v1.EventLeaseCreated", { id: lid, price: { denom: "uact", amount: "4.983040000000000000" } }), typed("akash.market.v1.EventOrderClosed", { id: { owner, dseq: "42", gseq: 2, oseq: 1 } })],
      },
    ]);
    await until(() => seen.leases.length === 1 && seen.closedOrders.length === 1);
    expect(seen.leases[0]).toEqual(lid);
    chain.produceBlock([{ tx: fakeTxBytes("close"), events: [typed("akash.market.v1.EventLeaseClosed", { id: lid, reason: "lease_closed_owner" })] }]);
    await until(() => seen.closed.length === 1);
    expect(seen.closed[0]).toEqual(lid);
  });

  test("a dead connection is detected (no blocks) and everything is re-subscribed and resynced", async () => {
    const chain = new FakeChain();
    chain.produceBlock();
    let server = await startRpcServer(chain, { host: "127.0.0.1", port: 0 });
    const port = Number(new URL(server.url).port);
    const { seen, handlers } = recorder();
    const events = new ChainEvents(server.url, handlers, 800);
    cleanups.push(() => events.stop());
    await events.start();
    await server.close();
    server = await startRpcServer(chain, { host: "127.0.0.1", port });
    cleanups.push(() => server.close());
    await until(() => seen.resyncs >= 2, 8000);
    await new Promise((r) => setTimeout(r, 300));
    chain.produceBlock([{ tx: fakeTxBytes("after"), events: [typed("akash.market.v1.EventOrderCreated", { id: { owner, dseq: "7", gseq: 1, oseq: 1 } })] }]);
    await until(() => seen.orders.length >= 1, 5000);
    expect(seen.orders.at(-1)).toEqual([{ owner, dseq: "7", gseq: 1, oseq: 1 }]);
  });
});
