import { describe, expect, it } from "vitest";
import { AllowedMsgAllowance, BasicAllowance, PeriodicAllowance, QueryAllowanceResponse } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import Long from "long";
import { toGatewayJSON } from "../../shared/gateway-json.ts";
import { TestApp, errorOf, testAddress } from "../modules/testing.ts";
import { acceptAllowance, decodeAllowance, type Allowance } from "./feegrant.ts";
import type { GasMeter } from "./types.ts";

const granter = testAddress("fg-granter");
const grantee = testAddress("fg-grantee");
const other = testAddress("fg-other");
const GRANT = "/cosmos.feegrant.v1beta1.MsgGrantAllowance";
const REVOKE = "/cosmos.feegrant.v1beta1.MsgRevokeAllowance";
const Q = "/cosmos.feegrant.v1beta1.Query/";
const uakt = (amount: string) => [{ denom: "uakt", amount }];
const gas: GasMeter = { limit: Infinity, consumed: 0, consume: () => undefined };

const basic = (limit?: string, expiration?: Date) => ({ typeUrl: "/cosmos.feegrant.v1beta1.BasicAllowance", value: BasicAllowance.encode(BasicAllowance.fromPartial({ spendLimit: limit ? uakt(limit) : [], expiration })).finish() });
const periodic = (total: string | undefined, perPeriod: string, seconds: number) => ({
  typeUrl: "/cosmos.feegrant.v1beta1.PeriodicAllowance",
  value: PeriodicAllowance.encode(
    PeriodicAllowance.fromPartial({ basic: { spendLimit: total ? uakt(total) : [] }, period: { seconds: Long.fromNumber(seconds), nanos: 0 }, periodSpendLimit: uakt(perPeriod), periodCanSpend: uakt(perPeriod) }),
  ).finish(),
});
const allowedMsgs = (inner: { typeUrl: string; value: Uint8Array }, msgs: string[]) => ({ typeUrl: "/cosmos.feegrant.v1beta1.AllowedMsgAllowance", value: AllowedMsgAllowance.encode({ allowance: inner, allowedMessages: msgs }).finish() });

describe("fee allowances (Accept)", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it("BasicAllowance: spends down, is removed when used up, refuses more than is left", () => {
    const a = decodeAllowance(basic("1000"));
    expect(acceptAllowance(a, uakt("400"), [], now, gas)).toEqual({ remove: false });
    expect((a.value as BasicAllowance).spendLimit).toEqual(uakt("600"));
    expect(acceptAllowance(a, uakt("601"), [], now, gas).error).toMatchObject({ codespace: "feegrant", code: 2, message: "basic allowance: fee limit exceeded" });
    expect(acceptAllowance(a, uakt("600"), [], now, gas)).toEqual({ remove: true });
    // No limit: anything goes, forever.
    expect(acceptAllowance(decodeAllowance(basic()), uakt("99999999"), [], now, gas)).toEqual({ remove: false });
  });

  it("an expired allowance is refused and marked for removal", () => {
    const a = decodeAllowance(basic("1000", new Date(now.getTime() - 1)));
    expect(acceptAllowance(a, uakt("1"), [], now, gas)).toMatchObject({ remove: true, error: { codespace: "feegrant", code: 3 } });
  });

  it("PeriodicAllowance: the period limit resets after the period; the total still caps", () => {
    const a = decodeAllowance(periodic("250", "100", 3600)) as Extract<Allowance, { typeUrl: "/cosmos.feegrant.v1beta1.PeriodicAllowance" }>;
    a.value.periodReset = new Date(now.getTime() + 3600_000);
    expect(acceptAllowance(a, uakt("80"), [], now, gas)).toEqual({ remove: false });
    expect(acceptAllowance(a, uakt("30"), [], now, gas).error).toMatchObject({ code: 2, message: "period limit: fee limit exceeded" });
    const later = new Date(now.getTime() + 3600_000);
    expect(acceptAllowance(a, uakt("100"), [], later, gas)).toEqual({ remove: false });
    expect(a.value.periodReset).toEqual(new Date(later.getTime() + 3600_000));
    // 70 left of the total: the next period can spend only that.
    const next = new Date(later.getTime() + 3600_000);
    expect(acceptAllowance(a, uakt("70"), [], next, gas)).toEqual({ remove: true });
  });

  it("AllowedMsgAllowance refuses a tx with any other message", () => {
    const a = decodeAllowance(allowedMsgs(basic("1000"), ["/akash.deployment.v1beta4.MsgCreateDeployment"]));
    expect(acceptAllowance(a, uakt("1"), ["/akash.deployment.v1beta4.MsgCreateDeployment", "/cosmos.bank.v1beta1.MsgSend"], now, gas).error).toMatchObject({ codespace: "feegrant", code: 7 });
    expect(acceptAllowance(a, uakt("1"), ["/akash.deployment.v1beta4.MsgCreateDeployment"], now, gas)).toEqual({ remove: false });
  });
});

