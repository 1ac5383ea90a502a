import { describe, expect, it } from "vitest";
import type { Deployment } from "../chain/deployment";
import { BlockClock } from "./block-clock";
import { spendHistory, type SpendLease } from "./history";
import { atomsFromMicro, microString } from "./money";
import { burnRate, comparePeriods, deploymentRunways, monthForecast, previousPeriod, ratePer, sliceHistory } from "./overview";

const T0 = Date.UTC(2026, 2, 1);
const BPD = 8640; // 10 s blocks
const timeOf = (h: number): number => T0 + (h - 1) * 10_000;
const clock = (latest: number) => new BlockClock(async (h) => ({ height: h, timeMs: timeOf(h) }), { height: latest, timeMs: timeOf(latest) });

const sl = (over: Partial<SpendLease>): SpendLease => ({ owner: "o", dseq: "1", gseq: 1, oseq: 1, provider: "p", state: "active", reason: "", denom: "uact", priceAtoms: atomsFromMicro(1), createdAt: 1, closedOn: 0, unsettledAtoms: 0n, ...over });
const dep = (dseq: string, funds: string, settledAt: number, state = "active"): Deployment => ({
  owner: "o",
  dseq,
  state,
  hashB64: "",
  createdAt: 1,
  groups: [],
  escrow: { state: "open", funds: [{ denom: "uact", amount: funds }], transferred: [], settledAt, deposits: [] },
});

describe("overview", () => {
  it("runway per deployment: escrow left after accrual, first and last to run dry", () => {
    const latest = { height: 1000, timeMs: timeOf(1000) };
    const leases = [sl({ dseq: "1", priceAtoms: atomsFromMicro(2) }), sl({ dseq: "2", priceAtoms: atomsFromMicro(1) }), sl({ dseq: "3", state: "closed", closedOn: 50 })];
    const r = deploymentRunways([dep("1", "1000", 900), dep("2", "5000", 1000), dep("3", "10", 50, "closed")], leases, latest, 10);
    expect(r.map((x) => x.dseq)).toEqual(["1", "2"]);
    // 1000 − 2×100 accrued = 800 left, 400 blocks, 4000 s.
    expect(r[0]).toMatchObject({ escrowLeft: atomsFromMicro(800), blocksLeft: 400, secondsLeft: 4000, dryAtMs: latest.timeMs + 4_000_000 });
    expect(r[1]).toMatchObject({ blocksLeft: 5000 });
    const burn = burnRate(r, 10);
    expect(microString(burn.perBlock.uact!)).toBe("3");
    expect(microString(burn.perHour.uact!)).toBe("1080");
    expect(microString(burn.perDay.uact!)).toBe("25920");
    expect(ratePer(atomsFromMicro(1), 1, 3)).toBe(atomsFromMicro(1) / 3n);
  });

  it("month to date, forecast at today's burn, and the previous period", async () => {
    // Latest = the first block of 2026-03-11 + 4320 blocks (12:00 UTC).
    const latestHeight = 10 * BPD + 1 + 4320;
    const c = clock(latestHeight);
    const lease = sl({ priceAtoms: atomsFromMicro(1), createdAt: 0 });
    const history = await spendHistory(c, [lease], "2026-02-25", "2026-03-11");
    const burn = burnRate([{ owner: "o", dseq: "1", denom: "uact", escrowLeft: 1n, ratePerBlock: atomsFromMicro(1), blocksLeft: 1, secondsLeft: 10, dryAtMs: 0 }], 10);
    const m = monthForecast(history, "2026-03-11", burn, c.latest, 10);
    // Blocks 1 … latest, all in March.
    expect(m.monthToDate.uact).toBe(atomsFromMicro(latestHeight));
    // Until 2026-04-01: (21 days − 12 h) / 10 s = 177,120 blocks more.
    expect(m.forecast.uact).toBe(atomsFromMicro(latestHeight + 177_120));
    expect(previousPeriod("2026-03-06", "2026-03-10")).toEqual({ from: "2026-03-01", to: "2026-03-05" });
    const cmp = comparePeriods(history, "2026-03-06", "2026-03-10");
    expect(cmp.total.uact).toBe(atomsFromMicro(5 * BPD));
    expect(cmp.previousTotal.uact).toBe(atomsFromMicro(5 * BPD));
    expect(cmp.changePercent.uact).toBe(0);
    const slice = sliceHistory(history, "2026-03-02", "2026-03-03");
    expect(slice.total.uact).toBe(atomsFromMicro(2 * BPD));
    expect(slice.leases[0]!.spent).toBe(atomsFromMicro(2 * BPD));
  });
});
