import { useCallback } from "react";
import { useNetwork } from "@/shared/network";
import { isProviderProxyError, ProviderProxyClient } from "@/lib/provider-proxy";
import type { Lease } from "./chain";
import { useProviderAuth } from "./provider-auth";
import { useProviderDirectory } from "./queries";

export interface ManifestSendResult {
  provider: string;
  ok: boolean;
  error?: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PUTs the manifest to every active lease's provider (each provider once), retrying while it has not seen the lease yet. */
export function useManifestSender() {
  const { network } = useNetwork();
  const providers = useProviderDirectory();
  const { getAuth } = useProviderAuth();
  return useCallback(
    async (dseq: string, leases: Lease[], manifestJson: string): Promise<ManifestSendResult[]> => {
      const client = new ProviderProxyClient({ proxyUrl: network.proxyUrl, network: network.proxyNetwork });
      const targets = [...new Set(leases.filter((l) => l.state === "active").map((l) => l.provider))];
      const directory = providers.data ?? (await providers.refetch()).data;
      return Promise.all(
        targets.map(async (provider): Promise<ManifestSendResult> => {
          const hostUri = directory?.get(provider)?.hostUri;
          if (!hostUri) return { provider, ok: false, error: new Error(`Provider ${provider} is not registered on chain any more.`) };
          for (let attempt = 1; ; attempt++) {
            try {
              await client.sendManifest({ hostUri, providerAddress: provider, dseq, manifestJson, auth: await getAuth(["send-manifest"], { provider, renew: attempt > 1 }), timeout: 30_000 });
              return { provider, ok: true };
            } catch (error) {
              const retry = isProviderProxyError(error) && (error.kind === "notFound" || error.kind === "tokenExpired") && attempt < 3;
              if (!retry) return { provider, ok: false, error };
              await sleep(2000 * attempt);
            }
          }
        }),
      );
    },
    [network.proxyUrl, network.proxyNetwork, providers, getAuth],
  );
}
