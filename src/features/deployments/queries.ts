import { useQuery } from "@tanstack/react-query";
import { useNetwork, useNodeHealth } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { getProviders } from "@/lib/chain/queries";
import { getDeployment, getLatestHeight, listDeployments, listLeases } from "./chain";

export const deploymentKeys = {
  // Under ["chain", network] so every signed transaction refreshes them (the wallet invalidates that prefix).
  all: (networkId: string, owner: string) => ["chain", networkId, "deployments", owner] as const,
  list: (networkId: string, owner: string) => [...deploymentKeys.all(networkId, owner), "list"] as const,
  leases: (networkId: string, owner: string, dseq?: string) => [...deploymentKeys.all(networkId, owner), "leases", dseq ?? "*"] as const,
  detail: (networkId: string, owner: string, dseq: string) => [...deploymentKeys.all(networkId, owner), "detail", dseq] as const,
  providers: (networkId: string) => ["chain", networkId, "providers", "hosts"] as const,
};

export function useProviderDirectory() {
  const { network } = useNetwork();
  return useQuery({
    queryKey: deploymentKeys.providers(network.id),
    queryFn: async ({ signal }) => new Map((await getProviders(network.restUrl, signal)).map((p) => [p.owner, p])),
    staleTime: 60_000,
  });
}

/** Latest block height: from the node health poll, or REST when health has none yet. */
export function useLatestHeight(): number | undefined {
  const { network } = useNetwork();
  const { health } = useNodeHealth();
  const fallback = useQuery({
    queryKey: ["chain", network.id, "latest-height"],
    queryFn: ({ signal }) => getLatestHeight(network.restUrl, signal),
    enabled: !health?.height,
    refetchInterval: Math.max(network.blockTimeMs, 3000),
  });
  return health?.height ?? fallback.data;
}

export function useDeploymentList(owner: string | undefined) {
  const { network } = useNetwork();
  const interval = Math.max(network.blockTimeMs * 5, 5000);
  const deployments = useQuery({
    queryKey: deploymentKeys.list(network.id, owner ?? ""),
    queryFn: ({ signal }) => listDeployments(network.restUrl, owner!, signal),
    enabled: Boolean(owner),
    refetchInterval: interval,
  });
  const leases = useQuery({
    queryKey: deploymentKeys.leases(network.id, owner ?? ""),
    queryFn: ({ signal }) => listLeases(network.restUrl, owner!, undefined, signal),
    enabled: Boolean(owner),
    refetchInterval: interval,
  });
  return { deployments, leases };
}

export function useDeploymentDetail(dseq: string) {
  const { network } = useNetwork();
  const { wallet } = useWallet();
  const owner = wallet?.address ?? "";
  const interval = Math.max(network.blockTimeMs * 3, 3000);
  const deployment = useQuery({
    queryKey: deploymentKeys.detail(network.id, owner, dseq),
    queryFn: ({ signal }) => getDeployment(network.restUrl, owner, dseq, signal),
    enabled: Boolean(owner),
    refetchInterval: interval,
  });
  const leases = useQuery({
    queryKey: deploymentKeys.leases(network.id, owner, dseq),
    queryFn: ({ signal }) => listLeases(network.restUrl, owner, dseq, signal),
    enabled: Boolean(owner),
    refetchInterval: interval,
  });
  return { owner, deployment, leases };
}
