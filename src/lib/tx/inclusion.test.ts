import type { IndexedTx } from "@cosmjs/stargate";
import { describe, expect, it, vi } from "vitest";
import { TxTimeoutError, waitForInclusion, type IncludedTx, type TxSubscription } from "./inclusion";

const HASH = "A".repeat(64);

function indexed(height: number): IndexedTx {
  return { height, txIndex: 0, hash: HASH, code: 0, events: [], rawLog: "", tx: new Uint8Array(), msgResponses: [], gasUsed: 10n, gasWanted: 20n };
}

function pushed(height: number): IncludedTx {
  return { hash: HASH, height, code: 0, codespace: "", rawLog: "", gasUsed: 1, gasWanted: 2, events: [] };
}

function manualSubscription(): TxSubscription & { push(tx: IncludedTx): void; confirm(): void; closed: boolean } {
  let resolve: (tx: IncludedTx) => void = () => {};
  let confirm: () => void = () => {};
  const event = new Promise<IncludedTx>((r) => (resolve = r));
  const subscribed = new Promise<void>((r) => (confirm = r));
  const sub = { event, subscribed, closed: false, push: (tx: IncludedTx) => resolve(tx), confirm: () => confirm(), close: () => void (sub.closed = true) };
  return sub;
}

describe("waitForInclusion", () => {
  it("confirms from the pushed event before the first poll and closes the socket", async () => {
    const sub = manualSubscription();
    const getTx = vi.fn(async () => null);
    const started = Date.now();
    const waiting = waitForInclusion({ rpcUrl: "http://node", hash: HASH, getTx, timeoutMs: 5000, pollIntervalMs: 1000, subscribe: () => sub });
    setTimeout(() => sub.push(pushed(7)), 20);
    const tx = await waiting;
    expect(tx.height).toBe(7);
    expect(Date.now() - started).toBeLessThan(500);
    expect(getTx).not.toHaveBeenCalled();
    expect(sub.closed).toBe(true);
  });

  it("reads the tx at once when the node confirms the subscription: a block committed before it is never pushed", async () => {
    const sub = manualSubscription();
    const getTx = vi.fn(async () => indexed(5));
    const started = Date.now();
    const waiting = waitForInclusion({ rpcUrl: "http://node", hash: HASH, getTx, timeoutMs: 10_000, pollIntervalMs: 5000, subscribe: () => sub });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Not before the confirmation: until then the push may still come first.
    expect(getTx).not.toHaveBeenCalled();
    sub.confirm();
    const tx = await waiting;
    expect(tx.height).toBe(5);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(getTx).toHaveBeenCalledTimes(1);
    expect(sub.closed).toBe(true);
  });

  it("after a confirmation that finds nothing, the push confirms the tx", async () => {
    const sub = manualSubscription();
    const getTx = vi.fn(async () => null);
    const waiting = waitForInclusion({ rpcUrl: "http://node", hash: HASH, getTx, timeoutMs: 10_000, pollIntervalMs: 5000, subscribe: () => sub });
    sub.confirm();
    await vi.waitFor(() => expect(getTx).toHaveBeenCalledTimes(1));
    sub.push(pushed(6));
    expect((await waiting).height).toBe(6);
    expect(getTx).toHaveBeenCalledTimes(1);
  });

  it("falls back to polling when the node has no usable WebSocket", async () => {
    let calls = 0;
    const getTx = vi.fn(async () => (++calls >= 3 ? indexed(9) : null));
    const tx = await waitForInclusion({ rpcUrl: "http://node", hash: HASH, getTx, timeoutMs: 5000, pollIntervalMs: 10, subscribe: () => null });
    expect(tx.height).toBe(9);
    expect(tx.gasUsed).toBe(10);
    expect(getTx).toHaveBeenCalledTimes(3);
  });

  it("keeps polling through failed reads and a silent socket", async () => {
    const sub = manualSubscription();
    let calls = 0;
    const getTx = vi.fn(async () => {
      calls++;
      if (calls === 1) throw new Error("502");
      return calls >= 2 ? indexed(4) : null;
    });
    const tx = await waitForInclusion({ rpcUrl: "http://node", hash: HASH, getTx, timeoutMs: 5000, pollIntervalMs: 10, subscribe: () => sub });
    expect(tx.height).toBe(4);
    expect(sub.closed).toBe(true);
  });

  it("gives up at the deadline with a message that says the tx may still land", async () => {
    const waiting = waitForInclusion({ rpcUrl: "http://node", hash: HASH, getTx: async () => null, timeoutMs: 60, pollIntervalMs: 10, subscribe: () => null });
    await expect(waiting).rejects.toBeInstanceOf(TxTimeoutError);
    await expect(waiting).rejects.toThrow(/may still be included/);
  });
});
