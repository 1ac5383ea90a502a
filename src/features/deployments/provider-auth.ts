import { useCallback, useMemo } from "react";
import type { OfflineAminoSigner } from "@cosmjs/amino";
import { useProviderCredentials } from "@/features/certificates";
import { useWallet, type ConnectedWallet } from "@/features/wallet";
import { ProviderJwtCache, type JwtSigner, type ProviderAuth, type ProviderScope } from "@/lib/provider-proxy";

/** A signer able to make AEP-64 JWTs: a wallet-provided data signer, or an amino signer (ADR-36). */
function jwtSignerOf(wallet: ConnectedWallet): JwtSigner | null {
  const extended = wallet as ConnectedWallet & { jwtSigner?: JwtSigner | null };
  if (extended.jwtSigner) return extended.jwtSigner;
  const signer = wallet.signer as Partial<OfflineAminoSigner>;
  return typeof signer.signAmino === "function" ? (signer as OfflineAminoSigner) : null;
}

export class MissingCredentialError extends Error {
  constructor(readonly problem: "missing" | "expired" | "revoked") {
    super(
      problem === "missing"
        ? "This wallet cannot sign provider access tokens, and this browser has no valid certificate for it. Create a certificate to reach your providers."
        : problem === "expired"
          ? "Your certificate has expired, so providers refuse it. Renew it to reach your providers."
          : "Your certificate was revoked, so providers refuse it. Renew it to reach your providers.",
    );
    this.name = "MissingCredentialError";
  }
}

export interface ProviderAuthApi {
  /** Credential for a provider call: a scoped JWT when the wallet can sign one, else the browser's certificate (mTLS). */
  getAuth: (scope: ProviderScope[], options?: { renew?: boolean }) => Promise<ProviderAuth>;
  method: "jwt" | "mtls" | "none";
  credentials: ReturnType<typeof useProviderCredentials>;
}

export function useProviderAuth(): ProviderAuthApi {
  const { wallet } = useWallet();
  const credentials = useProviderCredentials();
  const jwtSigner = wallet ? jwtSignerOf(wallet) : null;
  const cache = useMemo(() => (jwtSigner ? new ProviderJwtCache(() => jwtSigner) : null), [jwtSigner]);
  const { getMtlsAuth, problem } = credentials;
  const address = wallet?.address;
  const getAuth = useCallback(
    async (scope: ProviderScope[], options?: { renew?: boolean }): Promise<ProviderAuth> => {
      if (cache && address) return { type: "jwt", token: await cache.token({ address, scope, ttlSeconds: 30 * 60 }, options?.renew) };
      const mtls = await getMtlsAuth();
      if (mtls) return mtls;
      throw new MissingCredentialError(problem ?? "missing");
    },
    [cache, address, getMtlsAuth, problem],
  );
  return { getAuth, method: cache ? "jwt" : credentials.serial ? "mtls" : "none", credentials };
}
