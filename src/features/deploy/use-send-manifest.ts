/**
 * Sending a lease's manifest to its provider through the one provider session (its retry policy; `onAttempt`
 * reports each attempt and the failure that caused it). The manifest is read from the local record at each
 * attempt: the SDL may have been updated since the page read it.
 */
import { useMutation, useQueryClient, type MutationOptions, type QueryClient } from "@tanstack/react-query";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { deploymentStore, type DeploymentStore } from "@/lib/deployment/local-store";
import { ProviderProxyError } from "@/lib/provider-proxy";
import type { ManifestTarget } from "@/lib/provider-proxy/manifest-sender";
import { leaseKeys, recordKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { useProviderSession, type ProviderSession } from "@/shared/provider-session";

export type LeaseRef = Pick<Lease, "owner" | "dseq" | "gseq" | "oseq" | "provider">;

export interface ManifestRequest {
  lease: LeaseRef;
  provider: ManifestTarget;
  onAttempt?: (attempt: number, lastError: ProviderProxyError | null) => void;
  signal?: AbortSignal;
}

export interface ManifestDeps {
  queryClient: QueryClient;
  networkId: string;
  sendManifest: ProviderSession["sendManifest"];
  store: Pick<DeploymentStore, "load" | "update">;
}

export function sendManifestMutation({ queryClient, networkId, sendManifest, store }: ManifestDeps): MutationOptions<void, Error, ManifestRequest> {
  return {
    mutationFn: ({ lease, provider, onAttempt, signal }) =>
      sendManifest(
        provider,
        lease.dseq,
        async () => {
          const record = await store.load(networkId, lease.owner, lease.dseq);
          if (!record) throw new ProviderProxyError("rejectedByProxy", "The SDL of this deployment is not on this device, so its manifest cannot be sent from here.");
          return record.manifestJson;
        },
        { signal, onAttempt },
      ),
    onSuccess: async (_void, { lease, provider }) => {
      // The provider knows the lease now: read its status at once.
      void queryClient.invalidateQueries({ queryKey: leaseKeys.status(networkId, lease.owner, lease.dseq, leaseKey(lease)) });
      const current = await store.load(networkId, lease.owner, lease.dseq);
      const saved = await store.update(networkId, lease.owner, lease.dseq, { manifestSentAt: { ...current?.manifestSentAt, [provider.owner]: Date.now() } });
      if (saved) queryClient.setQueryData(recordKeys.one(networkId, lease.owner, lease.dseq), saved);
    },
  };
}

export function useSendManifest() {
  const queryClient = useQueryClient();
  const { network } = useNetwork();
  const { sendManifest } = useProviderSession();
  return useMutation(sendManifestMutation({ queryClient, networkId: network.id, sendManifest, store: deploymentStore() }));
}
