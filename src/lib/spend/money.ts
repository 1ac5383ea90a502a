/**
 * Money for spend history: exact amounts as bigint atoms of 10⁻¹⁸ micro-units (the chain's LegacyDec precision),
 * so sums of DecCoin prices × block counts never round. Display strings come from @cosmjs/math's Decimal.
 */
import { Decimal } from "@cosmjs/math";
import { decAtoms } from "../chain/coins";

export const DEC_PLACES = 18;
/** Atoms per micro-unit. */
export const ATOMS_PER_MICRO = 10n ** BigInt(DEC_PLACES);

/** A gateway amount ("12.5", "1000.000000000000000000") as atoms; unparsable text counts as 0 (as toDecimal). */
export function atomsOf(amount: string | undefined): bigint {
  return decAtoms(amount);
}

/** Atoms as a decimal string of micro-units ("1500000.25"), exact; negative amounts keep their sign. */
export function microString(atoms: bigint): string {
  if (atoms < 0n) return `-${microString(-atoms)}`;
  return Decimal.fromAtomics(atoms.toString(), DEC_PLACES).toString();
}

/** Whole micro-units (rounded toward zero). */
export function wholeMicro(atoms: bigint): bigint {
  return atoms / ATOMS_PER_MICRO;
}

/** Whole micro-units as atoms. */
export function atomsFromMicro(micro: bigint | number | string): bigint {
  return BigInt(micro) * ATOMS_PER_MICRO;
}

/** Micro-units → display units (uakt → AKT) as a decimal string, exact. */
export function displayString(atoms: bigint, microDecimals = 6): string {
  if (atoms < 0n) return `-${displayString(-atoms, microDecimals)}`;
  return Decimal.fromAtomics(atoms.toString(), DEC_PLACES + microDecimals).toString();
}

/** Per-denom sums. */
export type DenomAmounts = Record<string, bigint>;

export function addTo(target: DenomAmounts, denom: string, atoms: bigint): void {
  target[denom] = (target[denom] ?? 0n) + atoms;
}

export function sumDenoms(...parts: ReadonlyArray<DenomAmounts>): DenomAmounts {
  const out: DenomAmounts = {};
  for (const p of parts) for (const [d, a] of Object.entries(p)) addTo(out, d, a);
  return out;
}

/** atoms × num / den, rounded down (rates scaled by a measured block time). */
export function mulDiv(atoms: bigint, num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError("mulDiv: denominator must be positive");
  return (atoms * num) / den;
}
