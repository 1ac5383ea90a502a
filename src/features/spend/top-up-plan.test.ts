import { describe, expect, it } from "vitest";
import { atomsFromMicro } from "@/lib/spend/money";
import type { DeploymentRunway } from "@/lib/spend/overview";
import { topUpPlan } from "./top-up-plan";

const runway = (owner: string, dseq: string, escrowMicro: bigint, ratePerBlock: bigint): DeploymentRunway => ({ owner, dseq, denom: "uact", escrowLeft: atomsFromMicro(escrowMicro), ratePerBlock, blocksLeft: null, secondsLeft: null, dryAtMs: null });

describe("top up all to N days", () => {
  it("adds what reaches N days at the burn rate, rounded up to a micro-unit, only for the signer's deployments", () => {
    // 1.5 uact per block (in atoms), 6 s blocks: 1 day = 14 400 blocks = 21 600 uact.
    const rate = atomsFromMicro(3) / 2n;
    const plan = topUpPlan([runway("me", "1", 1_000n, rate), runway("me", "2", 30_000n, rate), runway("mate", "3", 0n, rate), runway("me", "4", 500n, 0n)], "me", 1, 6);
    expect(plan.lines.map((l) => [l.dseq, l.amount])).toEqual([
      ["1", 20_600n],
      ["2", 0n],
    ]);
    expect(plan.total).toEqual({ uact: 20_600n });
    expect(plan.lines[0]!.secondsAfter).toBe(86_400);
    expect(plan.notOwned.map((r) => r.dseq)).toEqual(["3"]);
  });

  it("rounds a fractional need up so the runway is never short", () => {
    // 1 atom per block short of a micro-unit multiple.
    const rate = atomsFromMicro(1) + 1n;
    const plan = topUpPlan([runway("me", "1", 0n, rate)], "me", 1, 6);
    // 14 400 blocks × (1 uact + 1 atom) = 14 400 uact + 14 400 atoms → 14 401 uact.
    expect(plan.lines[0]!.amount).toBe(14_401n);
    expect(plan.lines[0]!.secondsAfter).toBeGreaterThanOrEqual(86_400);
  });

  it("without a signer nothing is planned and every running deployment is someone else's", () => {
    const plan = topUpPlan([runway("mate", "3", 0n, 5n)], undefined, 7, 6);
    expect(plan.lines).toEqual([]);
    expect(plan.notOwned).toHaveLength(1);
  });
});
