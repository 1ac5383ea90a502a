/**
 * A provider's bid engine: decides which new orders to bid on (placement, capacity, price), holds their
 * resources while the bid is open, and sends the bids. A won order is handed over to the provider's
 * leases; a lost or closed one releases its reservation.
 */
import * as v1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as v1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { ChainRest } from "./chain-rest.ts";
import { InsufficientCapacity, type Inventory } from "./inventory.ts";
import { matchOrder, type AuditRecord } from "./matching.ts";
import { PricingError, formatPrice, orderMaxPrice, scalePrice } from "./pricing.ts";
import type { ProviderProfile } from "./profiles.ts";
import type { TxSender } from "./tx-sender.ts";
import { leaseKey, type Attribute, type GroupSpecView, type OrderIdView, type OrderView, type ResourceUnitSpec } from "./types.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface BidderOptions {
  name: string;
  address: string;
  profile: ProviderProfile;
  /** Base delay between seeing an order and sending its bid; the profile's bidDelayFactor scales it. */
  bidDelayMs: number;
  bidDepositDenom: string;
  chain: ChainRest;
  inventory: Inventory;
  /** Undefined until the provider has connected its signer. */
  tx: () => TxSender | undefined;
  isOnline: () => boolean;
  /** Orders this provider already holds a lease for are never bid on again. */
  hasLease: (key: string) => boolean;
  stats: { ordersSeen: number; bidsSent: number; bidsSkipped: number; bidErrors: number };
  log: (msg: string) => void;
}

interface PreparedBid {
  id: OrderIdView;
  spec: GroupSpecView;
  price: bigint;
  denom: string;
  deposit: string;
}

const EMPTY_SPEC: GroupSpecView = { name: "", signedBy: { allOf: [], anyOf: [] }, attributes: [], resources: [] };

const enc = (n: number) => ({ val: new TextEncoder().encode(String(n)) });

/** Proto Resources for a bid's resources_offer, mirroring the order's unit exactly. */
function toProtoResources(ru: ResourceUnitSpec) {
  const kinds = { SHARED_HTTP: 0, RANDOM_PORT: 1, LEASED_IP: 2 } as const;
  return {
    id: ru.id,
    cpu: { units: enc(ru.cpuMillis), attributes: ru.cpuAttributes },
    memory: { quantity: enc(ru.memoryBytes), attributes: ru.memoryAttributes },
    storage: ru.storage.map((s) => ({ name: s.name, quantity: enc(s.bytes), attributes: s.attributes })),
    gpu: { units: enc(ru.gpuUnits), attributes: ru.gpuAttributes },
    endpoints: ru.endpoints.map((e) => ({ kind: kinds[e.kind], sequenceNumber: e.sequenceNumber })),
  };
}

/** Inventory reservation key of an open bid (a lease reserves under its own key). */
const pendingKey = (key: string) => `pending:${key}`;

export class Bidder {
  /** Orders bid on (or being priced), by lease key. */
  private readonly bids = new Map<string, { spec: GroupSpecView; state: "pending" | "sent" }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** The provider's attributes as registered on chain, and the auditors' signatures of them. */
  attributes: Attribute[] = [];
  audits: AuditRecord[] = [];

  constructor(private readonly opts: BidderOptions) {}

  async refreshAudits(): Promise<void> {
    this.audits = await this.opts.chain.auditRecords(this.opts.address).catch(() => this.audits);
  }

