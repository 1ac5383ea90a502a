import { describe, expect, it } from "vitest";
import { parseRestBids } from "../chain/market";
import type { AuditedProvider } from "../chain/provider";
import { cheapestPerGroup, filterRows, groupRows, mergeBids, parseBidEvents, sortRows, toRows } from "./bids";
import { likelyNoBidReasons } from "./no-bid-reasons";
import { summarizeSdl } from "../sdl/resources";

const owner = "akash1owner";
const provider = (owner: string, over: Partial<AuditedProvider> = {}): AuditedProvider => ({ owner, hostUri: `https://${owner}.example:8443`, name: owner, email: "", website: "", attributes: [], auditors: [], gpuModels: [], ...over });

const restBids = {
  bids: [
    { bid: { id: { owner, dseq: "7", gseq: 1, oseq: 1, provider: "p1", bseq: 0 }, state: "open", price: { denom: "uact", amount: "3.5" }, created_at: "10", resources_offer: [{ resources: { cpu: { units: { val: "500" } }, memory: { quantity: { val: "536870912" } } }, count: 1 }] } },
    { bid: { id: { owner, dseq: "7", gseq: 1, oseq: 1, provider: "p2", bseq: 0 }, state: "open", price: { denom: "uact", amount: "1.25" }, created_at: "11", resources_offer: [] } },
    { bid: { id: { owner, dseq: "7", gseq: 2, oseq: 1, provider: "p1", bseq: 0 }, state: "open", price: { denom: "uact", amount: "9" }, created_at: "11" } },
  ],
};

describe("bids", () => {
  it("parses REST bids with price and offered resources", () => {
    const bids = parseRestBids(restBids);
    expect(bids).toHaveLength(3);
    expect(bids[0]).toMatchObject({ provider: "p1", gseq: 1, price: { denom: "uact", amount: 3.5 }, height: 10 });
    expect(bids[0]!.resources?.[0]).toMatchObject({ cpuMillis: 500, memoryBytes: 536870912, count: 1 });
  });

  it("parses EventBidCreated typed events (JSON attribute values) for this deployment only", () => {
    const event = {
      height: 42,
      result: {
        events: [
          { type: "akash.market.v1.EventBidCreated", attributes: [{ key: "id", value: JSON.stringify({ owner, dseq: "7", gseq: 1, oseq: 1, provider: "p3", bseq: 0 }) }, { key: "price", value: JSON.stringify({ denom: "uact", amount: "2.000000000000000000" }) }] },
          { type: "akash.market.v1.EventBidCreated", attributes: [{ key: "id", value: JSON.stringify({ owner, dseq: "8", gseq: 1, oseq: 1, provider: "p3", bseq: 0 }) }] },
          { type: "message", attributes: [{ key: "action", value: "x" }] },
        ],
      },
    };
    const bids = parseBidEvents(event, { owner, dseq: "7" });
    expect(bids).toEqual([expect.objectContaining({ provider: "p3", dseq: "7", height: 42, price: { denom: "uact", amount: 2 } })]);
  });

  it("merges events and REST without duplicates; REST adds resources and state", () => {
    const fromEvent = parseBidEvents({ height: 10, result: { events: [{ type: "akash.market.v1.EventBidCreated", attributes: [{ key: "id", value: JSON.stringify({ owner, dseq: "7", gseq: 1, oseq: 1, provider: "p1", bseq: 0 }) }, { key: "price", value: '{"denom":"uact","amount":"3.5"}' }] }] } }, { owner, dseq: "7" });
    const merged = mergeBids(fromEvent, parseRestBids(restBids));
    expect(merged).toHaveLength(3);
    expect(merged.find((b) => b.provider === "p1" && b.gseq === 1)?.resources).toHaveLength(1);
    expect(mergeBids(merged, fromEvent)).toBe(merged);
  });

  it("sorts, filters and picks the cheapest audited bid per group", () => {
    const providers = new Map([
      ["p1", provider("p1", { auditors: ["auditor"], region: "us-west" })],
      ["p2", provider("p2", { region: "eu-north", gpuModels: ["nvidia a100"] })],
    ]);
    const trusted = { auditor: "Trusted auditor" };
    const rows = toRows(parseRestBids(restBids), providers, new Map([["p1", true]]), trusted);
    expect(sortRows(rows, "price").map((r) => r.bid.price.amount)).toEqual([1.25, 3.5, 9]);
    expect(filterRows(rows, { auditedOnly: true }).every((r) => r.bid.provider === "p1")).toBe(true);
    expect(filterRows(rows, { region: "eu-north" })).toHaveLength(1);
    expect(filterRows(rows, { gpuModel: "nvidia a100" })).toHaveLength(1);
    expect(groupRows(rows).map((g) => g.group)).toEqual(["1/1", "2/1"]);
    const picks = cheapestPerGroup(rows, [{ gseq: 1, oseq: 1 }, { gseq: 2, oseq: 1 }], { auditedOnly: true });
    expect(picks.get("1/1")?.bid.provider).toBe("p1");
    expect(cheapestPerGroup(rows, [{ gseq: 1, oseq: 1 }], { auditedOnly: false }).get("1/1")?.bid.provider).toBe("p2");
    // A provider known to be offline is never picked.
    const offline = toRows(parseRestBids(restBids), providers, new Map([["p1", false]]), trusted);
    expect(cheapestPerGroup(offline, [{ gseq: 1, oseq: 1 }], { auditedOnly: true }).get("1/1")).toBeUndefined();
    // Audited by someone this network does not trust (e.g. the provider itself): not audited, never auto-picked.
    const untrusted = toRows(parseRestBids(restBids), providers, new Map([["p1", true]]), {});
    expect(untrusted.some((r) => r.audited)).toBe(false);
    expect(cheapestPerGroup(untrusted, [{ gseq: 1, oseq: 1 }], { auditedOnly: true }).get("1/1")).toBeUndefined();
  });
});

