import { describe, expect, it } from "vitest";
import { formatAct, formatInteger, formatNumberAmount, formatPricePerToken, formatRange, formatTokenAmount, formatUsdValue } from "./numbers";

describe("formatNumberAmount", () => {
  it("keeps cents for amounts of one and more", () => {
    expect(formatNumberAmount(49.997454)).toBe("50.00");
    expect(formatNumberAmount(1.4999)).toBe("1.50");
    expect(formatNumberAmount(1234.5)).toBe("1,234.50");
    expect(formatNumberAmount(0)).toBe("0.00");
  });
  it("keeps three significant digits below one, so small burn rates do not round to zero", () => {
    expect(formatNumberAmount(0.0062)).toBe("0.0062");
    expect(formatNumberAmount(0.006213)).toBe("0.00621");
    expect(formatNumberAmount(0.5)).toBe("0.5");
  });
  it("never shows exponent notation", () => {
    expect(formatNumberAmount(1.3e-8)).toBe("< 0.000001");
    expect(formatNumberAmount(-1.3e-8)).toBe("> -0.000001");
    expect(formatNumberAmount(Number.NaN)).toBe("—");
  });
});

describe("money", () => {
  it("shows ACT first with its USD value beside it", () => {
    expect(formatAct(58.4567)).toBe("58.46 ACT ($58.46)");
    expect(formatAct(0.0042)).toBe("0.0042 ACT ($0.0042)");
    expect(formatAct(3, { usd: false })).toBe("3.00 ACT");
    expect(formatTokenAmount(2, "AKT")).toBe("2.00 AKT");
  });
  it("prices a token in cents, not four decimals", () => {
    expect(formatPricePerToken(3, "AKT")).toBe("$3.00 per AKT");
    expect(formatPricePerToken(3.14159, "AKT")).toBe("$3.14 per AKT");
  });
  it("USD below a cent keeps its digits", () => {
    expect(formatUsdValue(0.0042)).toBe("$0.0042");
    expect(formatUsdValue(109.781)).toBe("$109.78");
  });
});

describe("formatRange", () => {
  it("collapses equal ends and writes the unit once", () => {
    expect(formatRange(58.46, 58.46, formatNumberAmount, "ACT")).toBe("58.46 ACT");
    expect(formatRange(58.461, 58.458, formatNumberAmount, "ACT")).toBe("58.46 ACT");
    expect(formatRange(58.46, 103, formatNumberAmount, "ACT")).toBe("58.46–103.00 ACT");
  });
  it("orders swapped ends", () => {
    expect(formatRange(5, 2)).toBe("2.00–5.00");
  });
});

it("formatInteger groups thousands", () => {
  expect(formatInteger(1234567)).toBe("1,234,567");
  expect(formatInteger(315n)).toBe("315");
});
