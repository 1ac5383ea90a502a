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
