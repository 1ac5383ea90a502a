import { describe, expect, it } from "vitest";
import { describeBlockTiming } from "./time";

describe("describeBlockTiming", () => {
  it("keeps three significant digits, so the shown block time is within 0.5 % of the one every figure uses", () => {
    for (const s of [0.465, 1.0108, 6.098, 12.34]) {
      const shown = Number(describeBlockTiming({ secondsPerBlock: s, measured: true }).match(/^([\d.]+) s blocks/)![1]);
      expect(Math.abs(shown / s - 1)).toBeLessThan(0.005);
    }
  });

  it("says where the figure comes from", () => {
    expect(describeBlockTiming({ secondsPerBlock: 6, measured: false })).toBe("6 s blocks (estimated: the block time is not measured yet)");
    expect(describeBlockTiming({ secondsPerBlock: 1.0108, measured: true, fromHeight: 800, toHeight: 1000 })).toBe("1.01 s blocks, measured over blocks 800–1,000");
  });
});
