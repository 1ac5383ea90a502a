/**
 * Spend history from leases alone, exactly.
 *
 * The chain pays a lease `price` (DecCoin, micro-units per block) for every block after the one that created it up to
 * the one that closed it: the escrow account is settled when the lease is created (height c) and again when it closes
 * (height e), moving price × (e − c). So the lease's cumulative cost after block h is
 *
 *     cum(h) = min( price × clamp(h − c, 0, e − c),  paid )      paid = price × (e − c) − unsettled
 *
 * where e = closed_on for a closed lease and the latest height for an active one, and `unsettled` is what the escrow
 * could not pay (an overdrawn account: the unpaid blocks are the last ones). Spend in the blocks [a, b) is
 * cum(b − 1) − cum(a − 1). Days are height ranges [first block of the day, first block of the next day), found with the
 * block clock; a day's error is at most its boundaries' `errorBlocks` × the prices of the leases running there.
 */
import type { Lease } from "../chain/market";
import type { Deployment } from "../chain/deployment";
import { addTo, atomsOf, type DenomAmounts } from "./money";
import { PrunedHeightError, type BlockClock, type HeightAtTime } from "./block-clock";
import { addDays, dayStartMs, daysBetween } from "./days";

export interface SpendLease {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
  provider: string;
  state: string;
  reason: string;
  denom: string;
  /** Price per block, atoms (10⁻¹⁸ micro-units). */
  priceAtoms: bigint;
  createdAt: number;
  /** 0 while active. */
  closedOn: number;
  /** What the escrow owes but could not pay, atoms. */
  unsettledAtoms: bigint;
}

export function spendLease(lease: Lease): SpendLease {
  return {
    owner: lease.owner,
    dseq: lease.dseq,
    gseq: lease.gseq,
    oseq: lease.oseq,
    provider: lease.provider,
    state: lease.state,
    reason: lease.reason,
    denom: lease.price.denom,
    priceAtoms: atomsOf(lease.price.amount),
    createdAt: lease.createdAt,
    closedOn: lease.state === "active" ? 0 : lease.closedOn,
    unsettledAtoms: lease.payment ? atomsOf(lease.payment.unsettled.amount) : 0n,
  };
}

export const deploymentKey = (l: { owner: string; dseq: string }): string => `${l.owner}/${l.dseq}`;
export const leaseId = (l: Pick<SpendLease, "owner" | "dseq" | "gseq" | "oseq" | "provider">): string => `${l.owner}/${l.dseq}/${l.gseq}/${l.oseq}/${l.provider}`;

/** Last block the lease is paid (or owed) for. */
export function leaseEnd(lease: SpendLease, latestHeight: number): number {
  return lease.state === "active" ? Math.max(lease.createdAt, latestHeight) : Math.max(lease.createdAt, lease.closedOn);
}

/** What the lease cost over its life so far, atoms. */
export function leasePaid(lease: SpendLease, latestHeight: number): bigint {
  const gross = lease.priceAtoms * BigInt(leaseEnd(lease, latestHeight) - lease.createdAt);
  const paid = gross - lease.unsettledAtoms;
  return paid > 0n ? paid : 0n;
}

/** cum(h): the lease's cost through block h, atoms. */
export function leaseCumulative(lease: SpendLease, height: number, latestHeight: number): bigint {
  const blocks = Math.min(Math.max(height - lease.createdAt, 0), leaseEnd(lease, latestHeight) - lease.createdAt);
  const gross = lease.priceAtoms * BigInt(blocks);
  const paid = leasePaid(lease, latestHeight);
  return gross < paid ? gross : paid;
}

/** Cost of the blocks [from, to), atoms. */
export function leaseSpentBetween(lease: SpendLease, from: number, to: number, latestHeight: number): bigint {
  if (to <= from) return 0n;
  return leaseCumulative(lease, to - 1, latestHeight) - leaseCumulative(lease, from - 1, latestHeight);
}

