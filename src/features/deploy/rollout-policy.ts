/**
 * When the rollout reads lease status and when it stops. Status is read once to learn whether the provider
 * already has the manifest (after a reload it may), then every second from the manifest's acceptance until
 * every service is ready, then not at all: the deployment page polls every 5 s on its own, under the same key.
 * A refused or declined credential stops everything until the user retries: polling on would ask the wallet
 * to sign again and again.
 */
import { ProviderProxyError } from "@/lib/provider-proxy";
import { toProxyError } from "@/lib/provider-proxy/manifest-sender";
import type { LeaseStatus } from "@/lib/provider-proxy";
import { MissingCredentialError, needsCredentialAction } from "@/shared/provider-session";
import { isLeaseReady } from "./rollout-steps";

/** Lease status reads while the lease is on its way to ready. */
export const ROLLOUT_POLL_MS = 1000;
/** Status reads after a failure (the provider may be restarting), once the manifest was accepted. */
export const ROLLOUT_ERROR_POLL_MS = 5000;

/** The user must act: sign again, approve, renew or create a certificate. */
export const isCredentialError = needsCredentialAction;

/** Every failure as a ProviderProxyError (what the rollout view explains); a missing credential says how to get one. */
export function rolloutError(error: unknown): ProviderProxyError {
  if (error instanceof MissingCredentialError) return new ProviderProxyError("credentialInvalid", error.message, { hint: "Create a certificate in Settings → Certificates, or connect a wallet that signs access tokens." });
  return toProxyError(error);
}

/** The next lease status read, in ms, or false for none (`manifestAccepted`: the provider said yes to the PUT). */
export function statusPollMs(state: { data: LeaseStatus | null | undefined; error: unknown }, manifestAccepted: boolean): number | false {
  if (state.error) return isCredentialError(state.error) || !manifestAccepted ? false : ROLLOUT_ERROR_POLL_MS;
  if (isLeaseReady(state.data)) return false;
  return manifestAccepted || state.data ? ROLLOUT_POLL_MS : false;
}

/** Whether the rollout is still working, and the failure to show (a retried one while busy). */
export function rolloutState(input: {
  /** The provider's address; undefined while unknown, null when it is not registered. */
  provider: string | null | undefined;
  leaseProvider: string;
  ready: boolean;
  /** A proxy is configured, and the manifest is on this device (or the provider has it already). */
  canSend: boolean;
  renewError: ProviderProxyError | null;
  manifest: { failed: ProviderProxyError } | { sending: ProviderProxyError | null } | null;
  statusError: { error: ProviderProxyError; final: boolean } | null;
}): { busy: boolean; error: ProviderProxyError | null } {
  if (input.provider === null) return { busy: false, error: new ProviderProxyError("rejectedByProxy", `Provider ${input.leaseProvider} is not registered on chain any more.`) };
  if (input.provider === undefined) return { busy: true, error: null };
  if (input.ready) return { busy: false, error: null };
  // Nothing can be sent from here (no proxy, or no SDL on this device): the panel says why.
  if (!input.canSend) return { busy: false, error: null };
  if (input.renewError) return { busy: false, error: input.renewError };
  if (input.manifest && "failed" in input.manifest) return { busy: false, error: input.manifest.failed };
  if (input.manifest) return { busy: true, error: input.manifest.sending };
  if (input.statusError) return { busy: !input.statusError.final, error: input.statusError.error };
  return { busy: true, error: null };
}
