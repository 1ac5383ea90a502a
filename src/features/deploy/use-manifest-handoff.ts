/**
 * The deploy flow's side of the manifest handoff (./manifest-handoff.ts): before the accept transaction, the
 * credentials each picked provider will need are made if that asks nothing of the user; the moment the leases'
 * block is confirmed, each lease's manifest PUT starts, for its rollout to follow.
 */
import { useCallback } from "react";
import type { Bid, Lease } from "@/lib/chain/market";
import type { AuditedProvider } from "@/lib/chain/provider";
import { deploymentStore } from "@/lib/deployment/local-store";
import { useNetwork } from "@/shared/network";
import { useProviderSession } from "@/shared/provider-session";
import { handoffKey, manifestHandoffs } from "./manifest-handoff";
import { manifestLoader } from "./use-send-manifest";

/** `providers`: by owner (their host URIs); undefined while the provider list is read. */
export function useManifestHandoff(providers: ReadonlyMap<string, AuditedProvider> | undefined, hasManifest: boolean) {
  const { network } = useNetwork();
  const { client, sendManifest, warmAuth } = useProviderSession();
  const canSend = client !== null && hasManifest;

  const prepare = useCallback(
    (bids: ReadonlyArray<Bid>) => {
      if (!canSend) return;
      for (const provider of new Set(bids.map((b) => b.provider))) warmAuth(provider, ["send-manifest"]);
    },
    [canSend, warmAuth],
  );

  const start = useCallback(
    (leases: ReadonlyArray<Lease>): Promise<unknown> => {
      if (!canSend) return Promise.resolve();
      const store = deploymentStore();
      const sends: Promise<void>[] = [];
      for (const lease of leases) {
        const provider = providers?.get(lease.provider);
        // Without the provider's host (list not read yet) the rollout sends it once it knows where.
        if (!provider) continue;
        sends.push(manifestHandoffs.start(handoffKey(network.id, lease), (onAttempt) => sendManifest(provider, lease.dseq, manifestLoader(store, network.id, lease), { onAttempt })));
      }
      return Promise.all(sends);
    },
    [canSend, providers, network.id, sendManifest],
  );

  return { prepare, start };
}
