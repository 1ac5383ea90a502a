// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { bidKey, type Bid } from "@/lib/chain/market";
import { chainKeys } from "@/shared/chain-data";
import { BidGroup } from "./bid-group";
import { renderWithCache, testQueryClient } from "./test-render";

vi.mock("@/shared/network/network-context", async (importOriginal) => {
  const { BUILTIN_NETWORKS } = await import("@/lib/networks/networks");
  return { ...(await importOriginal<typeof import("@/shared/network/network-context")>()), useNetwork: () => ({ network: BUILTIN_NETWORKS.devnet }) };
});

afterEach(() => vi.unstubAllGlobals());

const id = { owner: "akash1owner", dseq: "7", gseq: 1, oseq: 1, provider: "akash1p", bseq: 0 };
const bid = (amount: number, provider = "akash1p"): Bid => ({ ...id, provider, key: bidKey({ ...id, provider }), state: "open", price: { denom: "uact", amount } });
const row = (amount: number, provider?: string) => ({ bid: bid(amount, provider), audited: false, auditedBy: [] });
const estimate = { typicalPerBlock: 10, lowPerBlock: 5, highPerBlock: 20, maxPerBlock: 100, usesGpu: false, evidence: "Thin market data: only 1 provider price list and no recent comparable bid." };

async function render(secondsPerBlock?: number) {
  // The node is unreachable in tests: without a seeded measurement the hook falls back to the nominal block time.
  vi.stubGlobal("fetch", () => Promise.reject(new TypeError("offline")));
  const queryClient = testQueryClient();
  if (secondsPerBlock) queryClient.setQueryData(chainKeys.blockTiming("devnet"), { secondsPerBlock, fromHeight: 1, toHeight: 201, sampledAt: Date.now() });
  return renderWithCache(<BidGroup title="dcloud" rows={[row(12), row(30, "akash1q"), row(2, "akash1r")]} selected={undefined} onSelect={() => {}} estimate={estimate} online={new Map()} disabled={false} />, queryClient);
}

describe("BidGroup", () => {
  it("prices bids per month and hour at the measured block time and places each against the estimated range", async () => {
    const view = await render(2);
    const rows = [...view.container.querySelectorAll("[data-bid-key]")];
    const texts = (id: string) => rows.map((r) => r.querySelector(`[data-testid="${id}"]`)?.textContent);
    // 12 uact per 2 s block: 43,200 blocks a day × 30.437 days = 15.78 ACT a month, 0.0216 ACT an hour.
    expect(texts("bid-price-month")[0]).toBe("15.78 ACT ($15.78)/mo");
    expect(texts("bid-price-hour")[0]).toBe("0.0216 ACT ($0.02)/h");
    expect(texts("bid-versus-estimate")).toEqual(["within the estimated range", "50 % above the estimated range", "60 % below the estimated range"]);
    const range = view.container.querySelector('[data-testid="bid-estimate-range"]')!.textContent;
    expect(range).toContain("Estimated range 6.57 ACT ($6.57) – 26.30 ACT ($26.30)/mo.");
    expect(range).toContain("Thin market data");
    await view.unmount();
  });

  it("says the block time is estimated until it is measured", async () => {
    const view = await render();
    await view.waitFor(() => expect(view.container.querySelector('[data-testid="bid-estimate-range"]')!.textContent).toContain("(estimated block time)"));
    // The devnet's nominal 1 s blocks: 12 uact × 2,629,757 blocks a month.
    expect(view.container.querySelector('[data-testid="bid-price-month"]')!.textContent).toBe("31.56 ACT ($31.56)/mo");
    await view.unmount();
  });
});
