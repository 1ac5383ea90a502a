/**
 * x/market (akash.market.v1beta5; ids, Lease, filters and events in akash.market.v1): orders,
 * bids (each with a bid-scoped escrow deposit) and leases (a payment from the deployment's
 * escrow account to the provider).
 *
 * Error codes (codespace "market", chain-sdk go/node/market/v1/errors.go), as the node's v1beta5
 * handlers use them: 2 same account, 5 attribute mismatch, 6 unknown bid, 7 unknown lease,
 * 8 unknown lease for bid, 9 unknown order for bid, 10 lease not active, 11 bid not active,
 * 12 bid not open, 13 order not open, 15 order not found, 16 group not found, 17 group not open,
 * 18 bid not found, 19 bid zero price, 20 lease not found, 21 bid exists, 22 bid price invalid
 * (also above the order's price, as the node answers), 23 order active, 24 order closed,
 * 28 invalid deposit, 30 unknown provider, 31 invalid bid (bseq, too many bids),
 * 32 capabilities mismatch (resources_offer, storage classes, GPUs), 33 invalid close reason.
 * MsgCloseBid takes a provider reason (10000..19999); MsgCloseLease always records
 * lease_closed_owner (the node ignores its reason field). Closing a lease keeps the group open
 * and opens a new order (oseq + 1); a provider closing an active bid pauses the group.
 * Bid minimum deposits come from `bid_min_deposits` (per denom, the v2 upgrade's params).
 */
