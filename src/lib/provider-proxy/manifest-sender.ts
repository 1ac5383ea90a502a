/**
 * Sends a manifest to one provider with the console's one retry policy. Right after a lease is created the
 * provider may not have seen it yet (404), a token may expire (renew it and go again at once), and a busy or
 * restarting provider answers 5xx or times out; anything else (a rejected manifest, a refused credential) is
 * final. Backoff starts short because the usual wait is one block.
 */
import type { ProviderProxyClient } from "./client";
import { isProviderProxyError, ProviderProxyError } from "./errors";
import { getErrorMessage } from "../errors";
import type { ProviderAuth } from "./types";

export const MANIFEST_RETRY = { attempts: 6, firstDelayMs: 300, maxDelayMs: 4000 } as const;

export interface ManifestTarget {
  /** Provider address. */
  owner: string;
  hostUri: string;
}

export interface SendManifestArgs {
  client: ProviderProxyClient;
  provider: ManifestTarget;
  dseq: string;
  /** The body; a function is called before each attempt (the SDL may have been updated meanwhile). */
  manifestJson: string | (() => Promise<string>);
  auth: (options: { renew: boolean }) => Promise<ProviderAuth>;
  signal?: AbortSignal;
  /** Before each attempt (1-based), with the failure that caused it (null on the first). */
  onAttempt?: (attempt: number, lastError: ProviderProxyError | null) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function toProxyError(error: unknown): ProviderProxyError {
  return isProviderProxyError(error) ? error : new ProviderProxyError("providerError", getErrorMessage(error));
}

/** Whether a failed manifest PUT may succeed if sent again. */
export function isRetryableManifestError(error: ProviderProxyError): boolean {
  return error.retryable || error.kind === "tokenExpired" || (error.kind === "providerError" && (error.status ?? 0) >= 500);
}

export function manifestRetryDelay(attempt: number): number {
  return Math.min(MANIFEST_RETRY.maxDelayMs, MANIFEST_RETRY.firstDelayMs * 2 ** (attempt - 1));
}

const abortableSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Resolves when the provider accepted the manifest; throws the last failure (a ProviderProxyError) otherwise. */
export async function sendManifestWithRetry(args: SendManifestArgs): Promise<void> {
  const sleep = args.sleep ?? abortableSleep;
  let renew = false;
  let lastError: ProviderProxyError | null = null;
  for (let attempt = 1; attempt <= MANIFEST_RETRY.attempts; attempt++) {
    if (args.signal?.aborted) throw new DOMException("The manifest was not sent: stopped.", "AbortError");
    args.onAttempt?.(attempt, lastError);
    try {
      const manifestJson = typeof args.manifestJson === "string" ? args.manifestJson : await args.manifestJson();
      const auth = await args.auth({ renew });
      await args.client.sendManifest({ hostUri: args.provider.hostUri, providerAddress: args.provider.owner, dseq: args.dseq, manifestJson, auth, signal: args.signal });
      return;
    } catch (error) {
      lastError = toProxyError(error);
      if (args.signal?.aborted || !isRetryableManifestError(lastError) || attempt === MANIFEST_RETRY.attempts) throw lastError;
      renew = lastError.kind === "tokenExpired";
      if (!renew) await sleep(manifestRetryDelay(attempt), args.signal);
    }
  }
  throw lastError ?? new ProviderProxyError("providerError", "The manifest was not sent.");
}
