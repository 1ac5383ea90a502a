import { useMemo } from "react";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { listDeployments } from "@/lib/chain/deployment";
import { loadSpendNow, loadSpendPeriod, type TeamSpend } from "@/lib/spend/load";
import { blockTimingQuery } from "@/shared/chain-data/blocks";
import { deploymentKeys, spendKeys } from "@/shared/chain-data/keys";
import { spendHeaderSource } from "@/shared/chain-data/spend-headers";
import { useNetwork } from "@/shared/network";

/**
 * A team's spend from the chain, in two queries so the page is usable before the history arrives: `now` (leases,
 * escrow, balances: burn, runways, the deployments) refreshed every minute, then `period` (the day boundaries' block
 * headers, cached per network, and the range's history) for each new "now". While a refresh computes the same range
 * again, the previous period stays shown; a new range shows as loading.
 */
export function useTeamSpend(addresses: ReadonlyArray<string>, from: string, to: string) {
  const { network } = useNetwork();
  const queryClient = useQueryClient();
  const nowOptions = queryOptions({
    queryKey: spendKeys.now(network.id, addresses),
    queryFn: ({ signal }) =>
      loadSpendNow({
        restUrl: network.restUrl,
        addresses,
        signal,
        // The block time every page measures, from the same cache (prefetched as the app starts; not measured twice).
        readBlockTime: () => queryClient.fetchQuery(blockTimingQuery(network)),
        // Through the cache: the grants card on this page lists the same deployments, and a team's 1,000 are the
        // node's heaviest answer; one request serves both.
        readDeployments: (owner) =>
          queryClient.fetchQuery({ queryKey: deploymentKeys.list(network.id, owner), queryFn: ({ signal: s }) => listDeployments(network.restUrl, owner, s), staleTime: 5_000 }),
      }),
    enabled: addresses.length > 0,
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: 1,
  });
  // Started as the page renders, not from the effect that runs after the commit and the first paint (100–200 ms
  // later on a busy machine): these are the page's slowest reads. What TanStack's usePrefetchQuery does, when enabled.
  if (addresses.length > 0 && queryClient.getQueryState(nowOptions.queryKey) === undefined) void queryClient.prefetchQuery(nowOptions);
  const now = useQuery(nowOptions);
  const current = now.data;
  const period = useQuery({
    queryKey: spendKeys.period(network.id, addresses, from, to, current?.latest.height ?? 0),
    queryFn: ({ signal }) => loadSpendPeriod(current!, { from, to, signal, headerSource: spendHeaderSource(network.id, network.restUrl, signal) }),
    enabled: current !== undefined && from <= to,
    // Keyed by the latest height it was computed at: it never goes stale, a newer "now" makes a new key.
    staleTime: Infinity,
    placeholderData: (previous) => (previous && previous.range.from === from && previous.range.to === to ? previous : undefined),
    retry: 1,
  });
  const spend = useMemo<TeamSpend | undefined>(() => (current && period.data ? { ...current, ...period.data } : undefined), [current, period.data]);
  return { now, period, spend };
}
