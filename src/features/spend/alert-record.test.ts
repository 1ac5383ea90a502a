import { describe, expect, it } from "vitest";
import { alertRulesSchema, evaluateRules, stepAlerts, type AlertInputs } from "@/lib/spend/alerts";
import { atomsFromMicro } from "@/lib/spend/money";
import { acknowledge, emptyRecord, HISTORY_LIMIT, parseRecord, recordEvaluation } from "./alert-record";

const inputs = (secondsLeft: number): AlertInputs => ({
  nowMs: 0,
  today: "2026-03-15",
  runways: [{ owner: "akash1me", dseq: "9", denom: "uact", escrowLeft: atomsFromMicro(10), ratePerBlock: 1n, blocksLeft: 1, secondsLeft, dryAtMs: null }],
  wallets: [],
  burn: { perBlock: {}, perHour: {}, perDay: {}, perMonth: {} },
  month: { monthStart: "2026-03-01", monthToDate: {}, forecast: {} },
  leases: [],
  closedAfterHeight: 0,
});

describe("alert record", () => {
  const rules = alertRulesSchema.parse({ escrowHoursBelow: 2 });
  it("history gains what fired (unacknowledged) and what resolved, and dedup keeps a holding condition quiet", () => {
    let record = emptyRecord();
    const evaluate = (secondsLeft: number, at: number) => {
      const step = stepAlerts(record.state, evaluateRules(rules, inputs(secondsLeft)), at);
      record = recordEvaluation(record, step, 100);
    };
    evaluate(3600, 1);
    evaluate(1800, 2);
    evaluate(9000, 3);
    evaluate(600, 4);
    expect(record.history.map((h) => [h.type, h.key, h.acknowledged])).toEqual([
      ["fired", "escrow-low:akash1me/9", false],
      ["resolved", "escrow-low:akash1me/9", true],
      ["fired", "escrow-low:akash1me/9", false],
    ]);
    expect(record.watchedFromHeight).toBe(100);
    const first = record.history[0]!.id;
    expect(acknowledge(record, first).history.map((h) => h.acknowledged)).toEqual([true, true, false]);
    expect(acknowledge(record).history.every((h) => h.acknowledged)).toBe(true);
  });

  it("a stored record is validated: bad rules fall back to defaults, bad history items are dropped, history is bounded", () => {
    const parsed = parseRecord({ rules: { escrowHoursBelow: -1 }, watchedFromHeight: "x", state: null, history: [{ id: 1 }, ...Array.from({ length: HISTORY_LIMIT + 5 }, (_, i) => ({ id: `${i}`, type: "fired", key: "k", kind: "escrow-low", severity: "warning", title: "t", message: "m", atMs: i, acknowledged: false }))] });
    expect(parsed.rules).toEqual(emptyRecord().rules);
    expect(parsed.watchedFromHeight).toBeNull();
    expect(parsed.state).toEqual({ entries: {} });
    expect(parsed.history).toHaveLength(HISTORY_LIMIT);
    expect(parsed.history[0]!.id).toBe("5");
    expect(parseRecord("garbage")).toEqual(emptyRecord());
  });
});
