import { expect, it } from "vitest";
import { estimateHeightTime, formatDateTime } from "./dates";

it("formats a date and time in words", () => {
  expect(formatDateTime(Date.UTC(2026, 11, 3, 5, 52), "UTC")).toBe("Dec 3, 2026, 5:52 AM");
});

it("estimates when a future block will be made, and a past one when its header is missing", () => {
  const now = Date.UTC(2026, 11, 3, 12, 0);
  expect(estimateHeightTime(1100, 1000, 6, now)).toEqual({ at: now + 600_000, estimated: true });
  expect(estimateHeightTime(900, 1000, 6, now)).toEqual({ at: now - 600_000, estimated: true });
});
