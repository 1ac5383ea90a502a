import type { KVStore } from "./types.ts";

/**
 * A simple in-memory KVStore, ordered by key. Good enough for unit tests of modules;
 * the chain's committed store and its per-tx branches build on the same interface.
 */
export class MemoryStore implements KVStore {
  private readonly map = new Map<string, unknown>();
  private sorted: string[] | null = null;

  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  set(key: string, value: unknown): void {
    if (!this.map.has(key)) this.sorted = null;
    this.map.set(key, value);
  }
  delete(key: string): void {
    if (this.map.delete(key)) this.sorted = null;
  }
  *iterate<T>(prefix: string, opts: { reverse?: boolean; start?: string } = {}): Iterable<[string, T]> {
    this.sorted ??= [...this.map.keys()].sort();
    const keys = this.sorted.filter((k) => k.startsWith(prefix) && (opts.start === undefined || (opts.reverse ? k <= opts.start : k >= opts.start)));
    if (opts.reverse) keys.reverse();
    for (const k of keys) {
      if (this.map.has(k)) yield [k, this.map.get(k) as T];
    }
  }
}
