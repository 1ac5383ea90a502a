/** Accepting bids: one transaction with a MsgCreateLease per bid; the leases it creates are in the cache on return. */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import type { Bid } from "@/lib/chain/market";
import { buildCreateLeaseMsg } from "@/lib/deployment/messages";
import type { TxResult } from "@/lib/tx/signing";
import { accountKeys, bidKeys, deploymentKeys, leaseKeys } from "@/shared/chain-data";
import { invalidate, useMutationDeps, type MutationDeps } from "@/shared/deployment-actions";

export interface AcceptRequest {
  owner: string;
  dseq: string;
  bids: Bid[];
  /** What the wallet dialog says, e.g. "Accept bid from Westwind Compute". */
  title: string;
}

export function acceptBidsMutation({ queryClient, networkId, send }: MutationDeps): MutationOptions<TxResult | null, Error, AcceptRequest> {
  return {
    mutationFn: ({ bids, title }) => (bids.length ? send(bids.map(buildCreateLeaseMsg), { title }) : Promise.resolve(null)),
    // Awaited, so the mutation is pending until the new leases are read: the page goes straight to the rollout.
    onSuccess: (tx, { owner, dseq }) =>
      tx ? invalidate(queryClient, leaseKeys.all(networkId, owner), bidKeys.list(networkId, owner, dseq), deploymentKeys.detail(networkId, owner, dseq), accountKeys.balances(networkId, owner)) : undefined,
  };
}

export function useAcceptBids() {
  return useMutation(acceptBidsMutation(useMutationDeps()));
}
