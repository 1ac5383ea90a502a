import { describe, expect, it } from "vitest";
import { previewMint, quoteFromResponses } from "./bme";
import { parseDecimal } from "./coins";

describe("previewMint", () => {
  it("applies price and spread exactly", () => {
    // 10 AKT at $2.50 minus 25 bps = 24.9375 ACT
    expect(previewMint(10_000_000n, { priceUsd: "2.5", spreadBps: 25 })).toBe(24_937_500n);
    expect(previewMint(1n, { priceUsd: "0.5", spreadBps: 0 })).toBe(0n);
    expect(previewMint(0n, { priceUsd: "3", spreadBps: 0 })).toBe(0n);
    expect(previewMint(1_000_000n, { priceUsd: "1.234567890123456789", spreadBps: 0 })).toBe(1_234_567n);
  });
  it("parses LegacyDec strings", () => {
    expect(parseDecimal("1.500000000000000000")).toBe(1_500_000_000_000_000_000n);
    expect(parseDecimal("abc")).toBeNull();
  });
});

describe("quoteFromResponses", () => {
  it("prefers the oracle TWAP and reads the spread from params", () => {
    const quote = quoteFromResponses({
      params: { params: { mint_spread_bps: 50 } },
      status: { status: "mint_status_healthy", mints_allowed: true },
      oraclePrice: { aggregated_price: { denom: "uakt", twap: "3.210000000000000000", median_price: "3.2" } },
    });
    expect(quote).toMatchObject({ priceUsd: "3.210000000000000000", spreadBps: 50, mintsAllowed: true, priceSource: "oracle twap" });
  });
  it("falls back to a price in the BME status", () => {
    const quote = quoteFromResponses({ params: null, status: { collateral_ratio: { reference_price: "4" }, mints_allowed: false }, oraclePrice: null });
    expect(quote).toMatchObject({ priceUsd: "4", spreadBps: 25, mintsAllowed: false });
  });
  it("uses the AKT price of the newest settled mint when there is no oracle price", () => {
    const ledger = {
      records: [
        {
          status: "ledger_record_status_executed",
          executed_record: { burned: { coin: { denom: "uakt", amount: "5000000" }, price: "3.000000000000000000" }, minted: { coin: { denom: "uact", amount: "14962500" }, price: "1.000000000000000000" } },
        },
      ],
    };
    const quote = quoteFromResponses({ params: { params: { mint_spread_bps: 25 } }, status: { status: "mint_status_healthy", mints_allowed: true }, oraclePrice: null, ledger });
    expect(quote).toMatchObject({ priceUsd: "3.000000000000000000", priceSource: "last BME settlement" });
    // Same arithmetic as the chain: 5 AKT × 3 × 0.9975 = 14.9625 ACT.
    expect(previewMint(5_000_000n, quote)).toBe(14_962_500n);
  });
  it("explains when no price is available", () => {
    expect(() => quoteFromResponses({ params: {}, status: {}, oraclePrice: null })).toThrow(/does not report an AKT price/);
  });
});
