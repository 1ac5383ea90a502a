import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream";
import { z } from "zod";
import { AuthSchema, checkAuth, normaliseAuth } from "./auth.ts";
import { isBech32Address } from "./certificate-validator.ts";
import { ProxyError } from "./errors.ts";
import type { ProxyNetworks } from "./networks.ts";
import { requestProvider } from "./provider-request.ts";

export const DEFAULT_TIMEOUT_MS = 9_000;
export const MAX_TIMEOUT_MS = 30_000;

export const ProxyRequestSchema = z.object({
  method: z.enum(["GET", "POST", "PUT", "DELETE"]),
  url: z.string().min(1),
  providerAddress: z.string().refine(isBech32Address, "is not a bech32 address"),
  auth: AuthSchema.optional(),
  certPem: z.string().optional(),
  keyPem: z.string().optional(),
  body: z.string().optional(),
  timeout: z.number().positive().optional(),
  /** Which chain to check the provider against (the proxy's default when absent). */
  network: z.string().min(1).max(64).optional(),
});

/** The most a provider answer may carry through the proxy (status JSON and manifests are kilobytes). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface HttpRouteDeps {
  networks: ProxyNetworks;
  maxResponseBytes?: number;
  maxBodyBytes: number;
  now: () => number;
}

/**
 * The only provider response headers passed on. Providers are permissionless: cookies, CORS grants, CSP,
 * refresh/link headers or a Location from one must never reach the browser in the proxy's origin.
 */
const FORWARDED_RESPONSE_HEADERS = new Set(["content-type", "content-length", "content-encoding", "cache-control", "etag", "last-modified", "date"]);

/** Provider bodies are data, never a document: types a browser would render or run are sent as plain text. */
function safeContentType(value: string | string[] | undefined): string | undefined {
  const type = Array.isArray(value) ? value[0] : value;
  if (type === undefined) return undefined;
  const media = type.split(";")[0]!.trim().toLowerCase();
  const data = media === "application/json" || media.endsWith("+json") || media === "text/plain" || media === "application/octet-stream" || media === "application/x-ndjson" || media === "text/event-stream";
  return data ? type : "text/plain; charset=utf-8";
}

/** Errors a provider reports as 500 that are really a rejected manifest (the console's proxy maps them to 400). */
function isManifestRejection(status: number, body: string): boolean {
  return (
    status === 500 &&
    (body.startsWith("manifest cross-validation error:") || body.startsWith("hostname not allowed:") || body.includes("validation failed"))
  );
}

const MAX_ERROR_BODY_BYTES = 1 << 20;

export interface ProxiedRequestSummary {
  providerAddress?: string;
  host?: string;
  method?: string;
  path?: string;
  status?: number;
}

/** Handles `POST /`: validates the envelope, forwards it to the provider and streams the answer back. */
export async function handleProxyRequest(
  deps: HttpRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  extraHeaders: Record<string, string>,
  summary: ProxiedRequestSummary,
): Promise<void> {
  const raw = await readBody(req, 2 * deps.maxBodyBytes + 64 * 1024);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ProxyError("invalidRequest", "The request body must be JSON: {method, url, providerAddress, auth?, body?, timeout?}");
  }
  const parsed = ProxyRequestSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    throw new ProxyError("invalidRequest", `Invalid proxy request: ${detail}`);
  }
  const input = parsed.data;
  summary.providerAddress = input.providerAddress;
  summary.method = input.method;
  if (input.body !== undefined && Buffer.byteLength(input.body, "utf8") > deps.maxBodyBytes) {
    throw new ProxyError("payloadTooLarge", `The request body is larger than the ${deps.maxBodyBytes} bytes the proxy forwards`);
  }
  const auth = normaliseAuth(input);
  checkAuth(auth, deps.now());
  const { policy, pool } = deps.networks.get(input.network);
  const url = await policy.resolve(input.url, input.providerAddress);
  summary.host = url.host;
  summary.path = url.pathname;

  const timeoutMs = Math.min(input.timeout ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const upstream = await requestProvider(pool, {
    url,
    method: input.method,
    providerAddress: input.providerAddress,
    auth,
    body: input.body,
    timeoutMs,
  });
  const status = upstream.statusCode ?? 502;
  summary.status = status;
  if (status >= 300 && status < 400) {
    upstream.resume();
    throw new ProxyError("providerRedirect", `The provider answered with a redirect (${status}); the proxy does not follow or pass on redirects`);
  }
  const headers: Record<string, string | string[]> = { ...extraHeaders };
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (value !== undefined && FORWARDED_RESPONSE_HEADERS.has(name)) headers[name] = value;
  }
  const contentType = safeContentType(upstream.headers["content-type"]);
  if (contentType) headers["content-type"] = contentType;

  if (status >= 400) {
    const body = await readBody(upstream, MAX_ERROR_BODY_BYTES).catch(() => Buffer.alloc(0));
    const text = body.toString("utf8");
    delete headers["content-length"];
    if (isManifestRejection(status, text)) {
      summary.status = 400;
      res.writeHead(400, { ...headers, "content-type": "text/plain; charset=utf-8", "x-provider-status": String(status) });
      res.end(text);
      return;
    }
    res.writeHead(status, { ...headers, "content-length": String(body.length) });
    res.end(body);
    return;
  }

  res.writeHead(status, headers);
  const release = limitBody(upstream, { idleMs: timeoutMs, totalMs: 2 * timeoutMs, maxBytes: deps.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES });
  pipeline(upstream, res, release);
}

/**
 * Cuts a provider body that stalls between chunks, trickles on past `totalMs` (slow-loris) or grows past
 * `maxBytes` (an endless body). Returns the function that stops watching.
 */
function limitBody(stream: IncomingMessage, limits: { idleMs: number; totalMs: number; maxBytes: number }): () => void {
  const idle = setTimeout(() => stream.destroy(), limits.idleMs);
  const total = setTimeout(() => stream.destroy(), limits.totalMs);
  let bytes = 0;
  stream.on("data", (chunk: Buffer) => {
    idle.refresh();
    bytes += chunk.length;
    if (bytes > limits.maxBytes) stream.destroy();
  });
  return () => {
    clearTimeout(idle);
    clearTimeout(total);
  };
}

export function readBody(stream: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(stream.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      stream.resume();
      reject(new ProxyError("payloadTooLarge", `The request is larger than the ${limit} bytes the proxy accepts`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.removeAllListeners("data");
        stream.resume();
        reject(new ProxyError("payloadTooLarge", `The request is larger than the ${limit} bytes the proxy accepts`));
        return;
      }
      chunks.push(chunk);
    });
    stream.once("end", () => resolve(Buffer.concat(chunks)));
    stream.once("error", reject);
    stream.once("aborted", () => reject(new Error("request aborted")));
  });
}
