import { useCallback, useSyncExternalStore } from "react";
import { subscribeStorage, useNetwork } from "@/shared/network";
import { readPreferMtls, writePreferMtls } from "./local-store";
import { useCertificates } from "./use-certificates";

/** Same shape as the proxy's `auth: {type:"mtls", certPem, keyPem}`. */
export interface MtlsAuth {
  type: "mtls";
  certPem: string;
  keyPem: string;
}

export interface ProviderCredentials {
  /** Serial of the certificate that would be used, if any. */
  serial: string | null;
  /** Why no certificate is usable (missing / expired / revoked), null when one is. */
  problem: "missing" | "expired" | "revoked" | null;
  loading: boolean;
  /** mTLS auth for the provider proxy from the active certificate (decrypted on demand), or null. */
  getMtlsAuth: () => Promise<MtlsAuth | null>;
  /** One click: revoke the unusable certificate and create a new one in one transaction. */
  renew: () => Promise<boolean>;
  create: () => Promise<boolean>;
  busy: boolean;
  /** The user chose the certificate over wallet-signed tokens (Settings → Certificates). */
  preferMtls: boolean;
  setPreferMtls: (value: boolean) => void;
}

/** The connected wallet's on-chain client certificate usable for provider mTLS in this browser. */
export function useProviderCredentials(): ProviderCredentials {
  const certs = useCertificates();
  const { network } = useNetwork();
  // Read synchronously: through the query cache the checkbox showed a click only a tick later.
  const preferMtls = useSyncExternalStore(subscribeStorage, () => readPreferMtls(network.id));
  const setPreferMtls = useCallback((value: boolean) => writePreferMtls(network.id, value), [network.id]);
  const serial = certs.active?.serial ?? null;
  const { unlock } = certs;
  const getMtlsAuth = useCallback(async () => {
    if (!serial) return null;
    const unlocked = await unlock(serial);
    return unlocked ? { type: "mtls" as const, certPem: unlocked.certPem, keyPem: unlocked.keyPem } : null;
  }, [serial, unlock]);
  return { serial, problem: certs.problem?.status ?? null, loading: certs.loading, getMtlsAuth, renew: certs.renew, create: certs.create, busy: certs.busy, preferMtls, setPreferMtls };
}
