import { useQuery } from "@tanstack/react-query";
import { getBalances } from "@/lib/chain/queries";
import { getMintQuote } from "@/lib/chain/bme";
import { getMinDeposit, listProviders } from "@/lib/deployment/queries";
import type { NetworkConfig } from "@/lib/networks/networks";
import { fetchMarketSnapshot } from "@/lib/pricing/market-data";

export const deployKeys = {
  balances: (network: NetworkConfig, address: string) => ["chain", network.id, "account", address, "balances"] as const,
  minDeposit: (network: NetworkConfig, denom: string) => ["chain", network.id, "deployment", "min-deposit", denom] as const,
  providers: (network: NetworkConfig) => ["chain", network.id, "providers", "with-audits"] as const,
  market: (network: NetworkConfig) => ["deploy", network.id, "market"] as const,
  mintQuote: (network: NetworkConfig) => ["chain", network.id, "bme", "quote"] as const,
};

export function useDeployBalances(network: NetworkConfig, address: string | undefined) {
  return useQuery({
    queryKey: deployKeys.balances(network, address ?? ""),
    queryFn: ({ signal }) => getBalances(network.restUrl, address!, signal),
    enabled: Boolean(address),
    placeholderData: (previous) => previous,
  });
}

export function useMinDeposit(network: NetworkConfig, denom: string) {
  return useQuery({ queryKey: deployKeys.minDeposit(network, denom), queryFn: ({ signal }) => getMinDeposit(network.restUrl, denom, signal), staleTime: 60_000 });
}

export function useProviders(network: NetworkConfig) {
  return useQuery({ queryKey: deployKeys.providers(network), queryFn: ({ signal }) => listProviders(network.restUrl, signal), staleTime: 30_000 });
}

export function useMarket(network: NetworkConfig) {
  return useQuery({ queryKey: deployKeys.market(network), queryFn: () => fetchMarketSnapshot(network.restUrl, network.proxyUrl, network.proxyNetwork), staleTime: 30_000, retry: false });
}

export function useDeployMintQuote(network: NetworkConfig, enabled: boolean) {
  return useQuery({ queryKey: deployKeys.mintQuote(network), queryFn: ({ signal }) => getMintQuote(network.restUrl, signal), enabled, retry: 1 });
}
