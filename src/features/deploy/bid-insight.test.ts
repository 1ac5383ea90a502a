import { describe, expect, it } from "vitest";
import type { AuditedProvider } from "@/lib/chain/provider";
import { prepareManifest } from "@/lib/deployment/manifest";
import { testSdl } from "@/lib/sdl/test-sdl";
import { compareBid, groupEstimates, noBidReasons, sdlInsight } from "./bid-insight";
import { parsePriceScale } from "@/lib/pricing/market";

const provider: AuditedProvider = { owner: "p1", hostUri: "https://p1:8443", name: "p1", attributes: [{ key: "region", value: "us-west" }], email: "", website: "", gpuModels: [], auditors: [] };

async function insight(sdl: string) {
  const prepared = await prepareManifest(sdl);
  if (!prepared.ok) throw new Error(prepared.error);
  return sdlInsight(prepared.value);
}

describe("bid insight", () => {
  it("estimates each order group from the SDL: its max price, no market figure without a market", async () => {
    const estimates = groupEstimates(await insight(testSdl({ amount: 100, count: 2 })), undefined);
    expect(estimates.get("dcloud")).toEqual({ typicalPerBlock: undefined, maxPerBlock: 200, usesGpu: false });
  });

  it("names placement attributes no provider has as a likely reason for no bids", async () => {
    const reasons = noBidReasons(await insight(testSdl({ attributes: { region: "mars" } })), [provider], { providers: [], bids: [] });
    expect(reasons.join("\n")).toMatch(/region=mars/);
    expect(noBidReasons(await insight(testSdl({ attributes: { region: "us-west" } })), [provider], undefined)).toEqual([]);
  });

  it("gives each group the estimate's range, widened for thin data, and places each bid against it", async () => {
    const scale = parsePriceScale("p1", { bidpricecpuscale: "0.004", bidpricememoryscale: "0.0016", bidpricestoragescale: "0.00016", bidpriceendpointscale: "1" })!;
    const g = groupEstimates(await insight(testSdl({ amount: 10_000 })), { providers: [scale], bids: [] }).get("dcloud")!;
    expect(g.lowPerBlock! * 2).toBeCloseTo(g.typicalPerBlock!, 9);
    expect(g.highPerBlock!).toBeCloseTo(g.typicalPerBlock! * 2, 9);
    expect(g.evidence).toMatch(/^Thin market data: only 1 provider price list/);
    // A bid 76 % above the lone price list is inside the widened range, not "76 % above".
    expect(compareBid(g.typicalPerBlock! * 1.76, g)).toEqual({ text: "within the estimated range", tone: "ok" });
    expect(compareBid(g.highPerBlock! * 1.5, g)).toEqual({ text: "50 % above the estimated range", tone: "warn" });
    expect(compareBid(g.lowPerBlock! / 2, g)).toEqual({ text: "50 % below the estimated range", tone: "ok" });
    expect(compareBid(5, { lowPerBlock: undefined, highPerBlock: undefined })).toEqual({ text: "no estimate", tone: "muted" });
  });
});
