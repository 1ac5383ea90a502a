/** CSV of spend with exact amounts (decimal micro-units and whole micro-units), one row per lease that spent. */
import type { SpendHistory } from "./history";
import { microString, wholeMicro } from "./money";

/** Quotes what needs it and defuses formula injection (a cell starting with = + - @ in a spreadsheet). */
export function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const LEASE_CSV_HEADER = ["owner", "dseq", "gseq", "oseq", "provider", "state", "denom", "price_per_block", "created_at", "closed_on", "from", "to", "from_height", "to_height", "spent", "spent_whole_micro"];

/** `nameOf`: the deployment's name (saved SDL or a label), as a `name` column after `dseq`; without it, no such column. */
export function leaseSpendCsv(range: SpendHistory, nameOf?: (owner: string, dseq: string) => string | undefined): string {
  const header = nameOf ? [...LEASE_CSV_HEADER.slice(0, 2), "name", ...LEASE_CSV_HEADER.slice(2)] : LEASE_CSV_HEADER;
  const lines = [header.join(",")];
  for (const { lease: l, spent } of range.leases) {
    if (spent === 0n) continue;
    const name = nameOf ? [nameOf(l.owner, l.dseq) ?? ""] : [];
    lines.push([l.owner, l.dseq, ...name, l.gseq, l.oseq, l.provider, l.state, l.denom, microString(l.priceAtoms), l.createdAt, l.closedOn, range.from, range.to, range.fromHeight, range.toHeight, microString(spent), wholeMicro(spent).toString()].map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** One row per day and denom: the day's heights and its exact total. */
export function dailySpendCsv(range: SpendHistory): string {
  const lines = [["day", "start_height", "end_height", "denom", "spent", "spent_whole_micro", "cumulative"].join(",")];
  const cumulative: Record<string, bigint> = {};
  for (const d of range.days) {
    for (const [denom, atoms] of Object.entries(d.total)) {
      cumulative[denom] = (cumulative[denom] ?? 0n) + atoms;
      lines.push([d.day, d.startHeight, d.endHeight, denom, microString(atoms), wholeMicro(atoms).toString(), microString(cumulative[denom])].map(csvCell).join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}
