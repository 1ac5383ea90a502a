import type { PageRequest, PageResponse } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import Long from "long";

/**
 * Offset/limit pagination over an ordered sequence, in the SDK's query.Paginate style: a request
 * with `key` resumes at the item whose key equals it; `nextKey` is the key of the next item.
 */
export function paginate<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
  req: PageRequest | undefined,
  defaultLimit = 100,
): { items: T[]; pagination: PageResponse } {
  const limit = req && !req.limit.isZero() ? req.limit.toNumber() : defaultLimit;
  // query.Paginate: "count total results when the limit is zero/not supplied".
  const countTotal = req === undefined || req.limit.isZero() || req.countTotal;
  const offset = req && !req.offset.isZero() ? req.offset.toNumber() : 0;
  const startKey = req && req.key.length > 0 ? new TextDecoder().decode(req.key) : undefined;
  const out: T[] = [];
  let total = 0;
  let skipped = 0;
  let nextKey: string | undefined;
  let started = startKey === undefined;
  for (const item of items) {
    const key = keyOf(item);
    if (!started) {
      if (key < startKey!) continue;
      started = true;
    }
    total++;
    if (startKey === undefined && skipped < offset) {
      skipped++;
      continue;
    }
    if (out.length < limit) out.push(item);
    else if (nextKey === undefined) {
      nextKey = key;
      if (!countTotal) break;
    }
  }
  return {
    items: out,
    pagination: {
      nextKey: nextKey === undefined ? new Uint8Array() : new TextEncoder().encode(nextKey),
      total: Long.fromNumber(countTotal ? total : 0, true),
    },
  };
}
