import { useQueries } from "@tanstack/react-query";
import { ProviderProxyClient } from "@/lib/provider-proxy";
import type { ProviderView } from "@/lib/deployment/queries";
import type { NetworkConfig } from "@/lib/networks/networks";

interface ProviderStatusBody {
  cluster?: { leases?: number };
}

/** Online state of providers from their `/status` through the proxy (unauthenticated). */
export function useProviderOnline(network: NetworkConfig, providers: ProviderView[]): Map<string, { online: boolean | undefined; leases?: number; error?: string }> {
  const results = useQueries({
    queries: providers.map((p) => ({
      queryKey: ["provider-status", network.id, p.address, p.hostUri],
      queryFn: () => new ProviderProxyClient({ proxyUrl: network.proxyUrl, network: network.proxyNetwork }).providerStatus<ProviderStatusBody>(p.hostUri, p.address, 4000),
      enabled: Boolean(network.proxyUrl),
      retry: false,
      staleTime: 10_000,
      refetchInterval: 15_000,
    })),
  });
  const map = new Map<string, { online: boolean | undefined; leases?: number; error?: string }>();
  providers.forEach((p, i) => {
    const r = results[i];
    if (!r || r.isPending) map.set(p.address, { online: undefined });
    else if (r.isError) map.set(p.address, { online: false, error: r.error instanceof Error ? r.error.message : String(r.error) });
    else map.set(p.address, { online: true, leases: r.data?.cluster?.leases });
  });
  return map;
}
