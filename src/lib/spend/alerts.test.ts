import { describe, expect, it } from "vitest";
import { alertRulesSchema, emptyAlertState, evaluateRules, stepAlerts, type AlertInputs } from "./alerts";
import type { SpendLease } from "./history";
import { atomsFromMicro } from "./money";
import type { DeploymentRunway } from "./overview";

const runway = (dseq: string, secondsLeft: number | null): DeploymentRunway => ({ owner: "akash1me", dseq, denom: "uact", escrowLeft: atomsFromMicro(1000), ratePerBlock: atomsFromMicro(1), blocksLeft: secondsLeft === null ? null : secondsLeft / 6, secondsLeft, dryAtMs: null });
const lease = (over: Partial<SpendLease>): SpendLease => ({ owner: "akash1me", dseq: "7", gseq: 1, oseq: 1, provider: "akash1prov", state: "active", reason: "", denom: "uact", priceAtoms: 1n, createdAt: 10, closedOn: 0, unsettledAtoms: 0n, ...over });

function inputs(over: Partial<AlertInputs> = {}): AlertInputs {
  return {
    nowMs: 1_000,
    today: "2026-03-15",
    runways: [runway("1", 10 * 3600), runway("2", 40 * 3600), runway("3", null)],
    wallets: [{ address: "akash1me", balances: [{ denom: "uakt", amount: "4000000" }] }],
    burn: { perBlock: {}, perHour: { uact: atomsFromMicro(2_000_000) }, perDay: {}, perMonth: {} },
    month: { monthStart: "2026-03-01", monthToDate: { uact: atomsFromMicro(50_000_000) }, forecast: { uact: atomsFromMicro(85_000_000) } },
    leases: [],
    closedAfterHeight: 100,
    ...over,
  };
}

describe("alert rules", () => {
  const rules = alertRulesSchema.parse({ escrowHoursBelow: 24, walletBelow: { denom: "uakt", amount: "5000000" }, spendPerHourAbove: { denom: "uact", amount: "1000000" }, monthlyBudget: { denom: "uact", amount: "100000000" } });

  it("each rule fires on its threshold, with dedup keys", () => {
    const keys = evaluateRules(rules, inputs()).map((c) => c.key);
    expect(keys).toEqual(["escrow-low:akash1me/1", "wallet-low:akash1me:uakt", "spend-rate:uact", "budget-forecast-80:uact:2026-03"]);
    const over = evaluateRules(rules, inputs({ month: { monthStart: "2026-03-01", monthToDate: { uact: atomsFromMicro(100_000_000) }, forecast: { uact: atomsFromMicro(120_000_000) } } }));
    expect(over.filter((c) => c.kind.startsWith("budget")).map((c) => c.key)).toEqual(["budget-spent-100:uact:2026-03", "budget-forecast-100:uact:2026-03"]);
  });

  it("a lease closed by the provider or for insufficient funds is news; closed by its owner or before the watch is not", () => {
    const leases = [
      lease({ dseq: "1", state: "closed", reason: "lease_closed_reason_unstable", closedOn: 150 }),
      lease({ dseq: "2", state: "insufficient_funds", reason: "lease_closed_reason_insufficient_funds", closedOn: 160 }),
      lease({ dseq: "3", state: "closed", reason: "lease_closed_owner", closedOn: 170 }),
      lease({ dseq: "4", state: "closed", reason: "lease_closed_reason_unstable", closedOn: 90 }),
    ];
    const c = evaluateRules(alertRulesSchema.parse({}), inputs({ leases }));
    expect(c.map((x) => x.subject)).toEqual(["akash1me/1", "akash1me/2"]);
    expect(c[1]!.title).toContain("escrow ran out");
  });

  it("rejects malformed rules", () => {
    expect(alertRulesSchema.safeParse({ escrowHoursBelow: -1 }).success).toBe(false);
    expect(alertRulesSchema.safeParse({ walletBelow: { denom: "uakt", amount: "1.5" } }).success).toBe(false);
    expect(alertRulesSchema.safeParse({ unknownRule: 1 }).success).toBe(false);
  });
});

describe("stepAlerts", () => {
  const rules = alertRulesSchema.parse({ escrowHoursBelow: 24 });

  it("fires once, stays quiet while it holds, resolves and re-arms when it clears, fires again when it returns", () => {
    let state = emptyAlertState();
    const low = evaluateRules(rules, inputs());
    let step = stepAlerts(state, low, 1);
    expect(step.events.map((e) => `${e.type}:${e.condition.key}`)).toEqual(["fired:escrow-low:akash1me/1"]);
    state = step.state;
    step = stepAlerts(state, evaluateRules(rules, inputs()), 2);
    expect(step.events).toEqual([]);
    state = step.state;
    step = stepAlerts(state, evaluateRules(rules, inputs({ runways: [runway("1", 48 * 3600)] })), 3);
    expect(step.events.map((e) => e.type)).toEqual(["resolved"]);
    state = step.state;
    step = stepAlerts(state, low, 4);
    expect(step.events.map((e) => e.type)).toEqual(["fired"]);
  });

  it("reminds after remindAfterMs while a condition holds; one-shot events never repeat", () => {
    const low = evaluateRules(rules, inputs());
    const first = stepAlerts(emptyAlertState(), low, 0, { remindAfterMs: 100 });
    expect(stepAlerts(first.state, low, 50, { remindAfterMs: 100 }).events).toEqual([]);
    expect(stepAlerts(first.state, low, 100, { remindAfterMs: 100 }).events.map((e) => e.type)).toEqual(["reminder"]);

    const closed = evaluateRules(alertRulesSchema.parse({}), inputs({ leases: [lease({ state: "insufficient_funds", closedOn: 200 })] }));
    const a = stepAlerts(emptyAlertState(), closed, 0, { remindAfterMs: 1 });
    expect(a.events).toHaveLength(1);
    const b = stepAlerts(a.state, closed, 10, { remindAfterMs: 1 });
    expect(b.events).toEqual([]);
    // Even if a later read misses it, it stays remembered and does not fire again.
    const c = stepAlerts(stepAlerts(b.state, [], 20).state, closed, 30);
    expect(c.events).toEqual([]);
  });
});
