/**
 * The dashboard's "now" and "period" numbers from a spend history and the live escrow state: burn rate, reserved vs
 * available, runway per deployment (first dry, all dry), month to date, forecast to the month's end at today's burn,
 * and the chosen range against the period before it.
 *
 * Rates per hour/day/month and times left depend on the block time, a measured parameter (seconds per block); they are
 * estimates at that block time. Everything summed from history is exact (see history.ts).
 */
import type { Coin } from "../chain/coins";
import type { Deployment } from "../chain/deployment";
import type { HeaderPoint } from "./block-clock";
import { deploymentKey, leaseSpentBetween, type SpendHistory, type SpendLease } from "./history";
import { addDays, dayStartMs, nextMonthStart } from "./days";
import { addTo, atomsOf, mulDiv, sumDenoms, type DenomAmounts } from "./money";

export interface DeploymentRunway {
  owner: string;
  dseq: string;
  denom: string;
  /** Escrow left now (funds at the last settlement minus what active leases accrued since), atoms. */
  escrowLeft: bigint;
  /** Σ active lease prices, atoms per block. */
  ratePerBlock: bigint;
  /** Whole blocks until the escrow is empty; null with nothing running. */
  blocksLeft: number | null;
  secondsLeft: number | null;
  /** When it runs dry, ms; null with nothing running. */
  dryAtMs: number | null;
}

/** Runway of every open deployment, the ones that run dry first first. */
export function deploymentRunways(deployments: ReadonlyArray<Deployment>, leases: ReadonlyArray<SpendLease>, latest: HeaderPoint, secondsPerBlock: number): DeploymentRunway[] {
  const out: DeploymentRunway[] = [];
  // Active leases by deployment once, not a scan of every lease per deployment.
  const activeBy = new Map<string, SpendLease[]>();
  for (const l of leases) {
    if (l.state !== "active") continue;
    const key = deploymentKey(l);
    const list = activeBy.get(key);
    if (list) list.push(l);
    else activeBy.set(key, [l]);
  }
  for (const d of deployments) {
    if (d.state !== "active" || !d.escrow || d.escrow.state === "closed") continue;
    const active = activeBy.get(deploymentKey(d)) ?? [];
    const denom = d.escrow.funds[0]?.denom || active[0]?.denom || "uact";
    const ratePerBlock = active.filter((l) => l.denom === denom).reduce((s, l) => s + l.priceAtoms, 0n);
    const funds = atomsOf(d.escrow.funds.find((f) => f.denom === denom)?.amount);
    const accrued = ratePerBlock * BigInt(Math.max(0, latest.height - d.escrow.settledAt));
    const escrowLeft = funds > accrued ? funds - accrued : 0n;
    const blocksLeft = ratePerBlock > 0n ? Number(escrowLeft / ratePerBlock) : null;
    const secondsLeft = blocksLeft === null ? null : blocksLeft * secondsPerBlock;
    out.push({ owner: d.owner, dseq: d.dseq, denom, escrowLeft, ratePerBlock, blocksLeft, secondsLeft, dryAtMs: secondsLeft === null ? null : latest.timeMs + secondsLeft * 1000 });
  }
  return out.sort((a, b) => (a.secondsLeft ?? Infinity) - (b.secondsLeft ?? Infinity));
}

/** rate per block → per `seconds`, at the measured block time (rounded down to an atom). */
export function ratePer(ratePerBlock: bigint, seconds: number, secondsPerBlock: number): bigint {
  if (!(secondsPerBlock > 0)) throw new RangeError("secondsPerBlock must be positive");
  return mulDiv(ratePerBlock, BigInt(Math.round(seconds * 1000)), BigInt(Math.round(secondsPerBlock * 1000)));
}

export interface BurnRate {
  perBlock: DenomAmounts;
  perHour: DenomAmounts;
  perDay: DenomAmounts;
  /** 30 days. */
  perMonth: DenomAmounts;
}

/** What the running deployments burn (those with escrow left). */
export function burnRate(runways: ReadonlyArray<DeploymentRunway>, secondsPerBlock: number): BurnRate {
  const perBlock: DenomAmounts = {};
  for (const r of runways) if (r.blocksLeft !== null && r.blocksLeft > 0) addTo(perBlock, r.denom, r.ratePerBlock);
  const scale = (seconds: number): DenomAmounts => Object.fromEntries(Object.entries(perBlock).map(([d, a]) => [d, ratePer(a, seconds, secondsPerBlock)]));
  return { perBlock, perHour: scale(3600), perDay: scale(86_400), perMonth: scale(30 * 86_400) };
}

