/** Closing deployments: from the auction page (one) and the deployments pages (one or several), the same mutation. */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import type { Deployment } from "@/lib/chain/deployment";
import { buildCloseDeploymentMsg } from "@/lib/deployment/messages";
import type { TxResult } from "@/lib/tx/signing";
import type { MoveAmount, TxMove } from "@/lib/wallet/tx-moves";
import { accountKeys, bidKeys, deploymentKeys, leaseKeys } from "@/shared/chain-data/keys";
import { invalidate, useMutationDeps, type MutationDeps } from "./mutation-deps";

export interface CloseRequest {
  owner: string;
  dseq: string;
  /** The escrow left now (base units): what the close returns, shown before signing. */
  refund: MoveAmount;
}

/** The signing dialog's lines: the refund per denom, summed over the deployments closed. */
export function closeMoves(targets: ReadonlyArray<CloseRequest>): TxMove[] {
  const totals = new Map<string, number>();
  for (const t of targets) totals.set(t.refund.denom, (totals.get(t.refund.denom) ?? 0) + Math.max(0, Number(t.refund.base)));
  return [...totals].map(([denom, base]) => ({
    label: "Refund to the depositor (about)",
    amount: { denom, base: Math.floor(base) },
    note: "The escrow left after the providers are paid up to this block; settling first can make it a little lower.",
  }));
}

export function closeTitle(targets: ReadonlyArray<CloseRequest>): string {
  return targets.length === 1 ? `Close deployment ${targets[0]!.dseq}` : `Close ${targets.length} deployments`;
}

/** Closes one or several deployments in one transaction; the cached deployments read closed at once. */
export function closeDeploymentsMutation({ queryClient, networkId, send, signer }: MutationDeps): MutationOptions<TxResult | null, Error, ReadonlyArray<CloseRequest>> {
  return {
    mutationFn: async (targets) => (targets.length ? send(targets.map((t) => buildCloseDeploymentMsg(t.owner, t.dseq)), { title: closeTitle(targets), moves: closeMoves(targets) }) : null),
    onSuccess: (tx, targets) => {
      if (!tx) return;
      const stale: Array<readonly unknown[]> = [];
      const owners = new Set(targets.map((t) => t.owner));
      for (const owner of owners) {
        const dseqs = new Set(targets.filter((t) => t.owner === owner).map((t) => t.dseq));
        // The transaction is in a block: these deployments are closed, whatever a refetch in flight says.
        const closed = (d: Deployment): Deployment => (dseqs.has(d.dseq) ? { ...d, state: "closed" } : d);
        queryClient.setQueryData<Deployment[]>(deploymentKeys.list(networkId, owner), (list) => list?.map(closed));
        for (const dseq of dseqs) {
          queryClient.setQueryData<Deployment | null>(deploymentKeys.detail(networkId, owner, dseq), (d) => (d ? closed(d) : d));
          stale.push(bidKeys.list(networkId, owner, dseq));
        }
        stale.push(deploymentKeys.all(networkId, owner), leaseKeys.all(networkId, owner), accountKeys.balances(networkId, owner));
      }
      if (signer && !owners.has(signer)) stale.push(accountKeys.balances(networkId, signer));
      return invalidate(queryClient, ...stale);
    },
  };
}

export function useCloseDeployments() {
  return useMutation(closeDeploymentsMutation(useMutationDeps()));
}