/**
 * Active leases whose escrow cannot cover what accrued since the last settlement: the chain will find the account
 * overdrawn at the next settlement and pay the payments in order until the funds end, so the rest is unpaid.
 */
export function withEscrowShortfall(leases: ReadonlyArray<SpendLease>, deployments: ReadonlyArray<Deployment>, latestHeight: number): SpendLease[] {
  const byKey = new Map(deployments.map((d) => [deploymentKey(d), d]));
  const funds = new Map<string, bigint>();
  const ordered = [...leases].sort((a, b) => (leaseId(a) < leaseId(b) ? -1 : 1));
  const shortfall = new Map<SpendLease, bigint>();
  for (const lease of ordered) {
    if (lease.state !== "active") continue;
    const d = byKey.get(deploymentKey(lease));
    if (!d?.escrow) continue;
    const key = deploymentKey(lease);
    const left = funds.get(key) ?? atomsOf(d.escrow.funds.find((f) => f.denom === lease.denom)?.amount);
    const since = Math.max(d.escrow.settledAt, lease.createdAt);
    const owed = lease.priceAtoms * BigInt(Math.max(0, latestHeight - since));
    const pays = owed < left ? owed : left > 0n ? left : 0n;
    funds.set(key, left - pays);
    if (pays < owed) shortfall.set(lease, owed - pays);
  }
  return leases.map((l) => (shortfall.has(l) ? { ...l, unsettledAtoms: l.unsettledAtoms + shortfall.get(l)! } : l));
}

export class PrunedRangeError extends Error {
  readonly lowestHeight: number | null;
  constructor(message: string, lowestHeight: number | null) {
    super(message);
    this.name = "PrunedRangeError";
    this.lowestHeight = lowestHeight;
  }
}

export interface DaySpend {
  day: string;
  /** Blocks [startHeight, endHeight). */
  startHeight: number;
  endHeight: number;
  total: DenomAmounts;
  byDeployment: Record<string, DenomAmounts>;
  byProvider: Record<string, DenomAmounts>;
  byMember: Record<string, DenomAmounts>;
  /** Most this day's total can be off by (blocks misplaced at its two boundaries × prices), atoms. */
  errorBound: DenomAmounts;
}

export interface LeaseRangeSpend {
  lease: SpendLease;
  /** Spent in the range, atoms. */
  spent: bigint;
  /** Over the lease's whole life so far, atoms. */
  lifetime: bigint;
}

export interface SpendHistory {
  from: string;
  to: string;
  latestHeight: number;
  /** Blocks [fromHeight, toHeight) make up the range. */
  fromHeight: number;
  toHeight: number;
  days: DaySpend[];
  leases: LeaseRangeSpend[];
  total: DenomAmounts;
  /** Most the range total can be off by (its two outer boundaries), atoms. */
  errorBound: DenomAmounts;
  /** Header fetches this history needed. */
  headerFetches: number;
}

/** Boundary heights for exact spend: outside the leases' blocks any height on the right side is as good. */
async function boundaryHeight(clock: BlockClock, timeMs: number, firstBlock: number | null, lastBlock: number | null, leases: ReadonlyArray<SpendLease>): Promise<HeightAtTime> {
  if (firstBlock !== null && lastBlock !== null) {
    try {
      if (timeMs <= (await clock.timeOf(firstBlock))) return { timeMs, height: firstBlock, errorBlocks: 0, pruned: false };
    } catch (error) {
      if (!(error instanceof PrunedHeightError)) throw error;
    }
    if (lastBlock <= clock.latest.height && timeMs > (await clock.timeOf(lastBlock))) return { timeMs, height: lastBlock + 1, errorBlocks: 0, pruned: false };
  } else {
    // No lease: every day is zero whatever its heights are.
    return { timeMs, height: timeMs > clock.latest.timeMs ? clock.latest.height + 1 : clock.latest.height, errorBlocks: 0, pruned: false };
  }
  const at = await clock.heightAt(timeMs);
  if (at.pruned) {
    const lowest = clock.lowestHeight ?? at.height;
    const early = leases.find((l) => l.createdAt + 1 < lowest);
    if (early) {
      throw new PrunedRangeError(
        `The node has pruned the blocks before height ${lowest}, and lease ${leaseId(early)} ran before then (from height ${early.createdAt}): the range starting ${new Date(timeMs).toISOString().slice(0, 10)} needs a node that keeps older blocks (an archive node).`,
        lowest,
      );
    }
  }
  return at;
}

