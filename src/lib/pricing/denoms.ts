/**
 * Denominations. Prices on chain are micro-units per block: 1 ACT = 1,000,000 uact, and ACT is
 * pegged to 1 USD (Akash BME). AKT needs a market price to become USD.
 */
import { lazyFormatter } from "../format/intl";

export const UACT = "uact";
export const UAKT = "uakt";
export const MICRO = 1_000_000;

export type Unit = "ACT" | "AKT" | "USDC";

export function isUsdcDenom(denom: string): boolean {
  return denom.startsWith("ibc/");
}

export function unitOf(denom: string): Unit | undefined {
  if (denom === UACT) return "ACT";
  if (denom === UAKT) return "AKT";
  if (isUsdcDenom(denom)) return "USDC";
  return undefined;
}

/** Micro-denom amount → USD. Undefined for uakt when the AKT price is unknown. */
export function microToUsd(amount: number, denom: string, aktPriceUsd?: number): number | undefined {
  if (denom === UACT || isUsdcDenom(denom)) return amount / MICRO;
  if (denom === UAKT) return aktPriceUsd && aktPriceUsd > 0 ? (amount / MICRO) * aktPriceUsd : undefined;
  return undefined;
}

/** Micro-denom amount → AKT. Undefined for USD-denominated amounts when the AKT price is unknown. */
export function microToAkt(amount: number, denom: string, aktPriceUsd?: number): number | undefined {
  if (denom === UAKT) return amount / MICRO;
  const usd = microToUsd(amount, denom);
  return usd !== undefined && aktPriceUsd && aktPriceUsd > 0 ? usd / aktPriceUsd : undefined;
}

/** Convert a micro amount between uact and uakt at an AKT/USD price. */
export function convertMicro(amount: number, from: string, to: string, aktPriceUsd?: number): number | undefined {
  if (from === to) return amount;
  const usd = microToUsd(amount, from, aktPriceUsd);
  if (usd === undefined) return undefined;
  if (to === UACT || isUsdcDenom(to)) return usd * MICRO;
  if (to === UAKT) return aktPriceUsd && aktPriceUsd > 0 ? (usd / aktPriceUsd) * MICRO : undefined;
  return undefined;
}

const usdFormat = lazyFormatter(() => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 2 }));
const smallUsdFormat = lazyFormatter(() => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 3 }));

export function formatUsd(usd: number): string {
  return Math.abs(usd) > 0 && Math.abs(usd) < 0.01 ? smallUsdFormat().format(usd) : usdFormat().format(usd);
}

export function formatAmount(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 2 : Math.abs(value) >= 1 ? 3 : 6;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits })} ${unit}`;
}
