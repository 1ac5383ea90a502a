import { describe, expect, it } from "vitest";
import { countOf, listOf, pluralWord } from "./words";

describe("countOf", () => {
  it("uses the singular for one and the plural otherwise", () => {
    expect(countOf(1, "lease")).toBe("1 lease");
    expect(countOf(0, "lease")).toBe("0 leases");
    expect(countOf(2, "provider")).toBe("2 providers");
    expect(countOf(1204, "provider")).toBe("1,204 providers");
  });
  it("takes irregular plurals", () => {
    const forms = { one: "price list", other: "price lists" };
    expect(countOf(1, forms)).toBe("1 price list");
    expect(countOf(3, forms)).toBe("3 price lists");
    expect(pluralWord(1, { one: "replica is", other: "replicas are" })).toBe("replica is");
    expect(pluralWord(2, { one: "replica is", other: "replicas are" })).toBe("replicas are");
  });
});

it("listOf joins with commas and 'and'", () => {
  expect(listOf(["web"])).toBe("web");
  expect(listOf(["web", "db"])).toBe("web and db");
  expect(listOf(["a", "b", "c"])).toBe("a, b, and c");
});
