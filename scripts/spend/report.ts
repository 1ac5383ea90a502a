/** The spend report's shapes: JSON (for CI), CSV (exact amounts for finance) and a readable table. */
import { formatCoin } from "../../src/lib/format/coins.ts";
import type { TeamSpend } from "../../src/lib/spend/load.ts";
import { microString, wholeMicro, type DenomAmounts } from "../../src/lib/spend/money.ts";
import { leaseSpendCsv } from "../../src/lib/spend/csv.ts";

const amounts = (a: DenomAmounts): Record<string, string> => Object.fromEntries(Object.entries(a).map(([d, v]) => [d, microString(v)]));
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function reportJson(spend: TeamSpend, network: string) {
  const r = spend.range;
  const rows = r.leases.filter((l) => l.spent > 0n);
  return {
    network,
    restUrl: spend.restUrl,
    addresses: spend.addresses,
    from: r.from,
    to: r.to,
    /** Blocks [fromHeight, toHeight) make up the range. */
    fromHeight: r.fromHeight,
    toHeight: r.toHeight,
    latestHeight: spend.latest.height,
    latestTime: iso(spend.latest.timeMs),
    secondsPerBlock: spend.secondsPerBlock,
    totalUact: microString(r.total.uact ?? 0n),
    totalUakt: microString(r.total.uakt ?? 0n),
    totals: amounts(r.total),
    /** Most the totals can be off by where a day boundary was interpolated (0 when every boundary is exact). */
    errorBound: amounts(r.errorBound),
    deployments: rows.map(({ lease: l, spent, lifetime }) => ({
      owner: l.owner,
      dseq: l.dseq,
      gseq: l.gseq,
      oseq: l.oseq,
      provider: l.provider,
      state: l.state,
      reason: l.reason,
      denom: l.denom,
      pricePerBlock: microString(l.priceAtoms),
      createdAt: l.createdAt,
      closedOn: l.closedOn,
      spent: microString(spent),
      spentUact: l.denom === "uact" ? microString(spent) : "0",
      spentUakt: l.denom === "uakt" ? microString(spent) : "0",
      lifetime: microString(lifetime),
    })),
    days: r.days.map((d) => ({ day: d.day, startHeight: d.startHeight, endHeight: d.endHeight, totals: amounts(d.total) })),
    monthToDate: amounts(spend.month.monthToDate),
    forecastMonthEnd: amounts(spend.month.forecast),
    previousPeriod: { from: spend.comparison.previousFrom, to: spend.comparison.previousTo, totals: amounts(spend.comparison.previousTotal) },
    burnPerHour: amounts(spend.burn.perHour),
    escrowReserved: amounts(spend.escrowReserved),
    walletAvailable: amounts(spend.walletAvailable),
    firstDry: spend.firstDry ? { owner: spend.firstDry.owner, dseq: spend.firstDry.dseq, at: iso(spend.firstDry.dryAtMs) } : null,
    allDry: spend.allDry ? { owner: spend.allDry.owner, dseq: spend.allDry.dseq, at: iso(spend.allDry.dryAtMs) } : null,
  };
}

/** One row per lease that spent in the range; amounts exact in micro-units (decimal) and whole micro-units. */
export function reportCsv(spend: TeamSpend): string {
  return leaseSpendCsv(spend.range);
}

export function reportTable(spend: TeamSpend, network: string): string {
  const r = spend.range;
  const money = (a: DenomAmounts): string => Object.entries(a).map(([d, v]) => formatCoin(wholeMicro(v), d)).join(" + ") || "0";
  const out = [
    `Spend on ${network}, ${r.from} … ${r.to} (blocks ${r.fromHeight}–${r.toHeight - 1}; latest ${spend.latest.height})`,
    `Addresses: ${spend.addresses.join(", ")}`,
    "",
    `Total:            ${money(r.total)}`,
    `Previous period:  ${money(spend.comparison.previousTotal)} (${spend.comparison.previousFrom} … ${spend.comparison.previousTo})`,
    `Month to date:    ${money(spend.month.monthToDate)}; forecast ${money(spend.month.forecast)}`,
    `Burn per hour:    ${money(spend.burn.perHour)} (at ${spend.secondsPerBlock.toFixed(2)} s per block)`,
    `Escrow reserved:  ${money(spend.escrowReserved)}; wallets ${money(spend.walletAvailable)}`,
    "",
  ];
  const rows = r.leases.filter((l) => l.spent > 0n);
  const table = [["owner", "dseq", "provider", "state", "spent"], ...rows.map(({ lease: l, spent }) => [l.owner, l.dseq, l.provider, l.state, formatCoin(wholeMicro(spent), l.denom)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) out.push(row.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd());
  if (rows.length === 0) out.push("(no lease spent anything in this range)");
  return `${out.join("\n")}\n`;
}
