import { describe, expect, it } from "vitest";
import { eventsToMap, matchesIndexed, parseQuery, QueryParseError } from "./query.ts";

const owner = "akash1q8f0l5n8l9xgk0z3n5a6h7ug4tq8x3vqzj5l3x";
const bidEvents = eventsToMap(
  [
    { type: "message", attributes: [{ key: "sender", value: "akash1provider" }, { key: "action", value: "/akash.market.v1beta5.MsgCreateBid" }] },
    {
      type: "akash.market.v1.EventBidCreated",
      attributes: [
        { key: "id", value: JSON.stringify({ owner, dseq: "12", gseq: 1, oseq: 1, provider: "akash1provider", bseq: 0 }) },
        { key: "price", value: JSON.stringify({ denom: "uact", amount: "12.500000000000000000" }) },
      ],
    },
    { type: "transfer", attributes: [{ key: "amount", value: "5000uakt" }, { key: "amount", value: "7uact" }] },
  ],
  { "tm.event": "Tx", "tx.hash": "ABCDEF", "tx.height": "42" },
);

describe("CometBFT query grammar", () => {
  it("matches reserved composite keys", () => {
    expect(parseQuery("tm.event='Tx'").matches(bidEvents)).toBe(true);
    expect(parseQuery("tm.event='NewBlock'").matches(bidEvents)).toBe(false);
    expect(parseQuery("tx.hash='ABCDEF'").matches(bidEvents)).toBe(true);
    expect(parseQuery("tx.height=42").matches(bidEvents)).toBe(true);
    expect(parseQuery("tx.height = 43").matches(bidEvents)).toBe(false);
  });

  it("compares numbers numerically", () => {
    expect(parseQuery("tx.height>41").matches(bidEvents)).toBe(true);
    expect(parseQuery("tx.height>=42 AND tx.height<=42").matches(bidEvents)).toBe(true);
    expect(parseQuery("tx.height<42").matches(bidEvents)).toBe(false);
    expect(parseQuery("tx.height > 100").matches(bidEvents)).toBe(false);
    // leading number of a value ("5000uakt") is what counts
    expect(parseQuery("transfer.amount > 6000").matches(bidEvents)).toBe(false);
    expect(parseQuery("transfer.amount > 4000").matches(bidEvents)).toBe(true);
  });

  it("supports CONTAINS on JSON-valued typed event attributes", () => {
    expect(parseQuery(`tm.event='Tx' AND akash.market.v1.EventBidCreated.id CONTAINS '${owner}'`).matches(bidEvents)).toBe(true);
    expect(parseQuery(`akash.market.v1.EventBidCreated.id CONTAINS '"owner":"${owner}"'`).matches(bidEvents)).toBe(true);
    expect(parseQuery(`akash.market.v1.EventBidCreated.id CONTAINS '"dseq":"12"'`).matches(bidEvents)).toBe(true);
    expect(parseQuery(`akash.market.v1.EventBidCreated.id CONTAINS '"dseq":"13"'`).matches(bidEvents)).toBe(false);
    expect(parseQuery(`akash.market.v1.EventBidCreated.id CONTAINS 'akash1someoneelse'`).matches(bidEvents)).toBe(false);
  });

  it("equality on strings is exact, including JSON quotes", () => {
    expect(parseQuery("message.sender='akash1provider'").matches(bidEvents)).toBe(true);
    expect(parseQuery("message.sender='akash1prov'").matches(bidEvents)).toBe(false);
    expect(parseQuery(`akash.market.v1.EventBidCreated.price='{"denom":"uact","amount":"12.500000000000000000"}'`).matches(bidEvents)).toBe(true);
  });

  it("EXISTS and missing keys", () => {
    expect(parseQuery("akash.market.v1.EventBidCreated.id EXISTS").matches(bidEvents)).toBe(true);
    expect(parseQuery("akash.market.v1.EventLeaseCreated.id EXISTS").matches(bidEvents)).toBe(false);
    expect(parseQuery("akash.market.v1.EventLeaseCreated.id CONTAINS 'x'").matches(bidEvents)).toBe(false);
  });

  it("any value of a repeated key can satisfy a condition", () => {
    expect(parseQuery("transfer.amount='7uact'").matches(bidEvents)).toBe(true);
    expect(parseQuery("transfer.amount='5000uakt' AND transfer.amount='7uact'").matches(bidEvents)).toBe(true);
  });

  it("DATE and TIME operands", () => {
    const events = { "tm.event": ["Tx"], "x.when": ["2026-03-04T10:00:00Z"] };
    expect(parseQuery("x.when > TIME 2026-03-04T09:00:00Z").matches(events)).toBe(true);
    expect(parseQuery("x.when < DATE 2026-03-04").matches(events)).toBe(false);
  });

  it("rejects malformed queries with a position", () => {
    for (const bad of ["", "tm.event", "tm.event=", "tm.event='Tx", "tm.event='Tx' OR x=1", "tm.event='Tx' AND", "= 'x'", "a.b < 'str'", "a.b CONTAINS 5", "a.b='x' ANDc.d=1"]) {
      expect(() => parseQuery(bad), bad).toThrow(QueryParseError);
    }
    expect(() => parseQuery("tm.event=")).toThrow(/position/);
  });
});

describe("kv indexer semantics for tx_search", () => {
  const events = [
    { type: "message", attributes: [{ key: "sender", value: "akash1a", index: true }, { key: "module", value: "bank", index: true }] },
    { type: "transfer", attributes: [{ key: "recipient", value: "akash1b", index: true }, { key: "amount", value: "5uakt", index: true }] },
    { type: "transfer", attributes: [{ key: "recipient", value: "akash1c", index: true }, { key: "amount", value: "7uakt", index: true }] },
    { type: "secret", attributes: [{ key: "x", value: "y", index: false }] },
  ];
  const m = (q: string, height = 10) => matchesIndexed(parseQuery(q), "tx.height", height, events);

  it("matches conditions within one event and heights", () => {
    expect(m("message.sender='akash1a' AND message.module='bank'")).toBe(true);
    expect(m("transfer.recipient='akash1c' AND transfer.amount='7uakt'")).toBe(true);
    expect(m("tx.height>=10 AND tx.height<11 AND transfer.recipient='akash1b'")).toBe(true);
    expect(m("tx.height>10 AND transfer.recipient='akash1b'")).toBe(false);
    expect(m("tx.height=10")).toBe(true);
  });

  it("never combines two events, does not index tm.event or unindexed attributes", () => {
    expect(m("transfer.recipient='akash1b' AND transfer.amount='7uakt'")).toBe(false);
    expect(m("message.sender='akash1a' AND transfer.recipient='akash1b'")).toBe(false);
    expect(m("tm.event='Tx' AND message.sender='akash1a'")).toBe(false);
    expect(m("secret.x='y'")).toBe(false);
    // pubsub (subscriptions) flattens instead
    expect(parseQuery("message.sender='akash1a' AND transfer.recipient='akash1b'").matches(eventsToMap(events, {}))).toBe(true);
  });
});
