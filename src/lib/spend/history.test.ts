import { describe, expect, it } from "vitest";
import type { Deployment } from "../chain/deployment";
import type { Lease } from "../chain/market";
import { BlockClock, PrunedHeightError, type HeaderPoint } from "./block-clock";
import { dayBoundaries, leaseCumulative, leasePaid, leaseSpentBetween, PrunedRangeError, spendHistory, spendLease, spentBetween, withEscrowShortfall, type SpendLease } from "./history";
import { addDays, daysBetween } from "./days";
import { atomsFromMicro, microString } from "./money";

const T0 = Date.UTC(2026, 2, 1); // 2026-03-01, block 1
/** Exactly 10 s per block: day d (0-based from 2026-03-01) holds blocks 8640·d + 1 … 8640·(d+1). */
const timeOf = (h: number): number => T0 + (h - 1) * 10_000;
const BPD = 8640;

function clockAt(latest: number, lowest = 1) {
  const source = async (h: number): Promise<HeaderPoint> => {
    if (h < lowest) throw new PrunedHeightError(h, lowest);
    return { height: h, timeMs: timeOf(h) };
  };
  return new BlockClock(source, { height: latest, timeMs: timeOf(latest) });
}

const lease = (over: Partial<Omit<Lease, "price">> & { price: string }): Lease => ({
  owner: "akash1owner",
  dseq: "1",
  gseq: 1,
  oseq: 1,
  provider: "akash1prov",
  bseq: 0,
  state: "active",
  createdAt: 100,
  closedOn: 0,
  reason: "",
  payment: null,
  ...over,
  price: { denom: "uact", amount: over.price },
});

describe("lease cost arithmetic", () => {
  it("pays price × blocks after creation up to close, exactly (DecCoin fractions kept)", () => {
    const l = spendLease(lease({ price: "1.250000000000000001", state: "closed", createdAt: 100, closedOn: 300 }));
    expect(microString(leasePaid(l, 10_000))).toBe("250.0000000000000002");
    expect(leaseCumulative(l, 100, 10_000)).toBe(0n);
    expect(microString(leaseCumulative(l, 101, 10_000))).toBe("1.250000000000000001");
    expect(microString(leaseSpentBetween(l, 201, 251, 10_000))).toBe("62.50000000000000005");
    // Closed: nothing after closed_on.
    expect(leaseSpentBetween(l, 301, 5000, 10_000)).toBe(0n);
  });

  it("an active lease accrues to the latest height; an overdrawn one loses its unpaid tail", () => {
    const active = spendLease(lease({ price: "3", createdAt: 100 }));
    expect(leasePaid(active, 110)).toBe(atomsFromMicro(30));
    const dry = spendLease(
      lease({ price: "3", state: "insufficient_funds", createdAt: 100, closedOn: 110, payment: { state: "overdrawn", rate: { denom: "uact", amount: "3" }, balance: { denom: "uact", amount: "0" }, unsettled: { denom: "uact", amount: "7.5" }, withdrawn: { denom: "uact", amount: "22" } } }),
    );
    expect(microString(leasePaid(dry, 200))).toBe("22.5");
    // Blocks 101..107 are paid (21), block 108 partly (1.5), 109-110 not at all.
    expect(microString(leaseSpentBetween(dry, 108, 111, 200))).toBe("1.5");
  });

  it("escrow shortfall since the last settlement is unpaid (the chain pays payments in order until funds end)", () => {
    const d = { owner: "akash1owner", dseq: "1", state: "active", hashB64: "", createdAt: 90, groups: [], escrow: { state: "open", funds: [{ denom: "uact", amount: "50" }], transferred: [], settledAt: 120, deposits: [] } } satisfies Deployment;
    const [a, b] = withEscrowShortfall([spendLease(lease({ price: "2", oseq: 1 })), spendLease(lease({ price: "1", oseq: 2 }))], [d], 150);
    // 30 blocks since settlement: a owes 60 > 50 funds, pays 50; b pays nothing.
    expect(microString(a!.unsettledAtoms)).toBe("10");
    expect(microString(b!.unsettledAtoms)).toBe("30");
  });
});

describe("spendHistory", () => {
  it("buckets by UTC day, split by deployment, provider and member; closed leases count in the days they ran", async () => {
    const latest = 3 * BPD + 100; // day 3, early
    const a = spendLease(lease({ price: "2", owner: "akash1alice", dseq: "10", createdAt: BPD - 100, state: "closed", closedOn: BPD + 50 }));
    const b = spendLease(lease({ price: "0.5", owner: "akash1bob", dseq: "20", provider: "akash1other", createdAt: 2 * BPD + 10 }));
    const h = await spendHistory(clockAt(latest), [a, b], "2026-03-01", "2026-03-04");
    expect(h.days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]);
    // Day 0 = blocks 1..8640: a paid for blocks 8541..8640 = 100 blocks × 2.
    expect(microString(h.days[0]!.total.uact!)).toBe("200");
    // Day 1: a's blocks 8641..8690 = 50 × 2.
    expect(microString(h.days[1]!.total.uact!)).toBe("100");
    // Day 2: b from block 17291 to 25920 = 8630 × 0.5.
    expect(microString(h.days[2]!.byMember["akash1bob"]!.uact!)).toBe("4315");
    expect(h.days[2]!.byProvider["akash1prov"]).toBeUndefined();
    // Day 3: b through the latest block 26020: 100 × 0.5.
    expect(microString(h.days[3]!.byDeployment["akash1bob/20"]!.uact!)).toBe("50");
    expect(microString(h.total.uact!)).toBe("4665");
    expect(h.days.every((d) => Object.keys(d.errorBound).length === 0)).toBe(true);
    expect(h.leases.map((l) => microString(l.spent))).toEqual(["300", "4365"]);
  });

  it("a sub-range sums to exactly the lifetime share inside it", async () => {
    const l = spendLease(lease({ price: "1", createdAt: 5, state: "closed", closedOn: 3 * BPD }));
    const h = await spendHistory(clockAt(4 * BPD), [l], "2026-03-02", "2026-03-02");
    expect(h.total.uact).toBe(atomsFromMicro(BPD));
    expect([h.fromHeight, h.toHeight]).toEqual([BPD + 1, 2 * BPD + 1]);
  });

  it("refuses a range the node has pruned when a lease ran there, and not when none did", async () => {
    const old = spendLease(lease({ price: "1", createdAt: 100, state: "closed", closedOn: 2 * BPD }));
    await expect(spendHistory(clockAt(4 * BPD, BPD), [old], "2026-03-01", "2026-03-03")).rejects.toBeInstanceOf(PrunedRangeError);
    const recent = spendLease(lease({ price: "1", createdAt: 3 * BPD }));
    const h = await spendHistory(clockAt(4 * BPD, BPD), [recent], "2026-03-01", "2026-03-04");
    expect(h.total.uact).toBe(atomsFromMicro(BPD));
  });
});