import {
  EventBidClosed,
  EventBidCreated,
  EventLeaseClosed,
  EventLeaseCreated,
  EventOrderClosed,
  EventOrderCreated,
  Lease,
  LeaseClosedReason,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  Bid,
  MsgCloseBid,
  MsgCloseBidResponse,
  MsgCloseLease,
  MsgCloseLeaseResponse,
  MsgCreateBid,
  MsgCreateBidResponse,
  MsgCreateLease,
  MsgCreateLeaseResponse,
  MsgWithdrawLease,
  MsgWithdrawLeaseResponse,
  Order,
  Params,
  QueryBidRequest,
  QueryBidResponse,
  QueryBidsRequest,
  QueryBidsResponse,
  QueryLeaseRequest,
  QueryLeaseResponse,
  QueryLeasesRequest,
  QueryLeasesResponse,
  QueryOrderRequest,
  QueryOrderResponse,
  QueryOrdersRequest,
  QueryOrdersResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  ResourceOffer,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { BidID, LeaseID, OrderID } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { sdkErrors } from "../chain/errors.ts";
import type { Coin, DecCoin, KVStore, Module, TxContext } from "../chain/types.ts";
import type { AuditKeeper } from "./audit.ts";
import { type DeploymentKeeper, type GroupRecord, groupSpecPrice, resourceValue } from "./deployment.ts";
import { type EscrowKeeper, type EscrowPayment, bidAccountId, deploymentAccountId, depositSources, leasePaymentXid } from "./escrow.ts";
import type { ProviderKeeper } from "./provider.ts";
import { Grpc, decCoin, pad, paginate, parseDec, registerErrors, requireAddress, u64 } from "./util.ts";

export const marketErrors = registerErrors("market", {
  emptyProvider: [1, Grpc.InvalidArgument, "empty provider"],
  sameAccount: [2, Grpc.InvalidArgument, "owner and provider are the same account"],
  attributeMismatch: [5, Grpc.InvalidArgument, "attribute mismatch"],
  unknownBid: [6, Grpc.NotFound, "unknown bid"],
  unknownLease: [7, Grpc.NotFound, "unknown lease"],
  unknownLeaseForBid: [8, Grpc.NotFound, "unknown lease for bid"],
  unknownOrderForBid: [9, Grpc.NotFound, "unknown order for bid"],
  leaseNotActive: [10, Grpc.FailedPrecondition, "lease not active"],
  bidNotActive: [11, Grpc.FailedPrecondition, "bid not active"],
  bidNotOpen: [12, Grpc.FailedPrecondition, "bid not open"],
  orderNotOpen: [13, Grpc.FailedPrecondition, "bid: order not open"],
  orderNotFound: [15, Grpc.NotFound, "invalid order: order not found"],
  groupNotFound: [16, Grpc.NotFound, "group not found"],
  groupNotOpen: [17, Grpc.FailedPrecondition, "group not open"],
  bidNotFound: [18, Grpc.NotFound, "invalid bid: bid not found"],
  bidZeroPrice: [19, Grpc.InvalidArgument, "invalid bid: zero price"],
  leaseNotFound: [20, Grpc.NotFound, "invalid lease: lease not found"],
  bidExists: [21, Grpc.AlreadyExists, "invalid bid: bid exists from provider"],
  invalidPrice: [22, Grpc.InvalidArgument, "bid price is invalid"],
  orderActive: [23, Grpc.FailedPrecondition, "order active"],
  orderClosed: [24, Grpc.FailedPrecondition, "order closed"],
  invalidDeposit: [28, Grpc.InvalidArgument, "deposit invalid"],
  unknownProvider: [30, Grpc.NotFound, "unknown provider"],
  invalidBid: [31, Grpc.InvalidArgument, "invalid bid"],
  capabilitiesMismatch: [32, Grpc.InvalidArgument, "capabilities mismatch"],
  invalidLeaseClosedReason: [33, Grpc.InvalidArgument, "invalid lease closed reason"],
});

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

const PARAMS = "market/params";
const ORD = "market/o/";
const BID = "market/b/";
const LEASE = "market/l/";

const orderPrefix = (owner: string, dseq: string, gseq: number) => `${ORD}${owner}/${pad(dseq)}/${pad(gseq, 10)}/`;
const orderKey = (o: { owner: string; dseq: string; gseq: number; oseq: number }) => `${orderPrefix(o.owner, o.dseq, o.gseq)}${pad(o.oseq, 10)}`;
const orderBidsPrefix = (o: { owner: string; dseq: string; gseq: number; oseq: number }) => `${BID}${o.owner}/${pad(o.dseq)}/${pad(o.gseq, 10)}/${pad(o.oseq, 10)}/`;
const bidKey = (b: BidKey) => `${orderBidsPrefix(b)}${b.provider}/${pad(b.bseq, 10)}`;
const leaseKey = (b: BidKey) => `${LEASE}${b.owner}/${pad(b.dseq)}/${pad(b.gseq, 10)}/${pad(b.oseq, 10)}/${b.provider}/${pad(b.bseq, 10)}`;

const ORDER_STATE = { open: 1, active: 2, closed: 3 } as const;
const BID_STATE = { open: 1, active: 2, lost: 3, closed: 4 } as const;
const LEASE_STATE = { active: 1, insufficient_funds: 2, closed: 3 } as const;

function bidKeyOf(id: BidID | LeaseID | undefined): BidKey {
  return {
    owner: id?.owner ?? "",
    dseq: u64(id?.dseq),
    gseq: id?.gseq ?? 0,
    oseq: id?.oseq ?? 0,
    provider: id?.provider ?? "",
    bseq: id?.bseq ?? 0,
  };
}

const idOf = (b: BidKey) => ({ owner: b.owner, dseq: b.dseq, gseq: b.gseq, oseq: b.oseq, provider: b.provider, bseq: b.bseq });
const orderIdOf = (o: { owner: string; dseq: string; gseq: number; oseq: number }) => ({ owner: o.owner, dseq: o.dseq, gseq: o.gseq, oseq: o.oseq });

/** attr.AttributesSubsetOf: every required attribute is present with the same value. */
function attributesSubsetOf(required: { key: string; value: string }[], have: { key: string; value: string }[]): boolean {
  return required.every((r) => have.some((h) => h.key === r.key && h.value === r.value));
}

/** Group placement requirements against provider attributes and auditor-signed attributes (GroupSpec.MatchRequirements). */
export function matchRequirements(spec: GroupSpec, providerAttrs: { key: string; value: string }[], signed: { auditor: string; attributes: { key: string; value: string }[] }[]): boolean {
  const req = spec.requirements;
  const attrs = req?.attributes ?? [];
  const allOf = req?.signedBy?.allOf ?? [];
  const anyOf = req?.signedBy?.anyOf ?? [];
  if (allOf.length === 0 && anyOf.length === 0) return attributesSubsetOf(attrs, providerAttrs);
  const byAuditor = new Map(signed.map((s) => [s.auditor, s.attributes]));
  for (const a of allOf) {
    const got = byAuditor.get(a);
    if (!got || !attributesSubsetOf(attrs, got)) return false;
  }
  if (anyOf.length > 0) return anyOf.some((a) => {
    const got = byAuditor.get(a);
    return got !== undefined && attributesSubsetOf(attrs, got);
  });
  return true;
}

/**
 * GroupSpec.MatchResourcesRequirements: storage attributes (class, persistent) must be offered by
 * one `capabilities/storage/<n>/...` group of the provider; GPU attributes (vendor/<v>/model/<m>...)
 * by a `capabilities/gpu/...` key (a `*` model in the request matches any model of that vendor).
 */
export function matchCapabilities(spec: GroupSpec, providerAttrs: { key: string; value: string }[]): boolean {
  const storageGroups = new Map<string, Map<string, string>>();
  const gpuCaps: string[] = [];
  for (const a of providerAttrs) {
    const s = /^capabilities\/storage\/([^/]+)\/(.+)$/.exec(a.key);
    if (s) {
      const g = storageGroups.get(s[1]!) ?? new Map<string, string>();
      g.set(s[2]!, a.value);
      storageGroups.set(s[1]!, g);
    }
    const g = /^capabilities\/gpu\/(.+)$/.exec(a.key);
    if (g && a.value === "true") gpuCaps.push(g[1]!);
  }
  for (const ru of spec.resources) {
    for (const st of ru.resource?.storage ?? []) {
      if (st.attributes.length === 0) continue;
      // persistent=false is plain ephemeral storage, which every provider offers.
      const wanted = st.attributes.filter((at) => !(at.key === "persistent" && at.value === "false"));
      if (wanted.length === 0) continue;
      const ok = [...storageGroups.values()].some((grp) => wanted.every((at) => grp.get(at.key) === at.value));
      if (!ok) return false;
    }
    const gpu = ru.resource?.gpu;
    if (gpu && resourceValue(gpu.units) > 0n && gpu.attributes.length > 0) {
      const ok = gpu.attributes.some((at) => {
        const k = at.key.endsWith("/*") ? at.key.slice(0, -1) : at.key;
        return gpuCaps.some((c) => (at.key.endsWith("/*") ? c.startsWith(k) : c === k || c.startsWith(`${k}/`)));
      });
      if (!ok) return false;
    }
  }
  return true;
}

/**
 * ResourcesOffer.MatchGSpec: an empty offer matches; otherwise every offered unit must name a
 * distinct resource unit of the order with the same count (the node does not compare quantities).
 */
function matchResourcesOffer(spec: GroupSpec, offers: ResourceOffer[]): string | undefined {
  if (offers.length === 0) return undefined;
  const units = new Map(spec.resources.map((ru) => [ru.resource?.id ?? 0, ru]));
  for (const offer of offers) {
    const id = offer.resources?.id ?? 0;
    const ru = units.get(id);
    if (!ru) return `resources_offer names resource unit ${id}, which the order does not have (or names it twice)`;
    units.delete(id);
    if (offer.count !== ru.count) return `offer count ${offer.count} != order count ${ru.count} for resource unit ${id}`;
  }
  return undefined;
}

export class MarketKeeper {
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

  private saveOrder(ctx: TxContext, o: OrderRecord): void {
    ctx.store.set(orderKey(o), o);
  }
  private saveBid(ctx: TxContext, b: BidRecord): void {
    ctx.store.set(bidKey(b), b);
  }
  private saveLease(ctx: TxContext, l: LeaseRecord): void {
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

  private closeBidAccount(ctx: TxContext, b: BidKey): void {
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

  private closePayment(ctx: TxContext, l: BidKey): void {
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
  // Message handlers

  /** x/market CreateBid, checks in the node's order. */
  createBid(ctx: TxContext, msg: MsgCreateBid): void {
    const id = bidKeyOf(msg.id);
    const params = this.params(ctx.store);
    const deposit = msg.deposit!.amount!;
    const min = params.bidMinDeposits.find((c) => c.denom === deposit.denom);
    if (!min) throw marketErrors.invalidDeposit(`bid deposit denom ${deposit.denom} is not accepted (bid_min_deposits: ${params.bidMinDeposits.map((c) => c.amount + c.denom).join(", ")})`);
    if (BigInt(deposit.amount) < BigInt(min.amount)) throw marketErrors.invalidDeposit(`mininum:${min.amount}${min.denom} received:${deposit.amount}${deposit.denom}`);

    const existing = this.bidsForOrder(ctx.store, id);
    if (existing.length >= params.orderMaxBids) throw marketErrors.invalidBid(`too many existing bids (${params.orderMaxBids})`);
    if (id.bseq !== 0) throw marketErrors.invalidBid("bseq must be 0 when creating a bid");

    const order = this.getOrder(ctx.store, id);
    if (!order) throw marketErrors.orderNotFound();
    if (order.state === "active") throw marketErrors.orderActive();
    if (order.state === "closed") throw marketErrors.orderClosed();

    const spec = this.orderSpec(order);
    const orderPrice = groupSpecPrice(spec);
    const price = msg.price!;
    if (price.denom !== orderPrice.denom) throw marketErrors.invalidPrice(`bid denom ${price.denom} does not match order denom ${orderPrice.denom}`);
    if (parseDec(price.amount) > parseDec(orderPrice.amount)) throw marketErrors.invalidPrice(`bid ${price.amount}${price.denom} is above the order's max price ${orderPrice.amount}${orderPrice.denom}`);
    const offerProblem = matchResourcesOffer(spec, msg.resourcesOffer);
    if (offerProblem) throw marketErrors.capabilitiesMismatch(offerProblem);

    const prov = this.provider.get(ctx.store, id.provider);
    if (!prov) throw marketErrors.unknownProvider(id.provider);
    const signed = this.audit.providerAttributes(ctx.store, id.provider);
    if (!matchRequirements(spec, prov.attributes, signed)) throw marketErrors.attributeMismatch("provider attributes do not satisfy the order's placement requirements");
    if (!matchCapabilities(spec, prov.attributes)) throw marketErrors.capabilitiesMismatch("provider does not offer the storage classes or GPUs the order requires");

    const deposits = this.escrow.authorizeDeposits(ctx, id.provider, { amount: { denom: deposit.denom, amount: deposit.amount }, sources: depositSources(msg.deposit!.sources) });
    if (existing.some((b) => b.provider === id.provider)) throw marketErrors.bidExists();

    const bid: BidRecord = {
      ...id,
      state: "open",
      price: decCoin(price.denom, parseDec(price.amount)),
      createdAt: String(ctx.height),
      resourcesOffer: msg.resourcesOffer.map((o) => ResourceOffer.toJSON(o)),
    };
    this.saveBid(ctx, bid);
    ctx.events.emitTyped(EventBidCreated, EventBidCreated.fromPartial({ id: idOf(bid), price: bid.price }));
    this.escrow.accountCreate(ctx, bidAccountId(id.owner, id.dseq, id.gseq, id.oseq, id.provider), id.provider, deposits);
  }

  closeBid(ctx: TxContext, msg: MsgCloseBid): void {
    const id = bidKeyOf(msg.id);
    const bid = this.getBid(ctx.store, id);
    if (!bid) throw marketErrors.unknownBid();
    const order = this.getOrder(ctx.store, id);
    if (!order) throw marketErrors.unknownOrderForBid();
    if (bid.state === "open") {
      this.onBidClosed(ctx, bid);
      return;
    }
    const lease = this.getLease(ctx.store, id);
    if (!lease) throw marketErrors.unknownLeaseForBid();
    if (lease.state !== "active") throw marketErrors.leaseNotActive();
    if (bid.state !== "active") throw marketErrors.bidNotActive();
    // The provider ended the lease: the group pauses (x/deployment OnBidClosed).
    const group = this.deployment.getGroup(ctx.store, id.owner, id.dseq, id.gseq);
    if (group && group.state !== "paused") this.deployment.onPauseGroup(ctx, group);
    this.onLeaseClosed(ctx, lease, "closed", msg.reason);
    this.onBidClosed(ctx, bid);
    this.onOrderClosed(ctx, order);
    this.closePayment(ctx, lease);
  }

  createLease(ctx: TxContext, msg: MsgCreateLease): void {
    const id = bidKeyOf(msg.bidId);
    const bid = this.getBid(ctx.store, id);
    if (!bid) throw marketErrors.bidNotFound();
    if (bid.state !== "open") throw marketErrors.bidNotOpen();
    const order = this.getOrder(ctx.store, id);
    if (!order) throw marketErrors.orderNotFound();
    if (order.state !== "open") throw marketErrors.orderNotOpen();
    const group = this.deployment.getGroup(ctx.store, id.owner, id.dseq, id.gseq);
    if (!group) throw marketErrors.groupNotFound();
    if (group.state !== "open") throw marketErrors.groupNotOpen();

    this.escrow.paymentCreate(ctx, deploymentAccountId(id.owner, id.dseq), leasePaymentXid(id.gseq, id.oseq, id.provider), id.provider, bid.price);

    const lease: LeaseRecord = { ...id, state: "active", price: bid.price, createdAt: String(ctx.height), closedOn: "0", reason: LeaseClosedReason.lease_closed_invalid };
    this.saveLease(ctx, lease);
    ctx.events.emitTyped(EventLeaseCreated, EventLeaseCreated.fromPartial({ id: idOf(lease), price: lease.price }));

    order.state = "active";
    this.saveOrder(ctx, order);
    bid.state = "active";
    this.saveBid(ctx, bid);

    // Losing bids: state lost, their deposits go back to their providers.
    for (const other of this.bidsForOrder(ctx.store, order)) {
      if (other.provider === id.provider && other.bseq === id.bseq) continue;
      if (other.state !== "open") continue;
      other.state = "lost";
      this.saveBid(ctx, other);
      this.closeBidAccount(ctx, other);
    }
  }

  /** x/market CloseLease: always reason lease_closed_owner; an open group gets a new order so providers can bid again. */
  closeLease(ctx: TxContext, msg: MsgCloseLease): void {
    const id = bidKeyOf(msg.id);
    const order = this.getOrder(ctx.store, id);
    if (!order) throw marketErrors.orderNotFound();
    if (order.state !== "active") throw marketErrors.orderClosed();
    const bid = this.getBid(ctx.store, id);
    if (!bid) throw marketErrors.bidNotFound();
    if (bid.state !== "active") throw marketErrors.bidNotActive();
    const lease = this.getLease(ctx.store, id);
    if (!lease) throw marketErrors.leaseNotFound();
    if (lease.state !== "active") throw marketErrors.orderClosed();
    this.onLeaseClosed(ctx, lease, "closed", LeaseClosedReason.lease_closed_owner);
    this.onBidClosed(ctx, bid);
    this.onOrderClosed(ctx, order);
    this.closePayment(ctx, lease);
    const group = this.deployment.getGroup(ctx.store, id.owner, id.dseq, id.gseq);
    if (!group) throw marketErrors.groupNotFound();
    if (group.state === "open") this.createOrder(ctx, group);
  }

  withdrawLease(ctx: TxContext, msg: MsgWithdrawLease): void {
    const id = bidKeyOf(msg.id);
    const lease = this.getLease(ctx.store, id);
    if (!lease) throw marketErrors.unknownLease();
    this.escrow.paymentWithdraw(ctx, deploymentAccountId(id.owner, id.dseq), leasePaymentXid(id.gseq, id.oseq, id.provider));
  }

  // -------------------------------------------------------------------------------------------
  // Wire messages

  orderMessage(o: OrderRecord): Order {
    return Order.fromPartial({ id: orderIdOf(o), state: ORDER_STATE[o.state], spec: this.orderSpec(o), createdAt: o.createdAt });
  }

  bidResponse(store: KVStore, b: BidRecord): QueryBidResponse {
    const acc = this.escrow.getAccount(store, bidAccountId(b.owner, b.dseq, b.gseq, b.oseq, b.provider));
    return QueryBidResponse.fromPartial({
      bid: Bid.fromPartial({
        id: idOf(b),
        state: BID_STATE[b.state],
        price: b.price,
        createdAt: b.createdAt,
        resourcesOffer: b.resourcesOffer.map((o) => ResourceOffer.fromJSON(o)),
      }),
      escrowAccount: acc ? this.escrow.accountMessage(acc) : undefined,
    });
  }

  leaseResponse(store: KVStore, l: LeaseRecord): QueryLeaseResponse {
    const p = this.escrow.getPayment(store, deploymentAccountId(l.owner, l.dseq), leasePaymentXid(l.gseq, l.oseq, l.provider));
    return QueryLeaseResponse.fromPartial({
      lease: Lease.fromPartial({ id: idOf(l), state: LEASE_STATE[l.state], price: l.price, createdAt: l.createdAt, closedOn: l.closedOn, reason: l.reason }),
      escrowPayment: p ? this.escrow.paymentMessage(p) : undefined,
    });
  }
}

function validateBidId(id: BidID | undefined): BidKey {
  const k = bidKeyOf(id);
  requireAddress(k.owner, "bid owner");
  requireAddress(k.provider, "bid provider");
  if (k.dseq === "0") throw sdkErrors.invalidSequence("BidID: Invalid Deployment Sequence");
  if (k.gseq === 0) throw sdkErrors.invalidSequence("BidID: Invalid Group Sequence");
  if (k.oseq === 0) throw sdkErrors.invalidSequence("BidID: Invalid Order Sequence");
  if (k.owner === k.provider) throw marketErrors.sameAccount();
  return k;
}

function checkState(state: string, allowed: Record<string, number>): void {
  if (state !== "" && !(state in allowed)) throw sdkErrors.invalidRequest("invalid state value");
}

function prefixFor(base: string, f: { owner: string; dseq: string }): string {
  if (!f.owner) return base;
  return f.dseq !== "0" ? `${base}${f.owner}/${pad(f.dseq)}/` : `${base}${f.owner}/`;
}

export function marketModule(keeper: MarketKeeper): Module & { keeper: MarketKeeper } {
  const amino = (name: string) => `akash-sdk/x/market/${name}`;
  return {
    name: "market",
    keeper,
    initGenesis(ctx) {
      if (!ctx.store.has(PARAMS)) ctx.store.set(PARAMS, DEFAULT_MARKET_PARAMS);
    },
    msgs: [
      {
        typeUrl: "/akash.market.v1beta5.MsgCreateBid",
        aminoType: amino("MsgCreateBid"),
        type: MsgCreateBid,
        responseType: MsgCreateBidResponse,
        signers: (m: MsgCreateBid) => [m.id?.provider ?? ""],
        validateBasic(m: MsgCreateBid) {
          const k = validateBidId(m.id);
          if (k.bseq !== 0) throw marketErrors.invalidBid("bseq must be 0 when creating a bid");
          if (!m.price || m.price.denom === "") throw marketErrors.invalidPrice("missing price");
          let amount: bigint;
          try {
            amount = parseDec(m.price.amount);
          } catch {
            throw marketErrors.invalidPrice(`"${m.price.amount}"`);
          }
          if (amount < 0n) throw marketErrors.invalidPrice("negative price");
          if (amount === 0n) throw marketErrors.bidZeroPrice();
          const d = m.deposit?.amount;
          if (!d || !/^\d+$/.test(d.amount) || BigInt(d.amount) <= 0n) throw marketErrors.invalidDeposit("deposit amount must be positive");
          if (depositSources(m.deposit!.sources).length === 0) throw marketErrors.invalidDeposit("deposit sources must not be empty");
        },
        handle(ctx, m: MsgCreateBid) {
          keeper.createBid(ctx, m);
          return MsgCreateBidResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.market.v1beta5.MsgCloseBid",
        aminoType: amino("MsgCloseBid"),
        type: MsgCloseBid,
        responseType: MsgCloseBidResponse,
        signers: (m: MsgCloseBid) => [m.id?.provider ?? ""],
        validateBasic(m: MsgCloseBid) {
          validateBidId(m.id);
          const r = m.reason as number;
          if (!(r >= 10000 && r <= 19999)) throw marketErrors.invalidLeaseClosedReason(`value "${r}" range 10000..19999`);
        },
        handle(ctx, m: MsgCloseBid) {
          keeper.closeBid(ctx, m);
          return MsgCloseBidResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.market.v1beta5.MsgCreateLease",
        aminoType: amino("MsgCreateLease"),
        type: MsgCreateLease,
        responseType: MsgCreateLeaseResponse,
        signers: (m: MsgCreateLease) => [m.bidId?.owner ?? ""],
        validateBasic: (m: MsgCreateLease) => void validateBidId(m.bidId),
        handle(ctx, m: MsgCreateLease) {
          keeper.createLease(ctx, m);
          return MsgCreateLeaseResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.market.v1beta5.MsgCloseLease",
        aminoType: amino("MsgCloseLease"),
        type: MsgCloseLease,
        responseType: MsgCloseLeaseResponse,
        signers: (m: MsgCloseLease) => [m.id?.owner ?? ""],
        validateBasic: (m: MsgCloseLease) => void validateBidId(m.id),
        handle(ctx, m: MsgCloseLease) {
          keeper.closeLease(ctx, m);
          return MsgCloseLeaseResponse.fromPartial({});
        },
      },
      {
        typeUrl: "/akash.market.v1beta5.MsgWithdrawLease",
        aminoType: amino("MsgWithdrawLease"),
        type: MsgWithdrawLease,
        responseType: MsgWithdrawLeaseResponse,
        signers: (m: MsgWithdrawLease) => [m.id?.provider ?? ""],
        validateBasic: (m: MsgWithdrawLease) => void validateBidId(m.id),
        handle(ctx, m: MsgWithdrawLease) {
          keeper.withdrawLease(ctx, m);
          return MsgWithdrawLeaseResponse.fromPartial({});
        },
      },
    ],
    queries: [
      {
        path: "/akash.market.v1beta5.Query/Orders",
        request: QueryOrdersRequest,
        response: QueryOrdersResponse,
        handle(ctx, req: QueryOrdersRequest) {
          const f = req.filters;
          const state = f?.state ?? "";
          checkState(state, ORDER_STATE);
          const dseq = u64(f?.dseq);
          const page = paginate<OrderRecord, Order>(
            ctx.store,
            prefixFor(ORD, { owner: f?.owner ?? "", dseq }),
            req.pagination,
            (o) => (state === "" || o.state === state) && (dseq === "0" || o.dseq === dseq) && (!f?.gseq || o.gseq === f.gseq) && (!f?.oseq || o.oseq === f.oseq),
            (o) => keeper.orderMessage(o),
          );
          return QueryOrdersResponse.fromPartial({ orders: page.items, pagination: page.pagination });
        },
      },
      {
        path: "/akash.market.v1beta5.Query/Order",
        request: QueryOrderRequest,
        response: QueryOrderResponse,
        handle(ctx, req: QueryOrderRequest) {
          const id: OrderID | undefined = req.id;
          const o = keeper.getOrder(ctx.store, { owner: id?.owner ?? "", dseq: u64(id?.dseq), gseq: id?.gseq ?? 0, oseq: id?.oseq ?? 0 });
          if (!o) throw marketErrors.orderNotFound();
          return QueryOrderResponse.fromPartial({ order: keeper.orderMessage(o) });
        },
      },
      {
        path: "/akash.market.v1beta5.Query/Bids",
        request: QueryBidsRequest,
        response: QueryBidsResponse,
        handle(ctx, req: QueryBidsRequest) {
          const f = req.filters;
          const state = f?.state ?? "";
          checkState(state, BID_STATE);
          const dseq = u64(f?.dseq);
          const page = paginate<BidRecord, QueryBidResponse>(
            ctx.store,
            prefixFor(BID, { owner: f?.owner ?? "", dseq }),
            req.pagination,
            (b) =>
              (state === "" || b.state === state) &&
              (dseq === "0" || b.dseq === dseq) &&
              (!f?.gseq || b.gseq === f.gseq) &&
              (!f?.oseq || b.oseq === f.oseq) &&
              (!f?.provider || b.provider === f.provider) &&
              (!f?.bseq || b.bseq === f.bseq),
            (b) => keeper.bidResponse(ctx.store, b),
          );
          return QueryBidsResponse.fromPartial({ bids: page.items, pagination: page.pagination });
        },
      },
      {
        path: "/akash.market.v1beta5.Query/Bid",
        request: QueryBidRequest,
        response: QueryBidResponse,
        handle(ctx, req: QueryBidRequest) {
          const b = keeper.getBid(ctx.store, bidKeyOf(req.id));
          if (!b) throw marketErrors.bidNotFound();
          return keeper.bidResponse(ctx.store, b);
        },
      },
      {
        path: "/akash.market.v1beta5.Query/Leases",
        request: QueryLeasesRequest,
        response: QueryLeasesResponse,
        handle(ctx, req: QueryLeasesRequest) {
          const f = req.filters;
          const state = f?.state ?? "";
          checkState(state, LEASE_STATE);
          const dseq = u64(f?.dseq);
          const page = paginate<LeaseRecord, QueryLeaseResponse>(
            ctx.store,
            prefixFor(LEASE, { owner: f?.owner ?? "", dseq }),
            req.pagination,
            (l) =>
              (state === "" || l.state === state) &&
              (dseq === "0" || l.dseq === dseq) &&
              (!f?.gseq || l.gseq === f.gseq) &&
              (!f?.oseq || l.oseq === f.oseq) &&
              (!f?.provider || l.provider === f.provider) &&
              (!f?.bseq || l.bseq === f.bseq),
            (l) => keeper.leaseResponse(ctx.store, l),
          );
          return QueryLeasesResponse.fromPartial({ leases: page.items, pagination: page.pagination });
        },
      },
      {
        path: "/akash.market.v1beta5.Query/Lease",
        request: QueryLeaseRequest,
        response: QueryLeaseResponse,
        handle(ctx, req: QueryLeaseRequest) {
          const l = keeper.getLease(ctx.store, bidKeyOf(req.id));
          if (!l) throw marketErrors.leaseNotFound();
          return keeper.leaseResponse(ctx.store, l);
        },
      },
      {
        path: "/akash.market.v1beta5.Query/Params",
        request: QueryParamsRequest,
        response: QueryParamsResponse,
        handle(ctx) {
          return QueryParamsResponse.fromPartial({ params: Params.fromPartial(keeper.params(ctx.store)) });
        },
      },
    ],
  };
}
