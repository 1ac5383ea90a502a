/**
 * ACT mint preview. The chain mints ACT (USD-pegged, 1 ACT = 1 USD) for burnt AKT at the AKT/USD price,
 * minus the BME mint spread (`mint_spread_bps`, default 25 bps). The price comes from the oracle's
 * aggregated price (as on mainnet); where no oracle query is served, from the price the BME ledger
 * recorded for the latest executed burn/mint of AKT.
 */
import { parseDecimal } from "./coins";
import { joinUrl, requestJson } from "./http";

export interface MintQuote {
  /** AKT price in USD as a decimal string. */
  priceUsd: string;
  spreadBps: number;
  mintsAllowed: boolean;
  /** e.g. "mint_status_healthy". */
  status: string;
  priceSource: string;
}

const SCALE = 10n ** 18n;

/** uakt burnt → uact minted (floored), at `priceUsd` per AKT minus `spreadBps`. */
export function previewMint(uakt: bigint, quote: Pick<MintQuote, "priceUsd" | "spreadBps">): bigint {
  const price = parseDecimal(quote.priceUsd);
  if (price === null || uakt <= 0n) return 0n;
  return (uakt * price * BigInt(10_000 - quote.spreadBps)) / (SCALE * 10_000n);
}

type Json = Record<string, unknown>;

function pick(object: unknown, path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function asPrice(value: unknown): string | null {
  if (typeof value === "number" && value > 0) return String(value);
  if (typeof value === "string" && parseDecimal(value) !== null && parseDecimal(value)! > 0n) return value;
  return null;
}

export interface BmeResponses {
  params: unknown;
  status: unknown;
  oraclePrice: unknown;
  /** `/akash/bme/v1/ledger` (newest first). */
  ledger?: unknown;
}

/** AKT price of the newest executed ledger record: the side (burned or minted) whose coin is uakt. */
function priceFromLedger(ledger: unknown): string | null {
  const records = pick(ledger, ["records"]);
  if (!Array.isArray(records)) return null;
  for (const record of records) {
    for (const side of ["burned", "minted"]) {
      if (pick(record, ["executed_record", side, "coin", "denom"]) === "uakt") {
        const price = asPrice(pick(record, ["executed_record", side, "price"]));
        if (price) return price;
      }
    }
  }
  return null;
}

/** Builds a quote from the raw REST answers; throws a readable error when no price is available. */
export function quoteFromResponses({ params, status, oraclePrice, ledger }: BmeResponses): MintQuote {
  const spread = Number(pick(params, ["params", "mint_spread_bps"]) ?? 25);
  const candidates: Array<[string, unknown]> = [
    ["oracle twap", pick(oraclePrice, ["aggregated_price", "twap"])],
    ["oracle median", pick(oraclePrice, ["aggregated_price", "median_price"])],
    ["bme status", pick(status, ["reference_price"])],
    ["bme status", pick(status, ["collateral_ratio", "reference_price"])],
    ["bme status", pick(status, ["price"])],
    ["bme status", pick(status, ["akt_price"])],
    ["last BME settlement", priceFromLedger(ledger)],
  ];
  const found = candidates.find(([, value]) => asPrice(value) !== null);
  if (!found) throw new Error("The chain does not report an AKT price yet (no oracle price and no settled mint), so the ACT amount cannot be previewed. You can still mint.");
  const mintsAllowed = pick(status, ["mints_allowed"]);
  return {
    priceUsd: asPrice(found[1])!,
    spreadBps: Number.isFinite(spread) && spread >= 0 && spread < 10_000 ? spread : 25,
    mintsAllowed: mintsAllowed === undefined ? true : Boolean(mintsAllowed),
    status: String(pick(status, ["status"]) ?? "unknown"),
    priceSource: found[0],
  };
}

export async function getMintQuote(restUrl: string, signal?: AbortSignal): Promise<MintQuote> {
  const get = (path: string) => requestJson<Json>(joinUrl(restUrl, path), { signal }).catch(() => null);
  const [params, status, oraclePrice] = await Promise.all([
    get("/akash/bme/v1/params"),
    get("/akash/bme/v1/status"),
    get("/akash/oracle/v1/aggregated_price/uakt"),
  ]);
  if (!params && !status) throw new Error("This node does not serve the BME module (/akash/bme/v1), so ACT cannot be minted here");
  const needsLedger = !asPrice(pick(oraclePrice, ["aggregated_price", "twap"])) && !asPrice(pick(oraclePrice, ["aggregated_price", "median_price"]));
  const ledger = needsLedger ? await get("/akash/bme/v1/ledger?pagination.limit=5&pagination.reverse=true") : null;
  return quoteFromResponses({ params, status, oraclePrice, ledger });
}
