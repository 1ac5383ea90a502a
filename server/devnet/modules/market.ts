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
 *
 * This file: the message handlers (checks in the node's order), queries and registration. The state
 * lives in market-keeper.ts, the rules for which provider may bid on which order in market-matching.ts.
 */
import { EventBidCreated, EventLeaseCreated, LeaseClosedReason } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
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
import type { BidID, OrderID } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { sdkErrors } from "../chain/errors.ts";
import type { Module, TxContext } from "../chain/types.ts";
import { groupSpecPrice } from "./deployment.ts";
import { bidAccountId, deploymentAccountId, depositSources, leasePaymentXid } from "./escrow.ts";
import {
  BID_STATE,
  DEFAULT_MARKET_PARAMS,
  LEASE_STATE,
  MARKET_PREFIX,
  MarketKeeper,
  ORDER_STATE,
  bidKeyOf,
  idOf,
  type BidKey,
  type BidRecord,
  type LeaseRecord,
  type OrderRecord,
} from "./market-keeper.ts";
import { matchCapabilities, matchRequirements, matchResourcesOffer } from "./market-matching.ts";
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

/** The message handlers (the node's msg server): checks in the node's order, then state changes through the keeper. */
class MarketMsgServer {
  constructor(private readonly keeper: MarketKeeper) {}

  /** x/market CreateBid, checks in the node's order. */
  createBid(ctx: TxContext, msg: MsgCreateBid): void {
    const id = bidKeyOf(msg.id);
    const params = this.keeper.params(ctx.store);
    const deposit = msg.deposit!.amount!;
    const min = params.bidMinDeposits.find((c) => c.denom === deposit.denom);
    if (!min) throw marketErrors.invalidDeposit(`bid deposit denom ${deposit.denom} is not accepted (bid_min_deposits: ${params.bidMinDeposits.map((c) => c.amount + c.denom).join(", ")})`);
    if (BigInt(deposit.amount) < BigInt(min.amount)) throw marketErrors.invalidDeposit(`mininum:${min.amount}${min.denom} received:${deposit.amount}${deposit.denom}`);

    const existing = this.keeper.bidsForOrder(ctx.store, id);
    if (existing.length >= params.orderMaxBids) throw marketErrors.invalidBid(`too many existing bids (${params.orderMaxBids})`);
    if (id.bseq !== 0) throw marketErrors.invalidBid("bseq must be 0 when creating a bid");

    const order = this.keeper.getOrder(ctx.store, id);
    if (!order) throw marketErrors.orderNotFound();
    if (order.state === "active") throw marketErrors.orderActive();
    if (order.state === "closed") throw marketErrors.orderClosed();

    const spec = this.keeper.orderSpec(order);
    const orderPrice = groupSpecPrice(spec);
    const price = msg.price!;
    if (price.denom !== orderPrice.denom) throw marketErrors.invalidPrice(`bid denom ${price.denom} does not match order denom ${orderPrice.denom}`);
    if (parseDec(price.amount) > parseDec(orderPrice.amount)) throw marketErrors.invalidPrice(`bid ${price.amount}${price.denom} is above the order's max price ${orderPrice.amount}${orderPrice.denom}`);
    const offerProblem = matchResourcesOffer(spec, msg.resourcesOffer);
    if (offerProblem) throw marketErrors.capabilitiesMismatch(offerProblem);

    const prov = this.keeper.provider.get(ctx.store, id.provider);
    if (!prov) throw marketErrors.unknownProvider(id.provider);
    const signed = this.keeper.audit.providerAttributes(ctx.store, id.provider);
    if (!matchRequirements(spec, prov.attributes, signed)) throw marketErrors.attributeMismatch("provider attributes do not satisfy the order's placement requirements");
    if (!matchCapabilities(spec, prov.attributes)) throw marketErrors.capabilitiesMismatch("provider does not offer the storage classes or GPUs the order requires");

    const deposits = this.keeper.escrow.authorizeDeposits(ctx, id.provider, { amount: { denom: deposit.denom, amount: deposit.amount }, sources: depositSources(msg.deposit!.sources) }, { typeUrl: "/akash.market.v1beta5.MsgCreateBid", value: msg });
    if (existing.some((b) => b.provider === id.provider)) throw marketErrors.bidExists();

    const bid: BidRecord = {
      ...id,
      state: "open",
      price: decCoin(price.denom, parseDec(price.amount)),
      createdAt: String(ctx.height),
      resourcesOffer: msg.resourcesOffer.map((o) => ResourceOffer.toJSON(o)),
    };
    this.keeper.saveBid(ctx, bid);
    ctx.events.emitTyped(EventBidCreated, EventBidCreated.fromPartial({ id: idOf(bid), price: bid.price }));
    this.keeper.escrow.accountCreate(ctx, bidAccountId(id.owner, id.dseq, id.gseq, id.oseq, id.provider), id.provider, deposits);
  }

  closeBid(ctx: TxContext, msg: MsgCloseBid): void {
    const id = bidKeyOf(msg.id);
    const bid = this.keeper.getBid(ctx.store, id);
    if (!bid) throw marketErrors.unknownBid();
    const order = this.keeper.getOrder(ctx.store, id);
    if (!order) throw marketErrors.unknownOrderForBid();
    if (bid.state === "open") {
      this.keeper.onBidClosed(ctx, bid);
      return;
    }
    const lease = this.keeper.getLease(ctx.store, id);
    if (!lease) throw marketErrors.unknownLeaseForBid();
    if (lease.state !== "active") throw marketErrors.leaseNotActive();
    if (bid.state !== "active") throw marketErrors.bidNotActive();
    // The provider ended the lease: the group pauses (x/deployment OnBidClosed).
    const group = this.keeper.deployment.getGroup(ctx.store, id.owner, id.dseq, id.gseq);
    if (group && group.state !== "paused") this.keeper.deployment.onPauseGroup(ctx, group);
    this.keeper.onLeaseClosed(ctx, lease, "closed", msg.reason);
    this.keeper.onBidClosed(ctx, bid);
    this.keeper.onOrderClosed(ctx, order);
    this.keeper.closePayment(ctx, lease);
  }

  createLease(ctx: TxContext, msg: MsgCreateLease): void {
    const id = bidKeyOf(msg.bidId);
    const bid = this.keeper.getBid(ctx.store, id);
    if (!bid) throw marketErrors.bidNotFound();
    if (bid.state !== "open") throw marketErrors.bidNotOpen();
    const order = this.keeper.getOrder(ctx.store, id);
    if (!order) throw marketErrors.orderNotFound();
    if (order.state !== "open") throw marketErrors.orderNotOpen();
    const group = this.keeper.deployment.getGroup(ctx.store, id.owner, id.dseq, id.gseq);
    if (!group) throw marketErrors.groupNotFound();
    if (group.state !== "open") throw marketErrors.groupNotOpen();

    this.keeper.escrow.paymentCreate(ctx, deploymentAccountId(id.owner, id.dseq), leasePaymentXid(id.gseq, id.oseq, id.provider), id.provider, bid.price);

    const lease: LeaseRecord = { ...id, state: "active", price: bid.price, createdAt: String(ctx.height), closedOn: "0", reason: LeaseClosedReason.lease_closed_invalid };
    this.keeper.saveLease(ctx, lease);
    ctx.events.emitTyped(EventLeaseCreated, EventLeaseCreated.fromPartial({ id: idOf(lease), price: lease.price }));

    order.state = "active";
    this.keeper.saveOrder(ctx, order);
    bid.state = "active";
    this.keeper.saveBid(ctx, bid);

    // Losing bids: state lost, their deposits go back to their providers.
    for (const other of this.keeper.bidsForOrder(ctx.store, order)) {
      if (other.provider === id.provider && other.bseq === id.bseq) continue;
      if (other.state !== "open") continue;
      other.state = "lost";
      this.keeper.saveBid(ctx, other);
      this.keeper.closeBidAccount(ctx, other);
    }
  }

  /** x/market CloseLease: always reason lease_closed_owner; an open group gets a new order so providers can bid again. */
  closeLease(ctx: TxContext, msg: MsgCloseLease): void {
    const id = bidKeyOf(msg.id);
    const order = this.keeper.getOrder(ctx.store, id);
    if (!order) throw marketErrors.orderNotFound();
    if (order.state !== "active") throw marketErrors.orderClosed();
    const bid = this.keeper.getBid(ctx.store, id);
    if (!bid) throw marketErrors.bidNotFound();
    if (bid.state !== "active") throw marketErrors.bidNotActive();
    const lease = this.keeper.getLease(ctx.store, id);
    if (!lease) throw marketErrors.leaseNotFound();
    if (lease.state !== "active") throw marketErrors.orderClosed();
    this.keeper.onLeaseClosed(ctx, lease, "closed", LeaseClosedReason.lease_closed_owner);
    this.keeper.onBidClosed(ctx, bid);
    this.keeper.onOrderClosed(ctx, order);
    this.keeper.closePayment(ctx, lease);
    const group = this.keeper.deployment.getGroup(ctx.store, id.owner, id.dseq, id.gseq);
    if (!group) throw marketErrors.groupNotFound();
    if (group.state === "open") this.keeper.createOrder(ctx, group);
  }

  withdrawLease(ctx: TxContext, msg: MsgWithdrawLease): void {
    const id = bidKeyOf(msg.id);
    const lease = this.keeper.getLease(ctx.store, id);
    if (!lease) throw marketErrors.unknownLease();
    this.keeper.escrow.paymentWithdraw(ctx, deploymentAccountId(id.owner, id.dseq), leasePaymentXid(id.gseq, id.oseq, id.provider));
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
  const msgServer = new MarketMsgServer(keeper);
  const amino = (name: string) => `akash-sdk/x/market/${name}`;
  return {
    name: "market",
    keeper,
    initGenesis(ctx) {
      if (!ctx.store.has(MARKET_PREFIX.params)) ctx.store.set(MARKET_PREFIX.params, DEFAULT_MARKET_PARAMS);
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
          msgServer.createBid(ctx, m);
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
          msgServer.closeBid(ctx, m);
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
          msgServer.createLease(ctx, m);
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
          msgServer.closeLease(ctx, m);
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
          msgServer.withdrawLease(ctx, m);
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
            prefixFor(MARKET_PREFIX.orders, { owner: f?.owner ?? "", dseq }),
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
            prefixFor(MARKET_PREFIX.bids, { owner: f?.owner ?? "", dseq }),
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
          return { ...QueryBidsResponse.fromPartial({ pagination: page.pagination }), bids: page.items };
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
            prefixFor(MARKET_PREFIX.leases, { owner: f?.owner ?? "", dseq }),
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
          return { ...QueryLeasesResponse.fromPartial({ pagination: page.pagination }), leases: page.items };
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
