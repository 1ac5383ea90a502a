/**
 * Budgets and alert rules, pure: the same code runs in the dashboard's alert centre and in `npm run alerts`.
 *
 * `evaluateRules` turns the current spend state into conditions (each with a stable dedup key); `stepAlerts` compares
 * them with what was already firing: a new condition fires once, a condition that keeps holding stays quiet (or sends
 * a reminder after `remindAfterMs`), and one that clears is resolved and re-armed, so it fires again if it returns.
 * Budget keys carry the month, so a new month re-arms them. A closed lease is a one-shot event keyed by the lease.
 */
import { z } from "zod";
import { denomInfo, formatCoin } from "../format/coins";
import { formatDuration } from "../pricing/runway";
import type { WalletState } from "./load";
import type { BurnRate, DeploymentRunway, MonthForecast } from "./overview";
import { leaseId, type SpendLease } from "./history";
import { atomsFromMicro, atomsOf, wholeMicro } from "./money";

const micro = z.string().trim().regex(/^\d{1,30}$/, "Whole micro-units (digits only)");
const denomAmount = z.object({ denom: z.string().regex(/^[a-z][a-z0-9/]{1,127}$/), amount: micro });

/** Rules as users write them (in the dashboard or the watcher's config file); amounts in whole micro-units. */
export const alertRulesSchema = z.strictObject({
  /** Any deployment's escrow lasts less than this many hours. */
  escrowHoursBelow: z.number().positive().max(24 * 365).optional(),
  /** Any watched wallet holds less than this. */
  walletBelow: denomAmount.optional(),
  /** The team burns more than this per hour. */
  spendPerHourAbove: denomAmount.optional(),
  /** Monthly budget: month-to-date spend and the month-end forecast are checked at 80 % and 100 %. */
  monthlyBudget: denomAmount.optional(),
  /** A lease closed by its provider or for insufficient funds (default on). */
  leaseClosed: z.boolean().default(true),
});
export type AlertRulesInput = z.input<typeof alertRulesSchema>;
export type AlertRules = z.output<typeof alertRulesSchema>;

export type AlertKind = "escrow-low" | "wallet-low" | "spend-rate" | "budget-spent" | "budget-forecast" | "lease-closed";

export interface AlertCondition {
  /** Stable dedup key: the same situation always has the same key. */
  key: string;
  kind: AlertKind;
  severity: "warning" | "critical";
  title: string;
  message: string;
  /** The deployment, lease or address it is about, when there is one. */
  subject?: string;
  /** Fires once and is never resolved (events, not states). */
  oneShot?: boolean;
}

export interface AlertInputs {
  nowMs: number;
  /** UTC day today (budget keys carry its month). */
  today: string;
  runways: ReadonlyArray<DeploymentRunway>;
  wallets: ReadonlyArray<WalletState>;
  burn: BurnRate;
  month: MonthForecast;
  leases: ReadonlyArray<SpendLease>;
  /** Only leases closed after this height count (what happened before the watch started is history, not news). */
  closedAfterHeight: number;
}

const PROVIDER_REASONS = new Set(["lease_closed_reason_unstable", "lease_closed_reason_decommission", "lease_closed_reason_unspecified", "lease_closed_reason_manifest_timeout"]);

/** Why a lease closed, if it is news for the owner: the provider closed it or the escrow ran out. */
export function closedByProviderOrFunds(lease: SpendLease): "provider" | "insufficient-funds" | null {
  if (lease.state === "insufficient_funds" || lease.reason === "lease_closed_reason_insufficient_funds") return "insufficient-funds";
  if (lease.state === "closed" && PROVIDER_REASONS.has(lease.reason)) return "provider";
  return null;
}

const money = (atoms: bigint, denom: string): string => formatCoin(wholeMicro(atoms), denom);

