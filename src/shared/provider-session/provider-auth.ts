/**
 * The one way to authenticate to a provider. A short-lived JWT (AEP-64) signed by the wallet, naming only that
 * provider and the scopes the call needs, or the browser's client certificate (mTLS) when the user prefers it
 * (Settings → Certificates) or the wallet cannot sign tokens. A declined signature is the user's answer: no
 * silent fallback to the certificate then; and a chosen but unusable certificate is not replaced by a token.
 */
import type { OfflineAminoSigner } from "@cosmjs/amino";
import { useCallback, useMemo } from "react";
import { getErrorMessage } from "@/lib/errors";
import { ProviderJwtCache, ProviderProxyError, type JwtSigner, type ProviderAuth, type ProviderScope } from "@/lib/provider-proxy";
import { useProviderCredentials, type ProviderCredentials } from "@/shared/certificates";
import { useWallet, type ConnectedWallet } from "@/shared/wallet";

/** A signer able to make AEP-64 JWTs: a wallet-provided data signer, or an amino signer (ADR-36, e.g. a Ledger). */
function jwtSignerOf(wallet: ConnectedWallet): JwtSigner | null {
  if (wallet.dataSigner) return wallet.dataSigner as JwtSigner;
  const signer = wallet.signer as Partial<OfflineAminoSigner>;
  return typeof signer.signAmino === "function" ? (signer as OfflineAminoSigner) : null;
}

/** One token cache per wallet, so every page and hook shares tokens (and wallet prompts). */
const caches = new WeakMap<JwtSigner, ProviderJwtCache>();
function cacheFor(signer: JwtSigner): ProviderJwtCache {
  let cache = caches.get(signer);
  if (!cache) {
    cache = new ProviderJwtCache(() => signer);
    caches.set(signer, cache);
  }
  return cache;
}

export class MissingCredentialError extends Error {
  constructor(readonly problem: "missing" | "expired" | "revoked") {
    super(
      problem === "missing"
        ? "Providers need a credential: this wallet does not sign access tokens (or you chose certificates in Settings), and this browser has no valid certificate for it. Create one to reach your providers."
        : problem === "expired"
          ? "Your certificate has expired, so providers refuse it. Renew it to reach your providers."
          : "Your certificate was revoked, so providers refuse it. Renew it to reach your providers.",
    );
    this.name = "MissingCredentialError";
  }
}

/** A credential for one call to `provider`; `renew` signs a fresh token (after the provider said it expired). */
export type AuthGetter = (provider: string, scope: ProviderScope[], options?: { renew?: boolean }) => Promise<ProviderAuth>;

export interface ProviderAuthApi {
  getAuth: AuthGetter;
  /**
   * Makes the credential `getAuth` will return for these scopes now, when that asks the user nothing (the
   * built-in wallet signs without a prompt): e.g. while a lease is being created, for its manifest. A wallet that
   * would prompt is left alone: the user is asked when the credential is needed, not before.
   */
  warmAuth: (provider: string, scope: ProviderScope[]) => void;
  /** What calls will use; "none" when neither a signing wallet nor a usable certificate is there. */
  method: "jwt" | "mtls" | "none";
  credentials: ProviderCredentials;
}

function declined(message: string): boolean {
  return /reject|denied|declin|cancel/i.test(message);
}

export function useProviderAuth(): ProviderAuthApi {
  const { wallet } = useWallet();
  const credentials = useProviderCredentials();
  const signer = wallet ? jwtSignerOf(wallet) : null;
  const cache = useMemo(() => (signer ? cacheFor(signer) : null), [signer]);
  const { getMtlsAuth, problem, preferMtls } = credentials;
  const address = wallet?.address;
  const getAuth = useCallback<AuthGetter>(
    async (provider, scope, options) => {
      // The user chose the certificate over wallet tokens: no silent token when it is unusable (say why instead).
      if (preferMtls || !cache || !address) {
        const mtls = await getMtlsAuth();
        if (mtls) return mtls;
        throw new MissingCredentialError(problem ?? "missing");
      }
      try {
        return { type: "jwt", token: await cache.token({ address, provider, scope }, options?.renew) };
      } catch (error) {
        const message = getErrorMessage(error);
        if (declined(message)) throw new ProviderProxyError("credentialInvalid", "You declined to sign the provider access token.", { hint: "Approve the signature request in your wallet, then retry." });
        // A wallet that cannot sign after all: the certificate, if there is one.
        const mtls = await getMtlsAuth();
        if (mtls) return mtls;
        throw new ProviderProxyError("credentialInvalid", `Could not sign a provider access token: ${message}`, { hint: "Approve the signature request in your wallet, or create a certificate in Settings → Certificates." });
      }
    },
    [cache, address, preferMtls, getMtlsAuth, problem],
  );
  const silent = wallet?.kind === "builtin";
  const warmAuth = useCallback<ProviderAuthApi["warmAuth"]>(
    (provider, scope) => {
      if (!silent || preferMtls || !cache || !address) return;
      // A failure here is met again, and reported, by the call that needs the token.
      cache.token({ address, provider, scope }).catch(() => undefined);
    },
    [silent, preferMtls, cache, address],
  );
  const method = cache && !preferMtls ? "jwt" : credentials.serial ? "mtls" : "none";
  return { getAuth, warmAuth, method, credentials };
}
