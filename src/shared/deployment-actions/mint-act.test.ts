import { describe, expect, it } from "vitest";
import { previewMint } from "@/lib/chain/bme";
import { uaktForAct } from "./mint-act";

describe("uaktForAct", () => {
  it("burns enough AKT to mint at least the ACT asked for, after the spread", () => {
    const quote = { priceUsd: "3.000000000000000000", spreadBps: 50 };
    const uakt = uaktForAct(20_600n, quote)!;
    expect(previewMint(uakt, quote)).toBeGreaterThanOrEqual(20_600n);
    // 1 % headroom, not more.
    expect(previewMint(uakt, quote)).toBeLessThan(20_600n * 102n / 100n);
  });
  it("nothing to mint or no usable price: null", () => {
    expect(uaktForAct(0n, { priceUsd: "3", spreadBps: 0 })).toBeNull();
    expect(uaktForAct(5n, { priceUsd: "0", spreadBps: 0 })).toBeNull();
  });
});
