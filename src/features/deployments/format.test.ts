import { describe, expect, it } from "vitest";
import { burnFigures } from "@/lib/pricing/deposit";
import { formatMicro, formatMicroAmount, formatRate } from "./format";

describe("deployment figures", () => {
  it("shows balances in whole micro-units: a closed escrow's dust is 0 ACT, never 1.3e-8 ACT", () => {
    expect(formatMicro(0.013, "uact", 4)).toBe("0 ACT");
    expect(formatMicro(1_499_900.7, "uact", 4)).toBe("1.4999 ACT");
    expect(formatMicro(49_997_454, "uact")).toBe("49.99 ACT");
    expect(formatMicro(Number.NaN, "uact")).toBe("0 ACT");
  });

  it("shows small rates with three significant digits and no e-notation", () => {
    expect(formatMicroAmount(6_213, "uact")).toBe("0.00621 ACT");
    expect(formatMicroAmount(0.0123, "uact")).toBe("< 0.000001 ACT");
    expect(formatMicroAmount(58_460_000, "uact")).toBe("58.46 ACT");
  });

  it("derives per hour and per month from the block time it is given, the same figures the time left divides by", () => {
    const perBlock = 1.72;
    const r1 = formatRate(perBlock, "uact", 1);
    expect(r1.hour).toBe("0.00619 ACT/h");
    expect(formatRate(perBlock, "uact", 6.098).hour).toBe("0.00102 ACT/h");
    expect(r1.month).toBe(`${formatMicroAmount(burnFigures(0, perBlock, 1).perMonth, "uact")}/month`);
    expect(r1.block).toBe("0.00000172 ACT/block");
  });
});