  /**
   * New orders (from one tx event, or the startup scan): decide and price each, then — once the bid delay
   * has passed since they were seen — send all bids together so they share one tx and one block.
   */
  onOrdersCreated(ids: OrderIdView[]): void {
    if (this.stopped || !this.opts.isOnline()) return;
    const seenAt = Date.now();
    const fresh = ids.filter((id) => {
      const key = leaseKey(id);
      if (this.bids.has(key) || this.opts.hasLease(key)) return false;
      this.bids.set(key, { spec: EMPTY_SPEC, state: "pending" });
      this.opts.stats.ordersSeen++;
      return true;
    });
    if (fresh.length === 0) return;
    void (async () => {
      const decided = await Promise.all(fresh.map((id) => this.decide(id).catch((e) => this.bidFailed(id, e))));
      const bids = decided.filter((d): d is PreparedBid => !!d);
      if (bids.length === 0) return;
      const wait = seenAt + this.opts.bidDelayMs * this.opts.profile.bidDelayFactor - Date.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            this.timers.delete(t);
            resolve();
          }, wait);
          this.timers.add(t);
        });
      }
      if (this.stopped) return;
      await Promise.all(bids.map((b) => this.sendBid(b, seenAt).catch((e) => this.bidFailed(b.id, e))));
    })().catch((e) => this.opts.log(`${this.opts.name}: bidding failed: ${getErrorMessage(e)}`));
  }

  private bidFailed(id: OrderIdView, e: unknown): undefined {
    const key = leaseKey(id);
    if (!this.opts.hasLease(key)) this.drop(key);
    this.opts.stats.bidErrors++;
    this.opts.log(`${this.opts.name}: bid on ${key} failed: ${getErrorMessage(e)}`);
    return undefined;
  }

  /** Match, reserve (pending) and price one order; undefined = not bidding. */
  private async decide(id: OrderIdView): Promise<PreparedBid | undefined> {
    const { chain, inventory, profile } = this.opts;
    const key = leaseKey(id);
    const order = await chain.order(id);
    if (!order || order.state !== "open") {
      this.bids.delete(key);
      return undefined;
    }
    const skip = (why: string) => {
      this.drop(key);
      this.opts.stats.bidsSkipped++;
      this.opts.log(`${this.opts.name}: not bidding on ${key}: ${why}`);
      return undefined;
    };
    if (!this.bids.has(key)) return undefined; // order closed meanwhile
    if (order.spec.signedBy.allOf.length || order.spec.signedBy.anyOf.length) await this.refreshAudits();
    const match = matchOrder(order.spec, profile, this.attributes, this.audits);
    if (!match.ok) return skip(match.reason);
    let alloc;
    try {
      alloc = inventory.reserve(pendingKey(key), order.spec);
    } catch (e) {
      if (e instanceof InsufficientCapacity) return skip(e.message);
      throw e;
    }
    const max = orderMaxPrice(order.spec);
    let price: bigint;
    try {
      price = scalePrice(profile.pricing, order.spec, (ru) => alloc.gpuModelByUnit[ru.id]);
    } catch (e) {
      if (e instanceof PricingError) return skip(e.message);
      throw e;
    }
    if (price > max.amount) return skip(`price ${formatPrice(price)}${max.denom} is above the order's max ${formatPrice(max.amount)}${max.denom}`);
    const deposit = await chain.bidMinDeposit(this.opts.bidDepositDenom);
    this.bids.set(key, { spec: order.spec, state: "pending" });
    return { id, spec: order.spec, price, denom: max.denom, deposit };
  }

  private async sendBid(b: PreparedBid, seenAt: number): Promise<void> {
    const key = leaseKey(b.id);
    if (!this.opts.isOnline() || !this.bids.has(key)) {
      this.drop(key);
      return;
    }
    const msg = v1beta5.MsgCreateBid.fromPartial({
      id: { owner: b.id.owner, dseq: b.id.dseq, gseq: b.id.gseq, oseq: b.id.oseq, provider: this.opts.address, bseq: 0 },
      price: { denom: b.denom, amount: formatPrice(b.price) },
      deposit: { amount: { denom: this.opts.bidDepositDenom, amount: b.deposit }, sources: [v1.Source.balance] },
      resourcesOffer: b.spec.resources.map((ru) => ({ resources: toProtoResources(ru), count: ru.count })),
    });
    const included = await this.opts.tx()!.send([{ typeUrl: `/${v1beta5.MsgCreateBid.$type}`, value: msg }]);
    if (this.bids.has(key)) this.bids.set(key, { spec: b.spec, state: "sent" });
    this.opts.stats.bidsSent++;
    this.opts.log(`${this.opts.name}: bid ${formatPrice(b.price)}${b.denom}/block on ${key} (height ${included.height}, ${Date.now() - seenAt} ms after the order was seen)`);
  }

  /** The order closed (deployment/group closed, or leased): drop our pending bid reservation. */
  onOrderClosed(id: OrderIdView): void {
    const key = leaseKey(id);
    if (this.opts.hasLease(key)) return;
    if (this.bids.delete(key)) this.opts.inventory.release(pendingKey(key));
  }

  /** Another provider won the order: our bid is lost. */
  onLost(id: OrderIdView): void {
    const key = leaseKey(id);
    if (this.bids.delete(key)) this.opts.inventory.release(pendingKey(key));
  }

  /** The spec of the order bid on, when known (saves a chain query when the lease arrives). */
  specOf(key: string): GroupSpecView | undefined {
    return this.bids.get(key)?.spec;
  }

  /** The order was won: the lease reserves its resources from now on, the bid lets go of them. */
  handOver(key: string): void {
    this.drop(key);
  }

  /**
   * After (re)connecting: forget sent bids whose orders are gone, hold the resources of bids placed before a
   * restart again instead of bidding twice, and bid on the open orders not bid on yet.
   */
  resync(openOrders: OrderView[], ordersBidOn: OrderIdView[]): void {
    const open = new Set(openOrders.map((o) => leaseKey(o.id)));
    for (const [key, b] of this.bids) {
      if (b.state === "sent" && !open.has(key) && !this.opts.hasLease(key)) this.drop(key);
    }
    const alreadyBid = new Set(ordersBidOn.map(leaseKey));
    for (const o of openOrders) {
      const key = leaseKey(o.id);
      if (!alreadyBid.has(key) || this.bids.has(key)) continue;
      try {
        this.opts.inventory.reserve(pendingKey(key), o.spec);
      } catch {
        // over-committed: the bid stands anyway
      }
      this.bids.set(key, { spec: o.spec, state: "sent" });
    }
    this.onOrdersCreated(openOrders.filter((o) => !alreadyBid.has(leaseKey(o.id))).map((o) => o.id));
  }

  /** Lease keys of the orders bid on, for the inventory's pending figures. */
  keys(): string[] {
    return [...this.bids.keys()];
  }

  /** Orders still being decided or priced (the provider status' `bidengine.orders`). */
  pendingCount(): number {
    return [...this.bids.values()].filter((b) => b.state === "pending").length;
  }

  /** The inventory reserved for an open bid. */
  reservation(key: string) {
    return this.opts.inventory.get(pendingKey(key));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
  }

  private drop(key: string): void {
    this.bids.delete(key);
    this.opts.inventory.release(pendingKey(key));
  }
}
