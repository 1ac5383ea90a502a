import { useQuery } from "@tanstack/react-query";
import { fetchMarketSnapshot } from "@/lib/pricing/market-data";

export type { MarketSnapshot } from "@/lib/pricing/market-data";

export function useMarketData(restUrl: string, proxyUrl: string, proxyNetwork = "") {
  return useQuery({
    queryKey: ["sdl-editor", "market", restUrl, proxyUrl, proxyNetwork],
    queryFn: () => fetchMarketSnapshot(restUrl, proxyUrl, proxyNetwork),
    enabled: Boolean(restUrl),
    staleTime: 15_000,
    // Providers register and bids arrive over time; keep the estimate current while the page is open.
    refetchInterval: 30_000,
    retry: false,
  });
}
