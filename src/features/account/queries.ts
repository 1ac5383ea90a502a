import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getMintQuote } from "@/lib/chain/bme";
import { getBalances, getRecentTxs } from "@/lib/chain/queries";
import type { NetworkConfig } from "@/lib/networks/networks";
import { useNodeHealth } from "@/shared/network";

/** Every account query lives under ["chain", networkId, ...] so a tx or a network switch invalidates it. */
export const accountKeys = {
  all: (network: NetworkConfig, address: string) => ["chain", network.id, "account", address] as const,
  balances: (network: NetworkConfig, address: string) => [...accountKeys.all(network, address), "balances"] as const,
  txs: (network: NetworkConfig, address: string) => [...accountKeys.all(network, address), "txs"] as const,
  mintQuote: (network: NetworkConfig) => ["chain", network.id, "bme", "quote"] as const,
};

export function useBalances(network: NetworkConfig, address: string | undefined) {
  return useQuery({
    queryKey: accountKeys.balances(network, address ?? ""),
    queryFn: ({ signal }) => getBalances(network.restUrl, address!, signal),
    enabled: Boolean(address),
    placeholderData: (previous) => previous,
  });
}

export function useRecentTxs(network: NetworkConfig, address: string | undefined) {
  return useQuery({
    queryKey: accountKeys.txs(network, address ?? ""),
    queryFn: ({ signal }) => getRecentTxs(network.restUrl, network.rpcUrl, address!, 10, signal),
    enabled: Boolean(address),
    placeholderData: (previous) => previous,
    // History is heavier to query than balances: refresh it every few seconds, and at once after a tx.
    refetchInterval: Math.max(network.blockTimeMs, 5_000),
  });
}

export function useMintQuote(network: NetworkConfig) {
  return useQuery({
    queryKey: accountKeys.mintQuote(network),
    queryFn: ({ signal }) => getMintQuote(network.restUrl, signal),
    refetchInterval: 15_000,
    retry: 1,
  });
}

/** Refresh the account's balances whenever a new block arrives. */
export function useRefreshOnNewBlock(network: NetworkConfig, address: string | undefined) {
  const queryClient = useQueryClient();
  const { health } = useNodeHealth();
  const height = health?.height ?? null;
  useEffect(() => {
    if (!address || height === null) return;
    void queryClient.invalidateQueries({ queryKey: accountKeys.balances(network, address) });
  }, [height, address, network, queryClient]);
}
