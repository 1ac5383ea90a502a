import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HeaderPoint } from "@/lib/spend/block-clock";

/** A chain whose block h is at genesis + 6 s × (h − 1); counts what is fetched. */
function chain(genesisMs: number) {
  const fetched: number[] = [];
  const source = async (height: number): Promise<HeaderPoint> => {
    fetched.push(height);
    return { height, timeMs: genesisMs + (height - 1) * 6000 };
  };
  return { source, fetched };
}

describe("spend header cache", () => {
  let store: Map<string, string>;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
    store = new Map();
    vi.stubGlobal("localStorage", { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("fetches a height once across loads and reloads; only height 1 is read again, to check the chain", async () => {
    const { cachedSpendHeaders } = await import("./spend-headers");
    const a = chain(1_000_000);
    const first = cachedSpendHeaders("devnet", a.source);
    expect(await first(500)).toEqual({ height: 500, timeMs: 1_000_000 + 499 * 6000 });
    expect(a.fetched).toEqual([1, 500]);
    // The next load (a refresh): height 1 again, 500 from the cache.
    const second = cachedSpendHeaders("devnet", a.source);
    await second(500);
    await second(1);
    expect(a.fetched).toEqual([1, 500, 1]);
    // A reload (a fresh module) reads what was saved.
    vi.advanceTimersByTime(1500);
    vi.resetModules();
    const reloaded = await import("./spend-headers");
    const b = chain(1_000_000);
    await reloaded.cachedSpendHeaders("devnet", b.source)(500);
    expect(b.fetched).toEqual([1]);
  });

  it("drops the cache when height 1 has another time (a devnet reset), and keeps networks apart", async () => {
    const { cachedSpendHeaders } = await import("./spend-headers");
    await cachedSpendHeaders("devnet", chain(1_000_000).source)(500);
    const reset = chain(9_000_000);
    expect((await cachedSpendHeaders("devnet", reset.source)(500)).timeMs).toBe(9_000_000 + 499 * 6000);
    expect(reset.fetched).toEqual([1, 500]);
    const other = chain(1_000_000);
    await cachedSpendHeaders("sandbox", other.source)(500);
    expect(other.fetched).toEqual([1, 500]);
  });

  it("keeps at most MAX_CACHED_HEADERS heights in storage, the most recently used", async () => {
    const { cachedSpendHeaders, MAX_CACHED_HEADERS } = await import("./spend-headers");
    const source = cachedSpendHeaders("devnet", chain(1_000_000).source);
    for (let h = 2; h <= MAX_CACHED_HEADERS + 50; h++) await source(h);
    vi.advanceTimersByTime(1500);
    const saved = JSON.parse(store.get("akash-console:devnet:spend-headers")!) as { headers: [number, number][] };
    expect(saved.headers).toHaveLength(MAX_CACHED_HEADERS);
    expect(saved.headers.at(-1)![0]).toBe(MAX_CACHED_HEADERS + 50);
  });
});
