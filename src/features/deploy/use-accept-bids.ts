/** Accepting bids: one transaction with a MsgCreateLease per bid; the leases it creates are in the cache on return. */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import { leaseKey, type Bid, type Lease } from "@/lib/chain/market";
import { buildCreateLeaseMsg } from "@/lib/deployment/messages";
import { perBlockToHourly, perBlockToMonthly } from "@/lib/pricing/time";
import type { TxResult } from "@/lib/tx/signing";
import type { TxMove } from "@/lib/wallet/tx-moves";
import { accountKeys, bidKeys, deploymentKeys, leaseKeys } from "@/shared/chain-data";
import { invalidate, useMutationDeps, type MutationDeps } from "@/shared/deployment-actions";

export interface AcceptRequest {
  owner: string;
  dseq: string;
  bids: Bid[];
  /** What the wallet dialog says, e.g. "Accept bid from Westwind Compute". */
  title: string;
  /** The network's measured block time: the lease price per hour and per month in the signing dialog. */
  secondsPerBlock: number;
  /** Called with the new leases the moment their block is confirmed (they are in the cache by then). */
  /** Starts the manifests' send; the promise settles when they are sent (the wallet holds its refetch until then). */
  onLeases?: (leases: Lease[]) => Promise<unknown> | void;
}

/** The signing dialog's lines: what the leases cost per hour and per month, paid from the escrow to the providers. */
export function leaseMoves(bids: ReadonlyArray<Bid>, secondsPerBlock: number): TxMove[] {
  const perBlock = new Map<string, number>();
  for (const bid of bids) perBlock.set(bid.price.denom, (perBlock.get(bid.price.denom) ?? 0) + bid.price.amount);
  const note = "Paid every block from the deployment's escrow to the provider, until you close it or the escrow runs out.";
  return [...perBlock].flatMap(([denom, amount]): TxMove[] => [
    { label: bids.length === 1 ? "Lease price" : `Lease price (${bids.length} leases)`, amount: { denom, base: perBlockToHourly(amount, secondsPerBlock) }, per: "hour" },
    { label: "Per month", amount: { denom, base: perBlockToMonthly(amount, secondsPerBlock) }, per: "month", note },
  ]);
}

/** The leases a confirmed MsgCreateLease per bid made: the chain creates them exactly from the bids' ids and prices. */
export function leasesFromAcceptedBids(owner: string, dseq: string, bids: Bid[], height: number): Lease[] {
  return bids.map((bid) => ({
    owner,
    dseq,
    gseq: bid.gseq,
    oseq: bid.oseq,
    provider: bid.provider,
    bseq: bid.bseq,
    state: "active",
    price: { denom: bid.price.denom, amount: String(bid.price.amount) },
    createdAt: height,
    closedOn: 0,
    reason: "",
    payment: null,
  }));
}

/** Adds leases to a cached list, keeping what the chain already said about any of them. */
export function withLeases(cached: Lease[] | undefined, created: Lease[]): Lease[] {
  const known = new Set((cached ?? []).map(leaseKey));
  return [...(cached ?? []), ...created.filter((lease) => !known.has(leaseKey(lease)))];
}

export function acceptBidsMutation({ queryClient, networkId, send }: MutationDeps): MutationOptions<TxResult | null, Error, AcceptRequest> {
  // The new leases go into the cache the moment their block is confirmed, so the rollout (and the manifest) starts
  // without waiting for a read, nor for the wallet's refetch of the chain queries; the chain's own copy replaces
  // them when the refetch lands.
  const addLeases = ({ owner, dseq, bids }: AcceptRequest, tx: TxResult): Lease[] => {
    const created = leasesFromAcceptedBids(owner, dseq, bids, tx.height);
    queryClient.setQueryData<Lease[]>(leaseKeys.list(networkId, owner, dseq), (cached) => withLeases(cached, created));
    return created;
  };
  return {
    mutationFn: (request) => {
      const { bids, title, secondsPerBlock, onLeases } = request;
      if (!bids.length) return Promise.resolve(null);
      return send(bids.map(buildCreateLeaseMsg), { title, moves: leaseMoves(bids, secondsPerBlock), onConfirmed: (tx) => onLeases?.(addLeases(request, tx)) });
    },
    onSuccess: (tx, request) => {
      if (!tx) return;
      const { owner, dseq } = request;
      // Again, should the wallet not have said when the block was confirmed.
      addLeases(request, tx);
      void invalidate(queryClient, leaseKeys.all(networkId, owner), bidKeys.list(networkId, owner, dseq), deploymentKeys.detail(networkId, owner, dseq), accountKeys.balances(networkId, owner));
    },
  };
}

export function useAcceptBids() {
  return useMutation(acceptBidsMutation(useMutationDeps()));
}
