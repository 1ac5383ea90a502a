/**
 * The built-in templates against the devnet's simulated providers: for each one, at least one
 * provider publishes prices for everything it uses and has the GPU model, storage class and IP
 * leases it needs — so the cost estimate has a market range and the template can get bids.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack } from "../../server/stack.ts";
import { fetchMarketSnapshot, type MarketSnapshot } from "../../src/lib/pricing/market-data.ts";
import { estimateCost } from "../../src/lib/pricing/estimate.ts";
import { checkSdl } from "../../src/lib/sdl/validate.ts";

const BUILTIN = join(import.meta.dirname, "../../src/features/templates/builtin");

describe("built-in templates on the devnet market", () => {
  let stop: () => Promise<void>;
  let dataDir: string;
  let snapshot: MarketSnapshot;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sdl-market-"));
    const stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0, proxy: 0 }, blockMs: 300 });
    stop = () => stack.stop();
    // Providers register on chain shortly after start.
    for (let i = 0; i < 40; i++) {
      snapshot = await fetchMarketSnapshot(stack.restUrl, stack.proxyUrl ?? "");
      if (snapshot.market.providers.length >= 5) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 60_000);

  afterAll(async () => {
    await stop?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("reads provider prices and capabilities, the AKT price and the minimum deposit", () => {
    expect(snapshot.market.providers.length).toBeGreaterThanOrEqual(5);
    expect(snapshot.market.providers.some((p) => (p.capabilities?.gpuModels.length ?? 0) > 0)).toBe(true);
    expect(snapshot.minDeposits.uact).toBeGreaterThan(0);
  });

  it("every built-in template can be hosted and priced by at least one provider", async () => {
    const ids = (await readdir(BUILTIN, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    for (const id of ids) {
      const result = checkSdl(await readFile(join(BUILTIN, id, "deploy.yaml"), "utf8"), { requireUact: true });
      expect(result.valid, id).toBe(true);
      const cost = estimateCost(result.summary!, 1, snapshot.market);
      expect(cost.market.providersUsed, `${id}: ${cost.market.notes.join(" ")}`).toBeGreaterThan(0);
      // The SDL's max price must leave room for the likely bid, or no provider would bid.
      expect(cost.totalMarket!.typical.perBlock, id).toBeLessThan(cost.totalMax.perBlock);
    }
  });
});
