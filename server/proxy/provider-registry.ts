import { X509Certificate } from "node:crypto";
import { ProxyError } from "./errors.ts";

/** On-chain facts the proxy needs about a provider. Small so tests can supply a fake. */
export interface ProviderRegistry {
  /** The provider's registered `host_uri`, or null if the address is not a registered provider. */
  getHostUri(owner: string): Promise<string | null>;
  /** The provider's valid on-chain certificate with this serial (decimal), or null. */
  getCertificate(owner: string, serialDecimal: string): Promise<X509Certificate | null>;
}

interface ProviderResponse {
  provider?: { owner?: string; host_uri?: string };
}

interface CertificatesResponse {
  certificates?: Array<{ certificate?: { state?: string; cert?: string }; serial?: string }>;
}

/** Reads providers and certificates from the chain's REST (grpc-gateway) endpoint. */
export class RestProviderRegistry implements ProviderRegistry {
  private readonly restUrl: string;

  constructor(
    restUrl: string,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly timeoutMs = 5_000,
  ) {
    this.restUrl = restUrl.replace(/\/+$/, "");
  }

  async getHostUri(owner: string): Promise<string | null> {
    const res = await this.get(`/akash/provider/v1beta4/providers/${encodeURIComponent(owner)}`);
    if (res.status === 404) return null;
    const body = (await this.readJson(res)) as ProviderResponse;
    return body.provider?.host_uri || null;
  }

  async getCertificate(owner: string, serialDecimal: string): Promise<X509Certificate | null> {
    const query = new URLSearchParams({
      "filter.owner": owner,
      "filter.serial": serialDecimal,
      "filter.state": "valid",
      "pagination.limit": "1",
    });
    const res = await this.get(`/akash/cert/v1/certificates/list?${query}`);
    if (res.status === 404) return null;
    const body = (await this.readJson(res)) as CertificatesResponse;
    const entry = body.certificates?.find((c) => c.certificate?.state === "valid" && c.serial === serialDecimal);
    const pem = entry?.certificate?.cert;
    if (!pem) return null;
    try {
      return new X509Certificate(Buffer.from(pem, "base64"));
    } catch {
      return null;
    }
  }

  private async get(path: string): Promise<Response> {
    try {
      return await this.fetchFn(`${this.restUrl}${path}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new ProxyError(
        "chainUnavailable",
        // The node's address is the operator's business, not the client's: it is not in the message.
        `Cannot verify the provider: the proxy cannot reach its chain node (${describe(error)})`,
      );
    }
  }

  private async readJson(res: Response): Promise<unknown> {
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new ProxyError(
        "chainUnavailable",
        `Cannot verify the provider: the proxy's chain node answered HTTP ${res.status}`,
      );
    }
    try {
      return await res.json();
    } catch {
      throw new ProxyError("chainUnavailable", "Cannot verify the provider: the proxy's chain node returned invalid JSON");
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}

interface CacheEntry<T> {
  value: T;
  expiresAt: number;
}

export interface CacheOptions {
  /** How long a provider's host_uri is trusted (ms). Short: host changes must take effect soon. */
  hostTtlMs?: number;
  /** Certificates are immutable per (owner, serial); 30 min like the console's proxy (revocations apply after it). */
  certTtlMs?: number;
  /** "Not found" answers are cached briefly so a typo cannot hammer the chain. */
  negativeTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** Caches another registry's answers (with in-flight de-duplication). Chain errors are not cached. */
export class CachedProviderRegistry implements ProviderRegistry {
  private readonly hosts = new Map<string, CacheEntry<string | null>>();
  private readonly certs = new Map<string, CacheEntry<X509Certificate | null>>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly hostTtlMs: number;
  private readonly certTtlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: ProviderRegistry,
    options: CacheOptions = {},
  ) {
    this.hostTtlMs = options.hostTtlMs ?? 30_000;
    this.certTtlMs = options.certTtlMs ?? 30 * 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  getHostUri(owner: string): Promise<string | null> {
    return this.cached(this.hosts, `host:${owner}`, this.hostTtlMs, () => this.inner.getHostUri(owner));
  }

  getCertificate(owner: string, serialDecimal: string): Promise<X509Certificate | null> {
    return this.cached(this.certs, `cert:${owner}:${serialDecimal}`, this.certTtlMs, () =>
      this.inner.getCertificate(owner, serialDecimal),
    );
  }

  private async cached<T>(map: Map<string, CacheEntry<T | null>>, key: string, ttl: number, load: () => Promise<T | null>): Promise<T | null> {
    const hit = map.get(key);
    const now = this.now();
    if (hit && hit.expiresAt > now) return hit.value;
    if (hit) map.delete(key);

    const pending = this.inflight.get(key) as Promise<T | null> | undefined;
    if (pending) return pending;
    const promise = load()
      .then((value) => {
        if (map.size >= this.maxEntries) {
          const oldest = map.keys().next().value;
          if (oldest !== undefined) map.delete(oldest);
        }
        map.set(key, { value, expiresAt: this.now() + (value === null ? this.negativeTtlMs : ttl) });
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }
}
