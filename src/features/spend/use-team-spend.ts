import { useQuery } from "@tanstack/react-query";
import { loadTeamSpend } from "@/lib/spend/load";
import { spendKeys } from "@/shared/chain-data/keys";
import { useNetwork } from "@/shared/network";

/** A team's spend from the chain (leases, escrow, balances, a few headers); refreshed every minute. */
export function useTeamSpend(addresses: ReadonlyArray<string>, from: string, to: string) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: spendKeys.team(network.id, addresses, from, to),
    queryFn: ({ signal }) => loadTeamSpend({ restUrl: network.restUrl, addresses, from, to, signal }),
    enabled: addresses.length > 0 && from <= to,
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: 1,
  });
}
