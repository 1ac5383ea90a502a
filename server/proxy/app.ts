/**
 * The provider proxy as an HTTP server that is not yet listening: `POST /` (one proxied provider request),
 * `GET /status`, CORS preflights, and WebSocket upgrades on the same port. Everything it uses comes from
 * the container; `listen()` (server/shared/listen.ts) puts it on a port.
 */
import http from "node:http";
import type { ProxyContainer } from "./container.ts";
import { ProxyError, isProxyError } from "./errors.ts";
import { handleProxyRequest, type ProxiedRequestSummary } from "./http-route.ts";

const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
};

export function createApp(container: ProxyContainer): http.Server {
  const { networks, corsOrigins, limiter, clientLimits, log, wsBridge } = container;

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
      res.end(JSON.stringify({ status: "ok", service: "provider-proxy", allowLoopback: container.allowLoopback, networks: networks.names(), defaultNetwork: container.defaultNetwork }));
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
    handleProxyRequest({ networks, maxBodyBytes: container.maxBodyBytes, maxResponseBytes: container.maxResponseBytes, now: container.now }, req, res, cors, summary).catch(fail);
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
    wsBridge.handleUpgrade(req, socket, head, clientIp);
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
