/** Small fetch wrapper for the chain's REST gateway, RPC and faucet, with timeouts and typed errors. */

export type ChainRequestErrorKind = "unreachable" | "timeout" | "http" | "invalid-response";

export class ChainRequestError extends Error {
  readonly kind: ChainRequestErrorKind;
  readonly status: number | undefined;
  readonly url: string;
  constructor(kind: ChainRequestErrorKind, url: string, message: string, status?: number) {
    super(message);
    this.name = "ChainRequestError";
    this.kind = kind;
    this.url = url;
    this.status = status;
  }
}

export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  method?: "GET" | "POST";
  body?: unknown;
}

export async function requestJson<T = unknown>(url: string, options: RequestOptions = {}): Promise<T> {
  const { timeoutMs = 8000, signal, method = "GET", body } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      signal: combined,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted) throw new ChainRequestError("timeout", url, `No answer from ${originOf(url)} within ${Math.round(timeoutMs / 1000)} s`);
    throw new ChainRequestError("unreachable", url, `Cannot reach ${originOf(url)}`);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new ChainRequestError("invalid-response", url, `${originOf(url)} did not answer with JSON (HTTP ${response.status})`, response.status);
  }
  if (!response.ok) {
    const message = extractMessage(parsed) ?? `HTTP ${response.status}`;
    throw new ChainRequestError("http", url, message, response.status);
  }
  return parsed as T;
}

function extractMessage(body: unknown): string | undefined {
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    for (const key of ["message", "error"]) {
      const value = record[key];
      if (typeof value === "string" && value) return value;
    }
  }
  return undefined;
}

export function originOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** The RPC base as a ws(s) URL; cosmjs' WebsocketClient appends `/websocket` itself. */
export function websocketUrl(rpcUrl: string): string {
  const url = new URL(rpcUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString().replace(/\/+$/, "");
}
