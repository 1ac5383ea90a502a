/**
 * Provider credentials for the connected wallet: a short-lived JWT signed by the wallet (ES256KADR36 via
 * signArbitrary / an amino signer) naming one provider, cached per wallet. Wallets that
 * cannot sign arbitrary data get a clear message pointing at the certificate (mTLS) alternative.
 */
import { useEffect, useMemo, useRef } from "react";
import type { ConnectedWallet } from "@/shared/wallet";
import { ProviderJwtCache, ProviderProxyError, type JwtSigner, type ProviderAuth, type ProviderScope } from "@/lib/provider-proxy";

/** What the rollout does at a provider: send the manifest, then follow status and events. */
export const DEPLOY_SCOPES: ProviderScope[] = ["send-manifest", "status", "events"];

const caches = new WeakMap<ConnectedWallet, ProviderJwtCache>();

function signerOf(wallet: ConnectedWallet): JwtSigner | undefined {
  if (wallet.dataSigner) return wallet.dataSigner as JwtSigner;
  // An amino signer (e.g. a Ledger through the extension) can sign ADR-36 documents itself.
  const signer = wallet.signer as Partial<{ signAmino: unknown }>;
  if (typeof signer.signAmino === "function") return wallet.signer as unknown as JwtSigner;
  return undefined;
}

/** A credential for `provider` (a token names that provider only). */
export type AuthGetter = (provider: string, options?: { renew?: boolean }) => Promise<ProviderAuth>;

export function providerAuthFor(wallet: ConnectedWallet, scope: ProviderScope[] = DEPLOY_SCOPES): AuthGetter {
  let cache = caches.get(wallet);
  if (!cache) {
    cache = new ProviderJwtCache(() => {
      const signer = signerOf(wallet);
      if (!signer) throw new ProviderProxyError("credentialInvalid", "This wallet cannot sign provider access tokens.", { hint: "Use a wallet that supports signArbitrary (Keplr, Leap, Cosmostation, the built-in wallet), or create a certificate in Settings → Certificates." });
      return signer;
    });
    caches.set(wallet, cache);
  }
  const jwt = cache;
  return async (provider, options) => {
    try {
      return { type: "jwt", token: await jwt.token({ address: wallet.address, provider, scope }, options?.renew) };
    } catch (error) {
      if (error instanceof ProviderProxyError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new ProviderProxyError("credentialInvalid", /reject|denied|cancel/i.test(message) ? "You declined to sign the provider access token." : `Could not sign a provider access token: ${message}`, {
        hint: "Approve the signature request in your wallet, then retry.",
      });
    }
  };
}

/** The on-chain client certificate (Settings → Certificates), as the certificates feature exposes it. */
export interface CertificateCredential {
  serial: string | null;
  preferMtls: boolean;
  getMtlsAuth: () => Promise<{ type: "mtls"; certPem: string; keyPem: string } | null>;
}

/**
 * JWT first (AEP-64); the certificate when the user prefers it, or when the wallet cannot sign a token.
 * The returned getter is stable per wallet + certificate choice (the rollout restarts when it changes).
 */
export function useProviderAuth(wallet: ConnectedWallet | null, certificate?: CertificateCredential): AuthGetter | null {
  const latest = useRef(certificate);
  useEffect(() => {
    latest.current = certificate;
  });
  const serial = certificate?.serial ?? null;
  const preferMtls = certificate?.preferMtls ?? false;
  return useMemo(() => {
    if (!wallet) return null;
    const jwt = providerAuthFor(wallet);
    const mtls = async (): Promise<ProviderAuth | null> => (serial ? ((await latest.current?.getMtlsAuth()) ?? null) : null);
    return async (provider, options) => {
      if (preferMtls) {
        const cert = await mtls();
        if (cert) return cert;
      }
      try {
        return await jwt(provider, options);
      } catch (error) {
        // A declined signature is the user's answer; a wallet that cannot sign falls back to the certificate.
        const declined = error instanceof ProviderProxyError && /declined/.test(error.message);
        const cert = declined ? null : await mtls();
        if (cert) return cert;
        throw error;
      }
    };
  }, [wallet, serial, preferMtls]);
}
