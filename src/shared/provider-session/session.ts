/**
 * One provider session for every page: the proxy client for the current network, the credential, the manifest
 * sender (one retry policy) and lease status reads. The auction page and the deployment page use the same.
 */
import { useCallback, useMemo } from "react";
import { ProviderProxyClient, ProviderProxyError, type LeaseCoordinates, type LeaseStatus } from "@/lib/provider-proxy";
import { sendManifestWithRetry, type ManifestTarget, type SendManifestArgs } from "@/lib/provider-proxy/manifest-sender";
import { useNetwork } from "@/shared/network";
import { useProviderAuth, type ProviderAuthApi } from "./provider-auth";

export interface ProviderSession extends ProviderAuthApi {
  /** Null when the network has no provider proxy (say so in the UI). */
  client: ProviderProxyClient | null;
  /** PUT the manifest to one provider, retrying what may succeed later; throws the last failure. */
  sendManifest: (provider: ManifestTarget, dseq: string, manifestJson: SendManifestArgs["manifestJson"], options?: Pick<SendManifestArgs, "signal" | "onAttempt">) => Promise<void>;
  /** `GET /lease/…/status` with a status-scoped credential; null when the provider does not know the lease (yet). */
  leaseStatus: (provider: ManifestTarget, lease: LeaseCoordinates, options?: { renew?: boolean }) => Promise<LeaseStatus | null>;
}

function noProxy(label: string): ProviderProxyError {
  return new ProviderProxyError("rejectedByProxy", `No provider proxy is configured for ${label}.`, { hint: "Set one in Settings → Provider proxy." });
}

export function useProviderSession(): ProviderSession {
  const { network } = useNetwork();
  const auth = useProviderAuth();
  const { getAuth } = auth;
  const client = useMemo(() => (network.proxyUrl ? new ProviderProxyClient({ proxyUrl: network.proxyUrl, network: network.proxyNetwork }) : null), [network.proxyUrl, network.proxyNetwork]);
  const sendManifest = useCallback<ProviderSession["sendManifest"]>(
    (provider, dseq, manifestJson, options) => {
      if (!client) return Promise.reject(noProxy(network.label));
      return sendManifestWithRetry({ client, provider, dseq, manifestJson, auth: ({ renew }) => getAuth(provider.owner, ["send-manifest"], { renew }), ...options });
    },
    [client, getAuth, network.label],
  );
  const leaseStatus = useCallback<ProviderSession["leaseStatus"]>(
    async (provider, lease, options) => {
      if (!client) throw noProxy(network.label);
      try {
        return await client.leaseStatus({ hostUri: provider.hostUri, providerAddress: provider.owner, lease, auth: await getAuth(provider.owner, ["status"], options) });
      } catch (error) {
        if (error instanceof ProviderProxyError && error.kind === "notFound") return null;
        if (error instanceof ProviderProxyError && error.kind === "tokenExpired" && !options?.renew) {
          return client.leaseStatus({ hostUri: provider.hostUri, providerAddress: provider.owner, lease, auth: await getAuth(provider.owner, ["status"], { renew: true }) });
        }
        throw error;
      }
    },
    [client, getAuth, network.label],
  );
  return { ...auth, client, sendManifest, leaseStatus };
}
