/** Chain reads (providers, audits, leases) and live provider reads through the provider proxy. */
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { joinUrl, requestJson } from "@/lib/chain/http";
import { getProviders } from "@/lib/chain/queries";
import { isProviderProxyError, ProviderProxyClient, providerUrl } from "@/lib/provider-proxy";
import { useNetwork, useTrustedAuditors } from "@/shared/network";
import type { Attribute } from "./attributes";
import type { AuditSignature } from "./auditors";
import { toProviderRow, type ChainProvider, type LiveState, type ProviderRow } from "./provider-list";
import { parseProviderStatus, parseProviderVersion, type ProviderStatusSummary, type ProviderVersion } from "./status";

type RawAudit = { owner?: string; auditor?: string; attributes?: Attribute[] };

function toSignature(a: RawAudit): AuditSignature {
  return { auditor: a.auditor ?? "", attributes: a.attributes ?? [] };
}

/** All audit signatures on chain, by provider owner. Audits are optional context: a failure yields none. */
async function getAllAudits(restUrl: string, signal?: AbortSignal): Promise<Map<string, AuditSignature[]>> {
  const body = await requestJson<{ providers?: RawAudit[] }>(joinUrl(restUrl, "/akash/audit/v1/audit/attributes/list?pagination.limit=1000"), { signal });
  const byOwner = new Map<string, AuditSignature[]>();
  for (const a of body.providers ?? []) if (a.owner) byOwner.set(a.owner, [...(byOwner.get(a.owner) ?? []), toSignature(a)]);
  return byOwner;
}

async function getProviderAudits(restUrl: string, owner: string, signal?: AbortSignal): Promise<AuditSignature[]> {
  const body = await requestJson<{ providers?: RawAudit[] }>(joinUrl(restUrl, `/akash/audit/v1/audit/attributes/${encodeURIComponent(owner)}/list`), { signal });
  return (body.providers ?? []).map(toSignature);
}

async function getProvider(restUrl: string, owner: string, signal?: AbortSignal): Promise<ChainProvider> {
  const body = await requestJson<{ provider?: { owner: string; host_uri: string; attributes?: Attribute[]; info?: { email?: string; website?: string } } }>(
    joinUrl(restUrl, `/akash/provider/v1beta4/providers/${encodeURIComponent(owner)}`),
    { signal },
  );
  const p = body.provider;
  if (!p) throw new Error(`No provider ${owner} on this network`);
  return { owner: p.owner, hostUri: p.host_uri, attributes: p.attributes ?? [], email: p.info?.email ?? "", website: p.info?.website ?? "" };
}

export interface ProviderLease {
  dseq: string;
  gseq: number;
  oseq: number;
  state: string;
  price: { denom: string; amount: string };
  createdAt: string;
}

async function getLeasesWith(restUrl: string, owner: string, provider: string, signal?: AbortSignal): Promise<ProviderLease[]> {
  const body = await requestJson<{ leases?: Array<{ lease?: { id?: Record<string, unknown>; state?: string; price?: { denom?: string; amount?: string }; created_at?: string } }> }>(
    joinUrl(restUrl, `/akash/market/v1beta5/leases/list?filters.owner=${encodeURIComponent(owner)}&filters.provider=${encodeURIComponent(provider)}&pagination.limit=200`),
    { signal },
  );
  return (body.leases ?? []).map(({ lease }) => ({
    dseq: String(lease?.id?.dseq ?? ""),
    gseq: Number(lease?.id?.gseq ?? 0),
    oseq: Number(lease?.id?.oseq ?? 0),
    state: lease?.state ?? "",
    price: { denom: lease?.price?.denom ?? "", amount: lease?.price?.amount ?? "0" },
    createdAt: lease?.created_at ?? "",
  }));
}

/** Why a live read failed: the proxy itself (unreachable, so nothing is known) or the provider (offline). */
export type LiveFailure = { proxyUnreachable: true; message: string } | { proxyUnreachable: false; message: string };

export function classifyLiveFailure(error: unknown): LiveFailure {
  // The proxy answers with a status for everything it decides; no status means it could not be reached.
  if (isProviderProxyError(error) && error.status === undefined) return { proxyUnreachable: true, message: error.message };
  if (isProviderProxyError(error)) return { proxyUnreachable: false, message: error.details.providerMessage || error.message };
  return { proxyUnreachable: false, message: error instanceof Error ? error.message : String(error) };
}

const STATUS_TIMEOUT_MS = 5000;

function useProxyClient(): ProviderProxyClient | null {
  const { network } = useNetwork();
  return useMemo(() => (network.proxyUrl ? new ProviderProxyClient({ proxyUrl: network.proxyUrl, network: network.proxyNetwork }) : null), [network.proxyUrl, network.proxyNetwork]);
}

async function getJsonThroughProxy(client: ProviderProxyClient, hostUri: string, path: string, providerAddress: string, signal: AbortSignal): Promise<unknown> {
  const response = await client.request({ method: "GET", url: providerUrl(hostUri, path), providerAddress, timeout: STATUS_TIMEOUT_MS, signal });
  return response.json<unknown>();
}

