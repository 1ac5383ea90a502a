/**
 * Live bids for one deployment. REST gives the first load; then a CometBFT WebSocket subscription
 * (`tm.event='Tx' AND akash.market.v1.EventBidCreated.id CONTAINS '<owner>'`) delivers each bid the
 * moment its block is committed. The moment the node confirms that subscription, REST is read once more: a bid
 * committed between the first read and the subscription taking effect is in that read, so nothing waits for a
 * later block. New block headers on the same socket double as a liveness signal: when the socket drops or goes
 * quiet, REST polling takes over until the subscription is back.
 */
import type { Comet38Client } from "@cosmjs/tendermint-rpc";
import { getLatestBlock } from "../chain/blocks";
import { openCometSocket } from "../chain/comet-socket";
import { listBids } from "../chain/market";
import { mergeBids, parseBidEvents, type Bid, type TxEventLike } from "./bids";

export type FeedStatus = "connecting" | "live" | "polling" | "stopped";

export interface BidFeedOptions {
  rpcUrl: string;
  restUrl: string;
  owner: string;
  dseq: string;
  /**
   * Called when the bids changed: `bids` is everything this feed has seen, merged; `incoming` is the batch that
   * changed it (a REST page or a block's events). A consumer keeping its own copy (e.g. a query cache that
   * other reads also write) merges `incoming` into it with `mergeBids`, so a newer copy is never rolled back.
   */
  onBids: (bids: Bid[], source: "rest" | "event", incoming: Bid[]) => void;
  onStatus?: (status: FeedStatus, detail?: string) => void;
  /** Called with each new block height (from the subscription, or REST polling). */
  onHeight?: (height: number) => void;
  /** Expected block time; the socket counts as lost after 5 quiet block times (min 5 s). */
  blockTimeMs?: number;
  pollIntervalMs?: number;
}

type Unsubscribe = { unsubscribe(): void };

export class BidFeed {
  private bids: Bid[] = [];
  private client: Comet38Client | null = null;
  private subscriptions: Unsubscribe[] = [];
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSignal = 0;
  private attempts = 0;
  private stopped = false;
  private statusValue: FeedStatus = "connecting";

  constructor(private readonly options: BidFeedOptions) {}

  get status(): FeedStatus {
    return this.statusValue;
  }

  get current(): Bid[] {
    return this.bids;
  }

  start(): void {
    this.stopped = false;
    void this.refresh();
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.teardownSocket();
    this.stopPolling();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.enrichTimer) clearTimeout(this.enrichTimer);
    this.setStatus("stopped");
  }

  /** Re-reads bids over REST (first load, after reconnecting, and while polling). */
  async refresh(): Promise<void> {
    try {
      const bids = await listBids(this.options.restUrl, { owner: this.options.owner, dseq: this.options.dseq });
      if (!this.stopped) this.apply(bids, "rest");
    } catch {
      // The next poll or event will try again; the status already says how we are connected.
    }
  }

  private apply(incoming: Bid[], source: "rest" | "event"): void {
    const merged = mergeBids(this.bids, incoming);
    if (merged === this.bids) return;
    this.bids = merged;
    this.options.onBids(merged, source, incoming);
  }

  private connect(): void {
    if (this.stopped) return;
    this.setStatus(this.pollTimer ? "polling" : "connecting");
    let failed = false;
    const onSocketError = (error: unknown) => {
      if (failed || this.stopped) return;
      failed = true;
      this.lost(error instanceof Error ? error.message : "The node's WebSocket closed");
    };
    // subscribeTx prefixes `tm.event='Tx' AND `.
    const query = `akash.market.v1.EventBidCreated.id CONTAINS '${this.options.owner}'`;
    let client: Comet38Client;
    try {
      client = openCometSocket(this.options.rpcUrl, {
        onError: onSocketError,
        // (A late reply from a socket already replaced is ignored.)
        onSubscribed: (subscribed) => {
          if (subscribed.endsWith(query) && this.client === client && !this.stopped) this.becameLive();
        },
      });
    } catch (error) {
      onSocketError(error);
      return;
    }
    this.client = client;
    const filter = { owner: this.options.owner, dseq: this.options.dseq };
    this.subscriptions.push(
      client.subscribeTx(query).subscribe({
        next: (event) => {
          this.lastSignal = Date.now();
          const bids = parseBidEvents(event as unknown as TxEventLike, filter);
          if (bids.length) {
            this.apply(bids, "event");
            this.scheduleEnrich();
          }
        },
        error: onSocketError,
        complete: () => onSocketError(new Error("The bid subscription ended")),
      }),
      client.subscribeNewBlockHeader().subscribe({
        next: (header) => {
          this.lastSignal = Date.now();
          // Blocks flowing also prove the socket live, should a gateway's subscribe reply not be recognised.
          if (this.statusValue !== "live") this.becameLive();
          this.options.onHeight?.(header.height);
        },
        error: onSocketError,
        complete: () => onSocketError(new Error("The block subscription ended")),
      }),
    );
    this.lastSignal = Date.now();
    const quietLimit = Math.max(5000, (this.options.blockTimeMs ?? 6000) * 5);
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastSignal > quietLimit) onSocketError(new Error("No new blocks from the node's WebSocket"));
    }, 1000);
  }

  private enrichTimer: ReturnType<typeof setTimeout> | null = null;

  /** Events carry id and price only; a REST read shortly after adds the offered resources. */
  private scheduleEnrich(): void {
    if (this.enrichTimer) return;
    this.enrichTimer = setTimeout(() => {
      this.enrichTimer = null;
      if (!this.stopped) void this.refresh();
    }, 400);
  }

  /** The bid subscription is in effect: from here on every bid arrives as an event. */
  private becameLive(): void {
    this.attempts = 0;
    this.stopPolling();
    this.setStatus("live");
    // Catch anything committed before the subscription took effect (while connecting, or polling).
    void this.refresh();
  }

  private lost(detail: string): void {
    this.teardownSocket();
    this.startPolling();
    this.setStatus("polling", detail);
    const delay = Math.min(15_000, 1000 * 2 ** this.attempts);
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private startPolling(): void {
    if (this.pollTimer) return;
    const interval = this.options.pollIntervalMs ?? 3000;
    this.pollTimer = setInterval(() => {
      void this.refresh();
      void this.pollHeight();
    }, interval);
  }

  private async pollHeight(): Promise<void> {
    if (!this.options.onHeight) return;
    try {
      const { height } = await getLatestBlock(this.options.restUrl);
      this.options.onHeight(height);
    } catch {
      // node down: nothing to report
    }
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private teardownSocket(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    for (const s of this.subscriptions.splice(0)) {
      try {
        s.unsubscribe();
      } catch {
        // socket already gone
      }
    }
    const client = this.client;
    this.client = null;
    try {
      client?.disconnect();
    } catch {
      // already closed
    }
  }

  private setStatus(status: FeedStatus, detail?: string): void {
    if (this.statusValue === status && !detail) return;
    this.statusValue = status;
    this.options.onStatus?.(status, detail);
  }
}
