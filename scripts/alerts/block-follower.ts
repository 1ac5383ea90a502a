/**
 * Follows the chain's new blocks: a CometBFT WebSocket subscription (NewBlockHeader) when an RPC URL is known, REST
 * polling of the latest block otherwise and while the socket is down (reconnecting with backoff).
 */
import { Comet38Client, WebsocketClient } from "@cosmjs/tendermint-rpc";
import { getLatestBlock } from "../../src/lib/chain/blocks.ts";
import { websocketUrl } from "../../src/lib/chain/http.ts";
import { getErrorMessage } from "../../src/lib/errors.ts";

export type FollowMode = "websocket" | "polling";

export interface BlockFollowerOptions {
  restUrl: string;
  rpcUrl: string;
  pollMs: number;
  onHeight: (height: number, mode: FollowMode) => void;
  onMode?: (mode: FollowMode, detail?: string) => void;
  /** No header for this long on the socket counts as a dead socket. */
  quietMs?: number;
}

export class BlockFollower {
  private readonly options: BlockFollowerOptions;
  private client: Comet38Client | null = null;
  private subscription: { unsubscribe(): void } | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastSignal = 0;
  private attempts = 0;
  private stopped = false;
  private modeValue: FollowMode | null = null;

  constructor(options: BlockFollowerOptions) {
    this.options = options;
  }

  get mode(): FollowMode | null {
    return this.modeValue;
  }

  start(): void {
    if (this.options.rpcUrl) this.connect();
    else this.startPolling("no RPC URL: polling REST");
  }

  stop(): void {
    this.stopped = true;
    this.teardown();
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.pollTimer = null;
    this.reconnectTimer = null;
  }

  private setMode(mode: FollowMode, detail?: string): void {
    if (this.modeValue === mode) return;
    this.modeValue = mode;
    this.options.onMode?.(mode, detail);
  }

  private connect(): void {
    if (this.stopped) return;
    let failed = false;
    const lost = (error: unknown) => {
      if (failed || this.stopped) return;
      failed = true;
      this.teardown();
      this.startPolling(`WebSocket lost: ${getErrorMessage(error)}`);
      const delay = Math.min(30_000, 1000 * 2 ** this.attempts++);
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.connect();
      }, delay);
    };
    try {
      this.client = Comet38Client.create(new WebsocketClient(websocketUrl(this.options.rpcUrl), lost));
    } catch (error) {
      lost(error);
      return;
    }
    this.subscription = this.client.subscribeNewBlockHeader().subscribe({
      next: (header) => {
        this.lastSignal = Date.now();
        this.attempts = 0;
        if (this.pollTimer) clearInterval(this.pollTimer);
        this.pollTimer = null;
        this.setMode("websocket");
        this.options.onHeight(header.height, "websocket");
      },
      error: lost,
      complete: () => lost(new Error("the subscription ended")),
    });
    this.lastSignal = Date.now();
    const quiet = this.options.quietMs ?? 60_000;
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastSignal > quiet) lost(new Error(`no new block for ${Math.round(quiet / 1000)} s`));
    }, Math.min(quiet, 5000));
  }

  private startPolling(detail: string): void {
    if (this.stopped || this.pollTimer) return;
    this.setMode("polling", detail);
    const poll = async () => {
      try {
        const { height } = await getLatestBlock(this.options.restUrl);
        if (this.pollTimer) this.options.onHeight(height, "polling");
      } catch {
        // The node is unreachable; the next poll tries again.
      }
    };
    this.pollTimer = setInterval(() => void poll(), this.options.pollMs);
    void poll();
  }

  private teardown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    try {
      this.subscription?.unsubscribe();
    } catch {
      // socket already gone
    }
    this.subscription = null;
    const client = this.client;
    this.client = null;
    try {
      client?.disconnect();
    } catch {
      // already closed
    }
  }
}
