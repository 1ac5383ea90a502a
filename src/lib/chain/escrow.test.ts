import { describe, expect, it } from "vitest";
import type { Deployment } from "./deployment";
import type { Lease } from "./market";
import { summarizeEscrow } from "./escrow";
import { formatDuration, runwayLevel } from "../pricing/runway";

const deployment = (funds: string, settledAt: number, state = "active"): Deployment => ({
  owner: "o",
  dseq: "1",
  state,
  hashB64: "",
  createdAt: 10,
  groups: [],
  escrow: {
    state: "open",
    funds: [{ denom: "uact", amount: funds }],
    transferred: [{ denom: "uact", amount: "100.0" }],
    settledAt,
    deposits: [{ owner: "o", height: 10, source: "balance", balance: { denom: "uact", amount: "5000000.0" } }],
  },
});
const lease = (price: string, state = "active"): Lease => ({
  owner: "o",
  dseq: "1",
  gseq: 1,
  oseq: 1,
  provider: "p",
  bseq: 0,
  state,
  price: { denom: "uact", amount: price },
  createdAt: 10,
  closedOn: 0,
  reason: "",
  payment: null,
});

describe("summarizeEscrow", () => {
  it("subtracts what active leases accrued since the last settlement", () => {
    const s = summarizeEscrow(deployment("1000.0", 100), [lease("2.5"), lease("7.5", "closed")], 140, 6);
    expect(s.ratePerBlock).toBe(2.5);
    expect(s.accrued).toBe(100);
    expect(s.balance).toBe(900);
    expect(s.spent).toBe(200);
    expect(s.blocksLeft).toBe(360);
    expect(s.secondsLeft).toBe(2160);
    // At another block time only the seconds change: balance ÷ burn rate per second.
    expect(summarizeEscrow(deployment("1000.0", 100), [lease("2.5")], 140, 1).secondsLeft).toBe(900 / 2.5);
    expect(s.deposited).toBe(5_000_000);
  });

  it("never goes below zero and has no runway without an active lease or once closed", () => {
    expect(summarizeEscrow(deployment("10.0", 0), [lease("5")], 1000, 1).balance).toBe(0);
    expect(summarizeEscrow(deployment("10.0", 0), [], 1000, 1).secondsLeft).toBeNull();
    expect(summarizeEscrow(deployment("10.0", 0, "closed"), [lease("5")], 1000, 1).blocksLeft).toBeNull();
  });
});

describe("runway", () => {
  it("grades and formats", () => {
    expect(runwayLevel(null)).toBe("none");
    expect(runwayLevel(0)).toBe("empty");
    expect(runwayLevel(600)).toBe("critical");
    expect(runwayLevel(7200)).toBe("low");
    expect(runwayLevel(90_000)).toBe("ok");
    expect(formatDuration(90_061)).toBe("1 d 1 h");
    expect(formatDuration(3_720)).toBe("1 h 2 min");
    expect(formatDuration(42)).toBe("42 s");
  });
});

describe("otherDepositors", () => {
  it("names the treasuries whose grants funded an escrow, once each, not the owner", async () => {
    const { otherDepositors } = await import("./escrow");
    const deposit = (owner: string, source: string) => ({ owner, height: 1, source, balance: { denom: "uact", amount: "1" } });
    expect(otherDepositors({ deposits: [deposit("akash1me", "balance"), deposit("akash1t", "grant"), deposit("akash1t", "grant")] }, "akash1me")).toEqual(["akash1t"]);
    expect(otherDepositors({ deposits: [deposit("akash1me", "balance")] }, "akash1me")).toEqual([]);
    expect(otherDepositors(null, "akash1me")).toEqual([]);
  });
});
