/** Minting the ACT a deposit needs by burning AKT at the BME quote (from the review step). */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import { buildMintActMsg } from "@/lib/tx/messages";
import type { TxResult } from "@/lib/tx/signing";
import { accountKeys } from "@/shared/chain-data";
import { invalidate, useMutationDeps, type MutationDeps } from "@/shared/deployment-actions";

export interface MintRequest {
  owner: string;
  /** AKT to burn, micro-units. */
  uakt: bigint;
  title: string;
}

export function mintActMutation({ queryClient, networkId, send }: MutationDeps): MutationOptions<TxResult | null, Error, MintRequest> {
  return {
    mutationFn: ({ owner, uakt, title }) => send([buildMintActMsg(owner, uakt)], { title }),
    // Awaited: the review's "you need more ACT" goes away only once the new balance is read.
    onSuccess: (tx, { owner }) => (tx ? invalidate(queryClient, accountKeys.balances(networkId, owner)) : undefined),
  };
}

export function useMintAct() {
  return useMutation(mintActMutation(useMutationDeps()));
}