describe("day spans and outer boundaries", () => {
  /** Deterministic pseudo-random leases over ~12 days: some closed, some overdrawn (their unpaid tail cut). */
  function randomLeases(count: number): SpendLease[] {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    return Array.from({ length: count }, (_, i) => {
      const createdAt = 1 + rnd(11 * BPD);
      const closed = rnd(3) === 0;
      const closedOn = closed ? createdAt + rnd(3 * BPD) : 0;
      const over = rnd(5) === 0 ? { payment: { state: "overdrawn", rate: { denom: "uact", amount: "1" }, balance: { denom: "uact", amount: "0" }, unsettled: { denom: "uact", amount: String(rnd(5000)) + ".5" }, withdrawn: { denom: "uact", amount: "0" } } } : {};
      return spendLease(lease({ price: `${1 + rnd(90)}.${rnd(1000)}`, owner: `akash1m${i % 3}`, dseq: String(i), provider: `akash1p${i % 4}`, createdAt, state: closed ? "closed" : "active", closedOn, ...over }));
    });
  }

  it("each day equals Σ leaseSpentBetween over its blocks (the per-lease day spans, exactly)", async () => {
    const latest = 12 * BPD + 1234;
    const leases = randomLeases(150);
    const h = await spendHistory(clockAt(latest), leases, "2026-03-02", "2026-03-13");
    for (const d of h.days) {
      const byHand = spentBetween(leases, d.startHeight, d.endHeight, latest);
      expect(d.total).toEqual(byHand);
      for (const l of leases) {
        const spent = leaseSpentBetween(l, d.startHeight, d.endHeight, latest);
        expect(d.byDeployment[`${l.owner}/${l.dseq}`]?.uact ?? 0n).toBe(spent);
      }
    }
    expect(h.total).toEqual(spentBetween(leases, h.fromHeight, h.toHeight, latest));
  });

  it("the previous period and the month between exact outer boundaries equal the day-by-day sums", async () => {
    const latest = 12 * BPD + 1234;
    const leases = randomLeases(80);
    const days = daysBetween("2026-03-01", "2026-03-13");
    const bounds = await dayBoundaries(clockAt(latest), leases, [...days, addDays("2026-03-13", 1)], new Set(days));
    const full = await spendHistory(clockAt(latest), leases, "2026-03-01", "2026-03-13");
    const sumOf = (from: string, to: string) => full.days.filter((d) => d.day >= from && d.day <= to).reduce((s, d) => s + (d.total.uact ?? 0n), 0n);
    expect(spentBetween(leases, bounds.get("2026-03-03")!.height, bounds.get("2026-03-08")!.height, latest).uact).toBe(sumOf("2026-03-03", "2026-03-07"));
    expect(spentBetween(leases, bounds.get("2026-03-01")!.height, latest + 1, latest).uact).toBe(sumOf("2026-03-01", "2026-03-13"));
  });

  it("with a day tolerance, inner boundaries are interpolated and each day is within its stated error; outer ones stay exact", async () => {
    // Uneven blocks (4–8 s), so interpolation misses: the bound must cover the miss.
    const times = [0, T0];
    for (let h = 2; h <= 200_000; h++) times.push(times[h - 1]! + 4000 + ((h * 7919) % 4001));
    const latest = 150_000;
    const source = async (h: number): Promise<HeaderPoint> => ({ height: h, timeMs: times[h]! });
    const clock = () => new BlockClock(source, { height: latest, timeMs: times[latest]! });
    const leases = randomLeases(60).map((l) => ({ ...l, createdAt: l.createdAt % 100_000 }));
    const exact = await spendHistory(clock(), leases, "2026-03-02", "2026-03-09");
    const rough = await spendHistory(clock(), leases, "2026-03-02", "2026-03-09", { dayToleranceBlocks: 400 });
    expect(rough.total).toEqual(exact.total);
    expect([rough.fromHeight, rough.toHeight]).toEqual([exact.fromHeight, exact.toHeight]);
    expect(rough.errorBound).toEqual({});
    rough.days.forEach((d, i) => {
      const off = (d.total.uact ?? 0n) - (exact.days[i]!.total.uact ?? 0n);
      expect(off < 0n ? -off : off).toBeLessThanOrEqual(d.errorBound.uact ?? 0n);
    });
    expect(rough.days.some((d) => (d.errorBound.uact ?? 0n) > 0n)).toBe(true);
    expect(rough.headerFetches).toBeLessThanOrEqual(exact.headerFetches);
  });
});