/** The history's days from `from` to `to` summed. */
export function sumDays(history: SpendHistory, from: string, to: string): DenomAmounts {
  return sumDenoms(...history.days.filter((d) => d.day >= from && d.day <= to).map((d) => d.total));
}

/** The history restricted to [from, to] (inside it): days, per-lease spend and totals recomputed exactly. */
export function sliceHistory(history: SpendHistory, from: string, to: string): SpendHistory {
  const days = history.days.filter((d) => d.day >= from && d.day <= to);
  if (days.length === 0) throw new RangeError(`${from}…${to} is outside the history (${history.from}…${history.to})`);
  const fromHeight = days[0]!.startHeight;
  const toHeight = days[days.length - 1]!.endHeight;
  return {
    ...history,
    from,
    to,
    fromHeight,
    toHeight,
    days,
    leases: history.leases.map((l) => ({ ...l, spent: leaseSpentBetween(l.lease, fromHeight, toHeight, history.latestHeight) })),
    total: sumDenoms(...days.map((d) => d.total)),
    // Inner boundaries cancel in a sum; the outer days' bounds cover the outer ones (an over-estimate).
    errorBound: sumDenoms(days[0]!.errorBound, days.length > 1 ? days[days.length - 1]!.errorBound : {}),
  };
}

export interface PeriodComparison {
  from: string;
  to: string;
  total: DenomAmounts;
  previousFrom: string;
  previousTo: string;
  previousTotal: DenomAmounts;
  /** Percent change per denom; null when the previous period spent nothing. */
  changePercent: Record<string, number | null>;
}

/** The period of the same length just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = Math.round((dayStartMs(to) - dayStartMs(from)) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

export function comparePeriods(history: SpendHistory, from: string, to: string): PeriodComparison {
  const prev = previousPeriod(from, to);
  return periodComparison(from, to, sumDays(history, from, to), sumDays(history, prev.from, prev.to));
}

/** The range's total against the previous period's (both summed elsewhere, e.g. between exact outer boundaries). */
export function periodComparison(from: string, to: string, total: DenomAmounts, previousTotal: DenomAmounts): PeriodComparison {
  const prev = previousPeriod(from, to);
  const changePercent: Record<string, number | null> = {};
  for (const denom of new Set([...Object.keys(total), ...Object.keys(previousTotal)])) {
    const before = previousTotal[denom] ?? 0n;
    const now = total[denom] ?? 0n;
    changePercent[denom] = before === 0n ? null : Number(((now - before) * 10_000n) / before) / 100;
  }
  return { from, to, total, previousFrom: prev.from, previousTo: prev.to, previousTotal, changePercent };
}

export interface MonthForecast {
  monthStart: string;
  monthToDate: DenomAmounts;
  /** Month to date + today's burn until the first instant of next month. */
  forecast: DenomAmounts;
}

/** Forecast at today's burn rate (the running leases keep their price and nobody tops up or closes). */
export function monthForecast(history: SpendHistory, today: string, burn: BurnRate, latest: HeaderPoint, secondsPerBlock: number): MonthForecast {
  return forecastFrom(sumDays(history, `${today.slice(0, 7)}-01`, today), today, burn, latest, secondsPerBlock);
}

/** The forecast from a month-to-date sum (e.g. the leases' spend from the month's first block to the latest). */
export function forecastFrom(monthToDate: DenomAmounts, today: string, burn: BurnRate, latest: HeaderPoint, secondsPerBlock: number): MonthForecast {
  const start = `${today.slice(0, 7)}-01`;
  const secondsLeft = Math.max(0, (dayStartMs(nextMonthStart(today)) - latest.timeMs) / 1000);
  const forecast: DenomAmounts = { ...monthToDate };
  for (const [denom, perBlock] of Object.entries(burn.perBlock)) addTo(forecast, denom, ratePer(perBlock, secondsLeft, secondsPerBlock));
  return { monthStart: start, monthToDate, forecast };
}

/** Wallet balances as atoms per denom. */
export function walletAtoms(balances: ReadonlyArray<Coin>): DenomAmounts {
  const out: DenomAmounts = {};
  for (const c of balances) addTo(out, c.denom, atomsOf(c.amount));
  return out;
}
