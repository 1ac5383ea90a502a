import { useQuery } from "@tanstack/react-query";
import { useNetwork } from "@/shared/network";
import { ProviderProxyClient, type LeaseStatus } from "@/lib/provider-proxy";
import type { Lease } from "./chain";
import { useProviderAuth } from "./provider-auth";
import { useProviderDirectory } from "./queries";

export function leaseKey(l: Pick<Lease, "gseq" | "oseq" | "provider">): string {
  return `${l.gseq}/${l.oseq}/${l.provider}`;
}

/** Provider-side status of an active lease (services, replicas, URIs, ports, IPs), polled. */
export function useLeaseStatus(lease: Lease, enabled: boolean) {
  const { network } = useNetwork();
  const { getAuth, method, credentials } = useProviderAuth();
  const providers = useProviderDirectory();
  const hostUri = providers.data?.get(lease.provider)?.hostUri;
  return useQuery<LeaseStatus, Error>({
    queryKey: ["provider", network.id, "lease-status", lease.owner, lease.dseq, leaseKey(lease), method, credentials.serial],
    enabled: enabled && Boolean(hostUri) && Boolean(network.proxyUrl),
    refetchInterval: (q) => (q.state.error ? 10_000 : 5_000),
    retry: false,
    queryFn: async () => {
      const client = new ProviderProxyClient({ proxyUrl: network.proxyUrl, network: network.proxyNetwork });
      const auth = await getAuth(["status"], { provider: lease.provider });
      return client.leaseStatus({ hostUri: hostUri!, providerAddress: lease.provider, lease: { dseq: lease.dseq, gseq: lease.gseq, oseq: lease.oseq }, auth });
    },
  });
}
