/** Bids: parsing tx events, merging, grouping, sorting, filtering and picking. */
import { bidIdentity, bidKey, obj, type Bid } from "../chain/market";
import type { AuditedProvider } from "../chain/provider";
import { isAudited, type TrustedAuditors } from "../networks/auditors";

export type { Bid };

export interface TxEventLike {
  height: number;
  result: { events: ReadonlyArray<{ type: string; attributes: ReadonlyArray<{ key: string; value: string }> }> };
}

/**
 * Bids created in a transaction (typed event `akash.market.v1.EventBidCreated`: attributes are the
 * proto-JSON of each field, so `id` is a JSON object and `price` a DecCoin).
 */
export function parseBidEvents(event: TxEventLike, filter: { owner: string; dseq: string }): Bid[] {
  const out: Bid[] = [];
  for (const e of event.result.events) {
    if (e.type !== "akash.market.v1.EventBidCreated") continue;
    const attr = (key: string): unknown => {
      const raw = e.attributes.find((a) => a.key === key)?.value;
      if (raw === undefined) return undefined;
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    };
    const id = bidIdentity(attr("id"));
    if (!id || id.owner !== filter.owner || id.dseq !== filter.dseq) continue;
    const price = obj(attr("price"));
    out.push({ ...id, key: bidKey(id), state: "open", price: { denom: String(price.denom ?? ""), amount: Number(price.amount ?? 0) }, height: event.height });
  }
  return out;
}

/** Merges incoming bids into a list by key; REST data (state, resources) wins over event data. */
export function mergeBids(current: Bid[], incoming: Bid[]): Bid[] {
  const byKey = new Map(current.map((b) => [b.key, b]));
  let changed = false;
  for (const bid of incoming) {
    const existing = byKey.get(bid.key);
    if (!existing) {
      byKey.set(bid.key, bid);
      changed = true;
    } else {
      const merged = { ...existing, ...bid, resources: bid.resources ?? existing.resources, height: existing.height ?? bid.height };
      if (merged.state !== existing.state || merged.resources !== existing.resources || merged.price.amount !== existing.price.amount) {
        byKey.set(bid.key, merged);
        changed = true;
      }
    }
  }
  return changed ? [...byKey.values()] : current;
}

export type BidSort = "price" | "region" | "provider";

export interface BidFilter {
  auditedOnly?: boolean;
  region?: string;
  gpuModel?: string;
  /** Only providers that answered /status. */
  onlineOnly?: boolean;
}

export interface BidRow {
  bid: Bid;
  provider?: AuditedProvider;
  audited: boolean;
  /** Names of the trusted auditors that signed this provider. */
  auditedBy: string[];
  online?: boolean;
}

/** `trusted`: the auditors trusted on this network; a provider audited by anyone else is not "audited". */
export function toRows(bids: Bid[], providers: Map<string, AuditedProvider>, online: Map<string, boolean | undefined>, trusted: TrustedAuditors): BidRow[] {
  return bids.map((bid) => {
    const provider = providers.get(bid.provider);
    const auditedBy = (provider?.auditors ?? []).filter((a) => Object.hasOwn(trusted, a)).map((a) => trusted[a]!);
    return { bid, provider, audited: isAudited(provider?.auditors ?? [], trusted), auditedBy, online: online.get(bid.provider) };
  });
}

export function filterRows(rows: BidRow[], filter: BidFilter): BidRow[] {
  return rows.filter((row) => {
    if (filter.auditedOnly && !row.audited) return false;
    if (filter.region && row.provider?.region !== filter.region) return false;
    if (filter.gpuModel && !row.provider?.gpuModels.includes(filter.gpuModel)) return false;
    if (filter.onlineOnly && row.online === false) return false;
    return true;
  });
}

export function sortRows(rows: BidRow[], sort: BidSort): BidRow[] {
  const byPrice = (a: BidRow, b: BidRow) => a.bid.price.amount - b.bid.price.amount;
  const copy = [...rows];
  if (sort === "price") return copy.sort((a, b) => byPrice(a, b) || a.bid.provider.localeCompare(b.bid.provider));
  if (sort === "region") return copy.sort((a, b) => (a.provider?.region ?? "~").localeCompare(b.provider?.region ?? "~") || byPrice(a, b));
  return copy.sort((a, b) => (a.provider?.name ?? a.bid.provider).localeCompare(b.provider?.name ?? b.bid.provider) || byPrice(a, b));
}

/** Open bids by group (gseq/oseq), groups in order. */
export function groupRows(rows: BidRow[]): Array<{ group: string; gseq: number; oseq: number; rows: BidRow[] }> {
  const groups = new Map<string, { group: string; gseq: number; oseq: number; rows: BidRow[] }>();
  for (const row of rows) {
    const group = `${row.bid.gseq}/${row.bid.oseq}`;
    const entry = groups.get(group) ?? { group, gseq: row.bid.gseq, oseq: row.bid.oseq, rows: [] };
    entry.rows.push(row);
    groups.set(group, entry);
  }
  return [...groups.values()].sort((a, b) => a.gseq - b.gseq || a.oseq - b.oseq);
}

/**
 * The cheapest open bid per group among audited (and not known-offline) providers.
 * Undefined for a group with no such bid.
 */
export function cheapestPerGroup(rows: BidRow[], groups: Array<{ gseq: number; oseq: number }>, options: { auditedOnly: boolean }): Map<string, BidRow | undefined> {
  const result = new Map<string, BidRow | undefined>();
  for (const g of groups) {
    const candidates = rows.filter((r) => r.bid.gseq === g.gseq && r.bid.oseq === g.oseq && r.bid.state === "open" && r.online !== false && (!options.auditedOnly || r.audited));
    result.set(`${g.gseq}/${g.oseq}`, sortRows(candidates, "price")[0]);
  }
  return result;
}
