/**
 * Certificates: what the chain says (valid/revoked) joined with what this browser holds (the sealed
 * private key), and the status the UI shows. Pure functions, no React.
 */
import type { ChainCertificate } from "@/lib/chain/cert";
import type { SealedKey } from "./key-vault";

/** A certificate as the chain lists it. */
export type OnChainCertificate = ChainCertificate;

export interface LocalCertificate {
  owner: string;
  serial: string;
  certPem: string;
  pubkeyPem: string;
  sealedKey: SealedKey;
  notBefore: string;
  notAfter: string;
  createdAt: string;
}

export type CertificateStatus = "valid" | "expired" | "revoked" | "not-yet-valid" | "pending";

export interface CertificateRow {
  serial: string;
  status: CertificateStatus;
  /** This browser holds the private key (usable for mTLS). */
  hasKey: boolean;
  onChain: boolean;
  notBefore: string | null;
  notAfter: string | null;
  certPem: string;
}

export function certificateStatus(onChain: OnChainCertificate | undefined, notBefore: string | null, notAfter: string | null, now: Date): CertificateStatus {
  if (onChain && onChain.state !== "valid") return "revoked";
  if (notAfter && new Date(notAfter) <= now) return "expired";
  if (notBefore && new Date(notBefore) > now) return "not-yet-valid";
  if (!onChain) return "pending";
  return "valid";
}

/** Newest first; local-only records are kept while their create tx may still be confirming. */
export function joinCertificates(chain: OnChainCertificate[], local: LocalCertificate[], validity: Map<string, { notBefore: string; notAfter: string }>, now: Date): CertificateRow[] {
  const bySerial = new Map(chain.map((c) => [c.serial, c]));
  const localBySerial = new Map(local.map((c) => [c.serial, c]));
  const serials = new Set([...chain.map((c) => c.serial), ...local.map((c) => c.serial)]);
  const rows: CertificateRow[] = [];
  for (const serial of serials) {
    const onChain = bySerial.get(serial);
    const mine = localBySerial.get(serial);
    const dates = mine ? { notBefore: mine.notBefore, notAfter: mine.notAfter } : validity.get(serial);
    rows.push({
      serial,
      status: certificateStatus(onChain, dates?.notBefore ?? null, dates?.notAfter ?? null, now),
      hasKey: Boolean(mine),
      onChain: Boolean(onChain),
      notBefore: dates?.notBefore ?? null,
      notAfter: dates?.notAfter ?? null,
      certPem: onChain?.certPem ?? mine?.certPem ?? "",
    });
  }
  return rows.sort((a, b) => (BigInt(b.serial) > BigInt(a.serial) ? 1 : BigInt(b.serial) < BigInt(a.serial) ? -1 : 0));
}

/** The credential used for mTLS: the newest valid on-chain certificate whose key this browser holds. */
export function activeCertificate(rows: CertificateRow[]): CertificateRow | null {
  return rows.find((r) => r.status === "valid" && r.hasKey) ?? null;
}

/** Why there is no usable credential, for the "renew" prompt; null when one is usable. */
export function credentialProblem(rows: CertificateRow[]): { status: "missing" | "expired" | "revoked"; serial?: string } | null {
  if (activeCertificate(rows)) return null;
  const mine = rows.find((r) => r.hasKey);
  if (mine && (mine.status === "expired" || mine.status === "revoked")) return { status: mine.status, serial: mine.serial };
  return { status: "missing" };
}
