/** REST reads for the deploy flow (Cosmos gateway JSON, snake_case; market v1beta5, deployment v1beta4). */
import { ChainRequestError, joinUrl, requestJson } from "../chain/http";
import { parseRestBids, type BidView } from "./bids";

export async function getLatestHeight(restUrl: string, signal?: AbortSignal): Promise<{ height: string; time: string }> {
  const body = await requestJson<{ block?: { header?: { height?: string; time?: string } } }>(joinUrl(restUrl, "/cosmos/base/tendermint/v1beta1/blocks/latest"), { signal });
  const height = body.block?.header?.height;
  if (!height || height === "0") throw new ChainRequestError("invalid-response", restUrl, "The node did not report its latest block height");
  return { height, time: body.block?.header?.time ?? "" };
}

export async function getBlockTime(restUrl: string, height: string, signal?: AbortSignal): Promise<number | undefined> {
  const body = await requestJson<{ block?: { header?: { time?: string } } }>(joinUrl(restUrl, `/cosmos/base/tendermint/v1beta1/blocks/${height}`), { signal });
  const time = body.block?.header?.time;
  return time ? Date.parse(time) : undefined;
}

/** Chain minimum deposit for a denom (micro-units), from `/akash/deployment/v1beta4/params`. */
export async function getMinDeposit(restUrl: string, denom: string, signal?: AbortSignal): Promise<bigint> {
  const body = await requestJson<{ params?: { min_deposits?: Array<{ denom: string; amount: string }> } }>(joinUrl(restUrl, "/akash/deployment/v1beta4/params"), { signal });
  const coin = body.params?.min_deposits?.find((c) => c.denom === denom);
  return coin ? BigInt(coin.amount.split(".")[0] || "0") : 0n;
}

export interface DeploymentState {
  state: "active" | "closed" | string;
  createdAt: string;
  groups: Array<{ gseq: number; name: string; state: string }>;
  escrowFunds: Array<{ denom: string; amount: string }>;
}

/** Null when the deployment does not exist (HTTP 404 / gRPC NotFound). */
export async function getDeployment(restUrl: string, owner: string, dseq: string, signal?: AbortSignal): Promise<DeploymentState | null> {
  try {
    const body = await requestJson<{
      deployment?: { state?: string; created_at?: string };
      groups?: Array<{ id?: { gseq?: number }; state?: string; group_spec?: { name?: string } }>;
      escrow_account?: { state?: { funds?: Array<{ denom: string; amount: string }> } };
    }>(joinUrl(restUrl, `/akash/deployment/v1beta4/deployments/info?id.owner=${encodeURIComponent(owner)}&id.dseq=${encodeURIComponent(dseq)}`), { signal });
    return {
      state: body.deployment?.state ?? "unknown",
      createdAt: body.deployment?.created_at ?? "",
      groups: (body.groups ?? []).map((g) => ({ gseq: Number(g.id?.gseq ?? 0), name: g.group_spec?.name ?? "", state: g.state ?? "" })),
      escrowFunds: body.escrow_account?.state?.funds ?? [],
    };
  } catch (error) {
    if (error instanceof ChainRequestError && error.kind === "http" && (error.status === 404 || /not found/i.test(error.message))) return null;
    throw error;
  }
}

export async function listBids(restUrl: string, owner: string, dseq: string, signal?: AbortSignal): Promise<BidView[]> {
  const body = await requestJson<unknown>(joinUrl(restUrl, `/akash/market/v1beta5/bids/list?filters.owner=${encodeURIComponent(owner)}&filters.dseq=${encodeURIComponent(dseq)}&pagination.limit=200`), { signal });
  return parseRestBids(body);
}

export interface LeaseView {
  gseq: number;
  oseq: number;
  provider: string;
  bseq: number;
  state: string;
  price: { denom: string; amount: number };
}

export async function listLeases(restUrl: string, owner: string, dseq: string, signal?: AbortSignal): Promise<LeaseView[]> {
  const body = await requestJson<{ leases?: Array<{ lease?: { id?: Record<string, unknown>; state?: string; price?: { denom?: string; amount?: string } } }> }>(
    joinUrl(restUrl, `/akash/market/v1beta5/leases/list?filters.owner=${encodeURIComponent(owner)}&filters.dseq=${encodeURIComponent(dseq)}&pagination.limit=100`),
    { signal },
  );
  return (body.leases ?? []).map(({ lease }) => ({
    gseq: Number(lease?.id?.gseq ?? 0),
    oseq: Number(lease?.id?.oseq ?? 0),
    provider: String(lease?.id?.provider ?? ""),
    bseq: Number(lease?.id?.bseq ?? 0),
    state: lease?.state ?? "",
    price: { denom: lease?.price?.denom ?? "", amount: Number(lease?.price?.amount ?? 0) },
  }));
}

export interface ProviderView {
  address: string;
  hostUri: string;
  name: string;
  region?: string;
  country?: string;
  organization?: string;
  attributes: Array<{ key: string; value: string }>;
  /** Auditors that signed this provider's attributes. */
  auditors: string[];
  gpuModels: string[];
}

/** Providers with their audit signatures. */
export async function listProviders(restUrl: string, signal?: AbortSignal): Promise<ProviderView[]> {
  const [providers, audits] = await Promise.all([
    requestJson<{ providers?: Array<{ owner: string; host_uri: string; attributes?: Array<{ key: string; value: string }> }> }>(joinUrl(restUrl, "/akash/provider/v1beta4/providers?pagination.limit=500"), { signal }),
    requestJson<{ providers?: Array<{ owner: string; auditor: string }> }>(joinUrl(restUrl, "/akash/audit/v1/audit/attributes/list?pagination.limit=1000"), { signal }).catch(() => ({ providers: [] })),
  ]);
  const auditorsBy = new Map<string, string[]>();
  for (const a of audits.providers ?? []) auditorsBy.set(a.owner, [...(auditorsBy.get(a.owner) ?? []), a.auditor]);
  return (providers.providers ?? []).map((p) => {
    const attributes = p.attributes ?? [];
    const attr = (key: string) => attributes.find((a) => a.key === key)?.value;
    let host = p.host_uri;
    try {
      host = new URL(p.host_uri).hostname;
    } catch {
      // keep as is
    }
    return {
      address: p.owner,
      hostUri: p.host_uri,
      name: attr("organization") ?? host,
      organization: attr("organization"),
      region: attr("region") ?? attr("location-region"),
      country: attr("country") ?? attr("location-country"),
      attributes,
      auditors: auditorsBy.get(p.owner) ?? [],
      gpuModels: gpuModelsOf(attributes),
    };
  });
}

/** `capabilities/gpu/vendor/nvidia/model/a100` → "nvidia a100". */
export function gpuModelsOf(attributes: Array<{ key: string; value: string }>): string[] {
  const models = new Set<string>();
  for (const { key, value } of attributes) {
    const match = /^capabilities\/gpu\/vendor\/([^/]+)\/model\/([^/]+)$/.exec(key);
    if (match && value === "true") models.add(`${match[1]} ${match[2]}`);
  }
  return [...models].sort();
}
