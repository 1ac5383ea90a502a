import http from "node:http";
import type { AddressInfo } from "node:net";
import { ProxyError, isProxyError } from "./errors.ts";
import { DEFAULT_TIMEOUT_MS, handleProxyRequest, type ProxiedRequestSummary } from "./http-route.ts";
import { ClientLimits, DEFAULT_CLIENT_LIMITS, type ClientLimitOptions } from "./client-limits.ts";
import { ProxyNetworks, type ProxyNetwork } from "./networks.ts";
import type { CacheOptions, ProviderRegistry } from "./provider-registry.ts";
import { RateLimiter, type RateLimitOptions } from "./rate-limiter.ts";
import { createWsBridge } from "./ws-bridge.ts";

const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
};

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

export interface ProxyOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
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
  /** Structured log sink; never receives auth material. Default: JSON lines on stdout. */
  log?: ((entry: Record<string, unknown>) => void) | false;
  now?: () => number;
  /** Upper bound for connect + TLS handshake + certificate check of a new provider connection. Default 30 s. */
  handshakeTimeoutMs?: number;
  /** Per-client caps on requests in flight, open sessions and session length. */
  clientLimits?: Partial<ClientLimitOptions>;
  /** Largest provider answer relayed (default 32 MiB). */
  maxResponseBytes?: number;
}

export interface RunningProxy {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the provider proxy (HTTP `POST /` + WebSocket on the same port). */
export async function startProxy(opts: ProxyOptions): Promise<RunningProxy> {
  const now = opts.now ?? Date.now;
  const log = opts.log === false ? () => {} : (opts.log ?? ((entry) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }))));
  const defaultNetwork = opts.defaultNetwork ?? "default";
  const networks = new ProxyNetworks(
    { ...opts.networks, [defaultNetwork]: { restUrl: opts.restUrl, allowLoopback: opts.allowLoopback, registry: opts.registry } },
    defaultNetwork,
    { cache: opts.cache, now, handshakeTimeoutMs: opts.handshakeTimeoutMs ?? 30_000 },
  );
  const limiter = opts.rateLimit === false ? undefined : new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT, now);
  const corsOrigins = opts.corsOrigins ?? DEFAULT_CORS_ORIGINS;
  const clientLimits = new ClientLimits({ ...DEFAULT_CLIENT_LIMITS, ...opts.clientLimits });
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bridge = createWsBridge({
    networks,
    now,
    log,
    limiter,
    clientLimits,
    handshakeTimeoutMs: Math.min(opts.handshakeTimeoutMs ?? DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
  });

  const originAllowed = (origin: string | undefined) => !origin || corsOrigins === "*" || corsOrigins.includes(origin);
  const corsHeaders = (origin: string | undefined): Record<string, string> => {
    if (!origin) return {};
    if (corsOrigins === "*") return { "access-control-allow-origin": "*" };
    if (corsOrigins.includes(origin)) return { "access-control-allow-origin": origin, vary: "Origin" };
    return {};
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const clientIp = req.socket.remoteAddress ?? "unknown";
    // Every answer: provider data is never sniffed into a document, framed, or allowed to run anything.
    const cors = { ...SECURITY_HEADERS, ...corsHeaders(req.headers.origin) };
    const summary: ProxiedRequestSummary & { code?: string; reason?: string } = {};
    res.once("close", () => {
      if (req.method === "OPTIONS" || req.method === "GET") return;
      const event = summary.code ? "PROXY_REQUEST_ERROR" : res.writableFinished ? "PROXY_REQUEST" : "PROXY_REQUEST_ABORTED";
      log({ event, clientIp, ...summary, ms: Math.round(performance.now() - started) });
    });

    const fail = (error: unknown) => {
      const proxyError = isProxyError(error) ? error : new ProxyError("internal", "The proxy failed unexpectedly");
      if (!isProxyError(error)) log({ event: "PROXY_INTERNAL_ERROR", error: error instanceof Error ? error.stack : String(error) });
      summary.status = proxyError.status;
      summary.code = proxyError.code;
      summary.reason = proxyError.reason;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const headers: Record<string, string> = {
        ...cors,
        "content-type": "text/plain; charset=utf-8",
        "x-proxy-error": proxyError.code,
        "access-control-expose-headers": "x-proxy-error",
      };
      if (proxyError.code === "rateLimited") headers["retry-after"] = String(proxyError.reason ?? 1);
      // The client may still be uploading an oversized body: answer and close instead of reading it.
      if (proxyError.code === "payloadTooLarge") headers.connection = "close";
      res.writeHead(proxyError.status, headers);
      res.end(proxyError.message);
    };

    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...cors,
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": "content-type",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    if (req.method === "GET" && (req.url === "/status" || req.url === "/")) {
      res.writeHead(200, { ...cors, "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", service: "provider-proxy", allowLoopback: opts.allowLoopback, networks: networks.names(), defaultNetwork }));
      return;
    }
    if (req.method !== "POST" || (req.url !== "/" && !req.url?.startsWith("/?"))) {
      req.resume();
      fail(new ProxyError("notFound", "Unknown route: send POST / with {method, url, providerAddress, auth, body?} or open a WebSocket"));
      return;
    }
    // A cross-site page may POST a form here without a preflight: only allowed origins (or none, for scripts)
    // and only JSON, which a form cannot send.
    if (!originAllowed(req.headers.origin)) {
      req.resume();
      fail(new ProxyError("originNotAllowed", `Origin ${req.headers.origin} is not allowed to use this proxy`));
      return;
    }
    if ((req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() !== "application/json") {
      req.resume();
      fail(new ProxyError("unsupportedMediaType", "Send the request as JSON (content-type: application/json)"));
      return;
    }
    const retryAfter = limiter?.take(clientIp) ?? 0;
    if (retryAfter > 0) {
      req.resume();
      fail(new ProxyError("rateLimited", `Too many requests from ${clientIp}; retry in ${retryAfter} s`, String(retryAfter)));
      return;
    }
    const release = clientLimits.acquire("request", clientIp);
    if (!release) {
      req.resume();
      fail(new ProxyError("rateLimited", `Too many requests in flight from ${clientIp} (at most ${clientLimits.options.maxRequestsPerClient}); retry when one finishes`, "1"));
      return;
    }
    res.once("close", release);
    handleProxyRequest({ networks, maxBodyBytes, maxResponseBytes: opts.maxResponseBytes, now }, req, res, cors, summary).catch(fail);
  });

  server.on("upgrade", (req, socket, head) => {
    const clientIp = req.socket.remoteAddress ?? "unknown";
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
    };
    const origin = req.headers.origin;
    if (!originAllowed(origin)) {
      reject(403, `Origin ${origin} is not allowed to use this proxy`);
      return;
    }
    const retryAfter = limiter?.take(clientIp) ?? 0;
    if (retryAfter > 0) {
      reject(429, `Too many connections from ${clientIp}; retry in ${retryAfter} s`);
      return;
    }
    bridge.handleUpgrade(req, socket, head, clientIp);
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const displayHost = opts.host === "0.0.0.0" || opts.host === "::" ? "127.0.0.1" : opts.host;

  return {
    url: `http://${displayHost.includes(":") ? `[${displayHost}]` : displayHost}:${port}`,
    port,
    async close() {
      bridge.close();
      limiter?.close();
      networks.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
