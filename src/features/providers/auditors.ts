/** Audit signatures on provider attributes; which of them count is decided per network (src/lib/networks/auditors). */
import { auditState as auditStateOf, type AuditSignature as Signature, type AuditState as State, type TrustedAuditors } from "@/lib/networks/auditors";
import type { Attribute } from "./attributes";

export type AuditSignature = Signature<Attribute[]>;
export type AuditState = State<Attribute[]>;

export function auditState(signatures: AuditSignature[], trusted: TrustedAuditors): AuditState {
  return auditStateOf(signatures, trusted);
}
