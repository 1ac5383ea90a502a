import type { FeedState } from "./use-bids";

function formatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

function feedText(feed: FeedState): string {
  const how = feed.status === "live" ? "Live: bids appear as soon as their block is committed" : feed.status === "polling" ? "Live updates interrupted; checking for bids every few seconds" : "Connecting…";
  return feed.height ? `${how} · block ${feed.height}` : how;
}

/** The live auction's title, how bids arrive, and how long providers still bid. */
export function AuctionHeader({ feed, remaining }: { feed: FeedState; remaining: number | undefined }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div>
        <h2 className="text-base font-semibold">Live auction</h2>
        <p className="text-sm text-muted" role="status" aria-live="polite" data-testid="auction-status" title={feed.detail}>
          {feedText(feed)}
        </p>
      </div>
      {remaining !== undefined && (
        <p className="text-sm" data-testid="bid-countdown">
          {remaining > 0 ? (
            <>
              Bid window closes in <span className="font-mono">{formatDuration(remaining)}</span>
            </>
          ) : (
            "The bid window has ended"
          )}
        </p>
      )}
    </div>
  );
}
