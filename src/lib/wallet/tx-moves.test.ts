import { describe, expect, it } from "vitest";
import { formatMoveAmount, mintMoves } from "./tx-moves";

describe("formatMoveAmount", () => {
  it("shows ACT with its USD value (1 ACT = 1 USD)", () => {
    expect(formatMoveAmount({ denom: "uact", base: 5_000_000n })).toBe("5.00 ACT ($5.00)");
    expect(formatMoveAmount({ denom: "uact", base: "1500000" })).toBe("1.50 ACT ($1.50)");
  });

  it("writes a rate with its period and keeps small amounts readable", () => {
    expect(formatMoveAmount({ denom: "uact", base: 6_213 }, { per: "hour" })).toBe("0.00621 ACT ($0.0062) per hour");
    expect(formatMoveAmount({ denom: "uact", base: 0.013 })).toBe("< 0.000001 ACT ($0.000000013)");
  });

  it("shows AKT with the USD value the caller knows, and without one when it does not", () => {
    expect(formatMoveAmount({ denom: "uakt", base: 12_000_000n }, { usd: 36 })).toBe("12.00 AKT ($36.00)");
    expect(formatMoveAmount({ denom: "uakt", base: 12_000_000n })).toBe("12.00 AKT");
  });
});

describe("mintMoves", () => {
  it("states the AKT burnt with its dollar value and the ACT it buys", () => {
    const moves = mintMoves(10_000_000n, { priceUsd: "3", spreadBps: 25 });
    expect(moves.map((m) => [m.label, formatMoveAmount(m.amount, { usd: m.usd })])).toEqual([
      ["AKT burnt", "10.00 AKT ($30.00)"],
      ["ACT minted (about)", "29.93 ACT ($29.93)"],
    ]);
  });

  it("still states the AKT burnt when the price is unknown", () => {
    expect(mintMoves(1_000_000n, undefined)).toEqual([{ label: "AKT burnt", amount: { denom: "uakt", base: 1_000_000n }, usd: undefined, note: "From your AKT balance" }]);
  });
});

describe("mintMoves note", () => {
  it("writes the price as money", () => {
    expect(mintMoves(1_000_000n, { priceUsd: "3.000000000000000000", spreadBps: 25 })[1]!.note).toMatch(/^At \$3\.00 per AKT less the 0\.25% mint spread/);
  });
});