describe("likely no-bid reasons", () => {
  const sdl = {
    version: "2.0",
    services: { web: { image: "x", expose: [{ port: 80, to: [{ global: true }] }] } },
    profiles: {
      compute: { web: { resources: { cpu: { units: 1 }, memory: { size: "1Gi" }, storage: { size: "1Gi" }, gpu: { units: 1, attributes: { vendor: { nvidia: [{ model: "h100" }] } } } } } },
      placement: { dc: { attributes: { region: "mars" }, pricing: { web: { denom: "uact", amount: 1 } } } },
    },
    deployment: { web: { dc: { profile: "web", count: 1 } } },
  };
  it("names the GPU model, attributes, auditors and a price below the market", () => {
    const reasons = likelyNoBidReasons({
      summary: summarizeSdl(sdl),
      groups: [{ name: "dc", attributes: [{ key: "region", value: "mars" }], signedBy: { allOf: [], anyOf: ["akash1auditor"] } }],
      providers: [provider("p1", { gpuModels: ["nvidia a100"], attributes: [{ key: "region", value: "us-west" }] })],
      estimatedMinPerBlock: { dc: 50 },
    });
    expect(reasons.join("\n")).toMatch(/GPU nvidia h100/);
    expect(reasons.join("\n")).toMatch(/region=mars/);
    expect(reasons.join("\n")).toMatch(/signedBy/);
    expect(reasons.join("\n")).toMatch(/below what the cheapest provider asks/);
  });
  it("finds nothing to blame when a provider fits", () => {
    const reasons = likelyNoBidReasons({
      summary: summarizeSdl(sdl),
      groups: [{ name: "dc", attributes: [{ key: "region", value: "mars" }], signedBy: { allOf: [], anyOf: [] } }],
      providers: [provider("p1", { gpuModels: ["nvidia h100"], attributes: [{ key: "region", value: "mars" }] })],
      estimatedMinPerBlock: { dc: 0.5 },
    });
    expect(reasons).toEqual([]);
  });
});
