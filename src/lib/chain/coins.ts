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

/**
 * A non-negative decimal string as integer atoms of 10⁻¹⁸ (LegacyDec's precision): "12.5" → 12500000000000000000n;
 * digits past the 18th are cut; null when it is not digits with an optional fraction. The text is already checked
 * to be digits, so its atoms are the digits themselves: a team's spend reads some 10,000 amounts, and going through
 * Decimal (BN.js underneath) for each cost ~90 ms on a 1,000-lease load.
 */
export function parseDecimal(text: string): bigint | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  return BigInt(match[1]! + (match[2] ?? "").slice(0, DEC_DIGITS).padEnd(DEC_DIGITS, "0"));
}

/** A gateway amount as atoms (parseDecimal); anything unparsable counts as zero (a hostile node must not throw). */
export function decAtoms(amount: string | undefined): bigint {
  return parseDecimal(amount ?? "") ?? 0n;
}

/** A gateway amount as a Decimal; anything unparsable counts as zero (amounts from a hostile node must not throw). */
export function toDecimal(amount: string | undefined): Decimal {
  return Decimal.fromAtomics(decAtoms(amount).toString(), DEC_DIGITS);
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
  return coin ? decAtoms(coin.amount) / 10n ** BigInt(DEC_DIGITS) : 0n;
}
