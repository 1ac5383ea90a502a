import { describe, expect, it } from "vitest";
import { DepositAuthorization, DepositAuthorization_Scope, Scope, Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { TestApp, errorOf, testAddress } from "./testing.ts";
import { T, bidId, createBidMsg, createDeploymentMsg, owner, provider, registerProvider } from "./fixtures.test-util.ts";

const treasury = testAddress("treasury");
const treasury2 = testAddress("treasury2");
const GRANT = "/cosmos.authz.v1beta1.MsgGrant";
const REVOKE = "/cosmos.authz.v1beta1.MsgRevoke";
const DEPOSIT_URL = "/akash.escrow.v1.MsgAccountDeposit";

function depositGrant(limit: string, scopes = [DepositAuthorization_Scope.deployment], expiration?: Date, denom = "uact") {
  const value = DepositAuthorization.encode(DepositAuthorization.fromPartial({ spendLimit: { denom, amount: limit }, scopes })).finish();
  return { authorization: { typeUrl: "/akash.escrow.v1.DepositAuthorization", value }, expiration };
}

function grant(a: TestApp, granter: string, limit: string, o: { scopes?: DepositAuthorization_Scope[]; expiration?: Date; denom?: string } = {}) {
  return a.deliver(GRANT, { granter, grantee: owner, grant: depositGrant(limit, o.scopes, o.expiration, o.denom) }, granter);
}

/** What a granter's DepositAuthorization to the owner has left, from the Grants query. */
function limitLeft(a: TestApp, granter: string): string | undefined {
  const res = a.query<{ grants: { authorization?: { value: Uint8Array } }[] }>("/cosmos.authz.v1beta1.Query/Grants", { granter, grantee: owner, msgTypeUrl: "" });
  const g = res.grants[0];
  return g?.authorization ? DepositAuthorization.decode(g.authorization.value).spendLimit?.amount : undefined;
}

function deposits(a: TestApp, dseq: number) {
  const r = a.query<{ accounts: { state?: { deposits: { owner: string; source: Source; balance?: { amount: string } }[] } }[] }>("/akash.escrow.v1.Query/Accounts", { xid: `${owner}/${dseq}`, state: "" });
  return r.accounts[0]!.state!.deposits.map((d) => ({ owner: d.owner, source: d.source, amount: d.balance!.amount }));
}

function app() {
  const a = new TestApp();
  a.fund(treasury, [{ denom: "uact", amount: "100000000" }]);
  a.fund(treasury2, [{ denom: "uact", amount: "100000000" }]);
  a.fund(provider, [{ denom: "uact", amount: "10000000" }]);
  registerProvider(a, provider);
  return a;
}

describe("escrow deposits from authz grants (sources [grant, balance])", () => {
  it("a member with no funds deploys from the treasury's grant; the grant shrinks by the deposit", () => {
    const a = app();
    const { events } = grant(a, treasury, "8000000");
    expect(events.map((e) => e.type)).toContain("cosmos.authz.v1beta1.EventGrant");
    expect(a.balance(owner, "uact")).toBe(0n);
    a.deliver(T.createDeployment, createDeploymentMsg(1, { deposit: "5000000" }), owner);
    expect(a.balance(treasury, "uact")).toBe(95000000n);
    expect(limitLeft(a, treasury)).toBe("3000000");
    expect(deposits(a, 1)).toEqual([{ owner: treasury, source: Source.grant, amount: "5000000" }]);
  });

  it("takes what the grant has left, then the owner's balance; fails when both fall short", () => {
    const a = app();
    grant(a, treasury, "3000000");
    a.fund(owner, [{ denom: "uact", amount: "2500000" }]);
    a.deliver(T.createDeployment, createDeploymentMsg(1, { deposit: "5000000" }), owner);
    expect(deposits(a, 1)).toEqual([
      { owner: treasury, source: Source.grant, amount: "3000000" },
      { owner, source: Source.balance, amount: "2000000" },
    ]);
    // The used-up grant stays at zero (the node ignores Delete here) and is skipped from now on.
    expect(limitLeft(a, treasury)).toBe("0");
    const err = errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(2, { deposit: "5000000" }), owner));
    expect(err).toMatchObject({ codespace: "market", code: 28 });
    expect(err.message).toContain("insufficient balance");
  });

  it("walks several granters in address order", () => {
    const a = app();
    grant(a, treasury, "2000000");
    grant(a, treasury2, "4000000");
    a.deliver(T.createDeployment, createDeploymentMsg(1, { deposit: "5000000" }), owner);
    const [first, second] = [treasury, treasury2].sort();
    const d = deposits(a, 1);
    expect(d.map((x) => x.owner)).toEqual([first, second]);
    expect(d.reduce((s, x) => s + BigInt(x.amount), 0n)).toBe(5000000n);
  });

  it("skips grants of the wrong scope, denom, expired or revoked ones", () => {
    const a = app();
    grant(a, treasury, "9000000", { scopes: [DepositAuthorization_Scope.bid] });
    expect(errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(1), owner)).code).toBe(28);

    const b = app();
    grant(b, treasury, "9000000", { denom: "uakt" });
    expect(errorOf(() => b.deliver(T.createDeployment, createDeploymentMsg(1), owner)).code).toBe(28);

    const c = app();
    grant(c, treasury, "9000000", { expiration: new Date(c.time.getTime() + 2000) });
    c.nextBlock(3);
    expect(errorOf(() => c.deliver(T.createDeployment, createDeploymentMsg(1), owner)).code).toBe(28);
    // Pruned at BeginBlock once expired.
    expect(limitLeft(c, treasury)).toBeUndefined();

    const d = app();
    grant(d, treasury, "9000000");
    const { events } = d.deliver(REVOKE, { granter: treasury, grantee: owner, msgTypeUrl: DEPOSIT_URL }, treasury);
    expect(events.map((e) => e.type)).toContain("cosmos.authz.v1beta1.EventRevoke");
    expect(errorOf(() => d.deliver(T.createDeployment, createDeploymentMsg(1), owner)).code).toBe(28);
    expect(errorOf(() => d.deliver(REVOKE, { granter: treasury, grantee: owner, msgTypeUrl: DEPOSIT_URL }, treasury))).toMatchObject({ codespace: "authz", code: 2 });
  });

  it("tops up an existing deployment from the grant (MsgAccountDeposit, deployment scope)", () => {
    const a = app();
    grant(a, treasury, "8000000");
    a.deliver(T.createDeployment, createDeploymentMsg(1, { deposit: "5000000" }), owner);
    a.deliver(DEPOSIT_URL, { signer: owner, id: { scope: Scope.deployment, xid: `${owner}/1` }, deposit: { amount: { denom: "uact", amount: "2000000" }, sources: [Source.grant] } }, owner);
    expect(limitLeft(a, treasury)).toBe("1000000");
    expect(deposits(a, 1).map((d) => d.amount)).toEqual(["5000000", "2000000"]);
  });

  it("a provider's bid deposit can come from a bid-scoped grant (MsgCreateBid)", () => {
    const a = app();
    a.fund(owner, [{ denom: "uact", amount: "10000000" }]);
    a.deliver(T.createDeployment, createDeploymentMsg(1), owner);
    const bidder = testAddress("bidder");
    registerProvider(a, bidder);
    a.deliver(GRANT, { granter: treasury, grantee: bidder, grant: depositGrant("600000", [DepositAuthorization_Scope.bid]) }, treasury);
    const bid = createBidMsg(1, bidder, "50", { deposit: "500000" });
    a.deliver(T.createBid, { ...bid, deposit: { ...bid.deposit, sources: [Source.grant] } }, bidder);
    expect(a.balance(treasury, "uact")).toBe(99500000n);
    expect(a.balance(bidder, "uact")).toBe(0n);
  });

  it("on close, what is left of the grant's deposit goes back to the treasury, and the grant grows back", () => {
    const a = app();
    grant(a, treasury, "8000000");
    a.deliver(T.createDeployment, createDeploymentMsg(1, { deposit: "5000000", price: "1000" }), owner);
    a.deliver(T.createBid, createBidMsg(1, provider, "1000"), provider);
    a.deliver(T.createLease, { bidId: bidId(1) }, owner);
    a.nextBlock(10);
    const before = a.balance(treasury, "uact");
    a.deliver(T.closeDeployment, { id: { owner, dseq: "1" } }, owner);
    const refunded = a.balance(treasury, "uact") - before;
    const providerEarned = 5000000n - refunded;
    // Ten or eleven blocks at 1000 uact went to the provider; the rest returns to the treasury, not the member.
    expect(providerEarned >= 10000n && providerEarned <= 11000n).toBe(true);
    expect(a.balance(owner, "uact")).toBe(0n);
    expect(limitLeft(a, treasury)).toBe(String(3000000n + refunded));
  });

  it("a refund after the grant was revoked still goes to the treasury (no grant to grow)", () => {
    const a = app();
    grant(a, treasury, "5000000");
    a.deliver(T.createDeployment, createDeploymentMsg(1, { deposit: "5000000" }), owner);
    a.deliver(REVOKE, { granter: treasury, grantee: owner, msgTypeUrl: DEPOSIT_URL }, treasury);
    a.deliver(T.closeDeployment, { id: { owner, dseq: "1" } }, owner);
    expect(a.balance(treasury, "uact")).toBe(100000000n);
    expect(limitLeft(a, treasury)).toBeUndefined();
  });
});
