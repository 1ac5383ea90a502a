/**
 * Block headers for the spend dashboard's day boundaries, kept per network across refreshes and reloads: a committed
 * block's time never changes, so each height is fetched once per browser. Bounded (the most recently used
 * MAX_CACHED_HEADERS heights, in localStorage). Checked against the chain on every load before any cached time is used: height 1 is
 * fetched fresh, and a different time than the cached one (a devnet reset, a network id now pointing at another
 * chain) drops the cache. A pruning node refuses height 1; its chain cannot be reset, so the cache is then used as is.
 */
import { PrunedHeightError, type HeaderSource } from "@/lib/spend/block-clock";
import { restHeaderSource } from "@/lib/spend/header-source";
import type { NetworkId } from "@/lib/networks/networks";
import { networkKey } from "@/shared/network/storage";

/** Heights kept per network: a 90-day range and the period before it, several times over. */
export const MAX_CACHED_HEADERS = 4000;
const SAVE_DELAY_MS = 1000;

interface StoredHeaders {
  v: 1;
  genesisMs: number | null;
  /** [height, time ms], least recently used first. */
  headers: Array<[number, number]>;
}

interface HeaderCache {
  genesisMs: number | null;
  /** height → time ms, in use order (a hit moves to the end). */
  times: Map<number, number>;
  saveTimer: ReturnType<typeof setTimeout> | null;
}

const caches = new Map<NetworkId, HeaderCache>();
const storageKey = (networkId: NetworkId) => networkKey(networkId, "spend-headers");

function parseStored(raw: string | null): StoredHeaders | null {
  try {
    const value = raw ? (JSON.parse(raw) as Partial<StoredHeaders>) : null;
    if (value?.v !== 1 || !Array.isArray(value.headers)) return null;
    const headers = value.headers.filter((e): e is [number, number] => Array.isArray(e) && Number.isSafeInteger(e[0]) && e[0] > 0 && Number.isFinite(e[1]));
    return { v: 1, genesisMs: typeof value.genesisMs === "number" ? value.genesisMs : null, headers };
  } catch {
    return null;
  }
}

function cacheOf(networkId: NetworkId): HeaderCache {
  let cache = caches.get(networkId);
  if (!cache) {
    let stored: StoredHeaders | null = null;
    try {
      stored = parseStored(localStorage.getItem(storageKey(networkId)));
    } catch {
      // Storage disabled: this session's memory only.
    }
    cache = { genesisMs: stored?.genesisMs ?? null, times: new Map(stored?.headers.slice(-MAX_CACHED_HEADERS)), saveTimer: null };
    caches.set(networkId, cache);
  }
  return cache;
}

function scheduleSave(networkId: NetworkId, cache: HeaderCache): void {
  if (cache.saveTimer) return;
  cache.saveTimer = setTimeout(() => {
    cache.saveTimer = null;
    while (cache.times.size > MAX_CACHED_HEADERS) cache.times.delete(cache.times.keys().next().value!);
    const stored: StoredHeaders = { v: 1, genesisMs: cache.genesisMs, headers: [...cache.times] };
    try {
      localStorage.setItem(storageKey(networkId), JSON.stringify(stored));
    } catch {
      // Storage full or disabled: the cache lasts for this session.
    }
  }, SAVE_DELAY_MS);
}

/** A header source for one load (its `signal`), over the network's shared cache. */
export function spendHeaderSource(networkId: NetworkId, restUrl: string, signal?: AbortSignal): HeaderSource {
  return cachedSpendHeaders(networkId, restHeaderSource(restUrl, signal));
}

/** `fetchHeader` behind the network's cache (checked against height 1 once per source). */
export function cachedSpendHeaders(networkId: NetworkId, fetchHeader: HeaderSource): HeaderSource {
  const cache = cacheOf(networkId);
  let checked: Promise<void> | null = null;
  const check = (): Promise<void> =>
    (checked ??= fetchHeader(1).then(
      (genesis) => {
        if (cache.genesisMs !== genesis.timeMs) {
          cache.times.clear();
          cache.genesisMs = genesis.timeMs;
        }
        cache.times.set(1, genesis.timeMs);
        scheduleSave(networkId, cache);
      },
      (error: unknown) => {
        if (!(error instanceof PrunedHeightError)) throw error;
      },
    ));
  return async (height) => {
    await check();
    const hit = cache.times.get(height);
    if (hit !== undefined) {
      cache.times.delete(height);
      cache.times.set(height, hit);
      return { height, timeMs: hit };
    }
    const header = await fetchHeader(height);
    cache.times.set(height, header.timeMs);
    scheduleSave(networkId, cache);
    return header;
  };
}
