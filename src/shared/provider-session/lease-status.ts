import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { Lease } from "@/lib/chain/market";
import { isProviderProxyError } from "@/lib/provider-proxy";
import { useAuditedProviders } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { leaseStatusQuery } from "./lease-status-query";
import { MissingCredentialError } from "./provider-auth";
import { useProviderSession } from "./session";

/** The user must act (sign, approve, renew or create a certificate): polling on would prompt the wallet again and again. */
export function needsCredentialAction(error: unknown): boolean {
  return error instanceof MissingCredentialError || (isProviderProxyError(error) && (error.kind === "credentialInvalid" || error.kind === "unauthorized"));
}

/**
 * Provider-side status of a lease (services, replicas, URIs, ports), polled into the cache under
 * `leaseKeys.status`: the rollout writes there too, so both pages show the same answer. `data` null: the
 * provider does not know the lease (no manifest yet). A credential failure stops polling until a refetch.
 */
export function useLeaseStatus(lease: Pick<Lease, "owner" | "dseq" | "gseq" | "oseq" | "provider">, options: { enabled?: boolean; refetchMs?: number } = {}) {
  const { network } = useNetwork();
  const session = useProviderSession();
  const { byOwner } = useAuditedProviders();
  const query = leaseStatusQuery(session, network.id, lease, byOwner.get(lease.provider));
  const result = useQuery({
    ...query,
    enabled: (options.enabled ?? true) && query.enabled,
    refetchInterval: (q) => (needsCredentialAction(q.state.error) ? false : q.state.error ? 10_000 : (options.refetchMs ?? 5_000)),
    refetchOnWindowFocus: (q) => !needsCredentialAction(q.state.error),
  });
  // Polling stopped on a credential problem: a new credential (renewed certificate, other method) reads again.
  const credential = `${session.method}/${session.credentials.serial ?? ""}/${session.credentials.problem ?? ""}`;
  const seen = useRef(credential);
  const { refetch } = result;
  const canRead = query.enabled;
  useEffect(() => {
    if (seen.current === credential) return;
    seen.current = credential;
    if (canRead) void refetch();
  }, [credential, canRead, refetch]);
  return result;
}
