/**
 * Waits for a broadcast transaction to land in a block. The node's WebSocket pushes the tx the moment its block
 * commits (`tm.event='Tx' AND tx.hash='…'`), so the next step (e.g. sending a manifest once a lease exists) starts
 * at once instead of up to one poll interval later. The subscription is opened after the broadcast, so the block
 * may commit before it takes effect: the tx is read by hash the moment the node confirms the subscription, and
 * after that only the push can be first. Polling `tx` by hash runs alongside it: nodes without a usable
 * WebSocket or a dropped socket still confirm, just a little later.
 */
import { toHex } from "@cosmjs/encoding";
import type { IndexedTx } from "@cosmjs/stargate";
import type { Comet38Client, comet38 } from "@cosmjs/tendermint-rpc";
import { openCometSocket } from "../chain/comet-socket";

export interface IncludedTx {
  hash: string;
  height: number;
  code: number;
  codespace: string;
  rawLog: string;
  gasUsed: number;
  gasWanted: number;
  events: IndexedTx["events"];
}

export interface InclusionOptions {
  rpcUrl: string;
  /** Upper-case hex, as `broadcastTxSync` returns it. */
  hash: string;
  /** Reads the tx by hash; null while it is not in a block. */
  getTx: (hash: string) => Promise<IndexedTx | null>;
  timeoutMs: number;
  pollIntervalMs: number;
  /** Opens the push channel; injectable for tests. Return null to poll only. */
  subscribe?: (rpcUrl: string, hash: string) => TxSubscription | null;
}

export interface TxSubscription {
  /** Resolves with the first matching tx event; never rejects (a failed socket just leaves polling to it). */
  readonly event: Promise<IncludedTx>;
  /** Resolves when the node confirmed the subscription (never, if it does not); never rejects. */
  readonly subscribed?: Promise<void>;
  close(): void;
}

export class TxTimeoutError extends Error {
  constructor(readonly hash: string, timeoutMs: number) {
    super(`Transaction ${hash} was sent but not seen in a block within ${Math.round(timeoutMs / 1000)} s. It may still be included: check its hash before sending it again.`);
    this.name = "TxTimeoutError";
  }
}

export function fromIndexedTx(tx: IndexedTx): IncludedTx {
  return {
    hash: tx.hash.toUpperCase(),
    height: tx.height,
    code: tx.code,
    codespace: "",
    rawLog: tx.rawLog ?? "",
    gasUsed: Number(tx.gasUsed),
    gasWanted: Number(tx.gasWanted),
    events: tx.events,
  };
}

export function fromTxEvent(event: comet38.TxEvent): IncludedTx {
  return {
    hash: toHex(event.hash).toUpperCase(),
    height: event.height,
    code: event.result.code,
    codespace: event.result.codespace ?? "",
    rawLog: event.result.log ?? "",
    gasUsed: Number(event.result.gasUsed),
    gasWanted: Number(event.result.gasWanted),
    events: event.result.events,
  };
}

/** The default push channel: a CometBFT WebSocket subscription to this one tx hash. */
export function subscribeToTx(rpcUrl: string, hash: string): TxSubscription | null {
  if (!/^[0-9A-F]{64}$/.test(hash)) return null;
  let client: Comet38Client;
  let settle: (tx: IncludedTx) => void = () => {};
  let confirm: () => void = () => {};
  const event = new Promise<IncludedTx>((resolve) => (settle = resolve));
  const subscribed = new Promise<void>((resolve) => (confirm = resolve));
  try {
    // Socket errors are not fatal here: polling confirms the tx anyway. (subscribeTx prefixes `tm.event='Tx' AND `.)
    client = openCometSocket(rpcUrl, {
      onSubscribed: (query) => {
        if (query.includes(hash)) confirm();
      },
    });
  } catch {
    return null;
  }
  const subscription = client.subscribeTx(`tx.hash='${hash}'`).subscribe({
    next: (tx) => settle(fromTxEvent(tx)),
    error: () => {},
    complete: () => {},
  });
  return {
    event,
    subscribed,
    close() {
      subscription.unsubscribe();
      client.disconnect();
    },
  };
}

export async function waitForInclusion(options: InclusionOptions): Promise<IncludedTx> {
  const subscription = (options.subscribe ?? subscribeToTx)(options.rpcUrl, options.hash);
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const polled = new Promise<IncludedTx>((resolve, reject) => {
    let reading = false;
    const poll = async () => {
      if (done || reading) return;
      reading = true;
      clearTimeout(timer);
      try {
        const tx = await options.getTx(options.hash);
        if (tx) return resolve(fromIndexedTx(tx));
      } catch {
        // A failed read is retried at the next tick; the deadline bounds the wait.
      } finally {
        reading = false;
      }
      if (!done) timer = setTimeout(() => void poll(), options.pollIntervalMs);
    };
    timer = setTimeout(() => void poll(), options.pollIntervalMs);
    // From the subscription's confirmation on, the push reports the block; one read then covers the blocks before.
    void subscription?.subscribed?.then(() => void poll());
    deadline = setTimeout(() => {
      if (!done) reject(new TxTimeoutError(options.hash, options.timeoutMs));
    }, options.timeoutMs);
  });
  try {
    return await (subscription ? Promise.race([subscription.event, polled]) : polled);
  } finally {
    done = true;
    clearTimeout(timer);
    clearTimeout(deadline);
    subscription?.close();
  }
}
