/**
 * Sending a lease's manifest to its provider through the one provider session (its retry policy; `onAttempt`
 * reports each attempt and the failure that caused it). The manifest is read from the local record at each
 * attempt: the SDL may have been updated since the page read it. A lease just accepted from this page already has
 * its send under way (started at the block's confirmation, ./manifest-handoff.ts): the mutation follows that one.
 */
import { useMutation, useQueryClient, type MutationOptions, type QueryClient } from "@tanstack/react-query";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { deploymentStore, type DeploymentStore } from "@/lib/deployment/local-store";
import { ProviderProxyError } from "@/lib/provider-proxy";
import type { ManifestTarget } from "@/lib/provider-proxy/manifest-sender";
import { leaseKeys, recordKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { useProviderSession, type ProviderSession } from "@/shared/provider-session";
import { handoffKey, manifestHandoffs, type ManifestHandoffs } from "./manifest-handoff";

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
  handoffs?: ManifestHandoffs;
}

/** The manifest as the local record has it now (the body of each attempt). */
export function manifestLoader(store: Pick<DeploymentStore, "load">, networkId: string, lease: Pick<LeaseRef, "owner" | "dseq">): () => Promise<string> {
  return async () => {
    const record = await store.load(networkId, lease.owner, lease.dseq);
    if (!record) throw new ProviderProxyError("rejectedByProxy", "The SDL of this deployment is not on this device, so its manifest cannot be sent from here.");
    return record.manifestJson;
  };
}

export function sendManifestMutation({ queryClient, networkId, sendManifest, store, handoffs = manifestHandoffs }: ManifestDeps): MutationOptions<void, Error, ManifestRequest> {
  return {
    mutationFn: ({ lease, provider, onAttempt, signal }) =>
      handoffs.take(handoffKey(networkId, lease), onAttempt, signal) ?? sendManifest(provider, lease.dseq, manifestLoader(store, networkId, lease), { signal, onAttempt }),
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
