import { classifyHttpError, networkError, ProviderProxyError } from "./errors";
import type { LeaseCoordinates, ProviderAuth, ProviderRequest, ProviderResponse } from "./types";

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ProviderProxyClientOptions {
  /** Proxy base URL (HTTP), e.g. `https://console.example/provider-proxy`. */
  proxyUrl: string;
  /** The network the proxy checks providers against (`network` in every request); its default when empty. */
  network?: string;
  fetch?: FetchLike;
}

/**
 * Calls provider endpoints through the provider proxy (`POST /` contract). Non-2xx answers throw a
 * classified {@link ProviderProxyError}; 2xx answers resolve with the provider's status, headers and body.
 */
export class ProviderProxyClient {
  readonly proxyUrl: string;
  readonly network: string | undefined;
  private readonly fetchImpl: FetchLike;

  constructor(options: ProviderProxyClientOptions) {
    this.proxyUrl = options.proxyUrl.replace(/\/+$/, "");
    this.network = options.network || undefined;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async request(request: ProviderRequest): Promise<ProviderResponse> {
    const envelope = {
      method: request.method,
      url: request.url,
      providerAddress: request.providerAddress,
      ...(this.network ? { network: this.network } : {}),
      ...(request.auth ? { auth: request.auth } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.timeout !== undefined ? { timeout: request.timeout } : {}),
    };
    // The browser-side deadline leaves room for the proxy's own upstream timeout and retries.
    const browserDeadline = AbortSignal.timeout((request.timeout ?? 9000) * 3 + 5000);
    const signal = request.signal ? AbortSignal.any([request.signal, browserDeadline]) : browserDeadline;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.proxyUrl}/`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(envelope),
        // The envelope may carry a client key: a redirect must never make the browser re-send it elsewhere.
        redirect: "error",
        signal,
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw networkError(error, this.proxyUrl);
    }
    const text = await response.text();
    if (!response.ok) {
      const origin = safeOrigin(request.url);
      throw classifyHttpError(response.status, response.headers.get("x-proxy-error"), text, {
        isManifest: request.method === "PUT" && /\/manifest$/.test(new URL(request.url).pathname),
        origin,
      });
    }
    return {
      status: response.status,
      headers: response.headers,
      text,
      json<T>() {
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new ProviderProxyError("invalidResponse", `The provider answered with something that is not JSON: ${text.slice(0, 200)}`, { status: response.status });
        }
      },
    };
  }

  /** GET a JSON document from the provider. */
  async getJson<T>(hostUri: string, path: string, providerAddress: string, auth?: ProviderAuth, timeout?: number): Promise<T> {
    const response = await this.request({ method: "GET", url: providerUrl(hostUri, path), providerAddress, auth, timeout });
    return response.json<T>();
  }

  /** `PUT /deployment/{dseq}/manifest` with the manifest's sorted JSON (exactly what the version hash covers). */
  async sendManifest(args: { hostUri: string; providerAddress: string; dseq: string; manifestJson: string; auth: ProviderAuth; timeout?: number; signal?: AbortSignal }): Promise<void> {
    await this.request({
      method: "PUT",
      url: providerUrl(args.hostUri, `/deployment/${args.dseq}/manifest`),
      providerAddress: args.providerAddress,
      auth: args.auth,
      body: args.manifestJson,
      timeout: args.timeout ?? 30_000,
      signal: args.signal,
    });
  }

  /** `GET /lease/{d}/{g}/{o}/status`. */
  leaseStatus<T = LeaseStatus>(args: { hostUri: string; providerAddress: string; lease: LeaseCoordinates; auth: ProviderAuth }): Promise<T> {
    return this.getJson<T>(args.hostUri, `${leasePath(args.lease)}/status`, args.providerAddress, args.auth);
  }

  /** Unauthenticated `GET /status` (inventory, cluster hostname). */
  providerStatus<T = unknown>(hostUri: string, providerAddress: string, timeout = 5000): Promise<T> {
    return this.getJson<T>(hostUri, "/status", providerAddress, undefined, timeout);
  }
}

/** Lease status as the provider returns it (`GET /lease/…/status`). */
export interface LeaseStatus {
  services: Record<string, { name: string; available: number; total: number; uris: string[] | null; replicas?: number; ready_replicas?: number; available_replicas?: number }>;
  forwarded_ports?: Record<string, Array<{ host: string; port: number; externalPort: number; proto: string; name: string }>> | null;
  ips?: Record<string, Array<{ Port: number; ExternalPort: number; Protocol: string; IP: string }>> | null;
  errors?: string[];
}

export function providerUrl(hostUri: string, path: string): string {
  return `${hostUri.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}

export function leasePath(lease: LeaseCoordinates): string {
  return `/lease/${lease.dseq}/${lease.gseq}/${lease.oseq}`;
}

/** The proxy's WebSocket URL for an HTTP proxy base URL. */
export function proxyWebSocketUrl(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString().replace(/\/+$/, "");
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
