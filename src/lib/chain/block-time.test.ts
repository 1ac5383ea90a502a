import { afterEach, describe, expect, it, vi } from "vitest";
import { measureBlockTime } from "./block-time";

afterEach(() => vi.unstubAllGlobals());

const header = (height: number, time: string) => ({ block: { header: { chain_id: "c", height: String(height), time } } });

/** A REST node whose block `h` was made at `timeOf(h)`; heights in `missing` are pruned (HTTP 400 like the gateway). */
function node(latest: number, timeOf: (h: number) => string, missing: (h: number) => boolean = () => false) {
  const urls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    urls.push(url);
    const tail = url.split("/blocks/")[1]!;
    const h = tail === "latest" ? latest : Number(tail);
    if (missing(h)) return new Response(JSON.stringify({ code: 3, message: `height ${h} is not available` }), { status: 400 });
    return new Response(JSON.stringify(header(h, timeOf(h))));
  });
  return urls;
}

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();

describe("measureBlockTime", () => {
  it("averages over the window between the latest header and one 200 blocks earlier", async () => {
    const urls = node(1000, (h) => at(h * 6.1));
    const m = await measureBlockTime("http://rest/", { now: () => 42 });
    expect(m.secondsPerBlock).toBeCloseTo(6.1, 9);
    expect(m).toMatchObject({ fromHeight: 800, toHeight: 1000, sampledAt: 42 });
    expect(urls).toEqual(["http://rest/cosmos/base/tendermint/v1beta1/blocks/latest", "http://rest/cosmos/base/tendermint/v1beta1/blocks/800"]);
  });

  it("uses what a young chain has, and a nearer header when the node pruned the older one", async () => {
    node(11, (h) => at(h));
    expect(await measureBlockTime("http://rest", { window: 500 })).toMatchObject({ secondsPerBlock: 1, fromHeight: 1, toHeight: 11 });
    node(5000, (h) => at(h * 2), (h) => h < 4900);
    expect(await measureBlockTime("http://rest")).toMatchObject({ secondsPerBlock: 2, fromHeight: 4980 });
  });

  it("refuses times that give no block time, and a chain with one block", async () => {
    node(300, () => at(0));
    await expect(measureBlockTime("http://rest")).rejects.toThrow(/do not give a block time/);
    node(300, (h) => (h === 300 ? "garbage" : at(h)));
    await expect(measureBlockTime("http://rest")).rejects.toThrow(/do not give a block time/);
    node(1, () => at(0));
    await expect(measureBlockTime("http://rest")).rejects.toThrow(/too few blocks/);
  });

  it("passes the node's error on when no earlier header can be read", async () => {
    node(300, (h) => at(h), (h) => h < 300);
    await expect(measureBlockTime("http://rest")).rejects.toThrow(/not available/);
  });
});
