import type { Coin } from "./types.ts";
import { sdkErrors } from "./errors.ts";

/** Cosmos SDK denom rule (types/coin.go reDnmString). */
const DENOM_RE = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;
const INT_RE = /^\d+$/;

export function isValidDenom(denom: string): boolean {
  return DENOM_RE.test(denom);
}

/** Coins.String(): sorted by denom, "100uact,5uakt"; "" for none. */
export function coinsToString(coins: readonly Coin[]): string {
  return [...coins]
    .sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0))
    .map((c) => `${c.amount}${c.denom}`)
    .join(",");
}

/** Validates coins the way sdk.Coins.Validate does for a payment (positive, valid denoms, sorted/unique is normalised). */
export function validatePositiveCoins(coins: readonly Coin[]): void {
  if (coins.length === 0) throw sdkErrors.invalidCoins("must provide at least one coin");
  const seen = new Set<string>();
  for (const c of coins) {
    if (!isValidDenom(c.denom)) throw sdkErrors.invalidCoins(`invalid denom: ${c.denom}`);
    if (!INT_RE.test(c.amount) || BigInt(c.amount) <= 0n) throw sdkErrors.invalidCoins(`${c.amount}${c.denom}`);
    if (seen.has(c.denom)) throw sdkErrors.invalidCoins(`duplicate denomination ${c.denom}`);
    seen.add(c.denom);
  }
}

/** Merges duplicate denoms, drops zeros, sorts by denom. */
export function normalizeCoins(coins: readonly Coin[]): Coin[] {
  const m = new Map<string, bigint>();
  for (const c of coins) m.set(c.denom, (m.get(c.denom) ?? 0n) + BigInt(c.amount));
  return [...m.entries()]
    .filter(([, a]) => a !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, a]) => ({ denom, amount: a.toString() }));
}

/** Parses "5000uakt,10uact" (the CLI/config coin notation). */
export function parseCoins(text: string): Coin[] {
  if (text.trim() === "") return [];
  return text.split(",").map((part) => {
    const m = /^(\d+)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$/.exec(part.trim());
    if (!m) throw sdkErrors.invalidCoins(part);
    return { denom: m[2]!, amount: BigInt(m[1]!).toString() };
  });
}

/**
 * sdk.Coins.SafeSub: `a − b` per denom; `negative` when any denom would go below zero (a denom of
 * `b` missing from `a` counts as negative). Zero amounts are dropped from the result, as Coins do.
 */
export function safeSubCoins(a: readonly Coin[], b: readonly Coin[]): { left: Coin[]; negative: boolean } {
  const m = new Map<string, bigint>();
  for (const c of a) m.set(c.denom, (m.get(c.denom) ?? 0n) + BigInt(c.amount));
  for (const c of b) m.set(c.denom, (m.get(c.denom) ?? 0n) - BigInt(c.amount));
  const negative = [...m.values()].some((v) => v < 0n);
  return { left: normalizeCoins([...m.entries()].filter(([, v]) => v > 0n).map(([denom, v]) => ({ denom, amount: v.toString() }))), negative };
}
