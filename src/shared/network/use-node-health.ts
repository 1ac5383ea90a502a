import { useQuery } from "@tanstack/react-query";
import { checkNodeHealth, type NodeHealth } from "@/lib/chain/health";
import type { NetworkConfig } from "@/lib/networks/networks";
import { useNetwork } from "./network-context";

export const networkKeys = {
  all: (network: NetworkConfig) => ["network", network.id, network.rpcUrl, network.restUrl] as const,
  health: (network: NetworkConfig) => [...networkKeys.all(network), "health"] as const,
};

/** Polls the node; never throws (a down node is a state). Keeps polling, so it recovers by itself. */
export function useNodeHealth(): { health: NodeHealth | undefined; network: NetworkConfig } {
  const { network } = useNetwork();
  const interval = Math.min(Math.max(network.blockTimeMs, 1000), 6000);
  const query = useQuery({
    queryKey: networkKeys.health(network),
    queryFn: ({ signal }) => checkNodeHealth(network, signal),
    refetchInterval: (q) => (q.state.data && q.state.data.state !== "ok" ? Math.min(interval, 3000) : interval),
    refetchIntervalInBackground: false,
    retry: false,
    staleTime: 0,
  });
  return { health: query.data, network };
}
