/**
 * Numbers for people: amounts with a precision that fits their size, ranges whose equal ends collapse,
 * and the one way money is shown in the console (ACT first, its USD value beside it; ACT is pegged to 1 USD).
 */
import { lazyFormatter } from "./intl";

const LOCALE = "en-US";

const cents = lazyFormatter(() => new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const significant = lazyFormatter(() => new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 3 }));

function amountFormat(value: number): Intl.NumberFormat {
  const abs = Math.abs(value);
  // Big amounts: cents are enough. Small ones keep 3 significant digits, so 0.0062 stays 0.0062 instead of 0.01.
  return abs === 0 || abs >= 1 ? cents() : significant();
}

/** Below this a non-zero amount shows as "< 0.000001": never in exponent notation ("1.3e-8"). */
const SMALLEST = 1e-6;

/** 49.997454 → "50.00", 1234.5 → "1,234.50", 0.006213 → "0.00621", 1.3e-8 → "< 0.000001", 0 → "0.00". */
export function formatNumberAmount(value: number): string {
  if (!Number.isFinite(value)) return "—";
  if (value !== 0 && Math.abs(value) < SMALLEST) return `${value < 0 ? "> -" : "< "}0.000001`;
  return amountFormat(value).format(value);
}

/** "12.50 ACT". */
export function formatTokenAmount(value: number, symbol: string): string {
  return `${formatNumberAmount(value)} ${symbol}`;
}

const usd = lazyFormatter(() => new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const smallUsd = lazyFormatter(() => new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD", maximumSignificantDigits: 2 }));

/** "$3.00", "$1,204.10"; below a cent "$0.0042" (never "$0.00" for something that costs money). */
export function formatUsdValue(value: number): string {
  if (!Number.isFinite(value)) return "—";
  return value !== 0 && Math.abs(value) < 0.01 ? smallUsd().format(value) : usd().format(value);
}

/** The console's one money display: "12.50 ACT ($12.50)". ACT is pegged to 1 USD. */
export function formatAct(act: number, options: { usd?: boolean } = {}): string {
  const text = formatTokenAmount(act, "ACT");
  return options.usd === false ? text : `${text} (${formatUsdValue(act)})`;
}

/** "$3.00 per AKT": a token price is money per unit, shown as cents. */
export function formatPricePerToken(usdPerToken: number, symbol: string): string {
  return `${usd().format(usdPerToken)} per ${symbol}`;
}

/**
 * A range whose ends read the same collapses to one value: (58.46, 58.46) → "58.46", (58.46, 76) → "58.46–76.00".
 * `format` is applied to each end; a unit given as `suffix` is written once, after the range.
 */
export function formatRange(low: number, high: number, format: (value: number) => string = formatNumberAmount, suffix = ""): string {
  const [a, b] = low <= high ? [low, high] : [high, low];
  const lo = format(a);
  const hi = format(b);
  const unit = suffix ? ` ${suffix}` : "";
  return lo === hi ? `${lo}${unit}` : `${lo}–${hi}${unit}`;
}

const integers = lazyFormatter(() => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 }));

/** 1234567 → "1,234,567" (block heights, counts). */
export function formatInteger(value: number | bigint): string {
  return integers().format(value);
}
