/** Minting the ACT a deposit needs by burning AKT at the BME quote (from the review step). */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import type { MintQuote } from "@/lib/chain/bme";
import { buildMintActMsg } from "@/lib/tx/messages";
import { mintMoves } from "@/lib/wallet/tx-moves";
import type { TxResult } from "@/lib/tx/signing";
import { accountKeys } from "@/shared/chain-data";
import { invalidate, useMutationDeps, type MutationDeps } from "@/shared/deployment-actions";

export interface MintRequest {
  owner: string;
  /** AKT to burn, micro-units. */
  uakt: bigint;
  title: string;
  /** The quote the amount was chosen at: the signing dialog shows the AKT's dollar value and the ACT it buys. */
  quote: MintQuote | undefined;
}

export function mintActMutation({ queryClient, networkId, send }: MutationDeps): MutationOptions<TxResult | null, Error, MintRequest> {
  return {
    mutationFn: ({ owner, uakt, title, quote }) => send([buildMintActMsg(owner, uakt)], { title, moves: mintMoves(uakt, quote) }),
    // Awaited: the review's "you need more ACT" goes away only once the new balance is read.
    onSuccess: (tx, { owner }) => (tx ? invalidate(queryClient, accountKeys.balances(networkId, owner)) : undefined),
  };
}

export function useMintAct() {
  return useMutation(mintActMutation(useMutationDeps()));
}
