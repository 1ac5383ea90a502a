import { describe, expect, it } from "vitest";
import type { SpendHistory } from "@/lib/spend/history";
import { atomsFromMicro } from "@/lib/spend/money";
import { chartRows, spentDenoms } from "./chart-data";

const day = (d: string, a: number, b: number): SpendHistory["days"][number] => ({
  day: d,
  startHeight: 0,
  endHeight: 0,
  total: { uact: atomsFromMicro(a + b) },
  byDeployment: { "o/1": { uact: atomsFromMicro(a) }, "o/2": { uact: atomsFromMicro(b) } },
  byProvider: { p: { uact: atomsFromMicro(a + b) } },
  byMember: { o: { uact: atomsFromMicro(a + b) } },
  errorBound: {},
});
const history = { days: [day("2026-03-01", 1_000_000, 500_000), day("2026-03-02", 0, 2_500_000)] } as SpendHistory;

describe("chartRows", () => {
  it("one row per day, a series per deployment biggest first, daily and cumulative totals in display units", () => {
    const { rows, series } = chartRows(history, "uact", "deployment");
    expect(series).toEqual(["o/2", "o/1"]);
    expect(rows).toEqual([
      { day: "2026-03-01", values: { "o/1": 1, "o/2": 0.5 }, total: 1.5, cumulative: 1.5 },
      { day: "2026-03-02", values: { "o/1": 0, "o/2": 2.5 }, total: 2.5, cumulative: 4 },
    ]);
    expect(chartRows(history, "uact", "provider").series).toEqual(["p"]);
    expect(spentDenoms(history)).toEqual(["uact"]);
  });
});
