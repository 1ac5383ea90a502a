import { describe, expect, it } from "vitest";
import { BranchStore, RootStore } from "./stores.ts";
import { BasicGasMeter, GasKVStore, KV_GAS } from "./gas.ts";
import { ChainError } from "./errors.ts";

function keys(it: Iterable<[string, unknown]>): string[] {
  return [...it].map(([k]) => k);
}

describe("RootStore", () => {
  it("iterates a prefix in order, reverse, and from a start key", () => {
    const s = new RootStore();
    for (const k of ["b/3", "a/1", "b/1", "b/2", "c/1", "b/10"]) s.set(k, k);
    expect(keys(s.iterate("b/"))).toEqual(["b/1", "b/10", "b/2", "b/3"]);
    expect(keys(s.iterate("b/", { reverse: true }))).toEqual(["b/3", "b/2", "b/10", "b/1"]);
    expect(keys(s.iterate("b/", { start: "b/2" }))).toEqual(["b/2", "b/3"]);
    expect(keys(s.iterate("b/", { start: "b/2", reverse: true }))).toEqual(["b/2", "b/10", "b/1"]);
    s.delete("b/10");
    s.set("b/0", 0);
    expect(keys(s.iterate("b/"))).toEqual(["b/0", "b/1", "b/2", "b/3"]);
    s.set("b/10", 1); // re-added after delete
    expect(keys(s.iterate("b/"))).toEqual(["b/0", "b/1", "b/10", "b/2", "b/3"]);
  });

  it("stays correct through many inserts and deletes (tombstone compaction)", () => {
    const s = new RootStore();
    const model = new Set<string>();
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i++) {
      const k = `k/${Math.floor(rnd() * 800).toString().padStart(4, "0")}`;
      if (rnd() < 0.4) {
        s.delete(k);
        model.delete(k);
      } else {
        s.set(k, i);
        model.add(k);
      }
      if (i % 250 === 0) expect(keys(s.iterate("k/"))).toEqual([...model].sort());
    }
    expect(keys(s.iterate("k/"))).toEqual([...model].sort());
    expect(s.size).toBe(model.size);
  });

  it("an open iterator is not disturbed by inserts and nested iterations", () => {
    const s = new RootStore();
    for (let i = 0; i < 200; i += 2) s.set(`k/${String(i).padStart(3, "0")}`, i);
    const seen: string[] = [];
    for (const [k] of s.iterate("k/")) {
      seen.push(k);
      if (seen.length > 1000) break; // a disturbed iterator would run on over the new keys
      s.set(`${k}x`, 1); // new key right after the current one
      expect([...s.iterate("k/")].length).toBeGreaterThan(0); // forces the index to take the new key
    }
    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(100);
  });

  it("records the changes of a block", () => {
    const s = new RootStore();
    s.set("a", 1);
    s.set("b", 2);
    s.takeChanges();
    s.set("a", 3);
    s.delete("b");
    const c = s.takeChanges();
    expect([...c.keys()].sort()).toEqual(["a", "b"]);
    expect(c.get("a")).toBe(3);
  });
});

describe("BranchStore", () => {
  it("reads through, buffers writes, and merges iteration with the parent", () => {
    const root = new RootStore();
    for (const k of ["p/1", "p/3", "p/5"]) root.set(k, `root${k}`);
    const b = new BranchStore(root);
    b.set("p/2", "new");
    b.set("p/3", "changed");
    b.delete("p/5");
    expect(b.get("p/1")).toBe("rootp/1");
    expect(b.has("p/5")).toBe(false);
    expect([...b.iterate("p/")]).toEqual([["p/1", "rootp/1"], ["p/2", "new"], ["p/3", "changed"]]);
    expect(keys(b.iterate("p/", { reverse: true }))).toEqual(["p/3", "p/2", "p/1"]);
    expect(keys(b.iterate("p/", { start: "p/2" }))).toEqual(["p/2", "p/3"]);
    expect(root.get("p/3")).toBe("rootp/3");
    b.commit();
    expect(keys(root.iterate("p/"))).toEqual(["p/1", "p/2", "p/3"]);
    expect(root.get("p/3")).toBe("changed");
  });

  it("discards, nests, and never lets a reader mutate the parent's objects", () => {
    const root = new RootStore();
    root.set("o", { n: 1, list: [1] });
    const outer = new BranchStore(root);
    const inner = new BranchStore(outer);
    const v = inner.get<{ n: number; list: number[] }>("o")!;
    v.n = 99;
    v.list.push(2);
    expect(root.get("o")).toEqual({ n: 1, list: [1] });
    inner.set("x", 1);
    inner.commit();
    expect(outer.get("x")).toBe(1);
    expect(root.has("x")).toBe(false);
    outer.discard();
    expect(outer.has("x")).toBe(false);
  });
});

describe("GasKVStore", () => {
  it("charges the SDK's KV gas costs", () => {
    const meter = new BasicGasMeter(Infinity);
    const s = new GasKVStore(new RootStore(), meter);
    s.set("key", "vv"); // value length counts the JSON quotes: "vv" = 4 bytes
    expect(meter.consumed).toBe(KV_GAS.writeCostFlat + KV_GAS.writeCostPerByte * (3 + 4));
    const before = meter.consumed;
    s.get("key");
    expect(meter.consumed - before).toBe(KV_GAS.readCostFlat + KV_GAS.readCostPerByte * (3 + 4));
    const b2 = meter.consumed;
    s.has("key");
    s.delete("key");
    expect(meter.consumed - b2).toBe(KV_GAS.hasCost + KV_GAS.deleteCost);
  });

  it("throws sdk 11 out of gas past the limit", () => {
    const meter = new BasicGasMeter(2100);
    const s = new GasKVStore(new RootStore(), meter);
    let err: unknown;
    try {
      s.set("key", "value");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChainError);
    expect((err as ChainError).code).toBe(11);
    expect((err as ChainError).message).toMatch(/^out of gas in location: WritePerByte; gasWanted: 2100, gasUsed: \d+: out of gas$/);
  });
});
