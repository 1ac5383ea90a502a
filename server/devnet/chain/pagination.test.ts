import { describe, expect, it } from "vitest";
import Long from "long";
import { paginate } from "./pagination.ts";

const items = ["a", "b", "c", "d", "e"];
const req = (o: { key?: string; offset?: number; limit?: number; countTotal?: boolean }) => ({
  key: new TextEncoder().encode(o.key ?? ""),
  offset: Long.fromNumber(o.offset ?? 0, true),
  limit: Long.fromNumber(o.limit ?? 0, true),
  countTotal: o.countTotal ?? false,
  reverse: false,
});

describe("paginate", () => {
  it("counts the total when no limit is given, like query.Paginate", () => {
    const p = paginate(items, (x) => x, undefined);
    expect(p.items).toEqual(items);
    expect(p.pagination.total.toNumber()).toBe(5);
    expect(p.pagination.nextKey.length).toBe(0);
  });

  it("pages by limit with next_key, and by offset", () => {
    const first = paginate(items, (x) => x, req({ limit: 2 }));
    expect(first.items).toEqual(["a", "b"]);
    expect(new TextDecoder().decode(first.pagination.nextKey)).toBe("c");
    expect(first.pagination.total.toNumber()).toBe(0);
    const second = paginate(items, (x) => x, req({ limit: 2, key: "c" }));
    expect(second.items).toEqual(["c", "d"]);
    const byOffset = paginate(items, (x) => x, req({ limit: 2, offset: 3, countTotal: true }));
    expect(byOffset.items).toEqual(["d", "e"]);
    expect(byOffset.pagination.total.toNumber()).toBe(5);
  });
});
