/** Audit signatures on provider attributes; which of them count is decided per network (src/lib/networks/auditors). */
import type { AuditSignature as Signature, AuditState as State } from "@/lib/networks/auditors";
import type { Attribute } from "@/lib/providers/attributes";

export { auditState } from "@/lib/networks/auditors";
export type AuditSignature = Signature<Attribute[]>;
export type AuditState = State<Attribute[]>;
