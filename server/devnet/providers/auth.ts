/**
 * Provider gateway authentication (provider gateway/utils AuthProcess): mTLS with an on-chain client
 * certificate, or a JWT (ES256K / ES256KADR36) verified against the owner's on-chain account key.
 */
import { X509Certificate } from "node:crypto";
import { fromBech32 } from "@cosmjs/encoding";
import { serializeSignDoc, type StdSignDoc } from "@cosmjs/amino";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { JwtValidator, type JwtTokenPayload, type JwtTokenAccessScope } from "@akashnetwork/chain-sdk";
import type { OnChainCertificate } from "./chain-rest.ts";

export class AuthError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface AuthChain {
  certificate(owner: string, serial: string): Promise<OnChainCertificate | null>;
  accountPubkey(address: string): Promise<Uint8Array | null>;
}

export type AccessScope = JwtTokenAccessScope;

export interface Principal {
  owner: string;
  method: "mtls" | "jwt";
  /** null = full access (mTLS or leases.access "full"). */
  claims: JwtTokenPayload | null;
}

export function isAkashAddress(s: string): boolean {
  try {
    return fromBech32(s).prefix === "akash";
  } catch {
    return false;
  }
}

const CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";

function commonName(dn: string): string {
  for (const line of dn.split("\n")) if (line.startsWith("CN=")) return line.slice(3);
  return "";
}

/** Validate a client certificate like atls.ValidatePeerCertificates, against the chain. */
export async function verifyClientCertificate(cert: X509Certificate, chain: AuthChain, now = new Date()): Promise<Principal> {
  const owner = commonName(cert.subject);
  if (!isAkashAddress(owner)) throw new AuthError(401, "unauthorized access: client certificate subject CN is not an akash address");
  if (commonName(cert.issuer) !== owner) throw new AuthError(401, "unauthorized access: client certificate issuer does not match subject");
  if (!cert.serialNumber) throw new AuthError(401, "unauthorized access: client certificate has no serial number");
  if (now < new Date(cert.validFrom)) throw new AuthError(401, "unauthorized access: client certificate is not yet valid");
  if (now > new Date(cert.validTo)) throw new AuthError(401, "unauthorized access: client certificate has expired");
  if (!cert.verify(cert.publicKey)) throw new AuthError(401, "unauthorized access: client certificate signature is invalid");
  const eku = cert.keyUsage;
  if (eku && eku.length > 0 && !eku.includes(CLIENT_AUTH_OID)) throw new AuthError(401, "unauthorized access: client certificate is not valid for client authentication");
  const serial = BigInt("0x" + cert.serialNumber).toString(10);
  const onChain = await chain.certificate(owner, serial);
  if (!onChain) throw new AuthError(401, `unauthorized access: client certificate (serial ${serial}) is not registered on chain for ${owner}`);
  if (onChain.state !== "valid") throw new AuthError(401, `unauthorized access: client certificate (serial ${serial}) has been revoked`);
  let chainCert: X509Certificate;
  try {
    chainCert = new X509Certificate(onChain.certPem);
  } catch {
    throw new AuthError(401, "unauthorized access: on-chain certificate cannot be parsed");
  }
  if (chainCert.fingerprint256 !== cert.fingerprint256) throw new AuthError(401, "unauthorized access: client certificate does not match the on-chain certificate");
  return { owner, method: "mtls", claims: null };
}

function b64urlDecode(s: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new AuthError(401, "JWT is invalid: not base64url");
  return Buffer.from(s, "base64url");
}

/** The ADR-36 amino sign doc Keplr's signArbitrary (and chain-sdk's JwtTokenManager) signs. */
export function adr36SignDoc(signer: string, data: string): StdSignDoc {
  return {
    chain_id: "",
    account_number: "0",
    sequence: "0",
    fee: { gas: "0", amount: [] },
    msgs: [{ type: "sign/MsgSignData", value: { signer, data: Buffer.from(data, "utf8").toString("base64") } }],
    memo: "",
  };
}

const validator = new JwtValidator();

