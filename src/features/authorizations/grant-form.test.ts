import { describe, expect, it } from "vitest";
import { checkDepositGrant, checkFeeAllowance, checkGrantee, DEPLOYMENT_MESSAGES, parseExpiry } from "./grant-form";

const granter = "akash1qyqszqgpqyqszqgpqyqszqgpqyqszqgplgve5x";
const grantee = "akash1qgpqyqszqgpqyqszqgpqyqszqgpqyqszwv2uls";
const now = new Date(2026, 11, 3, 12).getTime();
const ctx = { granter, prefix: "akash", now };

describe("grant forms", () => {
  it("refuses bad grantees in words: empty, typo, other chain, self", () => {
    expect(checkGrantee("", granter, "akash")).toMatch(/Enter the address/);
    expect(checkGrantee(grantee.slice(0, -1) + "x", granter, "akash")).toMatch(/Not a valid address/);
    expect(checkGrantee("cosmos1qgpqyqszqgpqyqszqgpqyqszqgpqyqszrh8mx2", granter, "akash")).toMatch(/cosmos address/);
    expect(checkGrantee(granter, granter, "akash")).toMatch(/own address/);
    expect(checkGrantee(` ${grantee} `, granter, "akash")).toBeNull();
  });

  it("an expiry is the end of the chosen day, in the future", () => {
    expect(parseExpiry("", now)).toEqual({ ok: true, at: null });
    expect(parseExpiry("2026-12-03", now)).toEqual({ ok: true, at: new Date(2026, 11, 3, 23, 59, 59).getTime() });
    expect(parseExpiry("2026-12-02", now)).toEqual({ ok: false, error: "The expiry must be in the future" });
  });

  it("a deposit grant is ACT in micro-units with its scopes", () => {
    const result = checkDepositGrant({ grantee, limit: "50.5", scopes: ["deployment"], expiry: "" }, ctx);
    expect(result).toEqual({ ok: true, value: { granter, grantee, spendLimit: { denom: "uact", amount: 50_500_000n }, scopes: ["deployment"], expiresAt: null } });
    const bad = checkDepositGrant({ grantee: "", limit: "0", scopes: [], expiry: "2020-01-01" }, ctx);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["expiry", "grantee", "limit", "scopes"]);
  });

  it("a fee allowance may have no total, a budget per period and only deployment messages", () => {
    const result = checkFeeAllowance({ grantee, limit: "", period: "day", periodLimit: "0.5", deploymentsOnly: true, expiry: "" }, ctx);
    expect(result).toEqual({ ok: true, value: { granter, grantee, spendLimit: null, expiresAt: null, period: { seconds: 86_400, limit: { denom: "uakt", amount: 500_000n } }, allowedMessages: DEPLOYMENT_MESSAGES } });
    const over = checkFeeAllowance({ grantee, limit: "1", period: "week", periodLimit: "2", deploymentsOnly: false, expiry: "" }, ctx);
    expect(over.ok ? null : over.errors.periodLimit).toMatch(/cannot be more than the total/);
  });
});
