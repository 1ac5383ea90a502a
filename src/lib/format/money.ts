/**
 * The console's one way to show an on-chain amount of money: ACT first with its USD value beside it
 * ("58.46 ACT ($58.46)"); AKT with USD when its price is known; USDC as is.
 */
import { isUsdcDenom, MICRO, microToUsd, UACT, UAKT } from "@/lib/pricing/denoms";
import { formatAct, formatNumberAmount, formatTokenAmount, formatUsdValue } from "./numbers";

/** A micro-denom amount (possibly fractional, like a price per block times blocks). */
export function formatMoney(amountMicro: number, denom: string, aktPriceUsd?: number): string {
  const value = amountMicro / MICRO;
  if (denom === UACT) return formatAct(value);
  if (isUsdcDenom(denom)) return formatTokenAmount(value, "USDC");
  if (denom === UAKT) {
    const usd = microToUsd(amountMicro, denom, aktPriceUsd);
    return usd === undefined ? formatTokenAmount(value, "AKT") : `${formatTokenAmount(value, "AKT")} (${formatUsdValue(usd)})`;
  }
  return `${formatNumberAmount(amountMicro)} ${denom}`;
}
