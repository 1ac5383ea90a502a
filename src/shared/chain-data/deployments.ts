import { useQuery } from "@tanstack/react-query";
import { getDeployment, getMinDeposit, listDeployments } from "@/lib/chain/deployment";
import { listLeases } from "@/lib/chain/market";
import { useNetwork } from "@/shared/network";
import { deploymentKeys, leaseKeys } from "./keys";

/** How often deployment state is re-read: a few blocks, never faster than every 3 s. */
function pollMs(blockTimeMs: number, blocks: number, floor: number): number {
  return Math.max(blockTimeMs * blocks, floor);
}

export function useDeployments(owner: string | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: deploymentKeys.list(network.id, owner ?? ""),
    queryFn: ({ signal }) => listDeployments(network.restUrl, owner!, signal),
    enabled: Boolean(owner),
    refetchInterval: pollMs(network.blockTimeMs, 5, 5000),
  });
}

/** One deployment; `data` is null when the chain has no such deployment. */
export function useDeployment(owner: string | undefined, dseq: string, options: { refetchMs?: number } = {}) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: deploymentKeys.detail(network.id, owner ?? "", dseq),
    queryFn: ({ signal }) => getDeployment(network.restUrl, owner!, dseq, signal),
    enabled: Boolean(owner && dseq),
    refetchInterval: options.refetchMs ?? pollMs(network.blockTimeMs, 3, 3000),
  });
}

/** Leases of one deployment, or (no `dseq`) of every deployment of `owner`. */
export function useLeases(owner: string | undefined, dseq?: string, options: { refetchMs?: number } = {}) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: leaseKeys.list(network.id, owner ?? "", dseq),
    queryFn: ({ signal }) => listLeases(network.restUrl, { owner: owner!, dseq }, signal),
    enabled: Boolean(owner),
    refetchInterval: options.refetchMs ?? pollMs(network.blockTimeMs, dseq ? 3 : 5, dseq ? 3000 : 5000),
  });
}

/** Leases `owner` holds with one provider. */
export function useLeasesWithProvider(owner: string | undefined, provider: string) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: leaseKeys.withProvider(network.id, owner ?? "", provider),
    queryFn: ({ signal }) => listLeases(network.restUrl, { owner: owner!, provider }, signal),
    enabled: Boolean(owner),
    refetchInterval: 30_000,
  });
}

export function useMinDeposit(denom: string) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: deploymentKeys.minDeposit(network.id, denom),
    queryFn: ({ signal }) => getMinDeposit(network.restUrl, denom, signal),
    staleTime: 60_000,
  });
}
