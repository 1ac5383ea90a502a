/**
 * Which deployments this device created are waiting for a provider (on chain, no active lease) — including one
 * whose tab closed or crashed right after its create transaction — and which records can be forgotten because
 * their transaction never landed and no longer can.
 */
import type { Deployment } from "@/lib/chain/deployment";
import type { Lease } from "@/lib/chain/market";
import type { DeploymentRecordSummary } from "@/lib/deployment/local-store";
import { deploymentPhase } from "@/lib/deployment/phase";

export interface Recovery {
  waiting: DeploymentRecordSummary[];
  abandoned: DeploymentRecordSummary[];
}

/**
 * @param deployments Every deployment of the owner on chain (undefined until read).
 * @param leases Every lease of the owner (undefined until read).
 * @param asOf When `deployments` was read.
 */
export function recoverDeployments(records: ReadonlyArray<DeploymentRecordSummary>, deployments: ReadonlyArray<Deployment> | undefined, leases: ReadonlyArray<Lease> | undefined, asOf: number): Recovery {
  const out: Recovery = { waiting: [], abandoned: [] };
  if (!deployments) return out;
  const byDseq = new Map(deployments.map((d) => [d.dseq, d]));
  for (const record of records) {
    const phase = deploymentPhase(
      record,
      byDseq.get(record.dseq) ?? null,
      leases?.filter((l) => l.dseq === record.dseq),
      asOf,
    );
    if (phase === "open") out.waiting.push(record);
    else if (phase === "abandoned") out.abandoned.push(record);
  }
  return out;
}
