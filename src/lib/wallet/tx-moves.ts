/**
 * How a transaction's amounts read in the signing dialog: ACT (pegged to 1 USD) with its dollar value beside it,
 * AKT with the dollar value the caller knows (the mint quote), never in exponent notation.
 */
import { denomInfo } from "@/lib/format/coins";
import { formatAct, formatPricePerToken, formatTokenAmount, formatUsdValue } from "@/lib/format/numbers";
import { previewMint, type MintQuote } from "@/lib/chain/bme";
import { parseDecimal } from "@/lib/chain/coins";
import { isUsdcDenom, UACT, UAKT } from "@/lib/pricing/denoms";

export interface MoveAmount {
  denom: string;
  base: bigint | number | string;
}

/**
 * One thing a transaction moves, stated before the user signs ("Deposit into escrow: 5.00 ACT, from your ACT
 * balance"). Amounts are in base units of `denom` (uact, uakt); a per-block price may be a decimal string.
 */
export interface TxMove {
  label: string;
  amount: MoveAmount;
  /** A rate rather than a one-off amount. */
  per?: "hour" | "month";
  /** The USD value when the denom is not USD-pegged (AKT at the mint quote). */
  usd?: number;
  /** Where it comes from or what it buys: "from your ACT balance", "lasts about 3 d 4 h". */
  note?: string;
}

/** The AKT price of a mint quote as a number (for display only; amounts stay exact elsewhere). */
export function quotePriceUsd(quote: Pick<MintQuote, "priceUsd"> | undefined): number | undefined {
  if (!quote || parseDecimal(quote.priceUsd) === null) return undefined;
  const price = Number(quote.priceUsd);
  return price > 0 ? price : undefined;
}

/** Minting ACT: the AKT burnt (with its dollar value) and the ACT it buys at the quote. */
export function mintMoves(uakt: bigint, quote: Pick<MintQuote, "priceUsd" | "spreadBps"> | undefined): TxMove[] {
  const price = quotePriceUsd(quote);
  const burnt: TxMove = { label: "AKT burnt", amount: { denom: UAKT, base: uakt }, usd: price !== undefined ? (Number(uakt) / 1e6) * price : undefined, note: "From your AKT balance" };
  if (!quote) return [burnt];
  return [burnt, { label: "ACT minted (about)", amount: { denom: UACT, base: previewMint(uakt, quote) }, note: `At ${formatPricePerToken(price ?? 0, "AKT")} less the ${quote.spreadBps / 100}% mint spread; the chain settles at its price in the block` }];
}

function toDisplay({ denom, base }: MoveAmount): number {
  const { exponent } = denomInfo(isUsdcDenom(denom) ? UACT : denom);
  const value = typeof base === "bigint" ? Number(base) : Number(base);
  return value / 10 ** exponent;
}

/** "5.00 ACT ($5.00)", "12.00 AKT ($36.00)", "0.0062 ACT ($0.0062) per hour". */
export function formatMoveAmount(amount: MoveAmount, options: { per?: "hour" | "month"; usd?: number } = {}): string {
  const value = toDisplay(amount);
  const suffix = options.per ? ` per ${options.per}` : "";
  if (amount.denom === UACT) return `${formatAct(value)}${suffix}`;
  if (isUsdcDenom(amount.denom)) return `${formatTokenAmount(value, "USDC")}${suffix}`;
  const text = formatTokenAmount(value, denomInfo(amount.denom).symbol);
  return `${options.usd !== undefined && Number.isFinite(options.usd) ? `${text} (${formatUsdValue(options.usd)})` : text}${suffix}`;
}
