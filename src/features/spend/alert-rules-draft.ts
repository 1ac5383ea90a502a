/** The alert rules form's text fields ↔ lib/spend/alerts rules (display units in, whole micro-units out). */
import { alertRulesSchema, type AlertRules } from "@/lib/spend/alerts";
import { baseToDisplay, displayToBase } from "@/lib/format/coins";

export interface RulesDraft {
  escrowHours: string;
  walletAkt: string;
  spendActPerHour: string;
  budgetAct: string;
  leaseClosed: boolean;
}

export function draftFromRules(rules: AlertRules): RulesDraft {
  return {
    escrowHours: rules.escrowHoursBelow !== undefined ? String(rules.escrowHoursBelow) : "",
    walletAkt: rules.walletBelow ? baseToDisplay(rules.walletBelow.amount, 6) : "",
    spendActPerHour: rules.spendPerHourAbove ? baseToDisplay(rules.spendPerHourAbove.amount, 6) : "",
    budgetAct: rules.monthlyBudget ? baseToDisplay(rules.monthlyBudget.amount, 6) : "",
    leaseClosed: rules.leaseClosed,
  };
}

export type DraftResult = { ok: true; value: AlertRules } | { ok: false; errors: Partial<Record<keyof RulesDraft, string>> };

export function rulesFromDraft(draft: RulesDraft): DraftResult {
  const errors: Partial<Record<keyof RulesDraft, string>> = {};
  const amount = (field: "walletAkt" | "spendActPerHour" | "budgetAct", denom: string) => {
    const text = draft[field].trim();
    if (!text) return undefined;
    const parsed = displayToBase(text, 6);
    if (!parsed.ok) return void (errors[field] = parsed.error);
    if (parsed.base <= 0n) return void (errors[field] = "More than 0, or empty for off");
    return { denom, amount: parsed.base.toString() };
  };
  let escrowHoursBelow: number | undefined;
  const hours = draft.escrowHours.trim();
  if (hours) {
    const n = Number(hours);
    if (!/^\d+(\.\d+)?$/.test(hours) || !(n > 0) || n > 24 * 365) errors.escrowHours = "Hours above 0, at most a year";
    else escrowHoursBelow = n;
  }
  const candidate = { escrowHoursBelow, walletBelow: amount("walletAkt", "uakt"), spendPerHourAbove: amount("spendActPerHour", "uact"), monthlyBudget: amount("budgetAct", "uact"), leaseClosed: draft.leaseClosed };
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = alertRulesSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: { escrowHours: parsed.error.issues[0]?.message ?? "Invalid rules" } };
}
