import { useQueries, useQuery } from "@tanstack/react-query";
import { getErrorMessage } from "@/lib/errors";
import { isProviderProxyError, providerUrl, type ProviderProxyClient } from "@/lib/provider-proxy";
import { parseProviderStatus, parseProviderVersion, type ProviderStatusSummary } from "@/lib/provider-proxy/provider-status";
import { providerKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { useProviderSession } from "./session";

const STATUS_TIMEOUT_MS = 5000;

interface ProviderAddress {
  owner: string;
  hostUri: string;
}

/** Why a live read failed: the proxy itself (unreachable, so nothing is known) or the provider (offline). */
export type LiveFailure = { proxyUnreachable: boolean; message: string };

export function classifyLiveFailure(error: unknown): LiveFailure {
  // The proxy answers with a status for everything it decides; no status means it could not be reached.
  if (isProviderProxyError(error) && error.status === undefined) return { proxyUnreachable: true, message: error.message };
  if (isProviderProxyError(error)) return { proxyUnreachable: false, message: error.details.providerMessage || error.message };
  return { proxyUnreachable: false, message: getErrorMessage(error) };
}

async function getJson(client: ProviderProxyClient, provider: ProviderAddress, path: string, signal: AbortSignal): Promise<unknown> {
  const response = await client.request({ method: "GET", url: providerUrl(provider.hostUri, path), providerAddress: provider.owner, timeout: STATUS_TIMEOUT_MS, signal });
  return response.json<unknown>();
}

function statusQuery(client: ProviderProxyClient | null, networkId: string, provider: ProviderAddress, enabled = true) {
  return {
    queryKey: providerKeys.status(networkId, client?.proxyUrl ?? "", provider.owner, provider.hostUri),
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<ProviderStatusSummary> => parseProviderStatus(await getJson(client!, provider, "/status", signal)),
    enabled: enabled && client !== null && Boolean(provider.hostUri),
    retry: false,
    refetchInterval: 30_000,
    staleTime: 15_000,
  };
}

/** Live `/status` (unauthenticated) of each provider, through the proxy; one cache entry per provider. */
export function useProviderStatuses(providers: ReadonlyArray<ProviderAddress>) {
  const { network } = useNetwork();
  const { client } = useProviderSession();
  return { client, results: useQueries({ queries: providers.map((p) => statusQuery(client, network.id, p)) }) };
}

export function useProviderStatus(provider: ProviderAddress | undefined) {
  const { network } = useNetwork();
  const { client } = useProviderSession();
  return { client, query: useQuery(statusQuery(client, network.id, provider ?? { owner: "", hostUri: "" }, Boolean(provider))) };
}

export function useProviderVersion(provider: ProviderAddress | undefined) {
  const { network } = useNetwork();
  const { client } = useProviderSession();
  return useQuery({
    queryKey: providerKeys.version(network.id, client?.proxyUrl ?? "", provider?.owner ?? "", provider?.hostUri ?? ""),
    queryFn: async ({ signal }) => parseProviderVersion(await getJson(client!, provider!, "/version", signal)),
    enabled: client !== null && Boolean(provider?.hostUri),
    retry: false,
    staleTime: 5 * 60_000,
  });
}
