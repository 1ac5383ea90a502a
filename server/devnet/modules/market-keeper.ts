/**
 * x/market state: orders, bids and leases in the store, the state changes other modules trigger
 * (a group closed, an escrow payment closed) and the wire messages queries answer with. Message
 * handlers and queries are in market.ts; whether a provider may bid on an order is in market-matching.ts.
 */
import {
  EventBidClosed,
  EventLeaseClosed,
  EventOrderClosed,
  EventOrderCreated,
  Lease,
  LeaseClosedReason,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { Bid, Order, QueryBidResponse, QueryLeaseResponse, ResourceOffer } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { BidID, LeaseID } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { Coin, DecCoin, KVStore, TxContext } from "../chain/types.ts";
import type { AuditKeeper } from "./audit.ts";
import type { DeploymentKeeper, GroupOrders, GroupRecord } from "./deployment.ts";
import { type EscrowKeeper, type EscrowPayment, bidAccountId, deploymentAccountId, leasePaymentXid } from "./escrow.ts";
import type { ProviderKeeper } from "./provider.ts";
import { pad, u64 } from "./util.ts";

export type OrderState = "open" | "active" | "closed";
export type BidState = "open" | "active" | "lost" | "closed";
export type LeaseState = "active" | "insufficient_funds" | "closed";

export interface OrderRecord {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
  state: OrderState;
  /** GroupSpec proto-JSON at order creation */
  spec: unknown;
  createdAt: string;
}

export interface BidKey {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
  provider: string;
  bseq: number;
}

export interface BidRecord extends BidKey {
  state: BidState;
  price: DecCoin;
  createdAt: string;
  /** ResourceOffer proto-JSON */
  resourcesOffer: unknown[];
}

export interface LeaseRecord extends BidKey {
  state: LeaseState;
  price: DecCoin;
  createdAt: string;
  closedOn: string;
  reason: LeaseClosedReason;
}

export interface MarketParams {
  bidMinDeposit: Coin;
  orderMaxBids: number;
  bidMinDeposits: Coin[];
}

export const DEFAULT_MARKET_PARAMS: MarketParams = {
  bidMinDeposit: { denom: "uakt", amount: "500000" },
  orderMaxBids: 20,
  bidMinDeposits: [
    { denom: "uact", amount: "500000" },
    { denom: "uakt", amount: "500000" },
  ],
};

/** Store key prefixes; queries page through them. */
export const MARKET_PREFIX = { params: "market/params", orders: "market/o/", bids: "market/b/", leases: "market/l/" } as const;
const { params: PARAMS, orders: ORD, bids: BID, leases: LEASE } = MARKET_PREFIX;

const orderPrefix = (owner: string, dseq: string, gseq: number) => `${ORD}${owner}/${pad(dseq)}/${pad(gseq, 10)}/`;
const orderKey = (o: { owner: string; dseq: string; gseq: number; oseq: number }) => `${orderPrefix(o.owner, o.dseq, o.gseq)}${pad(o.oseq, 10)}`;
const orderBidsPrefix = (o: { owner: string; dseq: string; gseq: number; oseq: number }) => `${BID}${o.owner}/${pad(o.dseq)}/${pad(o.gseq, 10)}/${pad(o.oseq, 10)}/`;
const bidKey = (b: BidKey) => `${orderBidsPrefix(b)}${b.provider}/${pad(b.bseq, 10)}`;
const leaseKey = (b: BidKey) => `${LEASE}${b.owner}/${pad(b.dseq)}/${pad(b.gseq, 10)}/${pad(b.oseq, 10)}/${b.provider}/${pad(b.bseq, 10)}`;

export const ORDER_STATE = { open: 1, active: 2, closed: 3 } as const;
export const BID_STATE = { open: 1, active: 2, lost: 3, closed: 4 } as const;
export const LEASE_STATE = { active: 1, insufficient_funds: 2, closed: 3 } as const;

export function bidKeyOf(id: BidID | LeaseID | undefined): BidKey {
  return {
    owner: id?.owner ?? "",
    dseq: u64(id?.dseq),
    gseq: id?.gseq ?? 0,
    oseq: id?.oseq ?? 0,
    provider: id?.provider ?? "",
    bseq: id?.bseq ?? 0,
  };
}

export const idOf = (b: BidKey) => ({ owner: b.owner, dseq: b.dseq, gseq: b.gseq, oseq: b.oseq, provider: b.provider, bseq: b.bseq });
export const orderIdOf = (o: { owner: string; dseq: string; gseq: number; oseq: number }) => ({ owner: o.owner, dseq: o.dseq, gseq: o.gseq, oseq: o.oseq });

export class MarketKeeper implements GroupOrders {
  constructor(
    readonly escrow: EscrowKeeper,
    readonly deployment: DeploymentKeeper,
    readonly provider: ProviderKeeper,
    readonly audit: AuditKeeper,
  ) {}

  params(store: KVStore): MarketParams {
    return store.get<MarketParams>(PARAMS) ?? DEFAULT_MARKET_PARAMS;
  }

  getOrder(store: KVStore, o: { owner: string; dseq: string; gseq: number; oseq: number }): OrderRecord | undefined {
    return store.get<OrderRecord>(orderKey(o));
  }

  ordersForGroup(store: KVStore, owner: string, dseq: string, gseq: number): OrderRecord[] {
    return [...store.iterate<OrderRecord>(orderPrefix(owner, dseq, gseq))].map(([, o]) => o);
  }

  getBid(store: KVStore, b: BidKey): BidRecord | undefined {
    return store.get<BidRecord>(bidKey(b));
  }

  bidsForOrder(store: KVStore, o: { owner: string; dseq: string; gseq: number; oseq: number }): BidRecord[] {
    return [...store.iterate<BidRecord>(orderBidsPrefix(o))].map(([, b]) => b);
  }

  getLease(store: KVStore, b: BidKey): LeaseRecord | undefined {
    return store.get<LeaseRecord>(leaseKey(b));
  }

  /** Leases of a provider, for the simulated providers and MsgDeleteProvider. */
  leasesForProvider(store: KVStore, provider: string, state?: LeaseState): LeaseRecord[] {
    return [...store.iterate<LeaseRecord>(LEASE)].map(([, l]) => l).filter((l) => l.provider === provider && (state === undefined || l.state === state));
  }

  /** Open orders (what a provider's bid engine looks at). */
  openOrders(store: KVStore): OrderRecord[] {
    return [...store.iterate<OrderRecord>(ORD)].map(([, o]) => o).filter((o) => o.state === "open");
  }

  orderSpec(o: OrderRecord): GroupSpec {
    return GroupSpec.fromJSON(o.spec);
  }

  /** New order for an open group; oseq is one past the group's highest. */
  createOrder(ctx: TxContext, g: GroupRecord): OrderRecord {
    const existing = this.ordersForGroup(ctx.store, g.owner, g.dseq, g.gseq);
    const oseq = existing.reduce((m, o) => Math.max(m, o.oseq), 0) + 1;
    const o: OrderRecord = { owner: g.owner, dseq: g.dseq, gseq: g.gseq, oseq, state: "open", spec: g.spec, createdAt: String(ctx.height) };
    ctx.store.set(orderKey(o), o);
    ctx.events.emitTyped(EventOrderCreated, EventOrderCreated.fromPartial({ id: orderIdOf(o) }));
    return o;
  }

  saveOrder(ctx: TxContext, o: OrderRecord): void {
    ctx.store.set(orderKey(o), o);
  }
  saveBid(ctx: TxContext, b: BidRecord): void {
    ctx.store.set(bidKey(b), b);
  }
  saveLease(ctx: TxContext, l: LeaseRecord): void {
    ctx.store.set(leaseKey(l), l);
  }

  onOrderClosed(ctx: TxContext, o: OrderRecord): void {
    if (o.state === "closed") return;
    o.state = "closed";
    this.saveOrder(ctx, o);
    ctx.events.emitTyped(EventOrderClosed, EventOrderClosed.fromPartial({ id: orderIdOf(o) }));
  }

  /** Bid closed: state closed, event, and its deposit account settles and refunds the provider. */
  onBidClosed(ctx: TxContext, b: BidRecord): void {
    if (b.state === "closed") return;
    b.state = "closed";
    this.saveBid(ctx, b);
    ctx.events.emitTyped(EventBidClosed, EventBidClosed.fromPartial({ id: idOf(b) }));
    this.closeBidAccount(ctx, b);
  }

  /** The bid's deposit account settles and refunds the provider. */
  closeBidAccount(ctx: TxContext, b: BidKey): void {
    const aid = bidAccountId(b.owner, b.dseq, b.gseq, b.oseq, b.provider);
    const acc = this.escrow.getAccount(ctx.store, aid);
    if (acc && acc.state !== "closed") this.escrow.accountClose(ctx, aid);
  }

  onLeaseClosed(ctx: TxContext, l: LeaseRecord, state: "closed" | "insufficient_funds", reason: LeaseClosedReason): void {
    if (l.state !== "active") return;
    l.state = state;
    l.reason = reason;
    l.closedOn = String(ctx.height);
    this.saveLease(ctx, l);
    ctx.events.emitTyped(EventLeaseClosed, EventLeaseClosed.fromPartial({ id: idOf(l), reason }));
  }

  /** A group was closed or paused: close its open/active orders, their bids and leases (reason owner). */
  onGroupClosed(ctx: TxContext, owner: string, dseq: string, gseq: number): void {
    for (const o of this.ordersForGroup(ctx.store, owner, dseq, gseq)) {
      if (o.state === "closed") continue;
      this.onOrderClosed(ctx, o);
      for (const b of this.bidsForOrder(ctx.store, o)) {
        if (b.state === "active") {
          const l = this.getLease(ctx.store, b);
          if (l && l.state === "active") {
            this.onLeaseClosed(ctx, l, "closed", LeaseClosedReason.lease_closed_owner);
            this.onBidClosed(ctx, b);
            this.closePayment(ctx, l);
            continue;
          }
        }
        if (b.state === "open" || b.state === "active") this.onBidClosed(ctx, b);
      }
    }
  }

  /** Closes the lease's escrow payment (unless it or its account is already closed). */
  closePayment(ctx: TxContext, l: BidKey): void {
    const aid = deploymentAccountId(l.owner, l.dseq);
    const p = this.escrow.getPayment(ctx.store, aid, leasePaymentXid(l.gseq, l.oseq, l.provider));
    const acc = this.escrow.getAccount(ctx.store, aid);
    if (p && p.state !== "closed" && acc && acc.state !== "closed") this.escrow.paymentClose(ctx, aid, p.xid);
  }

  /** Escrow hook (x/market hooks.OnEscrowPaymentClosed): the lease's payment closed or ran dry. */
  onEscrowPaymentClosed(ctx: TxContext, p: EscrowPayment): void {
    if (p.aid.scope !== "deployment") return;
    const [owner, dseq] = p.aid.xid.split("/");
    const [gseq, oseq, provider] = p.xid.split("/");
    if (!owner || !dseq || !gseq || !oseq || !provider) return;
    const key: BidKey = { owner, dseq, gseq: Number(gseq), oseq: Number(oseq), provider, bseq: 0 };
    const b = this.getBid(ctx.store, key);
    if (!b || b.state !== "active") return;
    const o = this.getOrder(ctx.store, key);
    const l = this.getLease(ctx.store, key);
    if (!o || !l) return;
    if (p.state === "overdrawn") this.onLeaseClosed(ctx, l, "insufficient_funds", LeaseClosedReason.lease_closed_reason_insufficient_funds);
    else this.onLeaseClosed(ctx, l, "closed", LeaseClosedReason.lease_closed_reason_unspecified);
    this.onOrderClosed(ctx, o);
    this.onBidClosed(ctx, b);
  }

  // -------------------------------------------------------------------------------------------
  // Wire messages

  orderMessage(o: OrderRecord): Order {
    return Order.fromPartial({ id: orderIdOf(o), state: ORDER_STATE[o.state], spec: this.orderSpec(o), createdAt: o.createdAt });
  }

  bidResponse(store: KVStore, b: BidRecord): QueryBidResponse {
    const acc = this.escrow.getAccount(store, bidAccountId(b.owner, b.dseq, b.gseq, b.oseq, b.provider));
    // Assembled from full messages: a deep copy (fromPartial) per item is most of a list's cost.
    return {
      bid: Bid.fromPartial({
        id: idOf(b),
        state: BID_STATE[b.state],
        price: b.price,
        createdAt: b.createdAt,
        resourcesOffer: b.resourcesOffer.map((o) => ResourceOffer.fromJSON(o)),
      }),
      escrowAccount: acc ? this.escrow.accountMessage(acc) : undefined,
    };
  }

  leaseResponse(store: KVStore, l: LeaseRecord): QueryLeaseResponse {
    const p = this.escrow.getPayment(store, deploymentAccountId(l.owner, l.dseq), leasePaymentXid(l.gseq, l.oseq, l.provider));
    return {
      lease: Lease.fromPartial({ id: idOf(l), state: LEASE_STATE[l.state], price: l.price, createdAt: l.createdAt, closedOn: l.closedOn, reason: l.reason }),
      escrowPayment: p ? this.escrow.paymentMessage(p) : undefined,
    };
  }
}
