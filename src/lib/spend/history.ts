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
  const ordered = leases
    .filter((l) => l.state === "active")
    .map((l) => ({ l, id: leaseId(l) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((x) => x.l);
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

/** Options for resolving day boundaries. */
export interface DayBoundaryOptions {
  /**
   * Inner day boundaries (between two days of the range) are known to within this many blocks; 0 (default): exact.
   * The range's outer boundaries are always exact, so totals, per-lease spend and period sums stay exact; a day's
   * `errorBound` states what its bar can be off by.
   */
  dayToleranceBlocks?: number;
  /** Header fetches in flight at once (default 6). */
  concurrency?: number;
}

export interface DayBoundary {
  day: string;
  /** The day's first block (estimated within `errorBlocks`). */
  at: HeightAtTime;
}

/**
 * The first block of each day, exactly where `exact` (or no tolerance) says so. Outside the leases' blocks any height
 * on the right side is as good (no lease pays there), so those days cost no header. Refuses (PrunedRangeError) when
 * the node has pruned blocks a lease ran in.
 */
export async function dayBoundaries(clock: BlockClock, leases: ReadonlyArray<SpendLease>, days: ReadonlyArray<string>, exact: ReadonlySet<string>, options: DayBoundaryOptions = {}): Promise<Map<string, HeightAtTime>> {
  const latestHeight = clock.latest.height;
  const live = leases.filter((l) => leaseEnd(l, latestHeight) > l.createdAt);
  const out = new Map<string, HeightAtTime>();
  const unique = [...new Set(days)].sort();
  if (live.length === 0) {
    // No lease: every day is zero whatever its heights are.
    for (const day of unique) {
      const timeMs = dayStartMs(day);
      out.set(day, { timeMs, height: timeMs > clock.latest.timeMs ? latestHeight + 1 : latestHeight, errorBlocks: 0, pruned: false });
    }
    return out;
  }
  let firstBlock = Infinity;
  let lastBlock = 0;
  for (const l of live) {
    firstBlock = Math.min(firstBlock, l.createdAt + 1);
    lastBlock = Math.max(lastBlock, leaseEnd(l, latestHeight));
  }
  const [firstTime, lastTime] = await Promise.all([
    clock.timeOf(firstBlock).catch((error: unknown) => {
      if (error instanceof PrunedHeightError) return null;
      throw error;
    }),
    lastBlock <= latestHeight ? clock.timeOf(lastBlock) : Promise.resolve(null),
  ]);
  const pending: DayBoundary[] = [];
  for (const day of unique) {
    const timeMs = dayStartMs(day);
    if (firstTime !== null && timeMs <= firstTime) out.set(day, { timeMs, height: firstBlock, errorBlocks: 0, pruned: false });
    else if (lastTime !== null && timeMs > lastTime) out.set(day, { timeMs, height: lastBlock + 1, errorBlocks: 0, pruned: false });
    else pending.push({ day, at: { timeMs, height: 0, errorBlocks: 0, pruned: false } });
  }
  const tolerance = Math.max(0, Math.floor(options.dayToleranceBlocks ?? 0));
  const found = await clock.heightsAt(
    pending.map((p) => ({ timeMs: p.at.timeMs, toleranceBlocks: exact.has(p.day) ? 0 : tolerance })),
    { concurrency: options.concurrency },
  );
  pending.forEach((p, i) => out.set(p.day, found[i]!));
  for (const day of unique) {
    const at = out.get(day)!;
    if (!at.pruned) continue;
    const lowest = clock.lowestHeight ?? at.height;
    const early = live.find((l) => l.createdAt + 1 < lowest);
    if (early) {
      throw new PrunedRangeError(
        `The node has pruned the blocks before height ${lowest}, and lease ${leaseId(early)} ran before then (from height ${early.createdAt}): the range starting ${day} needs a node that keeps older blocks (an archive node).`,
        lowest,
      );
    }
  }
  // Interpolated estimates of neighbouring days can cross (each is within its own bound, the true heights cannot):
  // lift a crossing one to its predecessor and widen its bound by the lift, so the stated bound still holds.
  let previous: HeightAtTime | null = null;
  for (const day of unique) {
    const at = out.get(day)!;
    if (previous && at.height < previous.height) out.set(day, { ...at, height: previous.height, errorBlocks: at.errorBlocks + (previous.height - at.height) });
    previous = out.get(day)!;
  }
  return out;
}

/** Σ prices × `spread` of the leases paying within `spread` blocks of `height`: what a boundary off by `spread` moves. */
function rateAround(leases: ReadonlyArray<SpendLease>, height: number, spread: number, latestHeight: number): DenomAmounts {
  const out: DenomAmounts = {};
  if (spread === 0) return out;
  const rate: DenomAmounts = {};
  for (const l of leases) {
    if (l.createdAt + 1 <= height + spread && leaseEnd(l, latestHeight) >= height - spread) addTo(rate, l.denom, l.priceAtoms);
  }
  for (const [denom, perBlock] of Object.entries(rate)) out[denom] = perBlock * BigInt(spread);
  return out;
}

/** What the leases spent in the blocks [from, to), atoms per denom. */
export function spentBetween(leases: ReadonlyArray<SpendLease>, from: number, to: number, latestHeight: number): DenomAmounts {
  const out: DenomAmounts = {};
  for (const l of leases) {
    const spent = leaseSpentBetween(l, from, to, latestHeight);
    if (spent !== 0n) addTo(out, l.denom, spent);
  }
  return out;
}

/**
 * Daily spend over [from, to] from known day boundaries (`bounds` has the first block of every day of the range and
 * of the day after it). Per lease, only the days its blocks fall in are visited, and a fully paid lease's share of a
 * day is its price × the day's blocks it ran: O(leases × days they ran), no per-day cumulative recomputation.
 */
export function historyFromBounds(leases: ReadonlyArray<SpendLease>, from: string, to: string, bounds: ReadonlyMap<string, HeightAtTime>, latestHeight: number, headerFetches = 0): SpendHistory {
  if (to < from) throw new RangeError(`The range ends (${to}) before it starts (${from})`);
  const days = daysBetween(from, to);
  const at = [...days, addDays(to, 1)].map((day) => {
    const b = bounds.get(day);
    if (!b) throw new RangeError(`No boundary for ${day}`);
    return b;
  });
  const heights = at.map((b) => b.height);
  const out: DaySpend[] = days.map((day, i) => ({ day, startHeight: heights[i]!, endHeight: heights[i + 1]!, total: {}, byDeployment: {}, byProvider: {}, byMember: {}, errorBound: {} }));
  const total: DenomAmounts = {};
  const live = leases.filter((l) => leaseEnd(l, latestHeight) > l.createdAt);
  const dayBlocks = days.map((_, i) => heights[i + 1]! - heights[i]!);
  const dayBlocksBig = dayBlocks.map(BigInt);
  // Whole days a fully paid lease ran are summed as rates: price added on its first whole day, taken off after its
  // last, and each day's running rate × its blocks goes to the total, provider and member (one product per day and
  // group, not per lease). Per deployment, and on the lease's partial first and last days, the lease's own amount.
  const sweep = new Map<string, { provider: string | null; member: string | null; denom: string; diff: bigint[] }>();
  const addRate = (group: "total" | "provider" | "member", name: string, denom: string, fromDay: number, toDay: number, price: bigint) => {
    const key = `${group}\u0000${name}\u0000${denom}`;
    let entry = sweep.get(key);
    if (!entry) sweep.set(key, (entry = { provider: group === "provider" ? name : null, member: group === "member" ? name : null, denom, diff: new Array<bigint>(days.length + 1).fill(0n) }));
    entry.diff[fromDay] = entry.diff[fromDay]! + price;
    entry.diff[toDay] = entry.diff[toDay]! - price;
  };
  const addAll = (d: DaySpend, l: SpendLease, spent: bigint) => {
    addTo(d.total, l.denom, spent);
    addTo((d.byProvider[l.provider] ??= {}), l.denom, spent);
    addTo((d.byMember[l.owner] ??= {}), l.denom, spent);
    addTo(total, l.denom, spent);
  };
  for (const l of live) {
    const firstPaid = l.createdAt + 1;
    const lastPaid = leaseEnd(l, latestHeight);
    // First day whose end is after the lease's first block (heights are non-decreasing).
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (heights[m + 1]! <= firstPaid) lo = m + 1;
      else hi = m;
    }
    const key = deploymentKey(l);
    const capped = l.unsettledAtoms > 0n;
    let wholeFrom = -1;
    let wholeTo = -1;
    for (let i = lo; i < days.length && heights[i]! <= lastPaid; i++) {
      const d = out[i]!;
      if (capped) {
        const spent = leaseSpentBetween(l, heights[i]!, heights[i + 1]!, latestHeight);
        if (spent === 0n) continue;
        addTo((d.byDeployment[key] ??= {}), l.denom, spent);
        addAll(d, l, spent);
        continue;
      }
      const blocks = Math.min(heights[i + 1]! - 1, lastPaid) - Math.max(heights[i]!, firstPaid) + 1;
      if (blocks <= 0) continue;
      const whole = blocks === dayBlocks[i];
      const spent = l.priceAtoms * (whole ? dayBlocksBig[i]! : BigInt(blocks));
      addTo((d.byDeployment[key] ??= {}), l.denom, spent);
      if (!whole) addAll(d, l, spent);
      else {
        // Whole days are contiguous: every day strictly inside the lease's life.
        if (wholeFrom < 0) wholeFrom = i;
        wholeTo = i + 1;
      }
    }
    if (wholeFrom >= 0) {
      addRate("total", "", l.denom, wholeFrom, wholeTo, l.priceAtoms);
      addRate("provider", l.provider, l.denom, wholeFrom, wholeTo, l.priceAtoms);
      addRate("member", l.owner, l.denom, wholeFrom, wholeTo, l.priceAtoms);
    }
  }
  for (const entry of sweep.values()) {
    let rate = 0n;
    for (let i = 0; i < days.length; i++) {
      rate += entry.diff[i]!;
      if (rate === 0n || dayBlocks[i] === 0) continue;
      const spent = rate * dayBlocksBig[i]!;
      const d = out[i]!;
      if (entry.provider !== null) addTo((d.byProvider[entry.provider] ??= {}), entry.denom, spent);
      else if (entry.member !== null) addTo((d.byMember[entry.member] ??= {}), entry.denom, spent);
      else {
        addTo(d.total, entry.denom, spent);
        addTo(total, entry.denom, spent);
      }
    }
  }
  const errors = at.map((b) => rateAround(live, b.height, b.errorBlocks, latestHeight));
  out.forEach((d, i) => {
    for (const part of [errors[i]!, errors[i + 1]!]) for (const [denom, atoms] of Object.entries(part)) addTo(d.errorBound, denom, atoms);
  });
  const first = at[0]!;
  const last = at[at.length - 1]!;
  const errorBound: DenomAmounts = {};
  for (const part of [errors[0]!, errors[errors.length - 1]!]) for (const [denom, atoms] of Object.entries(part)) addTo(errorBound, denom, atoms);
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
    headerFetches,
  };
}

/** Daily spend of `leases` over the UTC days [from, to] (inclusive); the outer boundaries exact. */
export async function spendHistory(clock: BlockClock, leases: ReadonlyArray<SpendLease>, from: string, to: string, options: DayBoundaryOptions = {}): Promise<SpendHistory> {
  if (to < from) throw new RangeError(`The range ends (${to}) before it starts (${from})`);
  const fetchesBefore = clock.fetches;
  const end = addDays(to, 1);
  const bounds = await dayBoundaries(clock, leases, [...daysBetween(from, to), end], new Set([from, end]), options);
  return historyFromBounds(leases, from, to, bounds, clock.latest.height, clock.fetches - fetchesBefore);
}
