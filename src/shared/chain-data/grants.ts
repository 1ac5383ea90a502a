/**
 * Grants between accounts, read from x/authz and x/feegrant: what the Authorizations page lists, what the review
 * step offers to fund a deployment from, and what the team dashboard shows as used. A node without these modules
 * (or a gateway that hides them) answers with an error the caller shows; nothing is guessed.
 */
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { listGrantsByGrantee, listGrantsByGranter } from "@/lib/chain/authz";
import { listAllowances, listIssuedAllowances } from "@/lib/chain/feegrant";
import type { FeeAllowanceReader } from "@/lib/tx/fee-granter";
import { useNetwork } from "@/shared/network";
import { grantKeys } from "./keys";

const REFRESH_MS = 15_000;

/** The network a read goes to: its id (for the cache key) and REST gateway. */
type ChainEndpoint = { id: string; restUrl: string };

export function useDepositGrantsGiven(granter: string | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: grantKeys.authzGiven(network.id, granter ?? ""),
    queryFn: ({ signal }) => listGrantsByGranter(network.restUrl, granter!, signal),
    enabled: Boolean(granter),
    refetchInterval: REFRESH_MS,
  });
}

export function useDepositGrantsReceived(grantee: string | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: grantKeys.authzReceived(network.id, grantee ?? ""),
    queryFn: ({ signal }) => listGrantsByGrantee(network.restUrl, grantee!, signal),
    enabled: Boolean(grantee),
    refetchInterval: REFRESH_MS,
  });
}

export function useFeeAllowancesGiven(granter: string | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: grantKeys.feeGiven(network.id, granter ?? ""),
    queryFn: ({ signal }) => listIssuedAllowances(network.restUrl, granter!, signal),
    enabled: Boolean(granter),
    refetchInterval: REFRESH_MS,
  });
}

/** The allowances `grantee` received: one cache entry for the Authorizations page and the wallet's fee choice. */
function feeAllowancesReceivedQuery(network: ChainEndpoint, grantee: string) {
  return queryOptions({ queryKey: grantKeys.feeReceived(network.id, grantee), queryFn: ({ signal }) => listAllowances(network.restUrl, grantee, signal) });
}

export function useFeeAllowancesReceived(grantee: string | undefined) {
  const { network } = useNetwork();
  return useQuery({ ...feeAllowancesReceivedQuery(network, grantee ?? ""), enabled: Boolean(grantee), refetchInterval: REFRESH_MS });
}

/**
 * How old the cached allowances may be when choosing who pays a fee: the review's estimate and the signing moments
 * later share one read, and every signed transaction invalidates it.
 */
export const FEE_CHOICE_STALE_MS = 10_000;

/** The signer's allowances for the fee choice (lib/tx/fee-granter), through the cache; a fresh read refreshes the page's list too. */
export function feeAllowanceReader(queryClient: QueryClient, network: ChainEndpoint, grantee: string): FeeAllowanceReader {
  const query = feeAllowancesReceivedQuery(network, grantee);
  // No retries: a node that cannot say (a gateway without x/feegrant) must not hold up signing; the signer pays.
  return (fresh) => queryClient.fetchQuery({ ...query, staleTime: fresh ? 0 : FEE_CHOICE_STALE_MS, retry: false });
}
