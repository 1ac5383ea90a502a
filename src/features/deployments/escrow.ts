/**
 * Escrow arithmetic for one deployment: balance left, spent, burn rate, time to depletion, and what a
 * close refunds. The chain settles lazily, so the balance it reports is as of `settledAt`; everything
 * the active leases accrued since then is subtracted using the latest block height.
 */
import type { Deployment, Lease } from "./chain";

export interface EscrowSummary {
  denom: string;
  /** Escrow funds as last settled by the chain (micro-units). */
  settledBalance: number;
  /** Owed to providers since the last settlement. */
  accrued: number;
  /** What is really left now. */
  balance: number;
  /** Paid out to providers so far. */
  spent: number;
  /** Σ active lease prices, micro-units per block. */
  ratePerBlock: number;
  /** Blocks until the balance runs out; null with no active lease. */
  blocksLeft: number | null;
  /** Seconds until depletion at the network's block time; null with no active lease. */
  secondsLeft: number | null;
  /** Sum of every deposit ever made. */
  deposited: number;
}

const amount = (value: string | undefined): number => Number(value ?? "0") || 0;

export function activeLeases(leases: Lease[]): Lease[] {
  return leases.filter((l) => l.state === "active");
}

export function summarizeEscrow(deployment: Deployment, leases: Lease[], latestHeight: number, blockTimeMs: number): EscrowSummary {
  const escrow = deployment.escrow;
  const active = activeLeases(leases);
  const denom = escrow?.funds[0]?.denom || active[0]?.price.denom || deployment.groups[0]?.resources[0]?.price.denom || "uact";
  const settledBalance = (escrow?.funds ?? []).filter((c) => c.denom === denom).reduce((s, c) => s + amount(c.amount), 0);
  const spent = (escrow?.transferred ?? []).filter((c) => c.denom === denom).reduce((s, c) => s + amount(c.amount), 0);
  const deposited = (escrow?.deposits ?? []).filter((d) => d.balance.denom === denom).reduce((s, d) => s + amount(d.balance.amount), 0);
  const ratePerBlock = active.filter((l) => l.price.denom === denom).reduce((s, l) => s + amount(l.price.amount), 0);
  const open = deployment.state === "active" && escrow?.state !== "closed";
  const elapsed = open && escrow && latestHeight > escrow.settledAt ? latestHeight - escrow.settledAt : 0;
  const accrued = Math.min(settledBalance, ratePerBlock * elapsed);
  const balance = Math.max(0, settledBalance - accrued);
  const blocksLeft = open && ratePerBlock > 0 ? Math.floor(balance / ratePerBlock) : null;
  return {
    denom,
    settledBalance,
    accrued,
    balance,
    spent: spent + accrued,
    ratePerBlock,
    blocksLeft,
    secondsLeft: blocksLeft === null ? null : (blocksLeft * blockTimeMs) / 1000,
    deposited,
  };
}

export type Runway = "none" | "ok" | "low" | "critical" | "empty";

/** How worried to be: under a day is low, under an hour critical. */
export function runwayLevel(secondsLeft: number | null): Runway {
  if (secondsLeft === null) return "none";
  if (secondsLeft <= 0) return "empty";
  if (secondsLeft < 3600) return "critical";
  if (secondsLeft < 86_400) return "low";
  return "ok";
}

/** "3 d 4 h", "2 h 5 min", "40 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d >= 365) return `${Math.floor(d / 365)} y ${Math.floor((d % 365) / 30)} mo`;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}
