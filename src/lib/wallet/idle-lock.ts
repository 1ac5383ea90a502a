/**
 * Locks after a stretch without the user doing anything: the built-in wallet's key must not sit unlocked in
 * an abandoned tab. Any of `events` on `target` counts as activity and restarts the clock.
 */
export const BUILTIN_WALLET_IDLE_LOCK_MS = 15 * 60 * 1000;

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

export interface IdleTarget {
  addEventListener(type: string, listener: () => void, options?: { passive?: boolean }): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Calls `onIdle` once after `timeoutMs` without activity; returns a function that stops watching. `onActivity`
 * hears each activity (at most once per `activityEveryMs`), e.g. to remember it across a reload.
 */
export function watchIdle(target: IdleTarget, timeoutMs: number, onIdle: () => void, { onActivity, activityEveryMs = 10_000 }: { onActivity?: () => void; activityEveryMs?: number } = {}): () => void {
  let timer = setTimeout(onIdle, timeoutMs);
  let reportedAt = -Infinity;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, timeoutMs);
    const now = Date.now();
    if (onActivity && now - reportedAt >= activityEveryMs) {
      reportedAt = now;
      onActivity();
    }
  };
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, restart, { passive: true });
  return () => {
    clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, restart);
  };
}
