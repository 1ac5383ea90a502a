/**
 * One live bid feed per (network, owner, dseq), shared by whoever needs it, writing into the query cache
 * (`bidKeys.list`). Creating a deployment starts its feed the moment the transaction is sent: providers bid in the
 * block after the deployment's, and a feed first opened by the auction page (after the confirmation, a navigation
 * and a render) was sometimes not subscribed yet, so those bids came a REST read later instead of with their block.
 * The auction page then holds the feed already live. A feed nobody holds stops after a grace period.
 */
import type { QueryClient } from "@tanstack/react-query";
import type { Bid } from "@/lib/chain/market";
import { BidFeed, type FeedStatus } from "@/lib/deployment/bid-feed";
import { mergeBids } from "@/lib/deployment/bids";
import { bidKeys } from "@/shared/chain-data";

export interface FeedState {
  status: FeedStatus;
  detail?: string;
  /** Latest block height the feed saw. */
  height: number | null;
}

export interface FeedNetwork {
  id: string;
  rpcUrl: string;
  restUrl: string;
  blockTimeMs: number;
}

interface Entry {
  feed: BidFeed;
  state: FeedState;
  holders: Set<(state: FeedState) => void>;
  stopTimer: ReturnType<typeof setTimeout> | null;
}

/** How long a feed nobody holds keeps running: long enough for a confirmation and the page that follows it. */
export const UNHELD_FEED_MS = 60_000;

const feeds = new Map<string, Entry>();
const feedKey = (network: FeedNetwork, owner: string, dseq: string) => `${network.id}|${network.rpcUrl}|${owner}|${dseq}`;

function ensure(queryClient: QueryClient, network: FeedNetwork, owner: string, dseq: string): Entry {
  const key = feedKey(network, owner, dseq);
  const existing = feeds.get(key);
  if (existing) return existing;
  const cacheKey = bidKeys.list(network.id, owner, dseq);
  const entry: Entry = { feed: null as unknown as BidFeed, state: { status: "connecting", height: null }, holders: new Set(), stopTimer: null };
  const report = (patch: Partial<FeedState>) => {
    entry.state = { ...entry.state, ...patch };
    for (const holder of entry.holders) holder(entry.state);
  };
  entry.feed = new BidFeed({
    rpcUrl: network.rpcUrl,
    restUrl: network.restUrl,
    owner,
    dseq,
    blockTimeMs: network.blockTimeMs,
    // Merged into whatever the cache holds (a REST read of the page may be newer than this batch).
    onBids: (_all, _source, incoming) => {
      const current = queryClient.getQueryData<Bid[]>(cacheKey);
      const merged = mergeBids(current ?? [], incoming);
      if (merged !== current) queryClient.setQueryData(cacheKey, merged);
    },
    onStatus: (status, detail) => report({ status, detail }),
    onHeight: (height) => report({ height }),
  });
  feeds.set(key, entry);
  entry.feed.start();
  return entry;
}

function stopLater(network: FeedNetwork, owner: string, dseq: string, entry: Entry, afterMs: number) {
  if (entry.stopTimer) clearTimeout(entry.stopTimer);
  entry.stopTimer = setTimeout(() => {
    if (entry.holders.size > 0) return;
    entry.feed.stop();
    feeds.delete(feedKey(network, owner, dseq));
  }, afterMs);
}

/**
 * Starts the feed ahead of its page (e.g. as a deployment's transaction is sent). `release()` says it is not wanted
 * after all (the transaction was not sent); otherwise it stops UNHELD_FEED_MS after nobody holds it.
 */
export function warmBidFeed(queryClient: QueryClient, network: FeedNetwork, owner: string, dseq: string): () => void {
  const entry = ensure(queryClient, network, owner, dseq);
  if (entry.holders.size === 0) stopLater(network, owner, dseq, entry, UNHELD_FEED_MS);
  return () => {
    if (entry.holders.size === 0) stopLater(network, owner, dseq, entry, 0);
  };
}

/** Holds the feed (starting it if needed) and reports its state; the returned function lets go of it. */
export function holdBidFeed(queryClient: QueryClient, network: FeedNetwork, owner: string, dseq: string, onState: (state: FeedState) => void): () => void {
  const entry = ensure(queryClient, network, owner, dseq);
  if (entry.stopTimer) clearTimeout(entry.stopTimer);
  entry.stopTimer = null;
  entry.holders.add(onState);
  onState(entry.state);
  return () => {
    entry.holders.delete(onState);
    // A page left and opened again (or a re-render with the same feed) finds it still live.
    if (entry.holders.size === 0) stopLater(network, owner, dseq, entry, 5_000);
  };
}

/** Feeds running now (tests). */
export function runningBidFeeds(): number {
  return feeds.size;
}
