/**
 * How a provider talks to the chain, exactly as a real one would: REST (grpc-gateway JSON) queries,
 * signed txs through cosmjs over CometBFT RPC, and CometBFT WebSocket subscriptions for events.
 */
import { BroadcastTxError, SigningStargateClient, GasPrice, calculateFee, type DeliverTxResponse } from "@cosmjs/stargate";
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
import { Comet38Client, WebsocketClient } from "@cosmjs/tendermint-rpc";
import type { Attribute, EndpointKind, GroupSpecView, LeaseIdView, OrderIdView, OrderView, ResourceUnitSpec } from "./types.ts";
import type { AuditRecord } from "./matching.ts";
import { createAkashRegistry } from "../../shared/akash-registry.ts";

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    path: string,
  ) {
    super(`REST ${path} → ${status}: ${body.slice(0, 300)}`);
  }
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** ResourceValue.val: decimal string in the gateway JSON (base64 tolerated). */
export function parseResourceVal(v: unknown): number {
  const s = str(obj(v).val ?? v);
  if (/^\d+$/.test(s)) return Number(s);
  if (s === "") return 0;
  const decoded = Buffer.from(s, "base64").toString("ascii");
  if (/^\d+$/.test(decoded)) return Number(decoded);
  throw new Error(`bad resource value ${s}`);
}

const parseAttrs = (v: unknown): Attribute[] => arr(v).map((a) => ({ key: str(obj(a).key), value: str(obj(a).value) }));

const ENDPOINT_KINDS: EndpointKind[] = ["SHARED_HTTP", "RANDOM_PORT", "LEASED_IP"];
function parseEndpointKind(v: unknown): EndpointKind {
  if (typeof v === "number") return ENDPOINT_KINDS[v] ?? "SHARED_HTTP";
  const s = str(v);
  return (ENDPOINT_KINDS as string[]).includes(s) ? (s as EndpointKind) : "SHARED_HTTP";
}

/** GroupSpec from gateway JSON (snake_case, tolerant of camelCase). */
export function parseGroupSpec(raw: unknown): GroupSpecView {
  const g = obj(raw);
  const req = obj(g.requirements);
  const signedBy = obj(req.signed_by ?? req.signedBy);
  return {
    name: str(g.name),
    signedBy: { allOf: arr(signedBy.all_of ?? signedBy.allOf).map(str), anyOf: arr(signedBy.any_of ?? signedBy.anyOf).map(str) },
    attributes: parseAttrs(req.attributes),
    resources: arr(g.resources).map((ruRaw): ResourceUnitSpec => {
      const ru = obj(ruRaw);
      const r = obj(ru.resource);
      const cpu = obj(r.cpu);
      const mem = obj(r.memory);
      const gpu = obj(r.gpu);
      const price = obj(ru.price);
      return {
        id: Number(r.id ?? 0),
        cpuMillis: parseResourceVal(cpu.units),
        cpuAttributes: parseAttrs(cpu.attributes),
        memoryBytes: parseResourceVal(mem.quantity ?? mem.size),
        memoryAttributes: parseAttrs(mem.attributes),
        storage: arr(r.storage).map((s) => ({ name: str(obj(s).name), bytes: parseResourceVal(obj(s).quantity ?? obj(s).size), attributes: parseAttrs(obj(s).attributes) })),
        gpuUnits: gpu.units === undefined ? 0 : parseResourceVal(gpu.units),
        gpuAttributes: parseAttrs(gpu.attributes),
        endpoints: arr(r.endpoints).map((e) => ({ kind: parseEndpointKind(obj(e).kind), sequenceNumber: Number(obj(e).sequence_number ?? obj(e).sequenceNumber ?? 0) })),
        count: Number(ru.count ?? 1),
        price: { denom: str(price.denom), amount: str(price.amount || "0") },
      };
    }),
  };
}

export function parseOrderId(raw: unknown): OrderIdView {
  const o = obj(typeof raw === "string" ? JSON.parse(raw) : raw);
  return { owner: str(o.owner), dseq: str(o.dseq), gseq: Number(o.gseq ?? 0), oseq: Number(o.oseq ?? 0) };
}

