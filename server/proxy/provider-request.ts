import https from "node:https";
import type { IncomingMessage } from "node:http";
import type { ProviderAuth } from "./auth.ts";
import { ProxyError, isProxyError } from "./errors.ts";
import { CONNECT_DEADLINE, type ProviderAgentPool } from "./provider-agent.ts";

export interface ProviderRequest {
  url: URL;
  method: string;
  providerAddress: string;
  auth: ProviderAuth | undefined;
  body: string | undefined;
  timeoutMs: number;
}

const RETRYABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const MAX_ATTEMPTS = 3;

/** TLS options for the chosen auth: mTLS presents the client cert without SNI, like the console's proxy. */
export function tlsAuthOptions(auth: ProviderAuth | undefined): { cert?: string; key?: string; servername?: string; headers: Record<string, string> } {
  if (auth?.type === "mtls") return { cert: auth.certPem, key: auth.keyPem, servername: "", headers: {} };
  if (auth?.type === "jwt") return { headers: { authorization: `Bearer ${auth.token}` } };
  return { headers: {} };
}

/**
 * Sends one request to a provider and resolves with its response once headers arrive.
 * Connection failures (refused/reset, e.g. a stale keep-alive socket or a provider that is
 * restarting) are retried within the deadline; certificate and timeout errors are not.
 */
export async function requestProvider(pool: ProviderAgentPool, req: ProviderRequest): Promise<IncomingMessage> {
  const deadline = Date.now() + req.timeoutMs;
  let lastError: unknown;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await attemptRequest(pool, req, deadline - Date.now());
    } catch (error) {
      lastError = error;
      const remaining = deadline - Date.now();
      const delay = 100 * attempt;
      if (!isRetryable(error) || attempt === MAX_ATTEMPTS || remaining <= delay + 50) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw toProxyError(lastError, req);
}

function attemptRequest(pool: ProviderAgentPool, req: ProviderRequest, timeoutMs: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const tlsOptions = tlsAuthOptions(req.auth);
    const headers: Record<string, string> = { accept: "application/json, */*", ...tlsOptions.headers };
    const bodyBuffer = req.body !== undefined ? Buffer.from(req.body, "utf8") : undefined;
    if (bodyBuffer) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(bodyBuffer.length);
    }
    const upstream = https.request({
      protocol: "https:",
      hostname: req.url.hostname,
      port: req.url.port || 443,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers,
      agent: pool.get(req.providerAddress, "http"),
      cert: tlsOptions.cert,
      key: tlsOptions.key,
      servername: tlsOptions.servername,
      [CONNECT_DEADLINE]: Date.now() + timeoutMs,
    } as https.RequestOptions);
    const timer = setTimeout(() => {
      const error = new ProxyError("providerTimeout", `Provider ${req.url.origin} did not respond within ${req.timeoutMs} ms`);
      // Reject now: a request still waiting for its socket only emits the error once the socket exists.
      reject(error);
      upstream.destroy(error);
    }, Math.max(1, timeoutMs));
    upstream.once("response", (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    // `on`, not `once`: a late failure of a socket whose request already timed out must never go unhandled.
    upstream.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    upstream.end(bodyBuffer);
  });
}

function isRetryable(error: unknown): boolean {
  if (isProxyError(error)) return false;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/** Maps a low-level failure to the proxy's error vocabulary. */
export function toProxyError(error: unknown, target: { url: URL }): ProxyError {
  if (isProxyError(error)) return error;
  const err = error as NodeJS.ErrnoException | undefined;
  const code = err?.code ?? "";
  const message = err?.message ?? String(error);
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER" || /wrong version number|packet length too long|unknown protocol/i.test(message)) {
    return new ProxyError(
      "insecureConnection",
      `Could not establish a TLS connection with ${target.url.origin}: it answered without TLS`,
    );
  }
  return new ProxyError(
    "providerUnavailable",
    `Provider ${target.url.origin} is temporarily unavailable${code ? ` (${code})` : ""}`,
  );
}
