import type { KVStore } from "./types.ts";

type IterOpts = { reverse?: boolean; start?: string };

/** First index in sorted `arr` whose element is >= key. */
function lowerBound(arr: readonly string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Smallest string greater than every string starting with `prefix` (for reverse prefix scans). */
function prefixEnd(prefix: string): string {
  return prefix + "\uffff";
}

/**
 * Walks a sorted key array over [prefix, prefixEnd), honouring `start` (forward: keys >= start;
 * reverse: keys <= start), yielding keys accepted by `live`.
 */
function* scanSorted(keys: readonly string[], prefix: string, opts: IterOpts, live: (k: string) => boolean): Generator<string> {
  if (!opts.reverse) {
    const from = opts.start !== undefined && opts.start > prefix ? opts.start : prefix;
    for (let i = lowerBound(keys, from); i < keys.length; i++) {
      const k = keys[i]!;
      if (!k.startsWith(prefix)) break;
      if (live(k)) yield k;
    }
  } else {
    let i = lowerBound(keys, prefixEnd(prefix)) - 1;
    if (opts.start !== undefined) i = Math.min(i, lowerBound(keys, opts.start + "\u0000") - 1);
    for (; i >= 0; i--) {
      const k = keys[i]!;
      if (!k.startsWith(prefix)) break;
      if (live(k)) yield k;
    }
  }
}

/**
 * A sorted key index that takes inserts in batches: new keys collect in an unsorted buffer and are
 * merged (sort the buffer, linear merge) the next time someone iterates. Deleted keys stay in the
 * array as tombstones (skipped by the liveness check) until they are a quarter of it.
 */
class SortedIndex {
  private keys: string[] = [];
  private pending: string[] = [];
  private inArray = new Set<string>();
  private tombstones = 0;

  added(key: string): void {
    if (this.inArray.has(key)) this.tombstones--;
    else this.pending.push(key);
  }

  removed(key: string): void {
    if (this.inArray.has(key)) this.tombstones++;
    else {
      // Not merged yet: drop it from the buffer lazily (merge filters by liveness).
    }
  }

  /** Open iterators over `keys`; while any is open the array is replaced, never edited in place. */
  activeIterators = 0;

  sorted(live: (k: string) => boolean): readonly string[] {
    if (this.pending.length > 0) {
      const add = [...new Set(this.pending.filter((k) => live(k) && !this.inArray.has(k)))].sort();
      this.pending = [];
      if (add.length > 0 && add.length * 32 < this.keys.length && this.activeIterators === 0) {
        // A few new keys into a big index: in-place inserts (memmove) beat a full merge copy.
        for (const k of add) this.keys.splice(lowerBound(this.keys, k), 0, k);
        for (const k of add) this.inArray.add(k);
      } else if (add.length > 0) {
        const merged: string[] = new Array(this.keys.length + add.length);
        let i = 0;
        let j = 0;
        let n = 0;
        while (i < this.keys.length && j < add.length) merged[n++] = this.keys[i]! < add[j]! ? this.keys[i++]! : add[j++]!;
        while (i < this.keys.length) merged[n++] = this.keys[i++]!;
        while (j < add.length) merged[n++] = add[j++]!;
        this.keys = merged;
        for (const k of add) this.inArray.add(k);
      }
    }
    if (this.tombstones > 64 && this.tombstones * 4 > this.keys.length) {
      this.keys = this.keys.filter(live);
      this.inArray = new Set(this.keys);
      this.tombstones = 0;
    }
    return this.keys;
  }
}

/**
 * Values are plain JSON data (they are persisted with JSON.stringify); primitives need no copy. A walk over arrays
 * and plain objects is several times faster than structuredClone, which EndBlock pays for every open lease.
 */
function copy<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(copy) as T;
  if (Object.getPrototypeOf(v) !== Object.prototype) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k]);
  return out as T;
}

export const DELETED: unique symbol = Symbol("deleted");
export type Change = unknown | typeof DELETED;

/**
 * The committed state: a Map plus a sorted key index for prefix iteration. It records every
 * change since the last `takeChanges()` (one block) for the app hash and the persistence log.
 */
export class RootStore implements KVStore {
  private readonly map = new Map<string, unknown>();
  private readonly index = new SortedIndex();
  private changes = new Map<string, Change>();
  private readonly live = (k: string) => this.map.has(k);