export function parseLeaseId(raw: unknown): LeaseIdView {
  const o = obj(typeof raw === "string" ? JSON.parse(raw) : raw);
  return { ...parseOrderId(o), provider: str(o.provider), bseq: Number(o.bseq ?? 0) };
}

export interface OnChainCertificate {
  state: string;
  certPem: string;
  serial: string;
}

export class ChainRest {
  constructor(
    readonly restUrl: string,
    private readonly timeoutMs = 8000,
  ) {}

  async get(path: string, params: Record<string, string | number | undefined> = {}): Promise<Json> {
    const url = new URL(path, this.restUrl);
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    const body = await res.text();
    if (!res.ok) throw new RestError(res.status, body, url.pathname);
    return obj(JSON.parse(body));
  }

  /** GET, mapping 404 (and gRPC NotFound bodies) to null. */
  async find(path: string, params: Record<string, string | number | undefined> = {}): Promise<Json | null> {
    try {
      return await this.get(path, params);
    } catch (e) {
      if (e instanceof RestError && (e.status === 404 || /"code":\s*5\b/.test(e.body))) return null;
      throw e;
    }
  }

  async provider(owner: string): Promise<{ hostUri: string; attributes: Attribute[] } | null> {
    const r = await this.find(`/akash/provider/v1beta4/providers/${owner}`);
    if (!r) return null;
    const p = obj(r.provider);
    return { hostUri: str(p.host_uri ?? p.hostUri), attributes: parseAttrs(p.attributes) };
  }

  async auditRecords(owner: string): Promise<AuditRecord[]> {
    const r = await this.find(`/akash/audit/v1/audit/attributes/${owner}/list`);
    if (!r) return [];
    return arr(r.providers).map((p) => ({ auditor: str(obj(p).auditor), attributes: parseAttrs(obj(p).attributes) }));
  }

  /** A certificate by owner and decimal serial, in whatever state it is (null if never registered). */
  async certificate(owner: string, serial: string): Promise<OnChainCertificate | null> {
    const r = await this.find("/akash/cert/v1/certificates/list", { "filter.owner": owner, "filter.serial": serial });
    const c = arr(r?.certificates)[0];
    if (!c) return null;
    const cert = obj(obj(c).certificate);
    return { state: str(cert.state), certPem: Buffer.from(str(cert.cert), "base64").toString("utf8"), serial: str(obj(c).serial) };
  }

  /** The account's secp256k1 public key (33 bytes), null if the account has none; throws if unknown. */
  async accountPubkey(address: string): Promise<Uint8Array | null> {
    const r = await this.find(`/cosmos/auth/v1beta1/accounts/${address}`);
    if (!r) return null;
    const acc = obj(r.account);
    const pk = obj(acc.pub_key ?? acc.pubKey ?? obj(acc.base_account).pub_key);
    const key = str(pk.key);
    return key ? new Uint8Array(Buffer.from(key, "base64")) : null;
  }

  async deployment(owner: string, dseq: string): Promise<{ hash: Uint8Array; state: string; groups: { gseq: number; spec: GroupSpecView }[] } | null> {
    const r = await this.find("/akash/deployment/v1beta4/deployments/info", { "id.owner": owner, "id.dseq": dseq });
    if (!r) return null;
    const d = obj(r.deployment);
    return {
      hash: new Uint8Array(Buffer.from(str(d.hash), "base64")),
      state: str(d.state),
      groups: arr(r.groups).map((g) => ({ gseq: Number(obj(obj(g).id).gseq), spec: parseGroupSpec(obj(g).group_spec ?? obj(g).groupSpec) })),
    };
  }

  async order(id: OrderIdView): Promise<OrderView | null> {
    const r = await this.find("/akash/market/v1beta5/orders/info", { "id.owner": id.owner, "id.dseq": id.dseq, "id.gseq": id.gseq, "id.oseq": id.oseq });
    if (!r) return null;
    const o = obj(r.order);
    return { id: parseOrderId(o.id), state: str(o.state), spec: parseGroupSpec(o.spec) };
  }

