import { describe, expect, it } from "vitest";
import {
  Bid_State,
  Order_State,
  QueryBidResponse,
  QueryBidsResponse,
  QueryLeaseResponse,
  QueryLeasesResponse,
  QueryOrderResponse,
  QueryParamsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { Group_State, QueryGroupResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { LeaseClosedReason, Lease_State, Types_State } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { TestApp, errorOf, testAddress } from "./testing.ts";
import { T, auditor, bidId, createBidMsg, createDeploymentMsg, owner, provider, provider2, provider3, registerProvider, resources } from "./fixtures.test-util.ts";

const MQ = "/akash.market.v1beta5.Query/";

function setup(spec: Parameters<typeof createDeploymentMsg>[1] = {}) {
  const a = new TestApp();
  a.fund(owner, [{ denom: "uact", amount: "100000000" }]);
  for (const p of [provider, provider2, provider3]) {
    a.fund(p, [{ denom: "uact", amount: "10000000" }]);
    registerProvider(a, p);
  }
  a.deliver(T.createDeployment, createDeploymentMsg(1, spec), owner);
  return a;
}

describe("MsgCreateBid", () => {
  it("creates an open bid with a bid-scoped escrow deposit from the provider's balance", () => {
    const a = setup();
    const res = a.deliver(T.createBid, createBidMsg(1, provider, "50.5"), provider);
    expect(res.events.find((e) => e.type === "akash.market.v1.EventBidCreated")?.attributes.map((x) => x.key)).toEqual(["id", "price"]);
    expect(a.balance(provider, "uact")).toBe(10000000n - 500000n);
    const bid = a.query<QueryBidResponse>(`${MQ}Bid`, { id: bidId(1) });
    expect(bid.bid?.state).toBe(Bid_State.open);
    expect(bid.bid?.price).toEqual({ denom: "uact", amount: "50.5" });
    expect(bid.bid?.resourcesOffer[0]?.count).toBe(1);
    expect(bid.escrowAccount?.id?.xid).toBe(`${owner}/1/1/1/${provider}`);
    expect(bid.escrowAccount?.state?.owner).toBe(provider);
    const json = a.queryJson(`${MQ}Bids`, { filters: { owner } }) as { bids: { bid: { state: string; price: unknown }; escrow_account: { id: unknown } }[] };
    expect(json.bids[0]!.bid).toMatchObject({ state: "open", price: { denom: "uact", amount: "50.500000000000000000" } });
    expect(json.bids[0]!.escrow_account.id).toEqual({ scope: "bid", xid: `${owner}/1/1/1/${provider}` });
  });

  it("ValidateBasic failures carry their codes", () => {
    const a = setup();
    const msg = createBidMsg(1);
    expect(errorOf(() => a.deliver(T.createBid, { ...msg, id: { ...msg.id, bseq: 1 } }))).toMatchObject({ codespace: "market", code: 31 });
    expect(errorOf(() => a.deliver(T.createBid, { ...msg, price: { denom: "uact", amount: "0" } }))).toMatchObject({ codespace: "market", code: 19 });
    expect(errorOf(() => a.deliver(T.createBid, { ...msg, id: { ...msg.id, provider: owner } }))).toMatchObject({ codespace: "market", code: 2 });
    expect(errorOf(() => a.deliver(T.createBid, { ...msg, id: { ...msg.id, dseq: "0" } }))).toMatchObject({ codespace: "sdk", code: 3 });
    expect(errorOf(() => a.deliver(T.createBid, msg, owner))).toMatchObject({ codespace: "sdk", code: 4 });
  });

  it("checks deposit, order, price, provider and duplicates", () => {
    const a = setup({ price: "100", count: 2 });
    expect(errorOf(() => a.deliver(T.createBid, createBidMsg(1, provider, "50", { deposit: "499999" })))).toMatchObject({ codespace: "market", code: 28 });
    expect(errorOf(() => a.deliver(T.createBid, createBidMsg(1, provider, "50", { denom: "ibc/XYZ" })))).toMatchObject({ codespace: "market", code: 28 });
    expect(errorOf(() => a.deliver(T.createBid, createBidMsg(2)))).toMatchObject({ codespace: "market", code: 15 });
    // Order price = Σ price × count = 200.
    expect(errorOf(() => a.deliver(T.createBid, createBidMsg(1, provider, "200.000000000000000001")))).toMatchObject({ codespace: "market", code: 22 });
    const over = { ...createBidMsg(1, provider, "10"), price: { denom: "uakt", amount: "10" } };
    expect(errorOf(() => a.deliver(T.createBid, over))).toMatchObject({ codespace: "market", code: 22 });
    const stranger = testAddress("stranger");
    a.fund(stranger, [{ denom: "uact", amount: "10000000" }]);
    expect(errorOf(() => a.deliver(T.createBid, { ...createBidMsg(1, stranger, "10"), resourcesOffer: [] }))).toMatchObject({ codespace: "market", code: 30 });
    const wrongCount = { ...createBidMsg(1, provider, "10"), resourcesOffer: [{ resources: resources(), count: 1 }] };
    expect(errorOf(() => a.deliver(T.createBid, wrongCount))).toMatchObject({ codespace: "market", code: 32 });
    const wrongUnit = { ...createBidMsg(1, provider, "10"), resourcesOffer: [{ resources: { ...resources(), id: 7 }, count: 2 }] };
    expect(errorOf(() => a.deliver(T.createBid, wrongUnit))).toMatchObject({ codespace: "market", code: 32 });
    a.deliver(T.createBid, { ...createBidMsg(1, provider, "200"), resourcesOffer: [{ resources: resources(), count: 2 }] }, provider);
    expect(errorOf(() => a.deliver(T.createBid, { ...createBidMsg(1, provider, "150"), resourcesOffer: [] }))).toMatchObject({ codespace: "market", code: 21 });
    const poor = testAddress("poor-provider");
    registerProvider(a, poor);
    expect(errorOf(() => a.deliver(T.createBid, { ...createBidMsg(1, poor, "100"), resourcesOffer: [] }))).toMatchObject({ codespace: "market", code: 28 });
  });

  it("matches placement attributes against the provider's attributes", () => {
    const a = setup({ attributes: [{ key: "region", value: "eu-central" }] });
    expect(errorOf(() => a.deliver(T.createBid, createBidMsg(1)))).toMatchObject({ codespace: "market", code: 5 });
    a.deliver("/akash.provider.v1beta4.MsgUpdateProvider", { owner: provider, hostUri: "https://p.example.com:8443", attributes: [{ key: "region", value: "eu-central" }, { key: "tier", value: "1" }] }, provider);
    a.deliver(T.createBid, createBidMsg(1), provider);
  });

  it("matches signed_by all_of and any_of against auditor-signed attributes", () => {
    const other = testAddress("other-auditor");
    const a = setup({ attributes: [{ key: "tier", value: "premium" }], allOf: [auditor] });
    // The provider's own attribute does not count when signatures are required.
    registerProvider(a, testAddress("p-self"), [{ key: "tier", value: "premium" }]);
    expect(errorOf(() => a.deliver(T.createBid, createBidMsg(1)))).toMatchObject({ codespace: "market", code: 5 });
    a.deliver("/akash.audit.v1.MsgSignProviderAttributes", { owner: provider, auditor: other, attributes: [{ key: "tier", value: "premium" }] }, other);
    expect(errorOf(() => a.deliver(T.createBid, createBidMsg(1)))).toMatchObject({ codespace: "market", code: 5 });
    a.deliver("/akash.audit.v1.MsgSignProviderAttributes", { owner: provider, auditor, attributes: [{ key: "tier", value: "premium" }] }, auditor);
    a.deliver(T.createBid, createBidMsg(1), provider);

    const b = setup({ attributes: [{ key: "tier", value: "premium" }], anyOf: [auditor, other] });
    b.deliver("/akash.audit.v1.MsgSignProviderAttributes", { owner: provider2, auditor: other, attributes: [{ key: "tier", value: "basic" }] }, other);
    expect(errorOf(() => b.deliver(T.createBid, createBidMsg(1, provider2)))).toMatchObject({ codespace: "market", code: 5 });
    b.deliver("/akash.audit.v1.MsgSignProviderAttributes", { owner: provider2, auditor: other, attributes: [{ key: "tier", value: "premium" }] }, other);
    b.deliver(T.createBid, createBidMsg(1, provider2), provider2);
  });

  it("requires the provider to offer requested storage classes and GPUs", () => {
    const a = setup({ storageAttributes: [{ key: "class", value: "beta3" }, { key: "persistent", value: "true" }] });
    const storageOffer = { ...createBidMsg(1), resourcesOffer: [] };
    expect(errorOf(() => a.deliver(T.createBid, storageOffer))).toMatchObject({ codespace: "market", code: 32 });
    a.deliver("/akash.provider.v1beta4.MsgUpdateProvider", { owner: provider, hostUri: "https://p.example.com:8443", attributes: [{ key: "capabilities/storage/1/class", value: "beta3" }, { key: "capabilities/storage/1/persistent", value: "true" }] }, provider);
    a.deliver(T.createBid, storageOffer, provider);

    const g = setup({ gpu: { units: 1, attributes: [{ key: "vendor/nvidia/model/a100", value: "true" }] } });
    expect(errorOf(() => g.deliver(T.createBid, { ...createBidMsg(1), resourcesOffer: [] }))).toMatchObject({ codespace: "market", code: 32 });
    g.deliver("/akash.provider.v1beta4.MsgUpdateProvider", { owner: provider, hostUri: "https://p.example.com:8443", attributes: [{ key: "capabilities/gpu/vendor/nvidia/model/a100", value: "true" }] }, provider);
    g.deliver(T.createBid, { ...createBidMsg(1), resourcesOffer: [] }, provider);
  });

  it("allows at most order_max_bids bids per order", () => {
    const a = setup();
    const params = a.query<QueryParamsResponse>(`${MQ}Params`, {});
    expect(params.params?.orderMaxBids).toBe(20);
    expect(params.params?.bidMinDeposits).toEqual([
      { denom: "uact", amount: "500000" },
      { denom: "uakt", amount: "500000" },
    ]);
    for (let i = 0; i < 20; i++) {
      const p = testAddress(`bidder-${i}`);
      a.fund(p, [{ denom: "uact", amount: "500000" }]);
      registerProvider(a, p);
      a.deliver(T.createBid, createBidMsg(1, p, String(10 + i)), p);
    }
    const err = errorOf(() => a.deliver(T.createBid, createBidMsg(1, provider, "5")));
    expect(err).toMatchObject({ codespace: "market", code: 31 });
    expect(err.message).toMatch(/too many existing bids/);
    const page = a.query<QueryBidsResponse>(`${MQ}Bids`, { filters: { owner, dseq: "1" }, pagination: { limit: 5, countTotal: true } });
    expect(page.bids).toHaveLength(5);
    expect(page.pagination?.total.toString()).toBe("20");
  });
});

describe("MsgCreateLease", () => {
  it("activates the chosen bid and order, marks other bids lost and refunds their deposits", () => {
    const a = setup();
    a.deliver(T.createBid, createBidMsg(1, provider, "40"), provider);
    a.deliver(T.createBid, createBidMsg(1, provider2, "60"), provider2);
    a.deliver(T.createBid, createBidMsg(1, provider3, "70"), provider3);
    a.deliver(T.closeBid, { id: bidId(1, provider3), reason: LeaseClosedReason.lease_closed_reason_unspecified }, provider3);
    expect(a.balance(provider3, "uact")).toBe(10000000n);
    expect(errorOf(() => a.deliver(T.createLease, { bidId: bidId(1, provider) }, provider))).toMatchObject({ codespace: "sdk", code: 4 });
    const res = a.deliver(T.createLease, { bidId: bidId(1, provider2) }, owner);
    expect(res.events.find((e) => e.type === "akash.market.v1.EventLeaseCreated")).toBeDefined();

    const bids = a.query<QueryBidsResponse>(`${MQ}Bids`, { filters: { owner, dseq: "1" } });
    const state = Object.fromEntries(bids.bids.map((b) => [b.bid!.id!.provider, b.bid!.state]));
    expect(state).toEqual({ [provider]: Bid_State.lost, [provider2]: Bid_State.active, [provider3]: Bid_State.closed });
    const lostAccount = bids.bids.find((b) => b.bid!.id!.provider === provider)!.escrowAccount;
    expect(lostAccount?.state?.state).toBe(Types_State.closed);
    expect(a.balance(provider, "uact")).toBe(10000000n);
    expect(a.balance(provider2, "uact")).toBe(10000000n - 500000n);

    expect(a.query<QueryOrderResponse>(`${MQ}Order`, { id: { owner, dseq: "1", gseq: 1, oseq: 1 } }).order?.state).toBe(Order_State.active);
    const lease = a.query<QueryLeaseResponse>(`${MQ}Lease`, { id: bidId(1, provider2) });
    expect(lease.lease?.state).toBe(Lease_State.active);
    expect(lease.lease?.price).toEqual({ denom: "uact", amount: "60" });
    expect(lease.escrowPayment?.id?.xid).toBe(`1/1/${provider2}`);
    expect(lease.escrowPayment?.id?.aid?.xid).toBe(`${owner}/1`);
    expect(lease.escrowPayment?.state?.owner).toBe(provider2);
    const json = a.queryJson(`${MQ}Leases`, { filters: { owner, state: "active" } }) as { leases: { lease: Record<string, unknown>; escrow_payment: Record<string, unknown> }[] };
    expect(json.leases[0]!.lease).toMatchObject({ state: "active", price: { denom: "uact", amount: "60.000000000000000000" }, created_at: "1" });
    expect(json.leases[0]!.escrow_payment).toMatchObject({ id: { aid: { scope: "deployment", xid: `${owner}/1` }, xid: `1/1/${provider2}` }, state: { state: "open", withdrawn: { denom: "uact", amount: "0" } } });

    expect(errorOf(() => a.deliver(T.createLease, { bidId: bidId(1, provider) }))).toMatchObject({ codespace: "market", code: 12 });
    expect(errorOf(() => a.deliver(T.createLease, { bidId: bidId(9, provider) }))).toMatchObject({ codespace: "market", code: 18 });
  });

  it("refuses a lease when the group is not open", () => {
    const a = setup();
    a.deliver(T.createBid, createBidMsg(1), provider);
    a.deliver(T.pauseGroup, { id: { owner, dseq: "1", gseq: 1 } }, owner);
    // Pausing closed the order and its bids.
    expect(errorOf(() => a.deliver(T.createLease, { bidId: bidId(1) }))).toMatchObject({ codespace: "market", code: 12 });
    a.deliver(T.startGroup, { id: { owner, dseq: "1", gseq: 1 } }, owner);
    a.deliver(T.createBid, createBidMsg(1, provider, "50", { oseq: 2 }), provider);
    a.deliver(T.createLease, { bidId: bidId(1, provider, 1, 2) }, owner);
  });
});

describe("closing and withdrawing", () => {
  function leased() {
    const a = setup({ price: "100" });
    a.deliver(T.createBid, createBidMsg(1, provider, "12.5"), provider);
    a.deliver(T.createLease, { bidId: bidId(1) }, owner);
    return a;
  }

  it("MsgWithdrawLease pays the provider what has accrued", () => {
    const a = leased();
    a.nextBlock(4);
    const before = a.balance(provider, "uact");
    a.deliver(T.withdrawLease, { id: bidId(1) }, provider);
    expect(a.balance(provider, "uact") - before).toBe(50n);
    expect(errorOf(() => a.deliver(T.withdrawLease, { id: bidId(1) }, owner))).toMatchObject({ codespace: "sdk", code: 4 });
    expect(errorOf(() => a.deliver(T.withdrawLease, { id: bidId(1, provider2) }))).toMatchObject({ codespace: "market", code: 7 });
  });

  it("MsgCloseLease closes lease (reason owner), bid and order, settles, and opens a new order", () => {
    const a = leased();
    a.nextBlock(3);
    const res = a.deliver(T.closeLease, { id: bidId(1), reason: LeaseClosedReason.lease_closed_reason_unstable }, owner);
    expect(res.events.map((e) => e.type)).toEqual(expect.arrayContaining(["akash.market.v1.EventLeaseClosed", "akash.market.v1.EventBidClosed", "akash.market.v1.EventOrderClosed", "akash.market.v1.EventOrderCreated"]));
    const lease = a.query<QueryLeaseResponse>(`${MQ}Lease`, { id: bidId(1) });
    // The node records lease_closed_owner whatever reason the owner sends.
    expect(lease.lease).toMatchObject({ state: Lease_State.closed, reason: LeaseClosedReason.lease_closed_owner });
    expect(lease.lease?.closedOn.toString()).toBe("4");
    expect(lease.escrowPayment?.state?.state).toBe(Types_State.closed);
    expect(lease.escrowPayment?.state?.withdrawn).toEqual({ denom: "uact", amount: "37" });
    // 3 blocks × 12.5 = 37.5: 37 paid, the bid deposit back.
    expect(a.balance(provider, "uact")).toBe(10000000n + 37n);
    expect(a.query<QueryGroupResponse>("/akash.deployment.v1beta4.Query/Group", { id: { owner, dseq: "1", gseq: 1 } }).group?.state).toBe(Group_State.open);
    expect(a.query<QueryOrderResponse>(`${MQ}Order`, { id: { owner, dseq: "1", gseq: 1, oseq: 2 } }).order?.state).toBe(Order_State.open);
    expect(errorOf(() => a.deliver(T.closeLease, { id: bidId(1), reason: 0 }))).toMatchObject({ codespace: "market", code: 24 });
    // The new order takes bids again.
    a.deliver(T.createBid, createBidMsg(1, provider, "12.5", { oseq: 2 }), provider);
  });

  it("MsgCloseBid on an active bid closes the lease with the provider's reason", () => {
    const a = leased();
    a.nextBlock(2);
    a.deliver(T.closeBid, { id: bidId(1), reason: LeaseClosedReason.lease_closed_reason_decommission }, provider);
    const lease = a.query<QueryLeasesResponse>(`${MQ}Leases`, { filters: { provider } }).leases[0];
    expect(lease?.lease).toMatchObject({ state: Lease_State.closed, reason: LeaseClosedReason.lease_closed_reason_decommission });
    expect(a.query<QueryGroupResponse>("/akash.deployment.v1beta4.Query/Group", { id: { owner, dseq: "1", gseq: 1 } }).group?.state).toBe(Group_State.paused);
    expect(errorOf(() => a.deliver(T.closeBid, { id: bidId(1), reason: LeaseClosedReason.lease_closed_reason_unspecified }))).toMatchObject({ codespace: "market", code: 10 });
    expect(errorOf(() => a.deliver(T.closeBid, { id: bidId(1), reason: 0 }))).toMatchObject({ codespace: "market", code: 33 });
    expect(errorOf(() => a.deliver(T.closeBid, { id: bidId(1, provider2), reason: LeaseClosedReason.lease_closed_reason_unspecified }))).toMatchObject({ codespace: "market", code: 6 });
    expect(errorOf(() => a.deliver(T.closeBid, { id: bidId(1), reason: LeaseClosedReason.lease_closed_owner }))).toMatchObject({ codespace: "market", code: 33 });
  });

  it("MsgCloseDeployment closes leases with reason lease_closed_owner", () => {
    const a = leased();
    a.nextBlock(2);
    a.deliver(T.closeDeployment, { id: { owner, dseq: "1" } }, owner);
    const lease = a.query<QueryLeaseResponse>(`${MQ}Lease`, { id: bidId(1) });
    expect(lease.lease).toMatchObject({ state: Lease_State.closed, reason: LeaseClosedReason.lease_closed_owner });
    const bid = a.query<QueryBidResponse>(`${MQ}Bid`, { id: bidId(1) });
    expect(bid.bid?.state).toBe(Bid_State.closed);
    expect(bid.escrowAccount?.state?.state).toBe(Types_State.closed);
    expect(a.balance(provider, "uact")).toBe(10000000n + 25n);
    expect(a.balance(owner, "uact")).toBe(100000000n - 25n);
  });

  it("refuses provider attribute updates that would break an active lease's placement", () => {
    const a = setup({ attributes: [{ key: "region", value: "us-west" }] });
    a.deliver(T.createBid, createBidMsg(1), provider);
    a.deliver(T.createLease, { bidId: bidId(1) }, owner);
    const update = (attributes: { key: string; value: string }[]) => a.deliver("/akash.provider.v1beta4.MsgUpdateProvider", { owner: provider, hostUri: "https://p.example.com:8443", attributes }, provider);
    expect(errorOf(() => update([{ key: "region", value: "eu" }]))).toMatchObject({ codespace: "provider", code: 7 });
    update([{ key: "region", value: "us-west" }, { key: "tier", value: "2" }]);
  });

  it("refuses to delete a provider with active leases", () => {
    const a = leased();
    expect(errorOf(() => a.deliver("/akash.provider.v1beta4.MsgDeleteProvider", { owner: provider }, provider))).toMatchObject({ codespace: "provider", code: 10 });
    a.deliver(T.closeLease, { id: bidId(1), reason: 0 }, owner);
    a.deliver("/akash.provider.v1beta4.MsgDeleteProvider", { owner: provider }, provider);
  });
});
