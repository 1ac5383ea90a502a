import { describe, expect, it } from "vitest";
import { parseAuthorization, usableDepositGrants, type Grant } from "./authz";
import { allowanceCovers, parseAllowance } from "./feegrant";

// Shapes as a Cosmos SDK 0.53 gateway serves them (enums as names, Durations as "<n>s", times RFC 3339).
describe("authz reads", () => {
  it("reads a deposit authorization (singular or plural limits, scopes by name) and keeps other kinds by type", () => {
    expect(parseAuthorization({ "@type": "/akash.escrow.v1.DepositAuthorization", spend_limit: { denom: "uact", amount: "5000000" }, scopes: ["deployment"] })).toEqual({
      kind: "deposit",
      spendLimits: [{ denom: "uact", amount: "5000000" }],
      scopes: ["deployment"],
    });
    expect(parseAuthorization({ "@type": "/akash.escrow.v1.DepositAuthorization", spend_limit: { denom: "uact", amount: "1" }, spend_limits: [{ denom: "uakt", amount: "9" }], scopes: ["bid", "nonsense"] })).toEqual({
      kind: "deposit",
      spendLimits: [{ denom: "uakt", amount: "9" }],
      scopes: ["bid"],
    });
    expect(parseAuthorization({ "@type": "/cosmos.authz.v1beta1.GenericAuthorization", msg: "/cosmos.gov.v1.MsgVote" })).toEqual({ kind: "generic", msgTypeUrl: "/cosmos.gov.v1.MsgVote" });
    expect(parseAuthorization({ "@type": "/x.Y" })).toEqual({ kind: "other", typeUrl: "/x.Y" });
  });

  it("offers only unexpired deposit grants with something left in the denom and scope, largest first", () => {
    const now = Date.UTC(2026, 11, 3);
    const grant = (granter: string, amount: string, expiresAt: number | null, scopes: Array<"deployment" | "bid"> = ["deployment"]): Grant => ({
      granter,
      grantee: "akash1me",
      authorization: { kind: "deposit", spendLimits: [{ denom: "uact", amount }], scopes },
      expiresAt,
    });
    const usable = usableDepositGrants([grant("a", "5", null), grant("b", "9", now + 1000), grant("c", "100", now - 1), grant("d", "0", null), grant("e", "50", null, ["bid"])], "deployment", "uact", now);
    expect(usable.map((g) => [g.granter, g.remaining])).toEqual([
      ["b", 9n],
      ["a", 5n],
    ]);
  });
});

describe("feegrant reads", () => {
  const periodic = {
    "@type": "/cosmos.feegrant.v1beta1.AllowedMsgAllowance",
    allowed_messages: ["/akash.deployment.v1beta4.MsgCreateDeployment"],
    allowance: {
      "@type": "/cosmos.feegrant.v1beta1.PeriodicAllowance",
      basic: { spend_limit: [{ denom: "uakt", amount: "5000000" }], expiration: "2027-01-01T00:00:00Z" },
      period: "86400s",
      period_spend_limit: [{ denom: "uakt", amount: "1000000" }],
      period_can_spend: [{ denom: "uakt", amount: "2000" }],
      period_reset: "2026-12-04T00:00:00Z",
    },
  };

  it("reads a periodic allowance wrapped in an allowed-messages list", () => {
    const allowance = parseAllowance(periodic);
    expect(allowance).toMatchObject({ kind: "periodic", spendLimit: [{ denom: "uakt", amount: "5000000" }], expiresAt: Date.parse("2027-01-01T00:00:00Z"), allowedMessages: ["/akash.deployment.v1beta4.MsgCreateDeployment"] });
    expect(allowance.period).toEqual({ seconds: 86400, limit: [{ denom: "uakt", amount: "1000000" }], canSpend: [{ denom: "uakt", amount: "2000" }], resetsAt: Date.parse("2026-12-04T00:00:00Z") });
  });

  it("covers a fee only within the period budget, the allowed messages and the expiry", () => {
    const allowance = parseAllowance(periodic);
    const now = Date.parse("2026-12-03T12:00:00Z");
    const create = ["/akash.deployment.v1beta4.MsgCreateDeployment"];
    expect(allowanceCovers(allowance, [{ denom: "uakt", amount: "2000" }], create, now)).toBe(true);
    expect(allowanceCovers(allowance, [{ denom: "uakt", amount: "2001" }], create, now)).toBe(false);
    // After the reset the whole period budget is available again.
    expect(allowanceCovers(allowance, [{ denom: "uakt", amount: "900000" }], create, Date.parse("2026-12-04T00:00:01Z"))).toBe(true);
    expect(allowanceCovers(allowance, [{ denom: "uakt", amount: "1" }], ["/cosmos.bank.v1beta1.MsgSend"], now)).toBe(false);
    expect(allowanceCovers(allowance, [{ denom: "uakt", amount: "1" }], create, Date.parse("2027-01-02T00:00:00Z"))).toBe(false);
    expect(allowanceCovers(parseAllowance({ "@type": "/cosmos.feegrant.v1beta1.BasicAllowance", spend_limit: [], expiration: null }), [{ denom: "uakt", amount: "10" }], create, now)).toBe(true);
  });
});
