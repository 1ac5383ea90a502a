import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getBalances } from "@/lib/chain/bank";
import { getMintQuote } from "@/lib/chain/bme";
import { getRecentTxs } from "@/lib/chain/txs";
import { useNetwork, useNodeHealth } from "@/shared/network";
import { accountKeys, escrowKeys } from "./keys";

export function useBalances(address: string | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: accountKeys.balances(network.id, address ?? ""),
    queryFn: ({ signal }) => getBalances(network.restUrl, address!, signal),
    enabled: Boolean(address),
    placeholderData: (previous) => previous,
  });
}

export function useRecentTxs(address: string | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: accountKeys.txs(network.id, address ?? ""),
    queryFn: ({ signal }) => getRecentTxs(network.restUrl, network.rpcUrl, address!, 10, signal),
    enabled: Boolean(address),
    placeholderData: (previous) => previous,
    // History is heavier to query than balances: refresh it every few seconds, and at once after a tx.
    refetchInterval: Math.max(network.blockTimeMs, 5_000),
  });
}

/** The BME mint quote (AKT → ACT); `enabled` false on networks or pages that do not need it. */
export function useMintQuote(options: { enabled?: boolean; refetchMs?: number } = {}) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: escrowKeys.bmeQuote(network.id),
    queryFn: ({ signal }) => getMintQuote(network.restUrl, signal),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchMs ?? 15_000,
    retry: 1,
  });
}

/** Refresh the account's balances whenever a new block arrives. */
export function useRefreshOnNewBlock(address: string | undefined) {
  const { network } = useNetwork();
  const queryClient = useQueryClient();
  const { health } = useNodeHealth();
  const height = health?.height ?? null;
  useEffect(() => {
    if (!address || height === null) return;
    void queryClient.invalidateQueries({ queryKey: accountKeys.balances(network.id, address) });
  }, [height, address, network.id, queryClient]);
}
