import { useQuery } from "@tanstack/react-query";
import { getBlock, getLatestBlock } from "@/lib/chain/blocks";
import { useNetwork, useNodeHealth } from "@/shared/network";
import { chainKeys } from "./keys";

/** Latest block height: from the node health poll, or REST when health has none yet. */
export function useLatestHeight(): number | undefined {
  const { network } = useNetwork();
  const { health } = useNodeHealth();
  const fallback = useQuery({
    queryKey: chainKeys.latestHeight(network.id),
    queryFn: async ({ signal }) => (await getLatestBlock(network.restUrl, signal)).height,
    enabled: !health?.height,
    refetchInterval: Math.max(network.blockTimeMs, 3000),
  });
  return health?.height ?? fallback.data;
}

/** When a block was made (ms since epoch); blocks never change, so this is read once. */
export function useBlockTime(height: number | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: chainKeys.block(network.id, height ?? 0),
    queryFn: async ({ signal }) => Date.parse((await getBlock(network.restUrl, height!, signal)).time) || undefined,
    enabled: Boolean(height),
    staleTime: Infinity,
  });
}
