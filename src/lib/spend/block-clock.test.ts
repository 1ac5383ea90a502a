import { describe, expect, it } from "vitest";
import { BlockClock, PrunedHeightError, type HeaderPoint } from "./block-clock";

const T0 = Date.UTC(2026, 0, 1);
/** A chain of `n` blocks with uneven intervals (5–7 s, deterministic). */
function chain(n: number, lowest = 1) {
  const times = [0, T0];
  for (let h = 2; h <= n; h++) times.push(times[h - 1]! + 5000 + ((h * 7919) % 2001));
  let fetched = 0;
  const source = async (h: number): Promise<HeaderPoint> => {
    fetched++;
    if (h < lowest) throw new PrunedHeightError(h, lowest);
    if (h < 1 || h > n) throw new Error(`no block ${h}`);
    return { height: h, timeMs: times[h]! };
  };
  const truth = (t: number): number => {
    for (let h = 1; h <= n; h++) if (times[h]! >= t) return h;
    return n + 1;
  };
  return { times, source, truth, latest: { height: n, timeMs: times[n]! }, fetched: () => fetched };
}

describe("BlockClock", () => {
  it("finds the exact first block at or after an instant with few header fetches", async () => {
    const c = chain(50_000);
    const clock = new BlockClock(c.source, c.latest);
    for (const t of [T0 + 1, T0 + 86_400_000, T0 + 3 * 86_400_000 + 12_345, c.times[40_000]!, c.times[40_000]! + 1]) {
      const at = await clock.heightAt(t);
      expect(at).toMatchObject({ height: c.truth(t), errorBlocks: 0, pruned: false });
    }
    // Five boundaries in 50,000 blocks: far fewer headers than a bisection (≈16 each).
    expect(c.fetched()).toBeLessThan(60);
  });

  it("with a tolerance, stops early and the true height is within the stated error", async () => {
    const c = chain(50_000);
    const clock = new BlockClock(c.source, c.latest, { toleranceBlocks: 20 });
    for (let day = 0; day < 3; day++) {
      const t = T0 + day * 86_400_000 + 3_600_000;
      const at = await clock.heightAt(t);
      expect(Math.abs(at.height - c.truth(t))).toBeLessThanOrEqual(at.errorBlocks);
      expect(at.errorBlocks).toBeLessThanOrEqual(20);
    }
  });

  it("instants after the latest block map to latest + 1; before genesis to 1", async () => {
    const c = chain(100);
    const clock = new BlockClock(c.source, c.latest);
    expect(await clock.heightAt(c.latest.timeMs + 1)).toMatchObject({ height: 101, errorBlocks: 0 });
    expect(await clock.heightAt(T0 - 10)).toMatchObject({ height: 1, pruned: false });
    expect(clock.secondsPerBlock()).toBeGreaterThan(5);
  });

  it("learns the lowest height of a pruning node and flags instants before it", async () => {
    const c = chain(1000, 400);
    const clock = new BlockClock(c.source, c.latest);
    expect(await clock.heightAt(T0 + 1000)).toMatchObject({ height: 400, pruned: true });
    expect(clock.lowestHeight).toBe(400);
    const t = c.times[700]! - 1;
    expect(await clock.heightAt(t)).toMatchObject({ height: 700, pruned: false });
  });
});