function rateAround(leases: ReadonlyArray<SpendLease>, height: number, spread: number, latestHeight: number): DenomAmounts {
  const out: DenomAmounts = {};
  if (spread === 0) return out;
  for (const l of leases) {
    if (l.createdAt + 1 <= height + spread && leaseEnd(l, latestHeight) >= height - spread) addTo(out, l.denom, l.priceAtoms * BigInt(spread));
  }
  return out;
}

/** Daily spend of `leases` over the UTC days [from, to] (inclusive). */
export async function spendHistory(clock: BlockClock, leases: ReadonlyArray<SpendLease>, from: string, to: string): Promise<SpendHistory> {
  if (to < from) throw new RangeError(`The range ends (${to}) before it starts (${from})`);
  const latestHeight = clock.latest.height;
  const fetchesBefore = clock.fetches;
  const days = daysBetween(from, to);
  const live = leases.filter((l) => leaseEnd(l, latestHeight) > l.createdAt);
  const firstBlock = live.length ? Math.min(...live.map((l) => l.createdAt + 1)) : null;
  const lastBlock = live.length ? Math.max(...live.map((l) => leaseEnd(l, latestHeight))) : null;

  const bounds: HeightAtTime[] = [];
  for (const day of [...days, addDays(to, 1)]) bounds.push(await boundaryHeight(clock, dayStartMs(day), firstBlock, lastBlock, live));

  const out: DaySpend[] = [];
  const total: DenomAmounts = {};
  days.forEach((day, i) => {
    const a = bounds[i]!;
    const b = bounds[i + 1]!;
    const d: DaySpend = { day, startHeight: a.height, endHeight: b.height, total: {}, byDeployment: {}, byProvider: {}, byMember: {}, errorBound: {} };
    for (const l of live) {
      const spent = leaseSpentBetween(l, a.height, b.height, latestHeight);
      if (spent === 0n) continue;
      addTo(d.total, l.denom, spent);
      addTo((d.byDeployment[deploymentKey(l)] ??= {}), l.denom, spent);
      addTo((d.byProvider[l.provider] ??= {}), l.denom, spent);
      addTo((d.byMember[l.owner] ??= {}), l.denom, spent);
      addTo(total, l.denom, spent);
    }
    for (const [denom, atoms] of Object.entries(rateAround(live, a.height, a.errorBlocks, latestHeight))) addTo(d.errorBound, denom, atoms);
    for (const [denom, atoms] of Object.entries(rateAround(live, b.height, b.errorBlocks, latestHeight))) addTo(d.errorBound, denom, atoms);
    out.push(d);
  });
  const first = bounds[0]!;
  const last = bounds[bounds.length - 1]!;
  const errorBound: DenomAmounts = {};
  for (const part of [rateAround(live, first.height, first.errorBlocks, latestHeight), rateAround(live, last.height, last.errorBlocks, latestHeight)]) {
    for (const [denom, atoms] of Object.entries(part)) addTo(errorBound, denom, atoms);
  }
  return {
    from,
    to,
    latestHeight,
    fromHeight: first.height,
    toHeight: last.height,
    days: out,
    leases: leases.map((lease) => ({ lease, spent: leaseSpentBetween(lease, first.height, last.height, latestHeight), lifetime: leasePaid(lease, latestHeight) })),
    total,
    errorBound,
    headerFetches: clock.fetches - fetchesBefore,
  };
}