/**
 * The longest token life the devnet's providers accept: chain-sdk's default (one hour). A provider is free to
 * refuse long-lived tokens; the console signs 10-minute ones.
 */
export const MAX_JWT_LIFETIME_SECONDS = 3600;

/** Verify a bearer JWT; returns the principal or throws AuthError with the provider's status/message. */
export async function verifyJwt(token: string, chain: AuthChain, nowSec = Math.floor(Date.now() / 1000)): Promise<Principal> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => p === "")) throw new AuthError(401, "JWT is invalid: malformed token");
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: unknown };
  let payload: JwtTokenPayload;
  try {
    header = JSON.parse(b64urlDecode(h).toString("utf8"));
    payload = JSON.parse(b64urlDecode(p).toString("utf8"));
  } catch (e) {
    if (e instanceof AuthError) throw e;
    throw new AuthError(401, "JWT is invalid: header or payload is not JSON");
  }
  if (header.alg !== "ES256K" && header.alg !== "ES256KADR36") throw new AuthError(401, `JWT is invalid: unsupported alg ${String(header.alg)}`);
  const v = validator.validateToken(payload);
  if (!v.isValid) throw new AuthError(400, `JWT has invalid claims: ${v.errors.join("; ")}`);
  if (payload.exp <= nowSec) throw new AuthError(401, "JWT is expired");
  if (payload.nbf > nowSec + 5) throw new AuthError(401, "JWT is invalid: not valid yet (nbf)");
  if (payload.iat > nowSec + 5) throw new AuthError(401, "JWT is invalid: issued in the future (iat)");
  if (payload.exp - Math.min(payload.iat, payload.nbf) > MAX_JWT_LIFETIME_SECONDS) {
    throw new AuthError(401, `JWT is invalid: lifetime longer than ${MAX_JWT_LIFETIME_SECONDS} s`);
  }
  const pubkey = await chain.accountPubkey(payload.iss);
  if (!pubkey) throw new AuthError(401, "JWT is invalid: issuer account has no public key on chain");
  const sig = b64urlDecode(s);
  if (sig.length !== 64) throw new AuthError(401, "JWT is invalid: signature must be 64 bytes");
  const signingInput = `${h}.${p}`;
  const message = header.alg === "ES256K" ? new TextEncoder().encode(signingInput) : serializeSignDoc(adr36SignDoc(payload.iss, signingInput));
  let ok: boolean;
  try {
    ok = secp256k1.verify(sig, message, pubkey);
  } catch {
    ok = false;
  }
  if (!ok) throw new AuthError(401, "JWT is invalid: signature verification failed");
  return { owner: payload.iss, method: "jwt", claims: payload };
}

export interface AccessTarget {
  provider: string;
  dseq: string;
  gseq?: number;
  oseq?: number;
  services?: string[];
}

/** Whether the principal's claims grant `scope` on the target lease (AEP-64 permission model). */
export function authorize(principal: Principal, scope: AccessScope, target: AccessTarget): boolean {
  const c = principal.claims;
  if (!c) return true;
  const leases = c.leases as { access: string; scope?: string[]; permissions?: Record<string, unknown>[] };
  if (leases.access === "full") return true;
  if (leases.access === "scoped") return (leases.scope ?? []).includes(scope);
  const perm = (leases.permissions ?? []).find((x) => x.provider === target.provider);
  if (!perm) return false;
  if (perm.access === "full") return true;
  if (perm.access === "scoped") return ((perm.scope as string[]) ?? []).includes(scope);
  const deployments = (perm.deployments as { dseq: number; gseq?: number; oseq?: number; services?: string[]; scope: string[] }[]) ?? [];
  return deployments.some(
    (d) =>
      String(d.dseq) === target.dseq &&
      (d.gseq === undefined || target.gseq === undefined || d.gseq === target.gseq) &&
      (d.oseq === undefined || target.oseq === undefined || d.oseq === target.oseq) &&
      d.scope.includes(scope) &&
      // A token limited to some services does not open a request for all of them (no service named).
      (!d.services || (target.services !== undefined && target.services.length > 0 && target.services.every((s) => d.services!.includes(s)))),
  );
}
