import { describe, expect, it } from "vitest";
import { baseToDisplay, displayToBase, formatCoin, formatCoinShort, shortenAddress } from "./coins";

describe("baseToDisplay", () => {
  it("converts base units exactly and trims trailing zeros", () => {
    expect(baseToDisplay("1234567", 6)).toBe("1.234567");
    expect(baseToDisplay("1000000", 6)).toBe("1");
    expect(baseToDisplay("5", 6)).toBe("0.000005");
    expect(baseToDisplay(123456789012345678901234n, 6)).toBe("123,456,789,012,345,678.901234");
  });
  it("limits fraction digits without rounding up", () => {
    expect(baseToDisplay("1999999", 6, 2)).toBe("1.99");
  });
  it("formats known denoms with their symbol", () => {
    expect(formatCoin("2500000", "uakt")).toBe("2.5 AKT");
    expect(formatCoin("7", "uact")).toBe("0.000007 ACT");
    expect(formatCoin("7", "ibc/ABC")).toBe("7 ibc/ABC");
  });
});

describe("displayToBase", () => {
  it("parses decimals exactly", () => {
    expect(displayToBase("1.5", 6)).toEqual({ ok: true, base: 1_500_000n });
    expect(displayToBase("0.000001", 6)).toEqual({ ok: true, base: 1n });
    expect(displayToBase("1,000", 6)).toEqual({ ok: true, base: 1_000_000_000n });
  });
  it("rejects bad input with a readable message", () => {
    expect(displayToBase("", 6)).toMatchObject({ ok: false, error: "Enter an amount" });
    expect(displayToBase("abc", 6)).toMatchObject({ ok: false });
    expect(displayToBase("0.0000001", 6)).toMatchObject({ ok: false, error: "At most 6 decimal places" });
    expect(displayToBase("0", 6)).toMatchObject({ ok: false, error: "Amount must be greater than zero" });
    expect(displayToBase("-1", 6)).toMatchObject({ ok: false });
  });
});

describe("shortenAddress", () => {
  it("keeps both ends", () => {
    expect(shortenAddress("akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq9")).toBe("akash1qqqq…qqqqq9");
    expect(shortenAddress("short")).toBe("short");
  });
});

describe("formatCoinShort", () => {
  it("shows cents for balances of one and more, cut rather than rounded up", () => {
    expect(formatCoinShort(49_997_454n, "uact")).toBe("49.99 ACT");
    expect(formatCoinShort("50000000", "uact")).toBe("50 ACT");
    expect(formatCoinShort(1_234_567_890n, "uakt")).toBe("1,234.56 AKT");
  });
  it("keeps three significant digits below one", () => {
    expect(formatCoinShort(6_213n, "uact")).toBe("0.00621 ACT");
    expect(formatCoinShort(500_000n, "uact")).toBe("0.5 ACT");
    expect(formatCoinShort(1n, "uact")).toBe("0.000001 ACT");
    expect(formatCoinShort(0n, "uact")).toBe("0 ACT");
  });
});
