import { describe, expect, it } from "vitest";
import { alertRulesSchema } from "@/lib/spend/alerts";
import { draftFromRules, rulesFromDraft } from "./alert-rules-draft";

describe("alert rules form", () => {
  it("display amounts become whole micro-units and round-trip", () => {
    const result = rulesFromDraft({ escrowHours: "12.5", walletAkt: "1.5", spendActPerHour: "0.25", budgetAct: "100", leaseClosed: false });
    expect(result).toEqual({ ok: true, value: { escrowHoursBelow: 12.5, walletBelow: { denom: "uakt", amount: "1500000" }, spendPerHourAbove: { denom: "uact", amount: "250000" }, monthlyBudget: { denom: "uact", amount: "100000000" }, leaseClosed: false } });
    if (result.ok) expect(draftFromRules(result.value)).toEqual({ escrowHours: "12.5", walletAkt: "1.5", spendActPerHour: "0.25", budgetAct: "100", leaseClosed: false });
  });
  it("empty fields turn a rule off; bad ones say why", () => {
    expect(rulesFromDraft({ escrowHours: "", walletAkt: "", spendActPerHour: "", budgetAct: "", leaseClosed: true })).toEqual({ ok: true, value: alertRulesSchema.parse({}) });
    const bad = rulesFromDraft({ escrowHours: "-3", walletAkt: "abc", spendActPerHour: "0", budgetAct: "1", leaseClosed: true });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["escrowHours", "spendActPerHour", "walletAkt"]);
  });
});
