import { expect, it } from "vitest";
import { formatMoney } from "./money";

it("shows ACT with its USD value, AKT with USD when priced, and other denoms as they are", () => {
  expect(formatMoney(58_460_000, "uact")).toBe("58.46 ACT ($58.46)");
  expect(formatMoney(109_781_234.5, "uact")).toBe("109.78 ACT ($109.78)");
  expect(formatMoney(2_000_000, "uakt", 3)).toBe("2.00 AKT ($6.00)");
  expect(formatMoney(2_000_000, "uakt")).toBe("2.00 AKT");
  expect(formatMoney(1_500_000, "ibc/ABC")).toBe("1.50 USDC");
  expect(formatMoney(12, "ufoo")).toBe("12.00 ufoo");
});