  async openOrders(): Promise<OrderView[]> {
    const out: OrderView[] = [];
    let key: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await this.get("/akash/market/v1beta5/orders/list", { "filters.state": "open", "pagination.limit": 100, "pagination.key": key });
      for (const o of arr(r.orders)) out.push({ id: parseOrderId(obj(o).id), state: str(obj(o).state), spec: parseGroupSpec(obj(o).spec) });
      const next = obj(r.pagination).next_key;
      if (!next) break;
      key = str(next);
    }
    return out;
  }

  /** Order IDs this provider has open bids on. */
  async openBidOrders(provider: string): Promise<OrderIdView[]> {
    const out: OrderIdView[] = [];
    let key: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await this.get("/akash/market/v1beta5/bids/list", { "filters.provider": provider, "filters.state": "open", "pagination.limit": 100, "pagination.key": key });
      for (const b of arr(r.bids)) out.push(parseOrderId(obj(obj(b).bid).id));
      const next = obj(r.pagination).next_key;
      if (!next) break;
      key = str(next);
    }
    return out;
  }

  async leases(filters: { owner?: string; dseq?: string; provider?: string; state?: string }): Promise<{ id: LeaseIdView; state: string; price: { denom: string; amount: string } }[]> {
    const out: { id: LeaseIdView; state: string; price: { denom: string; amount: string } }[] = [];
    let key: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await this.get("/akash/market/v1beta5/leases/list", {
        "filters.owner": filters.owner,
        "filters.dseq": filters.dseq,
        "filters.provider": filters.provider,
        "filters.state": filters.state,
        "pagination.limit": 100,
        "pagination.key": key,
      });
      for (const l of arr(r.leases)) {
        const lease = obj(obj(l).lease);
        const price = obj(lease.price);
        out.push({ id: parseLeaseId(lease.id), state: str(lease.state), price: { denom: str(price.denom), amount: str(price.amount) } });
      }
      const next = obj(r.pagination).next_key;
      if (!next) break;
      key = str(next);
    }
    return out;
  }

  private minDepositCache = new Map<string, { amount: string; at: number }>();

  /** Minimum bid deposit for a denom from market params (cached for a minute; falls back to 500000). */
  async bidMinDeposit(denom: string): Promise<string> {
    const cached = this.minDepositCache.get(denom);
    if (cached && Date.now() - cached.at < 60_000) return cached.amount;
    const amount = await this.fetchBidMinDeposit(denom);
    this.minDepositCache.set(denom, { amount, at: Date.now() });
    return amount;
  }

  private async fetchBidMinDeposit(denom: string): Promise<string> {
    try {
      const r = await this.get("/akash/market/v1beta5/params");
      const p = obj(r.params);
      const found = arr(p.bid_min_deposits).map(obj).find((c) => c.denom === denom);
      if (found) return str(found.amount);
      const single = obj(p.bid_min_deposit);
      if (single.denom === denom) return str(single.amount);
    } catch {
      // params unavailable: use the mainnet default below
    }
    return "500000";
  }
}

/** cosmjs' and chain-sdk's default "auto" gas multiplier. */
const GAS_ADJUSTMENT = 1.3;
const CACHED_GAS_ADJUSTMENT = 1.5;

interface PendingTx {
  msgs: EncodeObject[];
  memo: string;
  resolve: (r: { height: number; hash: string }) => void;
  reject: (e: unknown) => void;
}

/**
 * Signer for one account. Txs go out one at a time (each waits for inclusion, so sequences never clash);
 * whatever queued up meanwhile is sent as ONE tx, so a burst of bids lands in the next block. If a
 * combined tx fails, its parts are retried one by one so one bad message cannot sink the others.
 */
export class TxSender {
  private readonly pending: PendingTx[] = [];
  private busy = false;
  private constructor(
    readonly address: string,
    private readonly client: SigningStargateClient,
    private readonly gasPrice: GasPrice,
  ) {}

