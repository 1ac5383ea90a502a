import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Bid } from "@/lib/chain/market";
import type { BidFeedOptions } from "@/lib/deployment/bid-feed";
import { bidKeys } from "@/shared/chain-data";

// The node's WebSocket is the integration tests' business; here the feed is a fake that records its life.
const started: FakeFeed[] = [];
class FakeFeed {
  running = false;
  constructor(readonly options: BidFeedOptions) {}
  start() {
    this.running = true;
    started.push(this);
  }
  stop() {
    this.running = false;
  }
}
vi.mock("@/lib/deployment/bid-feed", () => ({ BidFeed: FakeFeed }));

const { holdBidFeed, runningBidFeeds, UNHELD_FEED_MS, warmBidFeed } = await import("./bid-feeds");

const network = { id: "devnet", rpcUrl: "http://rpc", restUrl: "http://rest", blockTimeMs: 1000 };
const bid = (provider: string): Bid => ({ key: `1/1/${provider}/0`, owner: "akash1o", dseq: "7", gseq: 1, oseq: 1, provider, bseq: 0, state: "open", price: { denom: "uact", amount: 10 }, createdAt: 5 }) as unknown as Bid;

describe("shared bid feeds", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    started.length = 0;
  });
  afterEach(() => {
    vi.runAllTimers();
    vi.useRealTimers();
  });

  it("a feed started as the deployment is sent is the one the auction page holds, and it fills the cache", () => {
    const queryClient = new QueryClient();
    warmBidFeed(queryClient, network, "akash1o", "7");
    expect(started).toHaveLength(1);
    // The bids of the block after the deployment's arrive before the page is there.
    started[0]!.options.onBids([], "event", [bid("p1"), bid("p2")]);
    expect(queryClient.getQueryData<Bid[]>(bidKeys.list("devnet", "akash1o", "7"))?.map((b) => b.provider)).toEqual(["p1", "p2"]);

    const states: string[] = [];
    started[0]!.options.onStatus?.("live");
    const release = holdBidFeed(queryClient, network, "akash1o", "7", (s) => states.push(s.status));
    // Adopted, not started again, and already live.
    expect(started).toHaveLength(1);
    expect(states).toEqual(["live"]);
    // Held past the unheld grace period: still running.
    vi.advanceTimersByTime(UNHELD_FEED_MS + 1);
    expect(started[0]!.running).toBe(true);
    release();
    vi.advanceTimersByTime(5_001);
    expect(started[0]!.running).toBe(false);
    expect(runningBidFeeds()).toBe(0);
  });

  it("a feed nobody comes for stops after the grace period, or at once when nothing was created", () => {
    const queryClient = new QueryClient();
    warmBidFeed(queryClient, network, "akash1o", "8");
    vi.advanceTimersByTime(UNHELD_FEED_MS - 1);
    expect(started[0]!.running).toBe(true);
    vi.advanceTimersByTime(2);
    expect(started[0]!.running).toBe(false);

    const notCreated = warmBidFeed(queryClient, network, "akash1o", "9");
    notCreated();
    vi.advanceTimersByTime(0);
    expect(started[1]!.running).toBe(false);
    expect(runningBidFeeds()).toBe(0);
  });

  it("a page left and opened again within seconds finds its feed still live", () => {
    const queryClient = new QueryClient();
    const leave = holdBidFeed(queryClient, network, "akash1o", "10", () => undefined);
    leave();
    vi.advanceTimersByTime(2_000);
    holdBidFeed(queryClient, network, "akash1o", "10", () => undefined);
    expect(started).toHaveLength(1);
    expect(started[0]!.running).toBe(true);
  });
});
