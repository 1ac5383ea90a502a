/** Exact conversions between base units (uakt, uact) and display amounts, without floating point. */

export interface DenomInfo {
  base: string;
  symbol: string;
  exponent: number;
}

const KNOWN_DENOMS: Record<string, DenomInfo> = {
  uakt: { base: "uakt", symbol: "AKT", exponent: 6 },
  uact: { base: "uact", symbol: "ACT", exponent: 6 },
};

export function denomInfo(denom: string): DenomInfo {
  return KNOWN_DENOMS[denom] ?? { base: denom, symbol: denom.length > 12 ? `${denom.slice(0, 10)}…` : denom, exponent: 0 };
}

/** "1234567" uakt → "1.234567". Trailing zeros of the fraction are trimmed. */
export function baseToDisplay(amount: string | bigint, exponent: number, maxFractionDigits = exponent): string {
  const value = typeof amount === "bigint" ? amount : BigInt(amount.split(".")[0] || "0");
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(exponent);
  const whole = abs / scale;
  let fraction = exponent > 0 ? (abs % scale).toString().padStart(exponent, "0") : "";
  fraction = fraction.slice(0, maxFractionDigits).replace(/0+$/, "");
  const wholeText = groupThousands(whole.toString());
  return `${negative ? "-" : ""}${wholeText}${fraction ? `.${fraction}` : ""}`;
}

export function formatCoin(amount: string | bigint, denom: string, maxFractionDigits?: number): string {
  const info = denomInfo(denom);
  return `${baseToDisplay(amount, info.exponent, maxFractionDigits ?? info.exponent)} ${info.symbol}`;
}

/**
 * A balance for reading, not for copying: cents for one and more ("49.99 ACT", not "49.997454 ACT"), three significant
 * digits below one ("0.00621 ACT"). Digits are cut, never rounded up, so a balance never reads as more than it is.
 */
export function formatCoinShort(amount: string | bigint, denom: string): string {
  const info = denomInfo(denom);
  const value = typeof amount === "bigint" ? amount : BigInt(amount.split(".")[0] || "0");
  const abs = value < 0n ? -value : value;
  let digits = Math.min(2, info.exponent);
  if (abs > 0n && abs < 10n ** BigInt(info.exponent)) digits = Math.min(info.exponent, info.exponent - abs.toString().length + 3);
  const text = baseToDisplay(value, info.exponent, digits);
  return `${text === "0" && abs > 0n ? `< ${baseToDisplay(1n, info.exponent)}` : text} ${info.symbol}`;
}

export type ParseAmountResult = { ok: true; base: bigint } | { ok: false; error: string };

/** "1.5" AKT → 1500000n uakt. Rejects more decimals than the denom has. */
export function displayToBase(text: string, exponent: number): ParseAmountResult {
  const trimmed = text.trim().replace(/,/g, "");
  if (!trimmed) return { ok: false, error: "Enter an amount" };
  if (!/^\d*(\.\d*)?$/.test(trimmed) || trimmed === ".") return { ok: false, error: "Enter a number like 1.5" };
  const [whole = "", fraction = ""] = trimmed.split(".");
  if (fraction.length > exponent) return { ok: false, error: `At most ${exponent} decimal places` };
  const base = BigInt(whole || "0") * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, "0") || "0");
  if (base <= 0n) return { ok: false, error: "Amount must be greater than zero" };
  return { ok: true, base };
}

export function shortenAddress(address: string, head = 10, tail = 6): string {
  if (address.length <= head + tail + 1) return address;
  return `${address.slice(0, head)}…${address.slice(-tail)}`;
}

export function formatHeight(height: number | bigint): string {
  return groupThousands(height.toString());
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
