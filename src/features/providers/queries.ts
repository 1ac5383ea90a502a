/** The providers pages' data: chain reads (shared hooks) joined with audits and live status through the proxy. */
import { useAuditList, useLeasesWithProvider, useProvider, useProviderAudits, useProviderList } from "@/shared/chain-data";
import { useNetwork, useTrustedAuditors } from "@/shared/network";
import { classifyLiveFailure, useProviderStatus, useProviderStatuses, useProviderVersion } from "@/shared/provider-session";
import type { ProviderStatusSummary, ProviderVersion } from "@/lib/provider-proxy/provider-status";
import { toProviderRow, type LiveState, type ProviderRow } from "./provider-list";

export { classifyLiveFailure, useLeasesWithProvider };

function liveStateOf(query: { isPending: boolean; isError: boolean; data?: ProviderStatusSummary; error: unknown }, proxyConfigured: boolean, networkLabel: string): LiveState {
  if (!proxyConfigured) return { state: "unknown", reason: `No provider proxy is configured for ${networkLabel}.` };
  if (query.data && !query.isError) return { state: "online", status: query.data };
  if (query.isError) {
    const failure = classifyLiveFailure(query.error);
    return failure.proxyUnreachable ? { state: "unknown", reason: failure.message } : { state: "offline", reason: failure.message };
  }
  return { state: "checking" };
}

function liveUnavailable(proxyUrl: string | undefined, networkLabel: string, proxyDown: boolean): string | null {
  if (!proxyUrl) return `no provider proxy is configured for ${networkLabel}`;
  return proxyDown ? `the provider proxy at ${proxyUrl} is not reachable` : null;
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
  const providers = useProviderList();
  const audits = useAuditList();
  const list = providers.data ?? [];
  const { client, results } = useProviderStatuses(list);
  const rows = list.map((p, i) => toProviderRow(p, audits.data?.get(p.owner) ?? [], liveStateOf(results[i]!, client !== null, network.label), trusted));
  const proxyDown = results.some((s) => s.isError && classifyLiveFailure(s.error).proxyUnreachable);
  return {
    rows,
    isPending: providers.isPending,
    error: providers.error,
    auditError: audits.error,
    liveUnavailable: liveUnavailable(client?.proxyUrl, network.label, proxyDown),
    refetch: () => void providers.refetch(),
  };
}

export interface ProviderDetailData {
  row: ProviderRow | null;
  isPending: boolean;
  error: Error | null;
  auditError: Error | null;
  /** The chain has no provider at this address. */
  notFound: boolean;
  liveUnavailable: string | null;
  version: { data?: ProviderVersion; error: Error | null; isPending: boolean };
}

export function useProviderDetail(owner: string): ProviderDetailData {
  const { network } = useNetwork();
  const { trusted } = useTrustedAuditors();
  const provider = useProvider(owner);
  const audits = useProviderAudits(owner);
  const found = provider.data ?? undefined;
  const { client, query: status } = useProviderStatus(found);
  const version = useProviderVersion(found);
  const row = found ? toProviderRow(found, audits.data ?? [], liveStateOf(status, client !== null, network.label), trusted) : null;
  const proxyDown = status.isError && classifyLiveFailure(status.error).proxyUnreachable;
  return {
    row,
    isPending: provider.isPending,
    error: provider.error,
    notFound: provider.data === null,
    auditError: audits.error,
    liveUnavailable: liveUnavailable(client?.proxyUrl, network.label, proxyDown),
    version: { data: version.data, error: version.error, isPending: version.isPending && version.fetchStatus !== "idle" },
  };
}

