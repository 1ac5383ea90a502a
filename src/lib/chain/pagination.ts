/** Cosmos REST pagination and the one rule for "does not exist" (HTTP 404 / gRPC NotFound). */
import { ChainRequestError, requestJson } from "./http";

/**
 * Page size for list reads; `collectPages` follows `next_key` past it. Pages are sequential (each needs the
 * previous `next_key`), so round trips, not bytes, bound a team's 1,000 leases: the SDK's gateway has no maximum
 * limit, and a node that caps it lower still hands back `next_key`.
 */
export const PAGE_LIMIT = 1000;

/** Follows `pagination.next_key` until the chain has no more pages (any number of items). */
export async function collectPages<T>(firstUrl: string, pick: (body: unknown) => T[], signal?: AbortSignal, maxPages = 1000): Promise<T[]> {
  const out: T[] = [];
  let key: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const url: string = key ? `${firstUrl}&pagination.key=${encodeURIComponent(key)}` : firstUrl;
    const body = await requestJson<{ pagination?: { next_key?: string | null } }>(url, { signal, timeoutMs: 15_000 });
    out.push(...pick(body));
    const next = body?.pagination?.next_key ?? null;
    // A node that hands back the key it was given would loop forever.
    if (!next || next === key) break;
    key = next;
  }
  return out;
}

/** The gateway answers a missing item with 404 (SDK 0.50) or, on older nodes, a gRPC NotFound message. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ChainRequestError && error.kind === "http" && (error.status === 404 || /not found/i.test(error.message));
}

/** `read()`, or null when the chain says the item does not exist; every other failure is thrown. */
export async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export const q = encodeURIComponent;
