/**
 * "Top up all to N days": for each running deployment the signer owns, the deposit that gives it N days of runway at
 * its current burn (Σ active lease prices per block) and the measured block time.
 *
 * Target escrow = ratePerBlock × ⌈N × 86 400 / secondsPerBlock⌉ blocks; deposit = target − escrow left now (the
 * funds at the last settlement minus what accrued since, lib/spend/overview), rounded up to a whole micro-unit so the
 * runway reaches N days, never short. The block time is a measurement, so "N days" is as exact as it is.
 */
import type { DeploymentRunway } from "@/lib/spend/overview";
import { ATOMS_PER_MICRO } from "@/lib/spend/money";

export interface TopUpLine {
  owner: string;
  dseq: string;
  denom: string;
  /** Whole micro-units to deposit (0: it already lasts N days). */
  amount: bigint;
  /** Runway now and after the deposit, seconds. */
  secondsBefore: number;
  secondsAfter: number;
}

export interface TopUpPlan {
  lines: TopUpLine[];
  /** Running deployments of other owners (team members): the signer's balance cannot fund their escrow here. */
  notOwned: DeploymentRunway[];
  /** Σ amount per denom, micro-units. */
  total: Record<string, bigint>;
}

export function topUpPlan(runways: ReadonlyArray<DeploymentRunway>, signer: string | undefined, days: number, secondsPerBlock: number): TopUpPlan {
  if (!(days > 0) || !(secondsPerBlock > 0)) return { lines: [], notOwned: [], total: {} };
  const targetBlocks = BigInt(Math.ceil((days * 86_400) / secondsPerBlock));
  const running = runways.filter((r) => r.ratePerBlock > 0n);
  const lines: TopUpLine[] = [];
  const total: Record<string, bigint> = {};
  for (const r of running) {
    if (r.owner !== signer) continue;
    const missing = r.ratePerBlock * targetBlocks - r.escrowLeft;
    const amount = missing > 0n ? (missing + ATOMS_PER_MICRO - 1n) / ATOMS_PER_MICRO : 0n;
    const after = r.escrowLeft + amount * ATOMS_PER_MICRO;
    lines.push({ owner: r.owner, dseq: r.dseq, denom: r.denom, amount, secondsBefore: Number(r.escrowLeft / r.ratePerBlock) * secondsPerBlock, secondsAfter: Number(after / r.ratePerBlock) * secondsPerBlock });
    if (amount > 0n) total[r.denom] = (total[r.denom] ?? 0n) + amount;
  }
  return { lines, notOwned: running.filter((r) => r.owner !== signer), total };
}