  static async connect(rpcUrl: string, signer: OfflineSigner, gasPrice = "0.025uakt"): Promise<TxSender> {
    const [account] = await signer.getAccounts();
    if (!account) throw new Error("signer has no accounts");
    // A node that is still starting may not answer yet: retry for a few seconds.
    for (let attempt = 0; ; attempt++) {
      try {
        const client = await SigningStargateClient.connectWithSigner(rpcUrl, signer, {
          registry: createAkashRegistry(),
          gasPrice: GasPrice.fromString(gasPrice),
          broadcastPollIntervalMs: 200,
          broadcastTimeoutMs: 30_000,
        });
        return new TxSender(account.address, client, GasPrice.fromString(gasPrice));
      } catch (e) {
        if (attempt >= 30) throw new Error(`cannot connect to the chain at ${rpcUrl}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  send(msgs: EncodeObject[], memo = ""): Promise<{ height: number; hash: string }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ msgs, memo, resolve, reject });
      void this.pump();
    });
  }

  /** Simulated gas per message, by type URL: repeated message kinds (bids) skip the simulation round trip. */
  private readonly gasPerMsg = new Map<string, number>();

  private async estimateGas(msgs: EncodeObject[], memo: string): Promise<{ gas: number; cached: boolean }> {
    const known = msgs.map((m) => this.gasPerMsg.get(m.typeUrl));
    if (known.every((g) => g !== undefined)) return { gas: (known as number[]).reduce((a, b) => a + b, 0), cached: true };
    const simulated = await this.client.simulate(this.address, msgs, memo);
    if (new Set(msgs.map((m) => m.typeUrl)).size === 1) this.gasPerMsg.set(msgs[0]!.typeUrl, Math.ceil(simulated / msgs.length));
    return { gas: simulated, cached: false };
  }

  private async broadcast(msgs: EncodeObject[], memo: string): Promise<{ height: number; hash: string }> {
    const { gas, cached } = await this.estimateGas(msgs, memo);
    // A simulation of this very tx gets the standard ×1.3 (cosmjs/chain-sdk "auto"): the devnet's
    // simulate costs what delivery costs. An estimate reused from an earlier message of the same kind
    // gets more room, as this message may be bigger (more resources, attributes).
    const adjustment = cached ? CACHED_GAS_ADJUSTMENT : GAS_ADJUSTMENT;
    let res: DeliverTxResponse | undefined = await this.client
      .signAndBroadcast(this.address, msgs, calculateFee(Math.ceil(gas * adjustment), this.gasPrice), memo)
      // CheckTx rejects a limit below the ante's own cost (tx size) outright: retried below like an in-block out of gas.
      .catch((e: unknown) => (cached && e instanceof BroadcastTxError && e.code === 11 ? undefined : Promise.reject(e)));
    if (res === undefined || (cached && res.code === 11 && /out of gas/.test(res.rawLog ?? ""))) {
      // The reused estimate was too low for this tx: forget it and simulate this one.
      for (const m of msgs) this.gasPerMsg.delete(m.typeUrl);
      res = await this.client.signAndBroadcast(this.address, msgs, GAS_ADJUSTMENT, memo);
    }
    if (res.code !== 0) throw new Error(`tx failed (code ${res.code}): ${res.rawLog ?? ""}`);
    return { height: res.height, hash: res.transactionHash };
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      // Debounce (30 ms quiet, at most 200 ms) so bids decided together — e.g. the orders of one
      // deployment — share one tx and land in the same block.
      const start = Date.now();
      for (let n = -1; n !== this.pending.length && Date.now() - start < 200; ) {
        n = this.pending.length;
        await new Promise((r) => setTimeout(r, 30));
      }
      while (this.pending.length) {
        const batch = this.pending.splice(0);
        if (batch.length > 1) {
          try {
            const r = await this.broadcast(batch.flatMap((b) => b.msgs), batch[0]!.memo);
            batch.forEach((b) => b.resolve(r));
            continue;
          } catch {
            // fall through: send them one by one
          }
        }
        for (const b of batch) {
          try {
            b.resolve(await this.broadcast(b.msgs, b.memo));
          } catch (e) {
            b.reject(e);
          }
        }
      }
    } finally {
      this.busy = false;
    }
  }

  disconnect(): void {
    this.client.disconnect();
  }
}

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
      console.warn(`[providers] event subscription error: ${err instanceof Error ? err.message : String(err)}; reconnecting`);
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
      console.warn(`[providers] bad chain event: ${e instanceof Error ? e.message : String(e)}`);
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
