/**
 * Chain reads for deployments, leases and their escrow, through the REST gateway (grpc-gateway JSON,
 * snake_case). Amounts stay decimal strings here; `escrow.ts` does the arithmetic.
 */
import { joinUrl, requestJson } from "@/lib/chain/http";

export interface DecCoin {
  denom: string;
  amount: string;
}

export interface EscrowAccount {
  state: string;
  funds: DecCoin[];
  transferred: DecCoin[];
  settledAt: number;
  deposits: Array<{ owner: string; height: number; source: string; balance: DecCoin }>;
}

export interface ResourceUnitSummary {
  cpuMillis: number;
  memoryBytes: number;
  storageBytes: number;
  gpus: number;
  count: number;
  price: DecCoin;
  endpoints: number;
}

export interface GroupSummary {
  gseq: number;
  name: string;
  state: string;
  resources: ResourceUnitSummary[];
}

export interface Deployment {
  owner: string;
  dseq: string;
  state: string;
  /** Manifest version hash, base64 as the gateway serves it. */
  hashB64: string;
  createdAt: number;
  groups: GroupSummary[];
  escrow: EscrowAccount | null;
}

export interface Lease {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
  provider: string;
  bseq: number;
  state: string;
  price: DecCoin;
  createdAt: number;
  closedOn: number;
  reason: string;
  payment: { state: string; rate: DecCoin; balance: DecCoin; unsettled: DecCoin; withdrawn: DecCoin } | null;
}

/* ---------- JSON shapes (only the fields we read) ---------- */
interface CoinJson {
  denom?: string;
  amount?: string;
}
interface EscrowAccountJson {
  state?: { state?: string; funds?: CoinJson[]; transferred?: CoinJson[]; settled_at?: string; deposits?: Array<{ owner?: string; height?: string; source?: string; balance?: CoinJson }> };
}
interface ResourceJson {
  resource?: {
    cpu?: { units?: { val?: string } };
    memory?: { quantity?: { val?: string } };
    storage?: Array<{ quantity?: { val?: string } }>;
    gpu?: { units?: { val?: string } };
    endpoints?: unknown[];
  };
  count?: number;
  price?: CoinJson;
}
interface DeploymentJson {
  deployment?: { id?: { owner?: string; dseq?: string }; state?: string; hash?: string; created_at?: string };
  groups?: Array<{ id?: { gseq?: number }; state?: string; group_spec?: { name?: string; resources?: ResourceJson[] } }>;
  escrow_account?: EscrowAccountJson;
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
interface PageJson {
  next_key?: string | null;
}

const coin = (c: CoinJson | undefined): DecCoin => ({ denom: c?.denom ?? "", amount: c?.amount ?? "0" });
const num = (v: string | number | undefined): number => (v === undefined ? 0 : Number(v) || 0);

function parseEscrow(json: EscrowAccountJson | undefined): EscrowAccount | null {
  const s = json?.state;
  if (!s) return null;
  return {
    state: s.state ?? "unknown",
    funds: (s.funds ?? []).map(coin),
    transferred: (s.transferred ?? []).map(coin),
    settledAt: num(s.settled_at),
    deposits: (s.deposits ?? []).map((d) => ({ owner: d.owner ?? "", height: num(d.height), source: d.source ?? "", balance: coin(d.balance) })),
  };
}

export function parseDeployment(json: DeploymentJson): Deployment {
  const d = json.deployment ?? {};
  return {
    owner: d.id?.owner ?? "",
    dseq: d.id?.dseq ?? "",
    state: d.state ?? "unknown",
    hashB64: d.hash ?? "",
    createdAt: num(d.created_at),
    groups: (json.groups ?? []).map((g) => ({
      gseq: g.id?.gseq ?? 0,
      name: g.group_spec?.name ?? "",
      state: g.state ?? "unknown",
      resources: (g.group_spec?.resources ?? []).map((r) => ({
        cpuMillis: num(r.resource?.cpu?.units?.val),
        memoryBytes: num(r.resource?.memory?.quantity?.val),
        storageBytes: (r.resource?.storage ?? []).reduce((sum, s) => sum + num(s.quantity?.val), 0),
        gpus: num(r.resource?.gpu?.units?.val),
        count: r.count ?? 1,
        price: coin(r.price),
        endpoints: r.resource?.endpoints?.length ?? 0,
      })),
    })),
    escrow: parseEscrow(json.escrow_account),
  };
}

export function parseLease(json: LeaseJson): Lease {
  const l = json.lease ?? {};
  const p = json.escrow_payment?.state;
  return {
    owner: l.id?.owner ?? "",
    dseq: l.id?.dseq ?? "",
    gseq: l.id?.gseq ?? 0,
    oseq: l.id?.oseq ?? 0,
    provider: l.id?.provider ?? "",
    bseq: l.id?.bseq ?? 0,
    state: l.state ?? "unknown",
    price: coin(l.price),
    createdAt: num(l.created_at),
    closedOn: num(l.closed_on),
    reason: l.reason ?? "",
    payment: p ? { state: p.state ?? "unknown", rate: coin(p.rate), balance: coin(p.balance), unsettled: coin(p.unsettled), withdrawn: coin(p.withdrawn) } : null,
  };
}

/** Follows `next_key` until the chain has no more pages (any number of items). */
async function collectPages<T>(first: string, pick: (body: unknown) => T[], signal?: AbortSignal, maxPages = 1000): Promise<T[]> {
  const out: T[] = [];
  let key: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const url: string = key ? `${first}&pagination.key=${encodeURIComponent(key)}` : first;
    const body = await requestJson<PageJson & Record<string, unknown>>(url, { signal, timeoutMs: 15_000 });
    out.push(...pick(body));
    key = (body as { pagination?: PageJson }).pagination?.next_key ?? null;
    if (!key) break;
  }
  return out;
}

