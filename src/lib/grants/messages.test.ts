import { describe, expect, it } from "vitest";
import { DepositAuthorization, DepositAuthorization_Scope } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { AllowedMsgAllowance, PeriodicAllowance } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { createRegistry } from "../tx/registry";
import { buildDepositGrantMsg, buildFeeAllowanceMsg, buildRevokeDepositGrantMsg, MSG_GRANT, MSG_GRANT_ALLOWANCE, MSG_REVOKE } from "./messages";

const registry = createRegistry();
const roundTrip = (msg: { typeUrl: string; value: unknown }) => registry.decode({ typeUrl: msg.typeUrl, value: registry.encode(msg as never) });

describe("grant messages", () => {
  it("a deposit authorization travels as chain-sdk's DepositAuthorization inside MsgGrant, with its expiry in whole seconds", () => {
    const expiresAt = Date.UTC(2027, 0, 31, 12, 0, 0, 250);
    const msg = buildDepositGrantMsg({ granter: "akash1treasury", grantee: "akash1member", spendLimit: { denom: "uact", amount: 50_000_000n }, scopes: ["deployment"], expiresAt });
    expect(msg.typeUrl).toBe(MSG_GRANT);
    const decoded = roundTrip(msg) as { granter: string; grantee: string; grant: { authorization: { typeUrl: string; value: Uint8Array }; expiration: { seconds: bigint; nanos: number } } };
    expect(decoded.granter).toBe("akash1treasury");
    expect(decoded.grant.authorization.typeUrl).toBe("/akash.escrow.v1.DepositAuthorization");
    const auth = DepositAuthorization.decode(decoded.grant.authorization.value);
    expect(auth.spendLimit).toEqual({ denom: "uact", amount: "50000000" });
    expect(auth.scopes).toEqual([DepositAuthorization_Scope.deployment]);
    expect(decoded.grant.expiration).toEqual({ seconds: BigInt(Date.UTC(2027, 0, 31, 12, 0, 0) / 1000), nanos: 0 });
  });

  it("revoking names the message type the deposit authorization is stored under", () => {
    const decoded = roundTrip(buildRevokeDepositGrantMsg("akash1t", "akash1m")) as { msgTypeUrl: string };
    expect(buildRevokeDepositGrantMsg("a", "b").typeUrl).toBe(MSG_REVOKE);
    expect(decoded.msgTypeUrl).toBe("/akash.escrow.v1.MsgAccountDeposit");
  });

  it("a periodic fee allowance limited to some messages nests PeriodicAllowance in AllowedMsgAllowance", () => {
    const msg = buildFeeAllowanceMsg({
      granter: "akash1t",
      grantee: "akash1m",
      spendLimit: { denom: "uakt", amount: 5_000_000n },
      expiresAt: null,
      period: { seconds: 86_400, limit: { denom: "uakt", amount: 1_000_000n } },
      allowedMessages: ["/akash.deployment.v1beta4.MsgCreateDeployment"],
    });
    expect(msg.typeUrl).toBe(MSG_GRANT_ALLOWANCE);
    const decoded = roundTrip(msg) as { allowance: { typeUrl: string; value: Uint8Array } };
    expect(decoded.allowance.typeUrl).toBe("/cosmos.feegrant.v1beta1.AllowedMsgAllowance");
    const allowed = AllowedMsgAllowance.decode(decoded.allowance.value);
    expect(allowed.allowedMessages).toEqual(["/akash.deployment.v1beta4.MsgCreateDeployment"]);
    expect(allowed.allowance?.typeUrl).toBe("/cosmos.feegrant.v1beta1.PeriodicAllowance");
    const periodic = PeriodicAllowance.decode(allowed.allowance!.value);
    expect(periodic.basic?.spendLimit).toEqual([{ denom: "uakt", amount: "5000000" }]);
    expect(periodic.basic?.expiration).toBeUndefined();
    expect(Number(periodic.period?.seconds)).toBe(86_400);
    expect(periodic.periodCanSpend).toEqual([{ denom: "uakt", amount: "1000000" }]);
  });
});