describe("x/feegrant messages and queries", () => {
  function app() {
    const a = new TestApp();
    a.fund(granter, uakt("1000000"));
    return a;
  }

  it("grant creates the grantee's account, refuses duplicates and self grants; revoke removes it", () => {
    const a = app();
    const { events } = a.deliver(GRANT, { granter, grantee, allowance: basic("5000") }, granter);
    expect(events).toContainEqual({ type: "set_feegrant", attributes: [{ key: "granter", value: granter, index: true }, { key: "grantee", value: grantee, index: true }] });
    const acc = a.query<{ account?: unknown }>("/cosmos.auth.v1beta1.Query/Account", { address: grantee });
    expect(acc.account).toBeDefined();
    expect(errorOf(() => a.deliver(GRANT, { granter, grantee, allowance: basic("1") }, granter))).toMatchObject({ codespace: "sdk", code: 18, message: "fee allowance already exists: invalid request" });
    expect(errorOf(() => a.deliver(GRANT, { granter, grantee: granter, allowance: basic("1") }, granter))).toMatchObject({ codespace: "sdk", code: 7 });
    expect(errorOf(() => a.deliver(GRANT, { granter, grantee: other, allowance: allowedMsgs(basic("1"), []) }, granter))).toMatchObject({ codespace: "feegrant", code: 6 });
    expect(errorOf(() => a.deliver(GRANT, { granter, grantee: other, allowance: basic("1", new Date(a.time.getTime() - 1000)) }, granter))).toMatchObject({ codespace: "sdk", code: 18 });
    a.deliver(REVOKE, { granter, grantee }, granter);
    expect(errorOf(() => a.query(`${Q}Allowance`, { granter, grantee }))).toMatchObject({ codespace: "sdk", code: 38 });
    expect(errorOf(() => a.deliver(REVOKE, { granter, grantee }, granter))).toMatchObject({ codespace: "sdk", code: 38, message: "fee-grant not found: not found" });
  });

  it("a periodic allowance's first period starts at the grant's block", () => {
    const a = app();
    a.deliver(GRANT, { granter, grantee, allowance: periodic(undefined, "100", 60) }, granter);
    const r = a.query<QueryAllowanceResponse>(`${Q}Allowance`, { granter, grantee });
    expect(PeriodicAllowance.decode(r.allowance!.allowance!.value).periodReset).toEqual(new Date(a.time.getTime() + 60_000));
  });

  it("queries by grantee and by granter, with the gateway's JSON shape", () => {
    const a = app();
    a.deliver(GRANT, { granter, grantee, allowance: basic("5000", new Date("2027-01-01T00:00:00Z")) }, granter);
    a.deliver(GRANT, { granter, grantee: other, allowance: allowedMsgs(basic(), ["/cosmos.bank.v1beta1.MsgSend"]) }, granter);
    const one = toGatewayJSON(QueryAllowanceResponse, a.query(`${Q}Allowance`, { granter, grantee }));
    expect(one).toEqual({ allowance: { granter, grantee, allowance: { "@type": "/cosmos.feegrant.v1beta1.BasicAllowance", spend_limit: uakt("5000"), expiration: "2027-01-01T00:00:00Z" } } });
    expect(a.query<{ allowances: unknown[] }>(`${Q}Allowances`, { grantee: other }).allowances).toHaveLength(1);
    const issued = a.query<{ allowances: { grantee: string }[]; pagination: { total: Long } }>(`${Q}AllowancesByGranter`, { granter });
    expect(issued.allowances.map((x) => x.grantee).sort()).toEqual([grantee, other].sort());
    expect(issued.pagination.total.toString()).toBe("2");
  });

  it("expired allowances are pruned in EndBlock", () => {
    const a = app();
    a.deliver(GRANT, { granter, grantee, allowance: basic("5000", new Date(a.time.getTime() + 1500)) }, granter);
    a.nextBlock(1);
    expect(a.query<{ allowances: unknown[] }>(`${Q}Allowances`, { grantee }).allowances).toHaveLength(1);
    a.nextBlock(2);
    expect(a.query<{ allowances: unknown[] }>(`${Q}Allowances`, { grantee }).allowances).toHaveLength(0);
  });
});
