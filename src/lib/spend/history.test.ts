import { describe, expect, it } from "vitest";
import type { Deployment } from "../chain/deployment";
import type { Lease } from "../chain/market";
import { BlockClock, PrunedHeightError, type HeaderPoint } from "./block-clock";
import { leaseCumulative, leasePaid, leaseSpentBetween, PrunedRangeError, spendHistory, spendLease, withEscrowShortfall } from "./history";
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