function statusQuery(client: ProviderProxyClient | null, networkId: string, provider: Pick<ChainProvider, "owner" | "hostUri">) {
  return {
    queryKey: ["providers", networkId, client?.proxyUrl ?? "", "status", provider.owner, provider.hostUri],
    queryFn: async ({ signal }: { signal: AbortSignal }) => parseProviderStatus(await getJsonThroughProxy(client!, provider.hostUri, "/status", provider.owner, signal)),
    enabled: client !== null,
    retry: false,
    refetchInterval: 30_000,
    staleTime: 15_000,
  };
}

function liveStateOf(query: { isPending: boolean; isError: boolean; data?: ProviderStatusSummary; error: unknown }, proxyConfigured: boolean, networkLabel: string): LiveState {
  if (!proxyConfigured) return { state: "unknown", reason: `No provider proxy is configured for ${networkLabel}.` };
  if (query.data && !query.isError) return { state: "online", status: query.data };
  if (query.isError) {
    const failure = classifyLiveFailure(query.error);
    return failure.proxyUnreachable ? { state: "unknown", reason: failure.message } : { state: "offline", reason: failure.message };
  }
  return { state: "checking" };
}

export interface ProvidersData {
  rows: ProviderRow[];
  isPending: boolean;
  error: Error | null;
  /** The audit list could not be read (badges may be missing). */
  auditError: Error | null;
  /** Live status cannot be read at all: no proxy configured, or the proxy is unreachable. */
  liveUnavailable: string | null;
  refetch: () => void;
}

export function useProviders(): ProvidersData {
  const { network } = useNetwork();
  const { trusted } = useTrustedAuditors();
  const client = useProxyClient();
  const providers = useQuery({
    queryKey: ["providers", network.id, network.restUrl, "list"],
    queryFn: ({ signal }) => getProviders(network.restUrl, signal),
    refetchInterval: 60_000,
  });
  const audits = useQuery({
    queryKey: ["providers", network.id, network.restUrl, "audits"],
    queryFn: ({ signal }) => getAllAudits(network.restUrl, signal),
    refetchInterval: 60_000,
  });
  const list = providers.data ?? [];
  const statuses = useQueries({ queries: list.map((p) => statusQuery(client, network.id, p)) });
  const rows = list.map((p, i) => toProviderRow(p, audits.data?.get(p.owner) ?? [], liveStateOf(statuses[i]!, client !== null, network.label), trusted));
  const proxyDown = statuses.some((s) => s.isError && classifyLiveFailure(s.error).proxyUnreachable);
  return {
    rows,
    isPending: providers.isPending,
    error: providers.error,
    auditError: audits.error,
    liveUnavailable: !client ? `no provider proxy is configured for ${network.label}` : proxyDown ? `the provider proxy at ${client.proxyUrl} is not reachable` : null,
    refetch: () => void providers.refetch(),
  };
}

export interface ProviderDetailData {
  row: ProviderRow | null;
  isPending: boolean;
  error: Error | null;
  auditError: Error | null;
  liveUnavailable: string | null;
  version: { data?: ProviderVersion; error: Error | null; isPending: boolean };
}

export function useProviderDetail(owner: string): ProviderDetailData {
  const { network } = useNetwork();
  const { trusted } = useTrustedAuditors();
  const client = useProxyClient();
  const provider = useQuery({
    queryKey: ["providers", network.id, network.restUrl, "provider", owner],
    queryFn: ({ signal }) => getProvider(network.restUrl, owner, signal),
    refetchInterval: 60_000,
  });
  const audits = useQuery({
    queryKey: ["providers", network.id, network.restUrl, "audits", owner],
    queryFn: ({ signal }) => getProviderAudits(network.restUrl, owner, signal),
    refetchInterval: 60_000,
  });
  const target = provider.data ?? { owner, hostUri: "" };
  const status = useQuery({ ...statusQuery(client, network.id, target), enabled: client !== null && Boolean(provider.data) });
  const version = useQuery({
    queryKey: ["providers", network.id, client?.proxyUrl ?? "", "version", owner, target.hostUri],
    queryFn: async ({ signal }) => parseProviderVersion(await getJsonThroughProxy(client!, target.hostUri, "/version", owner, signal)),
    enabled: client !== null && Boolean(provider.data),
    retry: false,
    staleTime: 5 * 60_000,
  });
  const row = provider.data ? toProviderRow(provider.data, audits.data ?? [], liveStateOf(status, client !== null, network.label), trusted) : null;
  const proxyDown = status.isError && classifyLiveFailure(status.error).proxyUnreachable;
  return {
    row,
    isPending: provider.isPending,
    error: provider.error,
    auditError: audits.error,
    liveUnavailable: !client ? `no provider proxy is configured for ${network.label}` : proxyDown ? `the provider proxy at ${client.proxyUrl} is not reachable` : null,
    version: { data: version.data, error: version.error, isPending: version.isPending && version.fetchStatus !== "idle" },
  };
}

export function useLeasesWithProvider(tenant: string | undefined, provider: string) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: ["providers", network.id, network.restUrl, "leases", tenant, provider],
    queryFn: ({ signal }) => getLeasesWith(network.restUrl, tenant!, provider, signal),
    enabled: Boolean(tenant),
    refetchInterval: 30_000,
  });
}