  get<T = unknown>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  set(key: string, value: unknown): void {
    if (value === undefined) throw new Error(`store: undefined value for ${key}`);
    if (!this.map.has(key)) this.index.added(key);
    this.map.set(key, value);
    this.changes.set(key, value);
  }
  delete(key: string): void {
    if (this.map.delete(key)) {
      this.index.removed(key);
      this.changes.set(key, DELETED);
    }
  }
  *iterate<T = unknown>(prefix: string, opts: IterOpts = {}): Iterable<[string, T]> {
    const keys = this.index.sorted(this.live);
    this.index.activeIterators++;
    try {
      for (const k of scanSorted(keys, prefix, opts, this.live)) yield [k, this.map.get(k) as T];
    } finally {
      this.index.activeIterators--;
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** All entries (for snapshots), unordered. */
  entries(): IterableIterator<[string, unknown]> {
    return this.map.entries();
  }

  /** Loads entries without recording changes (restore from a snapshot). */
  load(entries: Iterable<[string, unknown]>): void {
    for (const [k, v] of entries) {
      if (!this.map.has(k)) this.index.added(k);
      this.map.set(k, v);
    }
  }

  /** Applies a persisted change set without recording it (log replay). */
  replay(set: [string, unknown][], del: string[]): void {
    for (const [k, v] of set) {
      if (!this.map.has(k)) this.index.added(k);
      this.map.set(k, v);
    }
    for (const k of del) if (this.map.delete(k)) this.index.removed(k);
  }

  /** Changes since the last call, and resets the record. */
  takeChanges(): Map<string, Change> {
    const c = this.changes;
    this.changes = new Map();
    return c;
  }
}

/**
 * A cache-wrapped branch over any KVStore (the SDK's CacheKVStore): reads fall through, writes are
 * buffered; `commit()` writes them into the parent, dropping the branch discards them.
 */
export class BranchStore implements KVStore {
  private writes = new Map<string, Change>();
  private sortedWrites: string[] | null = null;

  constructor(private readonly parent: KVStore) {}

  get<T = unknown>(key: string): T | undefined {
    const w = this.writes.get(key);
    if (w !== undefined) return w === DELETED ? undefined : (w as T);
    // A copy, so a handler that edits what it read cannot change the parent behind the branch's back.
    return copy(this.parent.get<T>(key));
  }
  has(key: string): boolean {
    const w = this.writes.get(key);
    if (w !== undefined) return w !== DELETED;
    return this.parent.has(key);
  }
  set(key: string, value: unknown): void {
    if (value === undefined) throw new Error(`store: undefined value for ${key}`);
    if (!this.writes.has(key)) this.sortedWrites = null;
    this.writes.set(key, value);
  }
  delete(key: string): void {
    if (!this.writes.has(key)) this.sortedWrites = null;
    this.writes.set(key, DELETED);
  }

  *iterate<T = unknown>(prefix: string, opts: IterOpts = {}): Iterable<[string, T]> {
    if (this.writes.size === 0) {
      for (const [k, v] of this.parent.iterate<T>(prefix, opts)) yield [k, copy(v)];
      return;
    }
    this.sortedWrites ??= [...this.writes.keys()].sort();
    const reverse = opts.reverse === true;
    const own = scanSorted(this.sortedWrites, prefix, opts, () => true);
    const base = this.parent.iterate<T>(prefix, opts)[Symbol.iterator]();
    let a = own.next();
    let b = base.next();
    const before = (x: string, y: string) => (reverse ? x > y : x < y);
    try {
      while (!a.done || !b.done) {
        if (!a.done && (b.done || before(a.value, b.value[0]) || a.value === b.value[0])) {
          const key = a.value;
          if (!b.done && b.value[0] === key) b = base.next();
          const w = this.writes.get(key);
          a = own.next();
          if (w !== DELETED) yield [key, w as T];
        } else if (!b.done) {
          yield [b.value[0], copy(b.value[1])];
          b = base.next();
        }
      }
    } finally {
      // Close the parent's iterator when the consumer stops early.
      base.return?.();
    }
  }

  /** Number of buffered writes (sets and deletes). */
  get pendingWrites(): number {
    return this.writes.size;
  }

  commit(): void {
    for (const [k, v] of this.writes) {
      if (v === DELETED) this.parent.delete(k);
      else this.parent.set(k, v);
    }
    this.writes = new Map();
    this.sortedWrites = null;
  }

  discard(): void {
    this.writes = new Map();
    this.sortedWrites = null;
  }
}
