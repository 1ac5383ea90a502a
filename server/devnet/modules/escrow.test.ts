import { describe, expect, it } from "vitest";
import { Group_State, QueryDeploymentResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { Bid_State, Order_State, QueryBidResponse, QueryLeaseResponse, QueryOrderResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { Deployment_State, LeaseClosedReason, Lease_State, QueryAccountsResponse, QueryPaymentsResponse, Scope, Source, Types_State } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { TestApp, errorOf, testAddress } from "./testing.ts";
import { T, bidId, createBidMsg, createDeploymentMsg, owner, provider, registerProvider } from "./fixtures.test-util.ts";
import { formatDec, parseDec } from "./util.ts";
import type { EscrowKeeper } from "./escrow.ts";
import { DevnetEventManager } from "../chain/events.ts";

const EQ = "/akash.escrow.v1.Query/";
const RATE = "123456.789012345678";
const rate = parseDec(RATE);
const DEPOSIT = 500000n;

/** Deployment with a 500000uact deposit and a lease at 123456.789012345678 uact/block (runs dry in block 5). */
function leased() {
  const a = new TestApp();
  a.fund(owner, [{ denom: "uact", amount: "10000000" }]);
  a.fund(provider, [{ denom: "uact", amount: "10000000" }]);
  registerProvider(a, provider);
  a.deliver(T.createDeployment, createDeploymentMsg(1, { price: "200000", deposit: String(DEPOSIT) }), owner);
  a.deliver(T.createBid, createBidMsg(1, provider, RATE), provider);
  a.deliver(T.createLease, { bidId: bidId(1) }, owner);
  return a;
}

const escrowAddr = (a: TestApp) => a.bank.moduleAddress("escrow");

function payment(a: TestApp) {
  const p = a.queryJson(`${EQ}Payments`, { xid: `${owner}/1` }) as { payments: { state: Record<string, unknown> }[] };
  return p.payments[0]!.state as { state: string; rate: { amount: string }; balance: { amount: string }; unsettled: { amount: string }; withdrawn: { amount: string } };
}
function account(a: TestApp) {
  const r = a.queryJson(`${EQ}Accounts`, { xid: `${owner}/1` }) as { accounts: { state: Record<string, unknown> }[] };
  return r.accounts[0]!.state as { state: string; funds: { amount: string }[]; transferred: { amount: string }[]; settled_at: string; deposits: { balance: { amount: string } }[] };
}

describe("escrow settlement", () => {
  it("settles lazily: the blocks since settled_at move rate × blocks at the next settlement, exactly", () => {
    const a = leased();
    a.nextBlock(3); // end blockers at heights 1..3; the next tx is in block 4
    // Nothing settles by itself (the account is not running dry): it is as of its creation, as on the node.
    expect(account(a).settled_at).toBe("1");
    expect(account(a).funds[0]!.amount).toBe(formatDec(DEPOSIT * 10n ** 18n));
    expect(payment(a).balance.amount).toBe("0.000000000000000000");

    // A withdrawal in block 4 settles blocks 2–4 (3 × rate), then pays the integer part; the fraction stays.
    const before = a.balance(provider, "uact");
    a.deliver(T.withdrawLease, { id: bidId(1) }, provider);
    expect(account(a).settled_at).toBe("4");
    expect(account(a).funds[0]!.amount).toBe(formatDec(DEPOSIT * 10n ** 18n - 3n * rate));
    expect(account(a).funds[0]!.amount).toBe("129629.632962962966000000");
    expect(account(a).transferred[0]!.amount).toBe("370370.367037037034000000");
    expect(a.balance(provider, "uact") - before).toBe(370370n);
    expect(payment(a).balance.amount).toBe("0.367037037034000000");
    expect(payment(a).withdrawn.amount).toBe("370370");
    expect(payment(a).state).toBe("open");

    // A block later the next settlement adds exactly one rate to the remaining fraction.
    a.nextBlock(1);
    expect(payment(a).balance.amount).toBe("0.367037037034000000");
    a.deliver(T.withdrawLease, { id: bidId(1) }, provider);
    expect(payment(a).withdrawn.amount).toBe(String(370370n + 123457n));
    expect(payment(a).balance.amount).toBe(formatDec(parseDec("0.367037037034") + rate - 123457n * 10n ** 18n));
    expect(payment(a).balance.amount).toBe("0.156049382712000000");
  });

  it("closes the lease as insufficient_funds and the deployment when the account runs dry", () => {
    const a = leased();
    const ownerBefore = a.balance(owner, "uact");
    a.nextBlock(5); // end blockers at heights 1..5: 4 blocks (493827.156049382712) would still be covered, so none settles
    expect(payment(a).state).toBe("open");
    expect(account(a).funds[0]!.amount).toBe("500000.000000000000000000");
    a.nextBlock(1); // height 6 is when 5 blocks ask more than the deposit: the depletion schedule settles it there
    const p = payment(a);
    expect(p.state).toBe("overdrawn");
    expect(p.unsettled.amount).toBe(formatDec(5n * rate - DEPOSIT * 10n ** 18n));
    expect(p.unsettled.amount).toBe("117283.945061728390000000");
    // Everything deposited was paid out to the provider (the integer part).
    expect(p.withdrawn.amount).toBe("500000");
    expect(p.balance.amount).toBe("0.000000000000000000");
    const acc = account(a);
    expect(acc.state).toBe("overdrawn");
    expect(acc.funds[0]!.amount).toBe("-117283.945061728390000000");
    expect(acc.deposits ?? []).toEqual([]);
    expect(a.balance(owner, "uact")).toBe(ownerBefore);
    expect(a.balance(provider, "uact")).toBe(10000000n + 500000n);
    expect(a.balance(escrowAddr(a), "uact")).toBe(0n);

    const lease = a.query<QueryLeaseResponse>("/akash.market.v1beta5.Query/Lease", { id: bidId(1) });
    expect(lease.lease).toMatchObject({ state: Lease_State.insufficient_funds, reason: LeaseClosedReason.lease_closed_reason_insufficient_funds });
    expect(lease.lease?.closedOn.toString()).toBe("6");
    expect(a.query<QueryOrderResponse>("/akash.market.v1beta5.Query/Order", { id: { owner, dseq: "1", gseq: 1, oseq: 1 } }).order?.state).toBe(Order_State.closed);
    expect(a.query<QueryBidResponse>("/akash.market.v1beta5.Query/Bid", { id: bidId(1) }).bid?.state).toBe(Bid_State.closed);
    const dep = a.query<QueryDeploymentResponse>("/akash.deployment.v1beta4.Query/Deployment", { id: { owner, dseq: "1" } });
    expect(dep.deployment?.state).toBe(Deployment_State.closed);
    expect(dep.groups[0]?.state).toBe(Group_State.insufficient_funds);
    expect(a.lastBlockEvents.map((e) => e.type)).toEqual(expect.arrayContaining(["akash.market.v1.EventLeaseClosed", "akash.deployment.v1.EventDeploymentClosed", "akash.deployment.v1.EventGroupClosed"]));
    // Nothing is settled any more.
    a.nextBlock(3);
    expect(payment(a).unsettled.amount).toBe("117283.945061728390000000");
  });

  it("a deposit into an overdrawn account pays what the provider is owed, then closes and refunds", () => {
    const a = leased();
    a.nextBlock(6);
    expect(account(a).state).toBe("overdrawn");
    const ownerBefore = a.balance(owner, "uact");
    a.deliver(T.accountDeposit, { signer: owner, id: { scope: Scope.deployment, xid: `${owner}/1` }, deposit: { amount: { denom: "uact", amount: "200000" }, sources: [Source.balance] } }, owner);
    const p = payment(a);
    expect(p.state).toBe("closed");
    expect(p.unsettled.amount).toBe("0.000000000000000000");
    expect(p.withdrawn.amount).toBe(String(500000 + 117283));
    expect(p.balance.amount).toBe("0.945061728390000000");
    expect(account(a).state).toBe("closed");
    // 200000 − 117283.94506172839 owed = 82716.05493827161 → 82716 back to the owner.
    expect(a.balance(owner, "uact") - ownerBefore).toBe(-200000n + 82716n);
    expect(a.balance(provider, "uact")).toBe(10000000n + 500000n + 117283n);
  });

  it("closing the deployment settles, pays the provider and refunds the rest to the owner", () => {
    const a = leased();
    a.nextBlock(3);
    a.deliver(T.closeDeployment, { id: { owner, dseq: "1" } }, owner);
    const paid = (3n * rate) / 10n ** 18n; // 370370
    expect(a.balance(provider, "uact")).toBe(10000000n + paid);
    const refund = DEPOSIT - (3n * rate + 10n ** 18n - 1n) / 10n ** 18n; // funds left, integer part
    expect(a.balance(owner, "uact")).toBe(10000000n - DEPOSIT + refund);
    expect(account(a).state).toBe("closed");
    expect(payment(a).state).toBe("closed");
    // Only sub-unit dust stays in the escrow module: the unpaid fraction of the payment and of the funds.
    expect(a.balance(escrowAddr(a), "uact")).toBe(DEPOSIT - paid - refund);
    expect(DEPOSIT - paid - refund).toBe(1n);
  });
});

describe("depletion schedule", () => {
  it("is built once for state persisted before it existed", () => {
    const a = leased();
    for (const [k] of [...a.store.iterate("escrow/dry")]) a.store.delete(k);
    a.store.delete("escrow/meta/dry-index");
    // What per-block settlement left in such state goes.
    a.store.set("escrow/open/deployment/x/1", { aid: { scope: "deployment", xid: "x" }, xid: "1" });
    a.store.set("escrow/meta/open-index", 1);
    a.nextBlock(5);
    expect([...a.store.iterate("escrow/open/")]).toHaveLength(0);
    expect(a.store.has("escrow/meta/open-index")).toBe(false);
    expect(payment(a).state).toBe("open");
    a.nextBlock(1);
    expect(payment(a).state).toBe("overdrawn");
  });

  it("moves when a deposit extends the account's life", () => {
    const a = leased();
    a.nextBlock(3);
    // 500000 more covers 4 more blocks (1,000,000 / rate = 8.1): dry at height 1 + 9 = 10, not 6.
    a.deliver(T.accountDeposit, { signer: owner, id: { scope: Scope.deployment, xid: `${owner}/1` }, deposit: { amount: { denom: "uact", amount: "500000" }, sources: [Source.balance] } }, owner);
    a.nextBlock(5); // end blockers at 4..8
    expect(payment(a).state).toBe("open");
    a.nextBlock(1); // 9
    expect(payment(a).state).toBe("open");
    a.nextBlock(1); // 10
    expect(payment(a).state).toBe("overdrawn");
    expect(payment(a).withdrawn.amount).toBe("1000000");
  });
});

describe("keeper.accountClose", () => {
  it("closes payments that were already settled in the same block", () => {
    const a = leased();
    const keeper = (a.keepers as unknown as { escrow: EscrowKeeper }).escrow;
    const ctx = { store: a.store, height: a.height, time: a.time, config: a.config, keepers: a.keepers, events: new DevnetEventManager(), gas: { limit: Infinity, consumed: 0, consume: () => undefined }, signers: [], msgIndex: 0 };
    keeper.accountClose(ctx, { scope: "deployment", xid: `${owner}/1` });
    expect(payment(a).state).toBe("closed");
    expect(account(a).state).toBe("closed");
    expect([...a.store.iterate("escrow/dry")]).toHaveLength(0);
  });
});

describe("MsgAccountDeposit", () => {
  it("tops up an open deployment account from the owner or another depositor", () => {
    const a = leased();
    const friend = testAddress("friend");
    a.fund(friend, [{ denom: "uact", amount: "1000000" }]);
    const deposit = (signer: string, amount: string, denom = "uact") =>
      a.deliver(T.accountDeposit, { signer, id: { scope: Scope.deployment, xid: `${owner}/1` }, deposit: { amount: { denom, amount }, sources: [Source.balance] } }, signer);
    deposit(owner, "1000000");
    deposit(friend, "250000");
    expect(a.balance(friend, "uact")).toBe(750000n);
    const acc = a.query<QueryAccountsResponse>(`${EQ}Accounts`, { xid: `${owner}/1`, state: "open" }).accounts[0]!;
    expect(acc.state?.funds[0]?.amount).toBe("1750000");
    expect(acc.state?.deposits.map((d) => [d.owner, d.direct])).toEqual([
      [owner, true],
      [owner, true],
      [friend, false],
    ]);
    expect(errorOf(() => deposit(owner, "10", "uakt"))).toMatchObject({ codespace: "escrow", code: 5 });
    expect(errorOf(() => deposit(friend, "99999999"))).toMatchObject({ codespace: "market", code: 28 });
    expect(errorOf(() => a.deliver(T.accountDeposit, { signer: owner, id: { scope: Scope.deployment, xid: `${owner}/9` }, deposit: { amount: { denom: "uact", amount: "5" }, sources: [Source.balance] } }))).toMatchObject({ codespace: "escrow", code: 3 });
    expect(errorOf(() => a.deliver(T.accountDeposit, { signer: owner, id: { scope: Scope.deployment, xid: `${owner}/1` }, deposit: { amount: { denom: "uact", amount: "0" }, sources: [Source.balance] } }))).toMatchObject({ codespace: "escrow", code: 16 });

    const bidAcc = { scope: Scope.bid, xid: `${owner}/1/1/1/${provider}` };
    expect(errorOf(() => a.deliver(T.accountDeposit, { signer: friend, id: bidAcc, deposit: { amount: { denom: "uact", amount: "5" }, sources: [Source.balance] } }))).toMatchObject({ codespace: "escrow", code: 15 });
    a.deliver(T.accountDeposit, { signer: provider, id: bidAcc, deposit: { amount: { denom: "uact", amount: "5" }, sources: [Source.balance] } }, provider);

    // Top-ups extend the lease: 5 blocks now cost less than the funds.
    a.nextBlock(6);
    expect(payment(a).state).toBe("open");
    a.deliver(T.closeDeployment, { id: { owner, dseq: "1" } }, owner);
    expect(errorOf(() => deposit(owner, "10"))).toMatchObject({ codespace: "escrow", code: 2 });
  });

  it("lists accounts and payments with state filters and pagination", () => {
    const a = leased();
    const all = a.query<QueryAccountsResponse>(`${EQ}Accounts`, {});
    expect(all.accounts.map((x) => [x.id?.scope, x.state?.state])).toEqual([
      [Scope.bid, Types_State.open],
      [Scope.deployment, Types_State.open],
    ]);
    expect(a.query<QueryAccountsResponse>(`${EQ}Accounts`, { state: "closed" }).accounts).toHaveLength(0);
    const page = a.query<QueryAccountsResponse>(`${EQ}Accounts`, { pagination: { limit: 1 } });
    expect(page.accounts).toHaveLength(1);
    const next = a.query<QueryAccountsResponse>(`${EQ}Accounts`, { pagination: { key: page.pagination!.nextKey, limit: 1 } });
    expect(next.accounts[0]?.id?.scope).toBe(Scope.deployment);
    expect(a.query<QueryPaymentsResponse>(`${EQ}Payments`, { state: "open" }).payments).toHaveLength(1);
    expect(errorOf(() => a.query(`${EQ}Payments`, { state: "bogus" }))).toMatchObject({ codespace: "sdk", code: 18 });
  });
});
