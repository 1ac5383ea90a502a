/** The history chart's rows: one per day, a column per series (deployment, provider or member), in display units. */
import type { SpendHistory } from "@/lib/spend/history";
import { wholeMicro } from "@/lib/spend/money";

export type SplitBy = "deployment" | "provider" | "member";

export interface ChartRow {
  day: string;
  /** Series name → spent that day, in whole units (ACT/AKT) as a number, for drawing only. */
  values: Record<string, number>;
  total: number;
  cumulative: number;
}

const MAX_SERIES = 8;

/** Rows for one denom; beyond the 8 biggest series the rest are summed as "other". */
export function chartRows(history: SpendHistory, denom: string, split: SplitBy): { rows: ChartRow[]; series: string[] } {
  const pick = (d: SpendHistory["days"][number]) => (split === "deployment" ? d.byDeployment : split === "provider" ? d.byProvider : d.byMember);
  const totals = new Map<string, bigint>();
  for (const d of history.days) for (const [name, a] of Object.entries(pick(d))) totals.set(name, (totals.get(name) ?? 0n) + (a[denom] ?? 0n));
  const ranked = [...totals].filter(([, v]) => v > 0n).sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0)).map(([n]) => n);
  const shown = ranked.slice(0, MAX_SERIES);
  const series = ranked.length > MAX_SERIES ? [...shown, "other"] : shown;
  const units = (atoms: bigint): number => Number(wholeMicro(atoms)) / 1e6;
  let cumulative = 0n;
  const rows = history.days.map((d) => {
    const values: Record<string, number> = {};
    for (const [name, a] of Object.entries(pick(d))) {
      const key = shown.includes(name) ? name : "other";
      if (!series.includes(key)) continue;
      values[key] = (values[key] ?? 0) + units(a[denom] ?? 0n);
    }
    const total = d.total[denom] ?? 0n;
    cumulative += total;
    return { day: d.day, values, total: units(total), cumulative: units(cumulative) };
  });
  return { rows, series };
}

/** Denoms that spent anything in the history (ACT first). */
export function spentDenoms(history: SpendHistory): string[] {
  const set = new Set<string>();
  for (const d of history.days) for (const [denom, v] of Object.entries(d.total)) if (v > 0n) set.add(denom);
  return [...set].sort((a, b) => (a === "uact" ? -1 : b === "uact" ? 1 : a.localeCompare(b)));
}
