/**
 * What every transaction mutation needs: the query client (each mutation owns its cache effects, through the key
 * factories), the network and the wallet's one signing path. A mutation whose transaction was cancelled or failed
 * resolves `null`: the wallet has already said why, and nothing changed on chain.
 */
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useNetwork } from "@/shared/network";
import { useWallet, type WalletContextValue } from "@/shared/wallet";

export interface MutationDeps {
  queryClient: QueryClient;
  networkId: string;
  /** The wallet's one signing path. */
  send: WalletContextValue["send"];
  /** The connected wallet's address (it pays the fee, and may not own what it acts on). */
  signer?: string;
}

export function useMutationDeps(): MutationDeps {
  const queryClient = useQueryClient();
  const { network } = useNetwork();
  const { wallet, send } = useWallet();
  return { queryClient, networkId: network.id, send, signer: wallet?.address };
}

/** Marks every query under each prefix stale and refetches the observed ones; resolves when they are back. */
export function invalidate(queryClient: QueryClient, ...keys: ReadonlyArray<readonly unknown[]>): Promise<unknown> {
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