export function evaluateRules(rules: AlertRules, inputs: AlertInputs): AlertCondition[] {
  const out: AlertCondition[] = [];
  if (rules.escrowHoursBelow !== undefined) {
    const limit = rules.escrowHoursBelow * 3600;
    for (const r of inputs.runways) {
      if (r.secondsLeft === null || r.secondsLeft >= limit) continue;
      const subject = `${r.owner}/${r.dseq}`;
      out.push({
        key: `escrow-low:${subject}`,
        kind: "escrow-low",
        severity: r.secondsLeft < Math.min(limit / 4, 3600) ? "critical" : "warning",
        title: r.secondsLeft <= 0 ? `Deployment ${r.dseq} has run dry` : `Deployment ${r.dseq} runs dry in ${formatDuration(r.secondsLeft)}`,
        message: `Deployment ${subject} has ${money(r.escrowLeft, r.denom)} of escrow left, ${formatDuration(r.secondsLeft)} at ${money(r.ratePerBlock, r.denom)} per block (alert below ${rules.escrowHoursBelow} h).`,
        subject,
      });
    }
  }
  if (rules.walletBelow) {
    const { denom } = rules.walletBelow;
    const limit = atomsFromMicro(rules.walletBelow.amount);
    for (const w of inputs.wallets) {
      const have = atomsOf(w.balances.find((b) => b.denom === denom)?.amount);
      if (have >= limit) continue;
      out.push({
        key: `wallet-low:${w.address}:${denom}`,
        kind: "wallet-low",
        severity: have === 0n ? "critical" : "warning",
        title: `Wallet ${w.address.slice(0, 12)}… is low on ${denomInfo(denom).symbol}`,
        message: `${w.address} holds ${money(have, denom)} (alert below ${money(limit, denom)}).`,
        subject: w.address,
      });
    }
  }
  if (rules.spendPerHourAbove) {
    const { denom } = rules.spendPerHourAbove;
    const limit = atomsFromMicro(rules.spendPerHourAbove.amount);
    const rate = inputs.burn.perHour[denom] ?? 0n;
    if (rate > limit) {
      out.push({ key: `spend-rate:${denom}`, kind: "spend-rate", severity: "warning", title: `Spending ${money(rate, denom)} per hour`, message: `The watched deployments burn ${money(rate, denom)} per hour (alert above ${money(limit, denom)}).` });
    }
  }
  if (rules.monthlyBudget) {
    const { denom } = rules.monthlyBudget;
    const budget = atomsFromMicro(rules.monthlyBudget.amount);
    const month = inputs.today.slice(0, 7);
    const spent = inputs.month.monthToDate[denom] ?? 0n;
    const forecast = inputs.month.forecast[denom] ?? 0n;
    for (const pct of [100n, 80n]) {
      const line = (budget * pct) / 100n;
      if (budget > 0n && spent >= line) {
        out.push({ key: `budget-spent-${pct}:${denom}:${month}`, kind: "budget-spent", severity: pct === 100n ? "critical" : "warning", title: `${pct} % of the ${month} budget spent`, message: `Spent ${money(spent, denom)} of the ${money(budget, denom)} budget for ${month}.` });
        break;
      }
    }
    for (const pct of [100n, 80n]) {
      const line = (budget * pct) / 100n;
      if (budget > 0n && forecast >= line) {
        out.push({
          key: `budget-forecast-${pct}:${denom}:${month}`,
          kind: "budget-forecast",
          severity: pct === 100n ? "critical" : "warning",
          title: `Forecast ${pct === 100n ? "over" : "at 80 % of"} the ${month} budget`,
          message: `At today's burn ${month} ends at ${money(forecast, denom)} against a budget of ${money(budget, denom)}.`,
        });
        break;
      }
    }
  }
  if (rules.leaseClosed) {
    for (const l of inputs.leases) {
      const why = closedByProviderOrFunds(l);
      if (!why || l.closedOn <= inputs.closedAfterHeight) continue;
      const id = leaseId(l);
      out.push({
        key: `lease-closed:${id}:${l.closedOn}`,
        kind: "lease-closed",
        severity: "critical",
        title: why === "provider" ? `Provider closed the lease of deployment ${l.dseq}` : `Lease of deployment ${l.dseq} closed: escrow ran out`,
        message: `Lease ${id} closed at height ${l.closedOn} (${why === "provider" ? `by the provider: ${l.reason}` : "insufficient funds"}).`,
        subject: `${l.owner}/${l.dseq}`,
        oneShot: true,
      });
    }
  }
  return out;
}

export interface AlertEntry {
  condition: AlertCondition;
  active: boolean;
  firstFiredMs: number;
  lastNotifiedMs: number;
}

/** Serializable (the watcher keeps it in a file, the browser in storage). */
export interface AlertState {
  entries: Record<string, AlertEntry>;
}

export interface AlertEvent {
  type: "fired" | "reminder" | "resolved";
  condition: AlertCondition;
  atMs: number;
}

export const emptyAlertState = (): AlertState => ({ entries: {} });

export function stepAlerts(state: AlertState, conditions: ReadonlyArray<AlertCondition>, nowMs: number, options: { remindAfterMs?: number } = {}): { state: AlertState; events: AlertEvent[] } {
  const entries: Record<string, AlertEntry> = {};
  const events: AlertEvent[] = [];
  const present = new Map(conditions.map((c) => [c.key, c]));
  for (const [key, condition] of present) {
    const before = state.entries[key];
    if (!before || !before.active) {
      entries[key] = { condition, active: true, firstFiredMs: nowMs, lastNotifiedMs: nowMs };
      events.push({ type: "fired", condition, atMs: nowMs });
    } else if (!condition.oneShot && options.remindAfterMs !== undefined && nowMs - before.lastNotifiedMs >= options.remindAfterMs) {
      entries[key] = { ...before, condition, lastNotifiedMs: nowMs };
      events.push({ type: "reminder", condition, atMs: nowMs });
    } else {
      entries[key] = { ...before, condition };
    }
  }
  for (const [key, before] of Object.entries(state.entries)) {
    if (present.has(key)) continue;
    // A one-shot event stays remembered so that it never fires twice while its lease is in view.
    if (before.condition.oneShot) {
      entries[key] = before;
      continue;
    }
    if (before.active) events.push({ type: "resolved", condition: before.condition, atMs: nowMs });
  }
  return { state: { entries }, events };
}
