/**
 * Provider credentials for the connected wallet: a scoped, short-lived JWT signed by the wallet
 * (ES256KADR36 via signArbitrary / an amino signer), cached per wallet. Wallets that cannot sign
 * arbitrary data get a clear message pointing at the certificate (mTLS) alternative.
 */
import { useMemo } from "react";
import type { ConnectedWallet } from "@/features/wallet";
import { ProviderJwtCache, ProviderProxyError, type JwtSigner, type ProviderAuth, type ProviderScope } from "@/lib/provider-proxy";

export const DEPLOY_SCOPES: ProviderScope[] = ["send-manifest", "get-manifest", "status", "events", "logs"];

const caches = new WeakMap<ConnectedWallet, ProviderJwtCache>();

function signerOf(wallet: ConnectedWallet): JwtSigner | undefined {
  if (wallet.dataSigner) return wallet.dataSigner as JwtSigner;
  // An amino signer (e.g. a Ledger through the extension) can sign ADR-36 documents itself.
  const signer = wallet.signer as Partial<{ signAmino: unknown }>;
  if (typeof signer.signAmino === "function") return wallet.signer as unknown as JwtSigner;
  return undefined;
}

export type AuthGetter = (options?: { renew?: boolean }) => Promise<ProviderAuth>;

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
  return async (options) => {
    try {
      return { type: "jwt", token: await jwt.token({ address: wallet.address, scope, ttlSeconds: 15 * 60 }, options?.renew) };
    } catch (error) {
      if (error instanceof ProviderProxyError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new ProviderProxyError("credentialInvalid", /reject|denied|cancel/i.test(message) ? "You declined to sign the provider access token." : `Could not sign a provider access token: ${message}`, {
        hint: "Approve the signature request in your wallet, then retry.",
      });
    }
  };
}

export function useProviderAuth(wallet: ConnectedWallet | null): AuthGetter | null {
  return useMemo(() => (wallet ? providerAuthFor(wallet) : null), [wallet]);
}
