import { describe, expect, it } from "vitest";
import type { AuditedProvider } from "@/lib/chain/provider";
import { prepareManifest } from "@/lib/deployment/manifest";
import { testSdl } from "@/lib/sdl/test-sdl";
import { groupEstimates, noBidReasons, sdlInsight } from "./bid-insight";

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
});
