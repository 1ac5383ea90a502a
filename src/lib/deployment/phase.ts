/**
 * Where a deployment created in this browser stands, derived from the chain every time it is asked. The local
 * record only proves that a create transaction was (about to be) signed; the deployment and its leases on chain
 * say the rest, so nothing here is stored.
 */
import type { Deployment } from "../chain/deployment";
import type { Lease } from "../chain/market";

/**
 * How long after a record was last touched a create transaction can still land. cosmjs stops waiting for
 * inclusion 60 s after broadcasting; twice that is safe.
 */
export const PENDING_EXPIRY_MS = 2 * 60_000;

export type DeploymentPhase =
  /** Not known yet: the chain (or the local record) has not been read, or the read failed. */
  | "unknown"
  /** Saved here, not on chain: the create transaction may still land. */
  | "pending"
  /** Saved here, not on chain, and too old to land: the record can be forgotten. */
  | "abandoned"
  /** Neither on chain nor saved here. */
  | "missing"
  /** On chain with no active lease: waiting for bids or for the user to accept one. */
  | "open"
  /** On chain with at least one active lease. */
  | "leased"
  | "closed";

/**
 * @param record The local record (only when it was last written matters); null when there is none, undefined while
 *   it is being read.
 * @param deployment The chain's deployment; null when the chain has none, undefined while it is being read.
 * @param leases The deployment's leases; undefined while they are being read.
 * @param asOf When `deployment` was read (ms since epoch): a record is abandoned only if the chain still lacked
 *   the deployment well after the record was written.
 */
export function deploymentPhase(
  record: { updatedAt: number } | null | undefined,
  deployment: Pick<Deployment, "state"> | null | undefined,
  leases: ReadonlyArray<Pick<Lease, "state">> | undefined,
  asOf: number,
): DeploymentPhase {
  if (deployment === undefined) return "unknown";
  if (deployment === null) {
    if (record === undefined) return "unknown";
    if (record === null) return "missing";
    return asOf - record.updatedAt > PENDING_EXPIRY_MS ? "abandoned" : "pending";
  }
  if (deployment.state === "closed") return "closed";
  if (leases === undefined) return "unknown";
  return leases.some((l) => l.state === "active") ? "leased" : "open";
}
