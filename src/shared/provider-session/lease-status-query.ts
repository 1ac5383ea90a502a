import { queryOptions } from "@tanstack/react-query";
import { leaseKey, type Lease } from "@/lib/chain/market";
import type { LeaseStatus } from "@/lib/provider-proxy";
import type { ManifestTarget } from "@/lib/provider-proxy/manifest-sender";
import { leaseKeys } from "@/shared/chain-data";
import type { ProviderSession } from "./session";

/**
 * The provider-side lease status query (key, reader, no retry) for callers that choose their own polling, e.g.
 * the rollout (fast until ready, then not at all). Same cache entry as `useLeaseStatus`: one answer for every page.
 */
export function leaseStatusQuery(
  session: Pick<ProviderSession, "client" | "leaseStatus">,
  networkId: string,
  lease: Pick<Lease, "owner" | "dseq" | "gseq" | "oseq" | "provider">,
  provider: ManifestTarget | undefined,
) {
  return queryOptions<LeaseStatus | null, Error>({
    queryKey: leaseKeys.status(networkId, lease.owner, lease.dseq, leaseKey(lease)),
    queryFn: () => session.leaseStatus(provider!, { dseq: lease.dseq, gseq: lease.gseq, oseq: lease.oseq }),
    enabled: Boolean(provider) && session.client !== null,
    retry: false,
  });
}
