/**
 * The proxy's composition root: from its settings (the env config, or options in code and tests) it builds
 * every long-lived part once — per-network registries, certificate validators and connection pools, the
 * per-client rate limiter and caps, the structured logger and the WebSocket bridge — and knows how to
 * dispose of them. `createApp(container)` only wires requests to these.
 */
import { ClientLimits, DEFAULT_CLIENT_LIMITS, type ClientLimitOptions } from "./client-limits.ts";
import { DEFAULT_TIMEOUT_MS } from "./http-route.ts";
import { ProxyNetworks, type ProxyNetwork } from "./networks.ts";
import type { CacheOptions, ProviderRegistry } from "./provider-registry.ts";
import { RateLimiter, type RateLimitOptions } from "./rate-limiter.ts";
import { createWsBridge, type WsBridge } from "./ws-bridge.ts";

/** Browser origins allowed by default: local dev servers of the app (Vite dev/preview, console ports). */
export const DEFAULT_CORS_ORIGINS = [
  "http://localhost:3000",
  "http://localhost:3001",
  "http://localhost:5173",
  "http://localhost:4173",
  "http://127.0.0.1:3000",
  "http://127.0.0.1:5173",
  "http://127.0.0.1:4173",
];

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 50, burst: 200 };
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;

/** Structured log sink; never receives auth material. */
export type ProxyLog = (entry: Record<string, unknown>) => void;

/** What the proxy is made of (everything but where it listens). */
export interface ProxySettings {
  /** Chain REST (grpc-gateway) base URL of the default network, for provider host_uri and certificate lookups. */
  restUrl: string;
  /** Allow the default network's upstreams on loopback/private addresses and `*.localhost`. True only for the devnet. */
  allowLoopback: boolean;
  /** The default network's name (requests without `network` use it). Default "default". */
  defaultNetwork?: string;
  /** More networks served by the same process, by name (e.g. mainnet, sandbox); requests pick one with `network`. */
  networks?: Record<string, ProxyNetwork>;
  /** Allowed browser origins, or "*" (acceptable on the devnet: requests carry their own auth, no cookies). */
  corsOrigins?: string[] | "*";
  /** Per client IP token bucket; false disables it (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Largest `body` forwarded to a provider (manifests). Default 10 MiB. */
  maxBodyBytes?: number;
  /** Chain access override (tests use a fake); wrapped in the cache unless `cache` is false. */
  registry?: ProviderRegistry;
  cache?: CacheOptions | false;
  /** Default: JSON lines on stdout; false: no logs. */
  log?: ProxyLog | false;
  now?: () => number;
  /** Upper bound for connect + TLS handshake + certificate check of a new provider connection. Default 30 s. */
  handshakeTimeoutMs?: number;
  /** Per-client caps on requests in flight, open sessions and session length. */
  clientLimits?: Partial<ClientLimitOptions>;
  /** Largest provider answer relayed (default 32 MiB). */
  maxResponseBytes?: number;
}

export interface ProxyContainer {
  networks: ProxyNetworks;
  defaultNetwork: string;
  allowLoopback: boolean;
  corsOrigins: string[] | "*";
  /** Undefined when rate limiting is off. */
  limiter: RateLimiter | undefined;
  clientLimits: ClientLimits;
  maxBodyBytes: number;
  maxResponseBytes: number | undefined;
  now: () => number;
  log: ProxyLog;
  wsBridge: WsBridge;
  /** Closes WebSocket sessions, stops timers and drops provider connections (once; later calls do nothing). */
  dispose(): void;
}

const jsonLines: ProxyLog = (entry) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));

export function createProxyContainer(settings: ProxySettings): ProxyContainer {
  const now = settings.now ?? Date.now;
  const log = settings.log === false ? () => {} : (settings.log ?? jsonLines);
  const defaultNetwork = settings.defaultNetwork ?? "default";
  const handshakeTimeoutMs = settings.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  const networks = new ProxyNetworks(
    { ...settings.networks, [defaultNetwork]: { restUrl: settings.restUrl, allowLoopback: settings.allowLoopback, registry: settings.registry } },
    defaultNetwork,
    { cache: settings.cache, now, handshakeTimeoutMs },
  );
  const limiter = settings.rateLimit === false ? undefined : new RateLimiter(settings.rateLimit ?? DEFAULT_RATE_LIMIT, now);
  const clientLimits = new ClientLimits({ ...DEFAULT_CLIENT_LIMITS, ...settings.clientLimits });
  const wsBridge = createWsBridge({
    networks,
    now,
    log,
    limiter,
    clientLimits,
    handshakeTimeoutMs: Math.min(settings.handshakeTimeoutMs ?? DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
  });
  let disposed = false;
  return {
    networks,
    defaultNetwork,
    allowLoopback: settings.allowLoopback,
    corsOrigins: settings.corsOrigins ?? DEFAULT_CORS_ORIGINS,
    limiter,
    clientLimits,
    maxBodyBytes: settings.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxResponseBytes: settings.maxResponseBytes,
    now,
    log,
    wsBridge,
    dispose() {
      if (disposed) return;
      disposed = true;
      wsBridge.close();
      limiter?.close();
      networks.destroy();
    },
  };
}
