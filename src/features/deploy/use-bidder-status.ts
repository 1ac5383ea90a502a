/** Whether each bidding provider answers its `/status` through the proxy (unauthenticated), from the shared cache. */
import type { UseQueryResult } from "@tanstack/react-query";
import type { AuditedProvider } from "@/lib/chain/provider";
import type { ProviderStatusSummary } from "@/lib/provider-proxy/provider-status";
import { classifyLiveFailure, useProviderStatuses } from "@/shared/provider-session";

export interface BidderStatus {
  /** Undefined while unknown (being checked, or no proxy to ask). */
  online: boolean | undefined;
  /** Active leases the provider reports. */
  leases?: number | null;
  /** Why it is offline or unknown. */
  error?: string;
}

export function bidderStatuses(providers: ReadonlyArray<Pick<AuditedProvider, "owner">>, results: ReadonlyArray<Pick<UseQueryResult<ProviderStatusSummary>, "data" | "error" | "isPending" | "isError">>, hasProxy: boolean): Map<string, BidderStatus> {
  const map = new Map<string, BidderStatus>();
  providers.forEach((p, i) => {
    const r = results[i];
    if (!hasProxy) map.set(p.owner, { online: undefined, error: "No provider proxy is configured for this network." });
    else if (!r || r.isPending) map.set(p.owner, { online: undefined });
    else if (r.isError) {
      // The proxy being down says nothing about the provider.
      const failure = classifyLiveFailure(r.error);
      map.set(p.owner, { online: failure.proxyUnreachable ? undefined : false, error: failure.message });
    } else map.set(p.owner, { online: true, leases: r.data?.leases });
  });
  return map;
}

export function useBidderStatus(providers: AuditedProvider[]): Map<string, BidderStatus> {
  const { client, results } = useProviderStatuses(providers);
  return bidderStatuses(providers, results, client !== null);
}