export const PAGE_LIMIT = 100;

export function listDeployments(restUrl: string, owner: string, signal?: AbortSignal): Promise<Deployment[]> {
  const url = joinUrl(restUrl, `/akash/deployment/v1beta4/deployments/list?filters.owner=${encodeURIComponent(owner)}&pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => ((body as { deployments?: DeploymentJson[] }).deployments ?? []).map(parseDeployment), signal);
}

export function listLeases(restUrl: string, owner: string, dseq?: string, signal?: AbortSignal): Promise<Lease[]> {
  const dseqFilter = dseq ? `&filters.dseq=${encodeURIComponent(dseq)}` : "";
  const url = joinUrl(restUrl, `/akash/market/v1beta5/leases/list?filters.owner=${encodeURIComponent(owner)}${dseqFilter}&pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => ((body as { leases?: LeaseJson[] }).leases ?? []).map(parseLease), signal);
}

export async function getDeployment(restUrl: string, owner: string, dseq: string, signal?: AbortSignal): Promise<Deployment | null> {
  try {
    const body = await requestJson<DeploymentJson>(joinUrl(restUrl, `/akash/deployment/v1beta4/deployments/info?id.owner=${encodeURIComponent(owner)}&id.dseq=${encodeURIComponent(dseq)}`), { signal });
    return parseDeployment(body);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

export async function getLatestHeight(restUrl: string, signal?: AbortSignal): Promise<number> {
  const body = await requestJson<{ block?: { header?: { height?: string } } }>(joinUrl(restUrl, "/cosmos/base/tendermint/v1beta1/blocks/latest"), { signal });
  return num(body.block?.header?.height);
}

export interface ProviderHost {
  owner: string;
  hostUri: string;
  organization: string;
}

export async function getProviderHost(restUrl: string, address: string, signal?: AbortSignal): Promise<ProviderHost | null> {
  try {
    const body = await requestJson<{ provider?: { owner?: string; host_uri?: string; attributes?: Array<{ key: string; value: string }> } }>(
      joinUrl(restUrl, `/akash/provider/v1beta4/providers/${encodeURIComponent(address)}`),
      { signal },
    );
    const attrs = body.provider?.attributes ?? [];
    return { owner: address, hostUri: body.provider?.host_uri ?? "", organization: attrs.find((a) => a.key === "organization")?.value ?? "" };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}
