import { useQuery } from "@tanstack/react-query";
import type { LeaseStatus } from "@/lib/provider-proxy";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { leaseKeys, useAuditedProviders } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { useProviderSession } from "./session";

/**
 * Provider-side status of a lease (services, replicas, URIs, ports), polled into the cache under
 * `leaseKeys.status`: the rollout writes there too, so both pages show the same answer. `data` null: the
 * provider does not know the lease (no manifest yet).
 */
export function useLeaseStatus(lease: Pick<Lease, "owner" | "dseq" | "gseq" | "oseq" | "provider">, options: { enabled?: boolean; refetchMs?: number } = {}) {
  const { network } = useNetwork();
  const session = useProviderSession();
  const { byOwner } = useAuditedProviders();
  const provider = byOwner.get(lease.provider);
  return useQuery<LeaseStatus | null, Error>({
    queryKey: leaseKeys.status(network.id, lease.owner, lease.dseq, leaseKey(lease)),
    enabled: (options.enabled ?? true) && Boolean(provider) && session.client !== null,
    refetchInterval: (q) => (q.state.error ? 10_000 : (options.refetchMs ?? 5_000)),
    retry: false,
    queryFn: () => session.leaseStatus(provider!, { dseq: lease.dseq, gseq: lease.gseq, oseq: lease.oseq }),
  });
}
