/**
 * Minting the ACT a deposit needs by burning AKT at the BME quote, for features other than Deploy that fund escrow
 * (the spend dashboard's top-up-all). Features cannot import each other, so this is the shared copy.
 */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import type { MintQuote } from "@/lib/chain/bme";
import { parseDecimal } from "@/lib/chain/coins";
import { buildMintActMsg } from "@/lib/tx/messages";
import { mintMoves } from "@/lib/wallet/tx-moves";
import type { TxResult } from "@/lib/tx/signing";
import { accountKeys } from "@/shared/chain-data";
import { invalidate, useMutationDeps, type MutationDeps } from "./mutation-deps";

const SCALE = 10n ** 18n;

/** AKT (uakt) to burn to mint at least `uact` ACT at the quote, with 1% headroom for price moves. */
export function uaktForAct(uact: bigint, quote: Pick<MintQuote, "priceUsd" | "spreadBps">): bigint | null {
  const price = parseDecimal(quote.priceUsd);
  if (!price || price <= 0n || uact <= 0n) return null;
  const exact = (uact * SCALE * 10_000n + price * BigInt(10_000 - quote.spreadBps) - 1n) / (price * BigInt(10_000 - quote.spreadBps));
  return (exact * 101n) / 100n + 1n;
}

export interface MintActRequest {
  owner: string;
  /** AKT to burn, micro-units. */
  uakt: bigint;
  title: string;
  /** The quote the amount was chosen at: the signing dialog shows the AKT's dollar value and the ACT it buys. */
  quote: MintQuote | undefined;
}

export function mintActMutation({ queryClient, networkId, send }: MutationDeps): MutationOptions<TxResult | null, Error, MintActRequest> {
  return {
    mutationFn: ({ owner, uakt, title, quote }) => send([buildMintActMsg(owner, uakt)], { title, moves: mintMoves(uakt, quote) }),
    // Awaited: a "you need more ACT" notice goes away only once the new balance is read.
    onSuccess: (tx, { owner }) => (tx ? invalidate(queryClient, accountKeys.balances(networkId, owner)) : undefined),
  };
}

export function useMintAct() {
  return useMutation(mintActMutation(useMutationDeps()));
}
