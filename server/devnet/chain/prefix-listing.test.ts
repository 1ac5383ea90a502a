import { describe, expect, it } from "vitest";
import Long from "long";
import { MemoryStore } from "./memory-store.ts";
import { listUnderPrefix } from "./prefix-listing.ts";

const page = (o: { key?: string; limit?: number; countTotal?: boolean }) => ({
  key: new TextEncoder().encode(o.key ?? ""),
  offset: Long.UZERO,
  limit: Long.fromNumber(o.limit ?? 0, true),
  countTotal: o.countTotal ?? false,
  reverse: false,
});

function store() {
  const s = new MemoryStore();
  s.set("x/allow/bob/ann", { owner: "ann", n: 1 });
  s.set("x/allow/bob/cat", { owner: "cat", n: 2 });
  s.set("x/allow/dan/ann", { owner: "ann", n: 3 });
  s.set("x/allow/dan/eve", { owner: "eve", n: 4 });
  s.set("x/allowed", { owner: "ann", n: 99 });
  s.set("x/queue/1", { owner: "ann", n: 5 });
  return s;
}

type Rec = { owner: string; n: number };

describe("listUnderPrefix", () => {
  it("lists only the records under the prefix, in key order, as messages, with the total", () => {
    const all = listUnderPrefix(store(), "x/allow/", undefined, (r: Rec) => r.n);
    expect(all.items).toEqual([1, 2, 3, 4]);
    expect(all.pagination.total.toNumber()).toBe(4);
    expect(listUnderPrefix(store(), "x/allow/bob/", undefined, (r: Rec) => r.n).items).toEqual([1, 2]);
  });

  it("filters by a field outside the key, and pages the filtered records by their store keys", () => {
    const byAnn = (r: Rec) => r.owner === "ann";
    const first = listUnderPrefix(store(), "x/allow/", page({ limit: 1, countTotal: true }), (r: Rec) => r.n, byAnn);
    expect(first.items).toEqual([1]);
    expect(first.pagination.total.toNumber()).toBe(2);
    expect(new TextDecoder().decode(first.pagination.nextKey)).toBe("x/allow/dan/ann");
    const second = listUnderPrefix(store(), "x/allow/", page({ key: "x/allow/dan/ann", limit: 1 }), (r: Rec) => r.n, byAnn);
    expect(second.items).toEqual([3]);
    expect(second.pagination.nextKey).toHaveLength(0);
  });
});
