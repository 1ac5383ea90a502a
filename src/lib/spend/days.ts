/** UTC calendar days as "YYYY-MM-DD" (spend is bucketed by UTC day, as the chain's block times are UTC). */

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(text: string): boolean {
  const m = DAY_RE.exec(text);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dayOf(ms) === text;
}

/** Midnight UTC at the start of `day`, ms. */
export function dayStartMs(day: string): number {
  if (!isDay(day)) throw new RangeError(`Not a date (YYYY-MM-DD): ${day}`);
  return Date.parse(`${day}T00:00:00Z`);
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayOf(dayStartMs(day) + n * DAY_MS);
}

/** Days from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** First day of the next month. */
export function nextMonthStart(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return dayOf(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1));
}
