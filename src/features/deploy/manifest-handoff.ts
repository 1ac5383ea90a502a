/**
 * Manifests sent the moment a lease's block is confirmed, handed to the lease's rollout. Accepting bids starts
 * each new lease's manifest PUT from the wallet's confirmation callback, before the page re-renders and before the
 * chain queries are refetched; the rollout that mounts a moment later follows that send (its attempts, its
 * outcome) instead of sending the manifest again. Each send is taken once, by its lease's rollout.
 */
import type { ProviderProxyError } from "@/lib/provider-proxy";

type Attempt = (attempt: number, lastError: ProviderProxyError | null) => void;

interface Handoff {
  outcome: Promise<void>;
  listeners: Set<Attempt>;
  last: [number, ProviderProxyError | null] | null;
  forget: ReturnType<typeof setTimeout> | null;
}

/** A send nobody took (the page was left before the rollout mounted) is dropped after this long. */
const UNCLAIMED_MS = 60_000;

export class ManifestHandoffs {
  private readonly sends = new Map<string, Handoff>();

  /**
   * Starts `send` for the lease named by `key`; `send` reports its attempts to the callback it is given. Returns
   * when it settles (never rejects: the rollout that takes it reports a failure).
   */
  start(key: string, send: (onAttempt: Attempt) => Promise<void>): Promise<void> {
    const running = this.sends.get(key);
    if (running) return running.outcome.catch(() => undefined);
    const handoff: Handoff = { outcome: Promise.resolve(), listeners: new Set(), last: null, forget: null };
    handoff.outcome = send((attempt, lastError) => {
      handoff.last = [attempt, lastError];
      for (const listener of handoff.listeners) listener(attempt, lastError);
    });
    // The rollout reports a failure when it takes the send; until then it is only held.
    handoff.outcome.catch(() => undefined);
    handoff.forget = setTimeout(() => this.sends.delete(key), UNCLAIMED_MS);
    this.sends.set(key, handoff);
    return handoff.outcome.catch(() => undefined);
  }

  /**
   * The send started for `key`, if any (then it is no longer held): settles as the send does, reporting its
   * attempts so far and from now on to `onAttempt`. `signal` stops following it, not the send.
   */
  take(key: string, onAttempt?: Attempt, signal?: AbortSignal): Promise<void> | null {
    const handoff = this.sends.get(key);
    if (!handoff) return null;
    this.sends.delete(key);
    if (handoff.forget) clearTimeout(handoff.forget);
    if (onAttempt) {
      if (handoff.last) onAttempt(...handoff.last);
      handoff.listeners.add(onAttempt);
    }
    const done = handoff.outcome.finally(() => onAttempt && handoff.listeners.delete(onAttempt));
    if (!signal) return done;
    return Promise.race([
      done,
      new Promise<never>((_, reject) => {
        const stop = () => reject(new DOMException("The manifest was not sent: stopped.", "AbortError"));
        if (signal.aborted) stop();
        else signal.addEventListener("abort", stop, { once: true });
      }),
    ]);
  }
}

/** The page's handoffs (one browser tab, one set of leases being created). */
export const manifestHandoffs = new ManifestHandoffs();

/** The handoff key of one lease on one network. */
export function handoffKey(networkId: string, lease: { owner: string; dseq: string; gseq: number; oseq: number; provider: string }): string {
  return `${networkId}|${lease.owner}|${lease.dseq}|${lease.gseq}|${lease.oseq}|${lease.provider}`;
}
