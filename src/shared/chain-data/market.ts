import { useQuery } from "@tanstack/react-query";
import { fetchMarketSnapshot } from "@/lib/pricing/market-data";
import { useNetwork } from "@/shared/network";
import { marketKeys } from "./keys";

export type { MarketSnapshot } from "@/lib/pricing/market-data";

/** Provider price lists, recent bids and deposits of the current network: one cache for every estimate. */
export function useMarketSnapshot() {
  const { network } = useNetwork();
  return useQuery({
    queryKey: marketKeys.snapshot(network.id),
    queryFn: () => fetchMarketSnapshot(network.restUrl, network.proxyUrl, network.proxyNetwork),
    enabled: Boolean(network.restUrl),
    staleTime: 15_000,
    // Providers register and bids arrive over time; keep estimates current while a page is open.
    refetchInterval: 30_000,
    retry: false,
  });
}
