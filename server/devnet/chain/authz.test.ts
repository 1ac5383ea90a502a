import { describe, expect, it } from "vitest";
import { GenericAuthorization, MsgSend, QueryGranteeGrantsResponse, SendAuthorization } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { DepositAuthorization, DepositAuthorization_Scope, Scope, Source, MsgAccountDeposit } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { MsgCloseDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { toGatewayJSON } from "../../shared/gateway-json.ts";
import { TestApp, errorOf, testAddress } from "../modules/testing.ts";
import { T, createDeploymentMsg, owner } from "../modules/fixtures.test-util.ts";

const granter = testAddress("granter");
const grantee = testAddress("grantee");
const other = testAddress("other");
const GRANT = "/cosmos.authz.v1beta1.MsgGrant";
const REVOKE = "/cosmos.authz.v1beta1.MsgRevoke";
const EXEC = "/cosmos.authz.v1beta1.MsgExec";
const SEND = "/cosmos.bank.v1beta1.MsgSend";
const Q = "/cosmos.authz.v1beta1.Query/";

const sendAuth = (amount: string, allowList: string[] = []) => ({
  typeUrl: "/cosmos.bank.v1beta1.SendAuthorization",
  value: SendAuthorization.encode(SendAuthorization.fromPartial({ spendLimit: [{ denom: "uakt", amount }], allowList })).finish(),
});
const generic = (msg: string) => ({ typeUrl: "/cosmos.authz.v1beta1.GenericAuthorization", value: GenericAuthorization.encode({ msg }).finish() });
const sendMsg = (from: string, to: string, amount: string) => ({ typeUrl: SEND, value: MsgSend.encode(MsgSend.fromPartial({ fromAddress: from, toAddress: to, amount: [{ denom: "uakt", amount }] })).finish() });

function app() {
  const a = new TestApp();
  a.fund(granter, [{ denom: "uakt", amount: "10000000" }, { denom: "uact", amount: "50000000" }]);
  a.fund(grantee, [{ denom: "uakt", amount: "1000" }]);
  return a;
}

describe("x/authz", () => {
  it("MsgExec spends a SendAuthorization, updates it, and deletes it when used up", () => {
    const a = app();
    a.deliver(GRANT, { granter, grantee, grant: { authorization: sendAuth("3000") } }, granter);
    const { events, response } = a.deliver<{ results: Uint8Array[] }>(EXEC, { grantee, msgs: [sendMsg(granter, other, "1000")] }, grantee);
    expect(a.balance(other, "uakt")).toBe(1000n);
    expect(response.results).toHaveLength(1);
    // Inner events carry authz_msg_index.
    const transfer = events.find((e) => e.type === "transfer")!;
    expect(transfer.attributes).toContainEqual({ key: "authz_msg_index", value: "0", index: true });
    const left = a.query<{ grants: { authorization: { value: Uint8Array } }[] }>(`${Q}Grants`, { granter, grantee, msgTypeUrl: SEND });
    expect(SendAuthorization.decode(left.grants[0]!.authorization.value).spendLimit).toEqual([{ denom: "uakt", amount: "2000" }]);

    expect(errorOf(() => a.deliver(EXEC, { grantee, msgs: [sendMsg(granter, other, "2001")] }, grantee))).toMatchObject({ codespace: "sdk", code: 5 });
    const done = a.deliver(EXEC, { grantee, msgs: [sendMsg(granter, other, "2000")] }, grantee);
    expect(done.events.map((e) => e.type)).toContain("cosmos.authz.v1beta1.EventRevoke");
    expect(errorOf(() => a.query(`${Q}Grants`, { granter, grantee, msgTypeUrl: SEND }))).toMatchObject({ codespace: "authz", code: 2 });
  });

  it("SendAuthorization's allow list and the missing grant are refused", () => {
    const a = app();
    a.deliver(GRANT, { granter, grantee, grant: { authorization: sendAuth("3000", [owner]) } }, granter);
    expect(errorOf(() => a.deliver(EXEC, { grantee, msgs: [sendMsg(granter, other, "1")] }, grantee))).toMatchObject({ codespace: "sdk", code: 4 });
    a.deliver(EXEC, { grantee, msgs: [sendMsg(granter, owner, "1")] }, grantee);
    // Another granter gave nothing.
    const err = errorOf(() => a.deliver(EXEC, { grantee, msgs: [sendMsg(other, owner, "1")] }, grantee));
    expect(err).toMatchObject({ codespace: "authz", code: 2 });
    expect(err.message).toContain("failed to update grant");
    // Messages signed by the grantee itself need no grant.
    a.deliver(EXEC, { grantee, msgs: [sendMsg(grantee, owner, "1")] }, grantee);
    expect(a.balance(grantee, "uakt")).toBe(999n);
  });

  it("a GenericAuthorization lets the grantee act for the granter with Akash messages", () => {
    const a = app();
    a.deliver(GRANT, { granter, grantee, grant: { authorization: generic("/akash.deployment.v1beta4.MsgCloseDeployment") } }, granter);
    const dep = { ...createDeploymentMsg(9), id: { owner: granter, dseq: "9" } };
    a.deliver(T.createDeployment, dep, granter);
    const close = { typeUrl: T.closeDeployment, value: MsgCloseDeployment.encode(MsgCloseDeployment.fromPartial({ id: { owner: granter, dseq: "9" } })).finish() };
    a.deliver(EXEC, { grantee, msgs: [close] }, grantee);
    const d = a.queryJson("/akash.deployment.v1beta4.Query/Deployment", { id: { owner: granter, dseq: "9" } }) as { deployment: { state: string } };
    expect(d.deployment.state).toBe("closed");
    // Generic grants are not used up.
    expect(a.query<{ grants: unknown[] }>(`${Q}Grants`, { granter, grantee, msgTypeUrl: "" }).grants).toHaveLength(1);
  });

  it("MsgExec of a deposit with a DepositAuthorization: limit, scope, deletion at zero", () => {
    const a = app();
    a.deliver(T.createDeployment, { ...createDeploymentMsg(3), id: { owner: granter, dseq: "3" } }, granter);
    const auth = { typeUrl: "/akash.escrow.v1.DepositAuthorization", value: DepositAuthorization.encode(DepositAuthorization.fromPartial({ spendLimit: { denom: "uact", amount: "2000000" }, scopes: [DepositAuthorization_Scope.deployment] })).finish() };
    a.deliver(GRANT, { granter, grantee, grant: { authorization: auth } }, granter);
    const deposit = (amount: string, scope = Scope.deployment) => ({
      typeUrl: "/akash.escrow.v1.MsgAccountDeposit",
      value: MsgAccountDeposit.encode(MsgAccountDeposit.fromPartial({ signer: granter, id: { scope, xid: `${granter}/3` }, deposit: { amount: { denom: "uact", amount }, sources: [Source.balance] } })).finish(),
    });
    expect(errorOf(() => a.deliver(EXEC, { grantee, msgs: [deposit("2000001")] }, grantee))).toMatchObject({ codespace: "sdk", code: 5 });
    expect(errorOf(() => a.deliver(EXEC, { grantee, msgs: [deposit("1", Scope.bid)] }, grantee))).toMatchObject({ codespace: "escrow", code: 15 });
    a.deliver(EXEC, { grantee, msgs: [deposit("2000000")] }, grantee);
    expect(a.query<{ grants: unknown[] }>(`${Q}GranterGrants`, { granter }).grants).toHaveLength(0);
  });

  it("grant validation: self grant, past expiry, unknown message type, bad deposit scopes", () => {
    const a = app();
    expect(errorOf(() => a.deliver(GRANT, { granter, grantee: granter, grant: { authorization: generic(SEND) } }, granter))).toMatchObject({ codespace: "authz", code: 7 });
    expect(errorOf(() => a.deliver(GRANT, { granter, grantee, grant: { authorization: generic(SEND), expiration: new Date(a.time.getTime() - 1000) } }, granter))).toMatchObject({ codespace: "authz", code: 3 });
    expect(errorOf(() => a.deliver(GRANT, { granter, grantee, grant: { authorization: generic("/nope.Msg") } }, granter))).toMatchObject({ codespace: "sdk", code: 29 });
    const noScope = { typeUrl: "/akash.escrow.v1.DepositAuthorization", value: DepositAuthorization.encode(DepositAuthorization.fromPartial({ spendLimit: { denom: "uact", amount: "1" }, scopes: [] })).finish() };
    expect(errorOf(() => a.deliver(GRANT, { granter, grantee, grant: { authorization: noScope } }, granter))).toMatchObject({ codespace: "escrow", code: 17 });
    expect(errorOf(() => a.deliver(REVOKE, { granter, grantee, msgTypeUrl: "" }, granter))).toMatchObject({ codespace: "sdk", code: 18 });
  });

  it("expired grants are refused, then pruned at BeginBlock; a re-grant moves the expiry", () => {
    const a = app();
    a.deliver(GRANT, { granter, grantee, grant: { authorization: sendAuth("3000"), expiration: new Date(a.time.getTime() + 5000) } }, granter);
    // Re-granting with a later expiry replaces the queue entry: the grant outlives the first expiry.
    a.deliver(GRANT, { granter, grantee, grant: { authorization: sendAuth("3000"), expiration: new Date(a.time.getTime() + 20_000) } }, granter);
    a.nextBlock(6);
    expect(a.query<{ grants: unknown[] }>(`${Q}GranteeGrants`, { grantee }).grants).toHaveLength(1);
    a.nextBlock(15);
    expect(a.query<{ grants: unknown[] }>(`${Q}GranteeGrants`, { grantee }).grants).toHaveLength(0);
  });

  it("queries: by granter and grantee (with granter/grantee/expiration), paginated", () => {
    const a = app();
    const exp = new Date("2027-01-01T00:00:00Z");
    a.deliver(GRANT, { granter, grantee, grant: { authorization: sendAuth("3000"), expiration: exp } }, granter);
    a.deliver(GRANT, { granter, grantee, grant: { authorization: generic(T.closeDeployment) } }, granter);
    a.deliver(GRANT, { granter, grantee: other, grant: { authorization: generic(SEND) } }, granter);
    const byGranter = a.queryJson(`${Q}GranterGrants`, { granter }) as { grants: { granter: string; grantee: string; expiration?: string }[]; pagination: { total: string } };
    expect(byGranter.grants).toHaveLength(3);
    expect(byGranter.pagination.total).toBe("3");
    // The REST gateway's JSON: Any as {"@type", ...fields}, expiration RFC 3339, null when none.
    const byGrantee = toGatewayJSON(QueryGranteeGrantsResponse, a.query(`${Q}GranteeGrants`, { grantee })) as { grants: { granter: string; grantee: string; expiration: string | null; authorization: Record<string, unknown> }[]; pagination: unknown };
    // Key order: granter, grantee, message type ("/akash..." before "/cosmos...").
    expect(byGrantee.grants).toEqual([
      { granter, grantee, authorization: { "@type": "/cosmos.authz.v1beta1.GenericAuthorization", msg: T.closeDeployment }, expiration: null },
      { granter, grantee, authorization: { "@type": "/cosmos.bank.v1beta1.SendAuthorization", spend_limit: [{ denom: "uakt", amount: "3000" }], allow_list: [] }, expiration: "2027-01-01T00:00:00Z" },
    ]);
    expect(byGrantee.pagination).toEqual({ next_key: null, total: "2" });
    const page1 = a.query<{ grants: unknown[]; pagination: { nextKey: Uint8Array } }>(`${Q}Grants`, { granter, grantee, msgTypeUrl: "", pagination: { limit: 1 } });
    expect(page1.grants).toHaveLength(1);
    const page2 = a.query<{ grants: unknown[]; pagination: { nextKey: Uint8Array } }>(`${Q}Grants`, { granter, grantee, msgTypeUrl: "", pagination: { key: page1.pagination.nextKey, limit: 1 } });
    expect(page2.grants).toHaveLength(1);
    expect(page2.pagination.nextKey).toHaveLength(0);
    expect(errorOf(() => a.query(`${Q}Grants`, { granter: "akash1bad", grantee, msgTypeUrl: "" })).message).toContain("InvalidArgument");
  });
});
