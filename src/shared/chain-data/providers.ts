import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { getProvider, getProviderAudits, listAudits, listProviders, withAuditors, type AuditedProvider } from "@/lib/chain/provider";
import { useNetwork } from "@/shared/network";
import { providerKeys } from "./keys";

const PROVIDERS_REFRESH_MS = 60_000;

/** Every provider on chain. */
export function useProviderList() {
  const { network } = useNetwork();
  return useQuery({
    queryKey: providerKeys.list(network.id),
    queryFn: ({ signal }) => listProviders(network.restUrl, signal),
    staleTime: 30_000,
    refetchInterval: PROVIDERS_REFRESH_MS,
  });
}

/** Every audit signature on chain, by provider. */
export function useAuditList() {
  const { network } = useNetwork();
  return useQuery({
    queryKey: providerKeys.audits(network.id),
    queryFn: ({ signal }) => listAudits(network.restUrl, signal),
    staleTime: 30_000,
    refetchInterval: PROVIDERS_REFRESH_MS,
  });
}

/**
 * Providers with who audited them, as a list and by owner. Audits are context: if they cannot be read the
 * providers still are (with `auditError` set).
 */
export function useAuditedProviders() {
  const providers = useProviderList();
  const audits = useAuditList();
  const list = useMemo<AuditedProvider[] | undefined>(() => (providers.data ? withAuditors(providers.data, audits.data) : undefined), [providers.data, audits.data]);
  const byOwner = useMemo(() => new Map((list ?? []).map((p) => [p.owner, p])), [list]);
  return { providers: list, byOwner, isPending: providers.isPending, error: providers.error, auditError: audits.error, refetch: providers.refetch };
}

/** One provider; `data` is null when nothing is registered at `owner`. */
export function useProvider(owner: string) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: providerKeys.detail(network.id, owner),
    queryFn: ({ signal }) => getProvider(network.restUrl, owner, signal),
    refetchInterval: PROVIDERS_REFRESH_MS,
  });
}

export function useProviderAudits(owner: string) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: providerKeys.auditsOf(network.id, owner),
    queryFn: ({ signal }) => getProviderAudits(network.restUrl, owner, signal),
    refetchInterval: PROVIDERS_REFRESH_MS,
  });
}
