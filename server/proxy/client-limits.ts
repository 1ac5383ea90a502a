/**
 * Per-client caps on what is open at once: a client (an IP) may hold only so many proxied requests in flight
 * (each may buffer a body of up to twice the body limit) and so many WebSocket sessions, and a session lasts
 * at most so long. The rate limiter bounds how fast a client starts things; this bounds how much it holds.
 */
export interface ClientLimitOptions {
  /** Proxied HTTP requests in flight per client. Default 8. */
  maxRequestsPerClient: number;
  /** Open WebSocket sessions per client. Default 16. */
  maxSessionsPerClient: number;
  /** A WebSocket session is closed after this long (the client reconnects). Default 6 h. */
  maxSessionMs: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimitOptions = { maxRequestsPerClient: 8, maxSessionsPerClient: 16, maxSessionMs: 6 * 60 * 60 * 1000 };

export class ClientLimits {
  private readonly open = { request: new Map<string, number>(), session: new Map<string, number>() };

  constructor(readonly options: ClientLimitOptions = DEFAULT_CLIENT_LIMITS) {}

  /** Takes a slot; returns its release (idempotent), or null when the client is at its cap. */
  acquire(kind: "request" | "session", client: string): (() => void) | null {
    const counts = this.open[kind];
    const max = kind === "request" ? this.options.maxRequestsPerClient : this.options.maxSessionsPerClient;
    const current = counts.get(client) ?? 0;
    if (current >= max) return null;
    counts.set(client, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (counts.get(client) ?? 1) - 1;
      if (left <= 0) counts.delete(client);
      else counts.set(client, left);
    };
  }
}
