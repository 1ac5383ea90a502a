import { useCallback, useMemo } from "react";
import type { OfflineAminoSigner } from "@cosmjs/amino";
import { useProviderCredentials } from "@/shared/certificates";
import { useWallet, type ConnectedWallet } from "@/shared/wallet";
import { ProviderJwtCache, type JwtSigner, type ProviderAuth, type ProviderScope } from "@/lib/provider-proxy";

/** A signer able to make AEP-64 JWTs: a wallet-provided data signer, or an amino signer (ADR-36). */
function jwtSignerOf(wallet: ConnectedWallet): JwtSigner | null {
  if (wallet.dataSigner) return wallet.dataSigner as JwtSigner;
  const signer = wallet.signer as Partial<OfflineAminoSigner>;
  return typeof signer.signAmino === "function" ? (signer as OfflineAminoSigner) : null;
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

/** The provider a call goes to, and whether to sign a fresh token. */
export interface AuthRequestOptions {
  provider: string;
  renew?: boolean;
}

export interface ProviderAuthApi {
  /**
   * Credential for a provider call: a JWT naming only that provider and the scopes the call needs (reads share
   * one) when the wallet can sign one, else the browser's certificate (mTLS).
   */
  getAuth: (scope: ProviderScope[], options: AuthRequestOptions) => Promise<ProviderAuth>;
  method: "jwt" | "mtls" | "none";
  credentials: ReturnType<typeof useProviderCredentials>;
}

export function useProviderAuth(): ProviderAuthApi {
  const { wallet } = useWallet();
  const credentials = useProviderCredentials();
  const jwtSigner = wallet ? jwtSignerOf(wallet) : null;
  const cache = useMemo(() => (jwtSigner ? new ProviderJwtCache(() => jwtSigner) : null), [jwtSigner]);
  const { getMtlsAuth, problem, preferMtls } = credentials;
  const address = wallet?.address;
  const useJwt = Boolean(cache) && !preferMtls;
  const getAuth = useCallback(
    async (scope: ProviderScope[], options: AuthRequestOptions): Promise<ProviderAuth> => {
      if (useJwt && cache && address) return { type: "jwt", token: await cache.token({ address, provider: options.provider, scope }, options.renew) };
      const mtls = await getMtlsAuth();
      if (mtls) return mtls;
      throw new MissingCredentialError(problem ?? "missing");
    },
    [useJwt, cache, address, getMtlsAuth, problem],
  );
  return { getAuth, method: useJwt ? "jwt" : credentials.serial ? "mtls" : "none", credentials };
}
