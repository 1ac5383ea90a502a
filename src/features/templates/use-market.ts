import { useQuery } from "@tanstack/react-query";
import { useNetwork } from "@/shared/network";
import { fetchMarketSnapshot } from "@/lib/pricing/market-data";

/** Provider prices and recent bids of the current network, for "likely" prices on cards (cache shared with the editor). */
export function useMarketSnapshot() {
  const { network } = useNetwork();
  return useQuery({
    queryKey: ["sdl-editor", "market", network.restUrl, network.proxyUrl, network.proxyNetwork],
    queryFn: () => fetchMarketSnapshot(network.restUrl, network.proxyUrl, network.proxyNetwork),
    enabled: Boolean(network.restUrl),
    staleTime: 15_000,
    retry: false,
  });
}
