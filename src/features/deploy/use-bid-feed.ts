import { useEffect, useState } from "react";
import type { BidView } from "@/lib/deployment/bids";
import { BidFeed, type FeedStatus } from "@/lib/deployment/bid-feed";
import type { NetworkConfig } from "@/lib/networks/networks";

/** Live bids for a deployment (WebSocket subscription, REST for the first load and as fallback). */
export function useBidFeed(network: NetworkConfig, owner: string | undefined, dseq: string, enabled: boolean) {
  const [bids, setBids] = useState<BidView[]>([]);
  const [status, setStatus] = useState<{ status: FeedStatus; detail?: string }>({ status: "connecting" });
  const [height, setHeight] = useState<number | null>(null);
  useEffect(() => {
    if (!owner || !enabled) return;
    const feed = new BidFeed({
      rpcUrl: network.rpcUrl,
      restUrl: network.restUrl,
      owner,
      dseq,
      blockTimeMs: network.blockTimeMs,
      onBids: (next) => setBids(next),
      onStatus: (next, detail) => setStatus({ status: next, detail }),
      onHeight: setHeight,
    });
    feed.start();
    return () => feed.stop();
  }, [network.rpcUrl, network.restUrl, network.blockTimeMs, owner, dseq, enabled]);
  return { bids, status, height };
}
