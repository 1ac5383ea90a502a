/**
 * Which audit signatures count. Anyone can sign provider attributes on chain (a provider can audit itself), so a
 * provider is audited only when an auditor trusted on *that* network signed it: the network's own (the devnet
 * auditor only on the devnet, mainnet's on mainnet) plus any the user added for that network.
 */
export type TrustedAuditors = Readonly<Record<string, string>>;

export interface AuditSignature<A = unknown> {
  auditor: string;
  attributes: A;
}

export interface AuditState<A = unknown> {
  /** Signed by at least one trusted auditor. */
  audited: boolean;
  /** Trusted auditors that signed, by name. */
  auditors: Array<{ address: string; name: string; attributes: A }>;
  /** Signatures by addresses not trusted here (shown, but they do not make a provider audited). */
  unknown: Array<AuditSignature<A>>;
}

export function auditState<A>(signatures: Array<AuditSignature<A>>, trusted: TrustedAuditors): AuditState<A> {
  const auditors: AuditState<A>["auditors"] = [];
  const unknown: Array<AuditSignature<A>> = [];
  for (const s of signatures) {
    const name = Object.hasOwn(trusted, s.auditor) ? trusted[s.auditor] : undefined;
    if (name) auditors.push({ address: s.auditor, name, attributes: s.attributes });
    else unknown.push(s);
  }
  return { audited: auditors.length > 0, auditors, unknown };
}

/** Whether any of a provider's auditors is trusted. */
export function isAudited(auditorAddresses: readonly string[], trusted: TrustedAuditors): boolean {
  return auditorAddresses.some((a) => Object.hasOwn(trusted, a));
}

/** The network's auditors and the user's additions (a user entry may rename, never remove, a built-in one). */
export function mergeTrustedAuditors(network: TrustedAuditors, added: TrustedAuditors): TrustedAuditors {
  return { ...added, ...network };
}
