/** x/market v1beta5 reads: bids and leases (with their escrow payment). */
import { resourcesToShape, type ResourceShape } from "../pricing/market";
import { joinUrl } from "./http";
import { coinOf, type CoinJson, type DecCoin } from "./coins";
import { collectPages, PAGE_LIMIT, q } from "./pagination";

/** A bid's on-chain id (also the lease id it becomes). */
export interface BidIdentity {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
  provider: string;
  bseq: number;
}

export interface Bid extends BidIdentity {
  /** `gseq/oseq/provider/bseq`: unique within a deployment. */
  key: string;
  state: string;
  /** Price per block in micro-units of `denom`. */
  price: { denom: string; amount: number };
  /** Resources offered (REST only; events carry just id and price). */
  resources?: ResourceShape[];
  /** Height of the block the bid was created in, when known. */
  height?: number;
}

export interface Lease {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
  provider: string;
  bseq: number;
  state: string;
  /** Price per block (DecCoin string amount). */
  price: DecCoin;
  /** Heights. */
  createdAt: number;
  closedOn: number;
  reason: string;
  payment: { state: string; rate: DecCoin; balance: DecCoin; unsettled: DecCoin; withdrawn: DecCoin } | null;
}

export function bidKey(id: BidIdentity): string {
  return `${id.gseq}/${id.oseq}/${id.provider}/${id.bseq}`;
}

/** `gseq/oseq/provider`: one lease per order per provider. */
export function leaseKey(lease: Pick<Lease, "gseq" | "oseq" | "provider">): string {
  return `${lease.gseq}/${lease.oseq}/${lease.provider}`;
}

type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});

/** A bid/lease id from proto-JSON (REST or event attributes); null when it is not one. */
export function bidIdentity(raw: unknown): BidIdentity | null {
  const id = obj(raw);
  if (typeof id.owner !== "string" || typeof id.provider !== "string" || id.dseq === undefined) return null;
  return { owner: id.owner, dseq: String(id.dseq), gseq: Number(id.gseq ?? 0), oseq: Number(id.oseq ?? 0), provider: id.provider, bseq: Number(id.bseq ?? 0) };
}

/** `/akash/market/v1beta5/bids/list` JSON → bids. */
export function parseRestBids(json: unknown): Bid[] {
  const list = obj(json).bids;
  if (!Array.isArray(list)) return [];
  const out: Bid[] = [];
  for (const item of list) {
    const bid = obj(obj(item).bid);
    const id = bidIdentity(bid.id);
    if (!id) continue;
    const price = obj(bid.price);
    const offers = Array.isArray(bid.resources_offer) ? bid.resources_offer : [];
    out.push({
      ...id,
      key: bidKey(id),
      state: typeof bid.state === "string" ? bid.state : "open",
      price: { denom: String(price.denom ?? ""), amount: Number(price.amount ?? 0) },
      resources: offers.map((o) => resourcesToShape(obj(o).resources, Number(obj(o).count ?? 1))),
      height: bid.created_at !== undefined ? Number(bid.created_at) : undefined,
    });
  }
  return out;
}

interface LeaseJson {
  lease?: {
    id?: { owner?: string; dseq?: string; gseq?: number; oseq?: number; provider?: string; bseq?: number };
    state?: string;
    price?: CoinJson;
    created_at?: string;
    closed_on?: string;
    reason?: string;
  };
  escrow_payment?: { state?: { state?: string; rate?: CoinJson; balance?: CoinJson; unsettled?: CoinJson; withdrawn?: CoinJson } };
}

const num = (v: string | number | undefined): number => (v === undefined ? 0 : Number(v) || 0);

export function parseLease(json: LeaseJson): Lease {
  const l = json.lease ?? {};
  const p = json.escrow_payment?.state;
  return {
    owner: l.id?.owner ?? "",
    dseq: String(l.id?.dseq ?? ""),
    gseq: num(l.id?.gseq),
    oseq: num(l.id?.oseq),
    provider: l.id?.provider ?? "",
    bseq: num(l.id?.bseq),
    state: l.state ?? "unknown",
    price: coinOf(l.price),
    createdAt: num(l.created_at),
    closedOn: num(l.closed_on),
    reason: l.reason ?? "",
    payment: p ? { state: p.state ?? "unknown", rate: coinOf(p.rate), balance: coinOf(p.balance), unsettled: coinOf(p.unsettled), withdrawn: coinOf(p.withdrawn) } : null,
  };
}

export interface MarketFilter {
  owner: string;
  dseq?: string;
  provider?: string;
}

function filterQuery({ owner, dseq, provider }: MarketFilter): string {
  return `filters.owner=${q(owner)}${dseq ? `&filters.dseq=${q(dseq)}` : ""}${provider ? `&filters.provider=${q(provider)}` : ""}`;
}

/** Every lease matching the filter (all pages). */
export function listLeases(restUrl: string, filter: MarketFilter, signal?: AbortSignal): Promise<Lease[]> {
  const url = joinUrl(restUrl, `/akash/market/v1beta5/leases/list?${filterQuery(filter)}&pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => ((body as { leases?: LeaseJson[] }).leases ?? []).map(parseLease), signal);
}

/** Every bid matching the filter (all pages). */
export function listBids(restUrl: string, filter: MarketFilter, signal?: AbortSignal): Promise<Bid[]> {
  const url = joinUrl(restUrl, `/akash/market/v1beta5/bids/list?${filterQuery(filter)}&pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, parseRestBids, signal);
}

export type { DecCoin };
