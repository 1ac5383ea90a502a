import type { X509Certificate } from "node:crypto";
import { fromBech32 } from "@cosmjs/encoding";
import type { ProviderRegistry } from "./provider-registry.ts";

export type CertificateCheckCode =
  | "noCertificate"
  | "validInFuture"
  | "expired"
  | "invalidSerialNumber"
  | "notSelfSigned"
  | "CommonNameIsNotBech32"
  | "commonNameMismatch"
  | "unknownCertificate"
  | "fingerprintMismatch";

export type CertificateCheck = { ok: true } | { ok: false; code: CertificateCheckCode };

const EXPLANATIONS: Record<CertificateCheckCode, string> = {
  noCertificate: "the provider presented no TLS certificate",
  validInFuture: "the provider's TLS certificate is not valid yet",
  expired: "the provider's TLS certificate has expired",
  invalidSerialNumber: "the provider's TLS certificate has no serial number",
  notSelfSigned: "the provider's TLS certificate is not the self-signed certificate Akash providers publish on chain",
  CommonNameIsNotBech32: "the provider's TLS certificate common name is not an Akash address",
  commonNameMismatch: "the provider's TLS certificate belongs to a different address than the provider",
  unknownCertificate: "the provider's TLS certificate is not a valid certificate of this provider on chain",
  fingerprintMismatch: "the provider's TLS certificate does not match the certificate with the same serial on chain",
};

export function explainCertificateCode(code: CertificateCheckCode): string {
  return EXPLANATIONS[code];
}

export function commonNameOf(cert: X509Certificate): string | null {
  for (const line of cert.subject.split("\n")) {
    if (line.startsWith("CN=")) return line.slice(3);
  }
  return null;
}

export function isBech32Address(value: string): boolean {
  try {
    fromBech32(value);
    return true;
  } catch {
    return false;
  }
}

/** Attribute checks that need no chain access (validity window, serial, self-signed, CN). */
export function checkCertificateAttributes(cert: X509Certificate, now: number): CertificateCheck {
  if (Date.parse(cert.validFrom) > now) return { ok: false, code: "validInFuture" };
  if (Date.parse(cert.validTo) < now) return { ok: false, code: "expired" };
  if (!cert.serialNumber?.trim()) return { ok: false, code: "invalidSerialNumber" };
  if (cert.issuer !== cert.subject) return { ok: false, code: "notSelfSigned" };
  const cn = commonNameOf(cert);
  if (!cn || !isBech32Address(cn)) return { ok: false, code: "CommonNameIsNotBech32" };
  return { ok: true };
}

/**
 * Verifies a provider's TLS server certificate the way Akash clients must: providers use
 * self-signed certificates, so trust comes from the chain — the certificate published by
 * `providerAddress` with the same serial must have the same SHA-256 fingerprint.
 */
export class ProviderCertificateValidator {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  async validate(cert: X509Certificate | undefined, providerAddress: string): Promise<CertificateCheck> {
    if (!cert) return { ok: false, code: "noCertificate" };
    const attrs = checkCertificateAttributes(cert, this.now());
    if (!attrs.ok) return attrs;
    if (commonNameOf(cert) !== providerAddress) return { ok: false, code: "commonNameMismatch" };

    const serialDecimal = BigInt(`0x${cert.serialNumber}`).toString(10);
    const onChain = await this.registry.getCertificate(providerAddress, serialDecimal);
    if (!onChain) return { ok: false, code: "unknownCertificate" };
    if (onChain.fingerprint256 !== cert.fingerprint256) return { ok: false, code: "fingerprintMismatch" };
    return { ok: true };
  }
}
