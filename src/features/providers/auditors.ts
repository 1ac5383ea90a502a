/**
 * Audit signatures: anyone can sign provider attributes on chain, so a provider counts as audited only when a
 * known auditor signed it. The list names the auditors consoles trust by default.
 */
import type { Attribute } from "./attributes";

export const KNOWN_AUDITORS: Readonly<Record<string, string>> = {
  // Overclock Labs, the auditor of Akash mainnet (the address the official console and templates use in signedBy).
  akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63: "Overclock Labs",
  // The auditor account of the local devnet's genesis (server/devnet/config.ts AUDITOR_ADDRESS).
  akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx: "Devnet auditor",
};

export interface AuditSignature {
  auditor: string;
  attributes: Attribute[];
}

export interface AuditState {
  /** Signed by at least one known auditor. */
  audited: boolean;
  /** Known auditors that signed, by name. */
  auditors: Array<{ address: string; name: string; attributes: Attribute[] }>;
  /** Signatures by addresses we do not know (shown, but they do not make a provider audited). */
  unknown: AuditSignature[];
}

export function auditState(signatures: AuditSignature[], known: Readonly<Record<string, string>> = KNOWN_AUDITORS): AuditState {
  const auditors: AuditState["auditors"] = [];
  const unknown: AuditSignature[] = [];
  for (const s of signatures) {
    const name = known[s.auditor];
    if (name) auditors.push({ address: s.auditor, name, attributes: s.attributes });
    else unknown.push(s);
  }
  return { audited: auditors.length > 0, auditors, unknown };
}
