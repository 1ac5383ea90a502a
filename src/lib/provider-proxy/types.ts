/** Credentials the proxy forwards to a provider (AEP-64 JWT, or the legacy on-chain mTLS certificate). */
export type ProviderAuth = { type: "jwt"; token: string } | { type: "mtls"; certPem: string; keyPem: string };

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ProviderRequest {
  method: HttpMethod;
  /** Full provider URL: `<host_uri><path>`, e.g. `https://provider.example.com:8443/status`. */
  url: string;
  providerAddress: string;
  auth?: ProviderAuth;
  /** Request body, already serialised (the manifest is sent as sorted JSON text). */
  body?: string;
  /** Per-attempt timeout the proxy applies upstream, in ms (proxy default 9000, cap 30000). */
  timeout?: number;
  /** Aborts the browser → proxy request. */
  signal?: AbortSignal;
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parses `text` as JSON; throws a ProviderProxyError of kind "invalidResponse" when it is not. */
  json<T = unknown>(): T;
}

/** Lease coordinates used to build provider URLs. */
export interface LeaseCoordinates {
  dseq: string;
  gseq: number;
  oseq: number;
}
