import type { OfflineAminoSigner } from "@cosmjs/amino";
import { fromBase64, fromUtf8, toHex } from "@cosmjs/encoding";
import type { JwtTokenAccessScope, OfflineDataSigner } from "@akashnetwork/chain-sdk/web";

/** Everything a token can grant; the console asks only for what a screen needs. */
export type ProviderScope = JwtTokenAccessScope;

export interface JwtRequest {
  /** Owner address (the JWT `iss`). */
  address: string;
  /** The provider the token is for: it is worthless at any other provider (no replay across providers). */
  provider: string;
  scope: ProviderScope[];
  /** Lifetime in seconds (default 10 minutes). */
  ttlSeconds?: number;
}

/** Tokens live minutes, not hours: a leaked one is soon useless. */
export const DEFAULT_JWT_TTL_SECONDS = 10 * 60;

/**
 * The scopes asked for: reads (status, events, logs) share one token so a page showing all three needs one
 * signature; anything else (shell, send-manifest, …) gets a token with exactly what was asked.
 */
export const READ_SCOPES: ProviderScope[] = ["status", "events", "logs"];
export function tokenScopes(scope: ProviderScope[]): ProviderScope[] {
  const wanted = [...new Set(scope)];
  return wanted.every((s) => READ_SCOPES.includes(s)) ? READ_SCOPES : wanted.sort();
}

export type JwtSigner = OfflineDataSigner | OfflineAminoSigner;

interface CachedToken {
  token: string;
  exp: number;
}

/**
 * Creates provider JWTs (AEP-64, ES256KADR36 via the wallet's `signArbitrary`) with chain-sdk's
 * JwtTokenManager: `access: "granular"` with one permission, for one provider, with only the scopes asked for,
 * short-lived. A provider is permissionless and sees every token sent to it; a token that names only that
 * provider cannot be replayed at another one (to open a shell in the tenant's other deployments).
 * (Binding a token to one deployment as well needs the deployment's service names, which AEP-64 requires
 * with a dseq; a deployment made elsewhere has none here before its status is read, which needs a token.)
 * Tokens are cached per owner + provider + scopes and re-created when less than
 * `renewBeforeSeconds` remain, so a wallet prompt happens at most once per TTL for each.
 */
export class ProviderJwtCache {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly getSigner: (address: string) => JwtSigner | Promise<JwtSigner>,
    private readonly options: { renewBeforeSeconds?: number; now?: () => number } = {},
  ) {}

  private now(): number {
    return Math.floor((this.options.now?.() ?? Date.now()) / 1000);
  }

  /** A valid token for the request; `force` ignores the cache (e.g. after the provider said it expired). */
  async token(request: JwtRequest, force = false): Promise<string> {
    const key = `${request.address}|${request.provider}|${tokenScopes(request.scope).join(",")}`;
    const cached = this.cache.get(key);
    if (!force && cached && cached.exp - this.now() > (this.options.renewBeforeSeconds ?? 60)) return cached.token;
    const running = this.inflight.get(key);
    if (running && !force) return running;
    const promise = this.create(request)
      .then((created) => {
        this.cache.set(key, created);
        return created.token;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /** Forgets every token (e.g. when the wallet disconnects or switches account). */
  clear(): void {
    this.cache.clear();
  }

  private async create(request: JwtRequest): Promise<CachedToken> {
    const { JwtTokenManager } = await import("@akashnetwork/chain-sdk/web");
    const signer = await this.getSigner(request.address);
    const manager = new JwtTokenManager(signer);
    const iat = this.now();
    const exp = iat + (request.ttlSeconds ?? DEFAULT_JWT_TTL_SECONDS);
    const token = await manager.generateToken({
      version: "v1",
      iss: request.address,
      iat,
      nbf: iat,
      exp,
      jti: randomId(),
      leases: {
        access: "granular",
        permissions: [{ provider: request.provider, access: "scoped", scope: tokenScopes(request.scope) }],
      },
    });
    return { token, exp };
  }
}

/** Reads `exp` from a JWT without verifying it (to tell a user their token expired). */
export function jwtExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(fromUtf8(fromBase64Url(payload))) as { exp?: unknown };
    return typeof json.exp === "number" ? json.exp : null;
  } catch {
    return null;
  }
}

/** JWT segments are unpadded base64url (RFC 7515 §2). */
function fromBase64Url(segment: string): Uint8Array {
  const base64 = segment.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
}

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}
