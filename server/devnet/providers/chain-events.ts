/** Chain events a provider reacts to (orders, leases), over CometBFT WebSocket subscriptions. */
import { Comet38Client, WebsocketClient } from "@cosmjs/tendermint-rpc";
import type { LeaseIdView, OrderIdView } from "./types.ts";
import { arr, obj, parseLeaseId, parseOrderId, str } from "./chain-json.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface ChainEventHandlers {
  /** All orders created by one tx (e.g. the groups of one deployment), so bids on them can share a tx. */
  onOrdersCreated(ids: OrderIdView[], height: number): void;
  onOrderClosed(id: OrderIdView): void;
  onLeaseCreated(id: LeaseIdView, price: { denom: string; amount: string } | undefined): void;
  onLeaseClosed(id: LeaseIdView): void;
  /** Called after (re)connecting, so callers can resync anything missed while disconnected. */
  onResync(): void;
}

interface TxEventLike {
  height: number;
  result: { events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[] };
}

/** Parse an attribute value emitted by EmitTypedEvent (proto-JSON). */
function typedAttr(attrs: readonly { key: string; value: string }[], key: string): unknown {
  const a = attrs.find((x) => x.key === key);
  if (!a) return undefined;
  try {
    return JSON.parse(a.value);
  } catch {
    return a.value;
  }
}

/**
 * One CometBFT WebSocket connection with subscriptions for order-created and lease-created/closed events.
 * Reconnects with backoff; after every (re)connect `onResync` lets callers catch up via one REST scan.
 */
export class ChainEvents {
  private client: Comet38Client | undefined;
  private stopped = false;
  private readonly subs: { unsubscribe(): void }[] = [];
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lastBlockAt = Date.now();

  /**
   * `staleAfterMs`: with no new block header for this long the connection is considered dead (cosmjs
   * reconnects its socket but does not re-send subscriptions), so everything is re-subscribed and resynced.
   */
  constructor(
    private readonly rpcUrl: string,
    private readonly handlers: ChainEventHandlers,
    private readonly staleAfterMs = 30_000,
  ) {}

  async start(): Promise<void> {
    await this.connect();
    this.watchdog = setInterval(() => {
      if (!this.stopped && !this.reconnectTimer && Date.now() - this.lastBlockAt > this.staleAfterMs) {
        console.warn(`[providers] no block for ${this.staleAfterMs} ms; re-subscribing`);
        this.lastBlockAt = Date.now();
        this.scheduleReconnect(0);
      }
    }, Math.min(5000, this.staleAfterMs / 2));
  }

  private wsUrl(): string {
    return this.rpcUrl.replace(/^http/, "ws").replace(/\/$/, "");
  }

  private async connect(): Promise<void> {
    const onError = (err: unknown) => {
      if (this.stopped) return;
      console.warn(`[providers] event subscription error: ${getErrorMessage(err)}; reconnecting`);
      this.scheduleReconnect();
    };
    const ws = new WebsocketClient(this.wsUrl(), onError);
    const client = Comet38Client.create(ws);
    this.client = client;
    this.lastBlockAt = Date.now();
    this.subs.push(client.subscribeNewBlockHeader().subscribe({ next: () => (this.lastBlockAt = Date.now()), error: onError, complete: () => undefined }));
    // Leases closed by the chain itself (e.g. an overdrawn escrow account in EndBlock) are block events, not tx events.
    const blockEvents = ws.listen({ jsonrpc: "2.0", id: `lease-closed-${Date.now()}`, method: "subscribe", params: { query: "tm.event='NewBlockEvents' AND akash.market.v1.EventLeaseClosed.id EXISTS" } });
    this.subs.push(
      blockEvents.subscribe({
        next: (ev) => {
          const value = obj(ev.data.value);
          for (const e of arr(value.events).map(obj)) {
            if (e.type !== "akash.market.v1.EventLeaseClosed") continue;
            const attrs = arr(e.attributes).map((a) => ({ key: str(obj(a).key), value: str(obj(a).value) }));
            this.safe(() => this.handlers.onLeaseClosed(parseLeaseId(typedAttr(attrs, "id"))));
          }
        },
        error: onError,
        complete: () => undefined,
      }),
    );
    const subscribe = (query: string, fn: (ev: TxEventLike) => void) => {
      const stream = client.subscribeTx(query);
      this.subs.push(stream.subscribe({ next: (ev) => fn(ev as unknown as TxEventLike), error: onError, complete: () => undefined }));
    };
    subscribe("tm.event='Tx' AND akash.market.v1.EventOrderCreated.id EXISTS", (ev) => {
      const ids: OrderIdView[] = [];
      for (const e of ev.result.events) if (e.type === "akash.market.v1.EventOrderCreated") this.safe(() => ids.push(parseOrderId(typedAttr(e.attributes, "id"))));
      if (ids.length) this.safe(() => this.handlers.onOrdersCreated(ids, ev.height));
    });
    subscribe("tm.event='Tx' AND akash.market.v1.EventOrderClosed.id EXISTS", (ev) => {
      for (const e of ev.result.events) if (e.type === "akash.market.v1.EventOrderClosed") this.safe(() => this.handlers.onOrderClosed(parseOrderId(typedAttr(e.attributes, "id"))));
    });
    subscribe("tm.event='Tx' AND akash.market.v1.EventLeaseCreated.id EXISTS", (ev) => {
      for (const e of ev.result.events) {
        if (e.type !== "akash.market.v1.EventLeaseCreated") continue;
        const price = obj(typedAttr(e.attributes, "price"));
        this.safe(() => this.handlers.onLeaseCreated(parseLeaseId(typedAttr(e.attributes, "id")), price.denom ? { denom: str(price.denom), amount: str(price.amount) } : undefined));
      }
    });
    subscribe("tm.event='Tx' AND akash.market.v1.EventLeaseClosed.id EXISTS", (ev) => {
      for (const e of ev.result.events) if (e.type === "akash.market.v1.EventLeaseClosed") this.safe(() => this.handlers.onLeaseClosed(parseLeaseId(typedAttr(e.attributes, "id"))));
    });
    this.handlers.onResync();
  }

  private safe(fn: () => void) {
    try {
      fn();
    } catch (e) {
      console.warn(`[providers] bad chain event: ${getErrorMessage(e)}`);
    }
  }

  private scheduleReconnect(delayMs = 1000) {
    if (this.stopped || this.reconnectTimer) return;
    this.teardown();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch(() => this.scheduleReconnect(Math.max(500, Math.min(delayMs * 2, 10_000))));
    }, delayMs);
  }

  private teardown() {
    for (const s of this.subs.splice(0)) {
      try {
        s.unsubscribe();
      } catch {
        // already closed
      }
    }
    try {
      this.client?.disconnect();
    } catch {
      // already closed
    }
    this.client = undefined;
  }

  stop(): void {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.teardown();
  }
}