describe("BlockClock.heightsAt (anchors, then bounded-concurrency refinement)", () => {
  /** Wraps a source to count requests in flight at once. */
  function concurrent(source: (h: number) => Promise<HeaderPoint>) {
    let now = 0;
    let peak = 0;
    const wrapped = async (h: number) => {
      now++;
      peak = Math.max(peak, now);
      await new Promise((r) => setTimeout(r, 1));
      try {
        return await source(h);
      } finally {
        now--;
      }
    };
    return { source: wrapped, peak: () => peak };
  }

  it("finds every day boundary of a month exactly, about two headers each, never more than `concurrency` in flight", async () => {
    const c = chain(600_000); // ≈ 41 days of 6 s blocks
    const probe = concurrent(c.source);
    const clock = new BlockClock(probe.source, c.latest);
    const instants = Array.from({ length: 31 }, (_, d) => T0 + (d + 5) * 86_400_000);
    const found = await clock.heightsAt(instants.map((timeMs) => ({ timeMs })), { concurrency: 4 });
    expect(found.map((f) => f.height)).toEqual(instants.map(c.truth));
    expect(found.every((f) => f.errorBlocks === 0 && !f.pruned)).toBe(true);
    expect(probe.peak()).toBeLessThanOrEqual(4);
    // Genesis + 8 anchors + ≈ 2 per boundary (a bisection would need ≈ 20 each).
    expect(c.fetched()).toBeLessThanOrEqual(1 + 8 + 31 * 3);
  });

  it("refines each instant only to its tolerance; the true height is always within the stated bound", async () => {
    const c = chain(600_000);
    const clock = new BlockClock(c.source, c.latest);
    const requests = Array.from({ length: 31 }, (_, d) => ({ timeMs: T0 + (d + 5) * 86_400_000 + 1234, toleranceBlocks: d % 2 ? 0 : 300 }));
    const found = await clock.heightsAt(requests);
    found.forEach((f, i) => {
      expect(Math.abs(f.height - c.truth(requests[i]!.timeMs))).toBeLessThanOrEqual(f.errorBlocks);
      expect(f.errorBlocks).toBeLessThanOrEqual(requests[i]!.toleranceBlocks);
    });
    expect(found.filter((_, i) => i % 2).every((f) => f.errorBlocks === 0)).toBe(true);
  });

  it("keeps the bound when block times are far from uniform (a halt of 9 hours between two blocks)", async () => {
    const n = 200_000;
    const times = [0, T0];
    for (let h = 2; h <= n; h++) times.push(times[h - 1]! + (h === 90_000 ? 9 * 3_600_000 : 6000));
    const source = async (h: number): Promise<HeaderPoint> => ({ height: h, timeMs: times[h]! });
    const truth = (t: number) => times.findIndex((x, h) => h >= 1 && x >= t);
    const instants = Array.from({ length: 12 }, (_, d) => T0 + d * 86_400_000 + 7);
    for (const tolerance of [0, 50]) {
      const clock = new BlockClock(source, { height: n, timeMs: times[n]! });
      const found = await clock.heightsAt(instants.map((timeMs) => ({ timeMs, toleranceBlocks: tolerance })));
      found.forEach((f, i) => expect(Math.abs(f.height - truth(instants[i]!))).toBeLessThanOrEqual(f.errorBlocks));
      if (tolerance === 0) expect(found.map((f) => f.height)).toEqual(instants.map(truth));
    }
  });

  it("a sparse history then a dense tip (a fast-forwarded devnet): exact, with a few headers per boundary", async () => {
    const times = [0, T0];
    for (let h = 2; h <= 10_000; h++) times.push(times[h - 1]! + (h < 200 ? 4 * 3_600_000 : 1000 + (h % 7)));
    let fetched = 0;
    const source = async (h: number): Promise<HeaderPoint> => {
      fetched++;
      return { height: h, timeMs: times[h]! };
    };
    const truth = (t: number) => times.findIndex((x, h) => h >= 1 && x >= t);
    const clock = new BlockClock(source, { height: 10_000, timeMs: times[10_000]! });
    const instants = Array.from({ length: 33 }, (_, d) => T0 + 3_600_000 + d * 86_400_000);
    const found = await clock.heightsAt(instants.map((timeMs) => ({ timeMs })));
    expect(found.map((f) => f.height)).toEqual(instants.map(truth));
    expect(fetched).toBeLessThanOrEqual(33 * 4);
  });

  it("fetches a height once even when several lookups need it at the same time", async () => {
    const c = chain(1000);
    const clock = new BlockClock(c.source, c.latest);
    await Promise.all([clock.timeOf(500), clock.timeOf(500), clock.timeOf(500)]);
    expect(c.fetched()).toBe(1);
    expect(clock.fetches).toBe(1);
  });

  it("refuses a header for another height than the one asked (a node must not move the clock)", async () => {
    const c = chain(1000);
    const clock = new BlockClock(async (h) => c.source(h === 500 ? 501 : h), c.latest);
    await expect(clock.timeOf(500)).rejects.toThrow(/asked for block 500/);
  });
});
