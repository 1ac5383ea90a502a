import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchMarketSnapshot } from "./market-data";

afterEach(() => vi.unstubAllGlobals());

describe("fetchMarketSnapshot", () => {
  it("degrades to nothing known when the network is down, listing what failed", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("fetch failed")));
    const snap = await fetchMarketSnapshot("http://rest.invalid", "http://proxy.invalid");
    expect(snap.market).toEqual({ providers: [], bids: [] });
    expect(snap.aktPriceUsd).toBeUndefined();
    expect(snap.problems.length).toBe(5);
  });

  it("reads providers' /status prices through the proxy and tolerates garbage", async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith("/akash/provider/v1beta4/providers?pagination.limit=100")) {
        return new Response(JSON.stringify({ providers: [{ owner: "akash1p", host_uri: "https://p.example:8443", attributes: [] }, { owner: 5 }] }));
      }
      if (url === "http://proxy.example/" && init?.method === "POST") {
        const body = JSON.parse(String(init.body));
        // Through the proxy client: the network it names, no redirects followed.
        expect(body).toMatchObject({ method: "GET", url: "https://p.example:8443/status", providerAddress: "akash1p", network: "mainnet" });
        expect(init.redirect).toBe("error");
        return new Response(JSON.stringify({ devnet: { pricing: { cpu: "0.004", memory: "0.0016", storage: { ephemeral: "0.0001" }, endpoint: "1", ip: "60", gpu: {} } } }));
      }
      if (url.includes("/bids/list")) return new Response("not json");
      return new Response("{}", { status: 500 });
    });
    vi.stubGlobal("fetch", fetchMock);
    const snap = await fetchMarketSnapshot("http://rest.example/", "http://proxy.example", "mainnet");
    expect(snap.market.providers).toHaveLength(1);
    expect(snap.market.providers[0]).toMatchObject({ provider: "akash1p", cpu: 0.004 });
    expect(snap.problems.join(" ")).toMatch(/recent bids/);
  });
});
