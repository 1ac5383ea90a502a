/** Fixed-point decimals (18 places, like Cosmos LegacyDec) on bigint, for exact bid arithmetic. */
export const DEC_PLACES = 18;
const ONE = 10n ** BigInt(DEC_PLACES);

export function parseDec(s: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(`invalid decimal "${s}"`);
  const frac = (m[3] ?? "").slice(0, DEC_PLACES).padEnd(DEC_PLACES, "0");
  const v = BigInt(m[2] || "0") * ONE + BigInt(frac || "0");
  return m[1] === "-" ? -v : v;
}

export function formatDec(v: bigint, places = DEC_PLACES): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const int = a / ONE;
  const frac = (a % ONE).toString().padStart(DEC_PLACES, "0").slice(0, places);
  return `${neg ? "-" : ""}${int}${places > 0 ? "." + frac : ""}`;
}

/** Multiply a fixed-point decimal by an integer quantity. */
export const mulInt = (d: bigint, n: bigint | number): bigint => d * BigInt(n);

/** Round half-up to `places` decimals (still in 18-place fixed point). */
export function roundTo(v: bigint, places: number): bigint {
  const unit = 10n ** BigInt(DEC_PLACES - places);
  const half = unit / 2n;
  return ((v + half) / unit) * unit;
}
