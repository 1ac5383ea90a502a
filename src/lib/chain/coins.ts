/** Coin amounts as the gateway serves them: integer strings (Coin) or 18-decimal strings (DecCoin). */
import { Decimal } from "@cosmjs/math";

export interface Coin {
  denom: string;
  amount: string;
}

/** Same shape; `amount` may carry a fraction ("1000.000000000000000000"). */
export type DecCoin = Coin;

export interface CoinJson {
  denom?: string;
  amount?: string;
}

export const coinOf = (c: CoinJson | undefined): DecCoin => ({ denom: c?.denom ?? "", amount: c?.amount ?? "0" });

const DEC_DIGITS = 18;

/** A gateway amount as a Decimal; anything unparsable counts as zero (amounts from a hostile node must not throw). */
export function toDecimal(amount: string | undefined): Decimal {
  const text = (amount ?? "").trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return Decimal.zero(DEC_DIGITS);
  const [whole, fraction = ""] = text.split(".");
  return Decimal.fromUserInput(`${whole}.${fraction.slice(0, DEC_DIGITS)}`.replace(/\.$/, ""), DEC_DIGITS);
}

/** Σ of the amounts of `denom` in `coins`, exactly, as micro-units (a JS number for display and rates). */
export function sumOf(coins: ReadonlyArray<DecCoin> | undefined, denom: string): number {
  let total = Decimal.zero(DEC_DIGITS);
  for (const c of coins ?? []) if (c.denom === denom) total = total.plus(toDecimal(c.amount));
  return total.toFloatApproximation();
}

/** Whole micro-units of `denom` (integer part only), for balances and fees. */
export function amountOf(coins: ReadonlyArray<Coin> | undefined, denom: string): bigint {
  const coin = coins?.find((c) => c.denom === denom);
  return coin ? BigInt(toDecimal(coin.amount).floor().atomics) / 10n ** BigInt(DEC_DIGITS) : 0n;
}
