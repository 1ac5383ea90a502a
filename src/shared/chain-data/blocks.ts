import { useQuery } from "@tanstack/react-query";
import { getBlock, getLatestBlock } from "@/lib/chain/blocks";
import { measureBlockTime } from "@/lib/chain/block-time";
import type { BlockTiming } from "@/lib/pricing/time";
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

const TIMING_REFRESH_MS = 10 * 60_000;

/** The block-time measurement as one cached query per network; pages that need it inside a load use fetchQuery. */
export function blockTimingQuery(network: { id: string; restUrl: string }) {
  return {
    queryKey: chainKeys.blockTiming(network.id),
    queryFn: ({ signal }: { signal?: AbortSignal }) => measureBlockTime(network.restUrl, { signal }),
    staleTime: TIMING_REFRESH_MS,
  };
}

/**
 * The network's block time for every per-hour, per-month and time-left figure: measured over recent headers,
 * cached per network; the network's nominal block time stands in (with `measured: false`, so screens say
 * "estimated") until the measurement lands or when the node cannot give one.
 */
export function useBlockTiming(): BlockTiming {
  const { network } = useNetwork();
  const measured = useQuery({ ...blockTimingQuery(network), refetchInterval: TIMING_REFRESH_MS });
  const m = measured.data;
  return m ? { secondsPerBlock: m.secondsPerBlock, measured: true, fromHeight: m.fromHeight, toHeight: m.toHeight } : { secondsPerBlock: network.blockTimeMs / 1000, measured: false };
}
