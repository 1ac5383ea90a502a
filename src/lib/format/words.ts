/** Counted nouns through Intl.PluralRules, so copy never says "1 leases" or "provider(s)". */
import { lazyFormatter } from "./intl";

const rules = lazyFormatter(() => new Intl.PluralRules("en-US"));
const counts = lazyFormatter(() => new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }));

export interface NounForms {
  one: string;
  other: string;
}

/** The noun form for a count: pluralWord(1, lease) → "lease", pluralWord(3, lease) → "leases". */
export function pluralWord(count: number, forms: NounForms | string): string {
  const { one, other } = typeof forms === "string" ? { one: forms, other: `${forms}s` } : forms;
  return rules().select(count) === "one" ? one : other;
}

/** "1 lease", "2 leases", "1,204 providers". A bare string noun gets a plain "s" plural. */
export function countOf(count: number, forms: NounForms | string): string {
  return `${counts().format(count)} ${pluralWord(count, forms)}`;
}

const lists = lazyFormatter(() => new Intl.ListFormat("en-US", { style: "long", type: "conjunction" }));

/** "a", "a and b", "a, b, and c". */
export function listOf(items: readonly string[]): string {
  return lists().format(items);
}
