/**
 * Grants between accounts, read from x/authz and x/feegrant: what the Authorizations page lists, what the review
 * step offers to fund a deployment from, and what the team dashboard shows as used. A node without these modules
 * (or a gateway that hides them) answers with an error the caller shows; nothing is guessed.
 */
import { useQuery } from "@tanstack/react-query";
import { listGrantsByGrantee, listGrantsByGranter } from "@/lib/chain/authz";
import { listAllowances, listIssuedAllowances } from "@/lib/chain/feegrant";
import { useNetwork } from "@/shared/network";
import { grantKeys } from "./keys";

const REFRESH_MS = 15_000;

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

export function useFeeAllowancesReceived(grantee: string | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: grantKeys.feeReceived(network.id, grantee ?? ""),
    queryFn: ({ signal }) => listAllowances(network.restUrl, grantee!, signal),
    enabled: Boolean(grantee),
    refetchInterval: REFRESH_MS,
  });
}
