import { X509Certificate, createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";
import { ProxyError } from "./errors.ts";

export const AuthSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("mtls"), certPem: z.string().min(1), keyPem: z.string().min(1) }).strict(),
  z.object({ type: z.literal("jwt"), token: z.string().min(1) }).strict(),
]);

export type ProviderAuth = z.infer<typeof AuthSchema>;

/** Auth as sent by clients: `auth`, or the legacy top-level `certPem`/`keyPem` pair. */
export interface AuthFields {
  auth?: ProviderAuth | undefined;
  certPem?: string | undefined;
  keyPem?: string | undefined;
}

/** Normalises auth fields; sending mTLS and JWT (or two auths) together is refused, like the provider does. */
export function normaliseAuth(fields: AuthFields): ProviderAuth | undefined {
  const legacy = fields.certPem !== undefined || fields.keyPem !== undefined;
  if (fields.auth && legacy) {
    throw new ProxyError("ambiguousAuth", "Send either `auth` or the legacy certPem/keyPem fields, not both (mTLS and JWT together are ambiguous)");
  }
  if (legacy) {
    if (!fields.certPem || !fields.keyPem) {
      throw new ProxyError("invalidClientCertificate", "mTLS needs both certPem and keyPem");
    }
    return { type: "mtls", certPem: fields.certPem, keyPem: fields.keyPem };
  }
  return fields.auth;
}

export interface JwtClaims {
  iss?: string;
  exp?: number;
  nbf?: number;
}

/** Decodes (does not verify: the provider does) a JWT's claims. */
export function decodeJwtClaims(token: string): JwtClaims {
  const parts = token.split(".");
  if (parts.length !== 3) throw new ProxyError("invalidJwt", "The JWT is malformed: expected header.payload.signature");
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as unknown;
    if (!claims || typeof claims !== "object") throw new Error("not an object");
    return claims as JwtClaims;
  } catch {
    throw new ProxyError("invalidJwt", "The JWT is malformed: its payload is not base64url JSON");
  }
}

/**
 * Checks what the proxy can check locally before contacting the provider: the token's
 * expiry, or the client certificate's validity window and key. Signatures are the
 * provider's job (it knows the on-chain pubkey/cert).
 */
export function checkAuth(auth: ProviderAuth | undefined, now: number): void {
  if (!auth) return;
  if (auth.type === "jwt") {
    const claims = decodeJwtClaims(auth.token);
    if (typeof claims.exp !== "number") throw new ProxyError("invalidJwt", "The JWT has no exp claim");
    if (claims.exp * 1000 <= now) {
      throw new ProxyError("tokenExpired", `The JWT expired at ${new Date(claims.exp * 1000).toISOString()}; sign a new token`);
    }
    return;
  }
  const { validFrom, validTo } = inspectClientCertificate(auth.certPem, auth.keyPem);
  if (validTo < now) {
    throw new ProxyError("invalidClientCertificate", `Your client certificate expired on ${new Date(validTo).toISOString()}; create and publish a new one`);
  }
  if (validFrom > now) {
    throw new ProxyError("invalidClientCertificate", `Your client certificate is not valid before ${new Date(validFrom).toISOString()}`);
  }
}

/**
 * Parsing a certificate and key costs milliseconds, and browsers send the same pair with every
 * request; parsed results are cached under a SHA-256 of the pair (the key itself is not kept).
 */
const inspected = new Map<string, { validFrom: number; validTo: number }>();
const MAX_INSPECTED = 1_000;

function inspectClientCertificate(certPem: string, keyPem: string): { validFrom: number; validTo: number } {
  const id = createHash("sha256").update(certPem).update("\0").update(keyPem).digest("base64");
  const hit = inspected.get(id);
  if (hit) return hit;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new ProxyError("invalidClientCertificate", "certPem is not a PEM-encoded X.509 certificate");
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new ProxyError("invalidClientCertificate", "keyPem is not a PEM-encoded private key (is it still encrypted?)");
  }
  const spki = (k: KeyObject) => k.export({ type: "spki", format: "der" });
  if (!spki(createPublicKey(key)).equals(spki(cert.publicKey))) {
    throw new ProxyError("invalidClientCertificate", "keyPem is not the private key of certPem");
  }
  const result = { validFrom: Date.parse(cert.validFrom), validTo: Date.parse(cert.validTo) };
  if (inspected.size >= MAX_INSPECTED) inspected.delete(inspected.keys().next().value!);
  inspected.set(id, result);
  return result;
}
