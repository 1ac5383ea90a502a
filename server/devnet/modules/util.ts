/**
 * Shared helpers for the Akash modules: 18-decimal fixed point (LegacyDec), store keys,
 * pagination the way the Cosmos SDK's FilteredPaginate does it, and module errors that carry
 * the gRPC status code the real chain registers them with.
 */
import { fromBech32 } from "@cosmjs/encoding";
import { PageResponse, type PageRequest } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { ChainError, sdkErrors } from "../chain/errors.ts";
import type { Coin, DecCoin, KVStore } from "../chain/types.ts";

/** gRPC status codes used by sdkerrors.RegisterWithGRPCCode in the Akash modules. */
export const Grpc = {
  InvalidArgument: 3,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  FailedPrecondition: 9,
  Internal: 13,
} as const;

/** A registered module error; `grpcCode` is what the gRPC/REST gateway maps it to. */
export class ModuleError extends ChainError {
  constructor(
    codespace: string,
    code: number,
    message: string,
    readonly grpcCode: number,
  ) {
    super(codespace, code, message);
  }
}

/** Builds error factories for a codespace: `errs.notFound("detail")` → "detail: <text>". */
export function registerErrors<K extends string>(codespace: string, table: Record<K, [code: number, grpc: number, text: string]>) {
  const out = {} as Record<K, (detail?: string) => ModuleError>;
  for (const name of Object.keys(table) as K[]) {
    const [code, grpc, text] = table[name];
    out[name] = (detail?: string) => new ModuleError(codespace, code, detail ? `${detail}: ${text}` : text, grpc);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// LegacyDec: 18 fractional digits as a scaled bigint. Never floats.

export const DEC_PRECISION = 18;
export const DEC_ONE = 10n ** 18n;
const DEC_RE = /^(-)?(\d+)(?:\.(\d{1,18}))?$/;

/** "12.5" → 12500000000000000000n. Throws sdk invalidCoins on malformed input or > 18 decimals. */
export function parseDec(text: string): bigint {
  const m = DEC_RE.exec(text.trim());
  if (!m) throw sdkErrors.invalidCoins(`invalid decimal amount "${text}"`);
  const whole = BigInt(m[2]!) * DEC_ONE;
  const frac = m[3] ? BigInt(m[3].padEnd(DEC_PRECISION, "0")) : 0n;
  const v = whole + frac;
  return m[1] ? -v : v;
}

/** 12500000000000000000n → "12.500000000000000000" (LegacyDec.String()). */
export function formatDec(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = a / DEC_ONE;
  const frac = (a % DEC_ONE).toString().padStart(DEC_PRECISION, "0");
  return `${neg ? "-" : ""}${whole}.${frac}`;
}

/** Integer amount → scaled dec. */
export function decFromInt(v: bigint | string): bigint {
  return BigInt(v) * DEC_ONE;
}

/** TruncateInt of a scaled dec (towards zero, as LegacyDec.TruncateInt). */
export function truncateDec(v: bigint): bigint {
  return v / DEC_ONE;
}

export function decCoin(denom: string, amount: bigint): DecCoin {
  return { denom, amount: formatDec(amount) };
}

export function normalizeDecCoin(c: { denom: string; amount: string }): DecCoin {
  return { denom: c.denom, amount: formatDec(parseDec(c.amount)) };
}

export function coin(denom: string, amount: bigint): Coin {
  return { denom, amount: amount.toString() };
}

// ---------------------------------------------------------------------------------------------
// Ids, addresses, keys

export function isAkashAddress(addr: string): boolean {
  try {
    const { prefix, data } = fromBech32(addr);
    return prefix === "akash" && (data.length === 20 || data.length === 32);
  } catch {
    return false;
  }
}

export function requireAddress(addr: string, what: string): void {
  if (!isAkashAddress(addr)) throw sdkErrors.invalidAddress(`invalid ${what} address "${addr}"`);
}

/** Fixed-width decimal for store keys so lexicographic order is numeric order. */
export function pad(n: number | bigint | string, width = 20): string {
  return String(n).padStart(width, "0");
}

/** A uint64 proto field (Long | number | string | undefined) as a decimal string. */
export function u64(v: { toString(): string } | number | string | undefined | null): string {
  if (v === undefined || v === null) return "0";
  return v.toString();
}

/** Padded xids already computed: EndBlock builds the keys of every open account and payment each block. */
const paddedXids = new Map<string, string>();

/** Pads the numeric segments of an escrow xid ("owner/12/1/1/provider") for key ordering. */
export function padXid(xid: string): string {
  let padded = paddedXids.get(xid);
  if (padded === undefined) {
    padded = xid
      .split("/")
      .map((s) => (/^\d+$/.test(s) ? pad(s) : s))
      .join("/");
    // Bounded: a long-running devnet forgets old xids rather than growing without end.
    if (paddedXids.size >= 100_000) paddedXids.clear();
    paddedXids.set(xid, padded);
  }
  return padded;
}

// ---------------------------------------------------------------------------------------------
// Pagination (cosmos-sdk types/query FilteredPaginate semantics)

export const DEFAULT_PAGE_LIMIT = 100;

export interface Page<T> {
  items: T[];
  pagination: PageResponse;
}

/**
 * Iterates `prefix` in key order (or reverse), keeps values accepted by `filter`, and applies the
 * request's key/offset/limit. `next_key` is the store key of the first match after the page;
 * `total` is the number of matches when count_total is set on an offset (not key) request.
 */
export function paginate<S, T = S>(
  store: KVStore,
  prefix: string,
  req: PageRequest | undefined,
  filter: (v: S, key: string) => boolean,
  map: (v: S, key: string) => T,
): Page<T> {
  const key = req?.key && req.key.length > 0 ? new TextDecoder().decode(req.key) : undefined;
  const offset = req ? Number(u64(req.offset)) : 0;
  let limit = req ? Number(u64(req.limit)) : 0;
  const countTotal = req?.countTotal ?? false;
  const reverse = req?.reverse ?? false;
  if (key !== undefined && offset > 0) throw sdkErrors.invalidRequest("invalid request, either offset or key is expected, got both");
  if (limit === 0) limit = DEFAULT_PAGE_LIMIT;

  const items: T[] = [];
  let matched = 0;
  let nextKey: string | undefined;
  const iter = store.iterate<S>(prefix, key !== undefined ? { reverse, start: key } : { reverse });
  for (const [k, v] of iter) {
    if (!filter(v, k)) continue;
    matched++;
    if (key === undefined && matched <= offset) continue;
    if (items.length < limit) {
      items.push(map(v, k));
      continue;
    }
    if (nextKey === undefined) nextKey = k;
    if (!(countTotal && key === undefined)) break;
  }
  return {
    items,
    pagination: PageResponse.fromPartial({
      nextKey: nextKey === undefined ? new Uint8Array() : new TextEncoder().encode(nextKey),
      total: countTotal && key === undefined ? String(matched) : "0",
    }),
  };
}
