/**
 * Where deposit authorizations went: which deployments a granter's grants funded and how much of it sits in their
 * escrow now. The chain records each deposit drawn on a grant under the granter (escrow `deposits[]`, source
 * `grant`), with what is left of it; the grant itself (authz) holds what the grantee may still draw. So per granter:
 * left to draw (authz) + escrowed now (deposits) is exact; what was already spent by leases is not kept per
 * depositor on chain, and is not guessed here.
 */
import type { Grant } from "../chain/authz";
import { toDecimal } from "../chain/coins";
import type { Deployment } from "../chain/deployment";

export interface FundedDeployment {
  owner: string;
  dseq: string;
  state: string;
  /** Micro-units of `denom` left in escrow from this granter's deposits. */
  escrowed: bigint;
}

export interface GrantUsage {
  granter: string;
  grantee: string;
  denom: string;
  /** What the grantee may still draw (null: no deposit authorization now: revoked, expired or used up). */
  leftToDraw: bigint | null;
  escrowedNow: bigint;
  deployments: FundedDeployment[];
}

const whole = (amount: string) => BigInt(toDecimal(amount).floor().atomics) / 10n ** 18n;

/** Per granter → grantee pair: the deposit grant's remaining limit and the grantee's deployments it funded. */
export function grantUsage(grants: readonly Grant[], deploymentsByOwner: ReadonlyMap<string, readonly Deployment[]>, denom: string): GrantUsage[] {
  const out = new Map<string, GrantUsage>();
  const entry = (granter: string, grantee: string) => {
    const key = `${granter}/${grantee}`;
    let usage = out.get(key);
    if (!usage) {
      usage = { granter, grantee, denom, leftToDraw: null, escrowedNow: 0n, deployments: [] };
      out.set(key, usage);
    }
    return usage;
  };
  for (const grant of grants) {
    if (grant.authorization.kind !== "deposit") continue;
    const limit = grant.authorization.spendLimits.find((c) => c.denom === denom);
    entry(grant.granter, grant.grantee).leftToDraw = limit ? whole(limit.amount) : 0n;
  }
  for (const [owner, deployments] of deploymentsByOwner) {
    for (const deployment of deployments) {
      const byGranter = new Map<string, bigint>();
      for (const deposit of deployment.escrow?.deposits ?? []) {
        if (deposit.owner === owner || deposit.balance.denom !== denom) continue;
        byGranter.set(deposit.owner, (byGranter.get(deposit.owner) ?? 0n) + whole(deposit.balance.amount));
      }
      for (const [granter, escrowed] of byGranter) {
        const usage = entry(granter, owner);
        usage.escrowedNow += escrowed;
        usage.deployments.push({ owner, dseq: deployment.dseq, state: deployment.state, escrowed });
      }
    }
  }
  return [...out.values()];
}
