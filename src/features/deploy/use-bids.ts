/**
 * A deployment's bids in the query cache (`bidKeys.list`). While the auction is live a BidFeed (node WebSocket,
 * REST when it drops) merges each batch it receives into that entry; a REST read is the first load and runs again
 * whenever the entry is invalidated (after a transaction). Merging, not replacing, keeps whichever copy is newer.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { listBids, type Bid } from "@/lib/chain/market";
import { BidFeed, type FeedStatus } from "@/lib/deployment/bid-feed";
import { mergeBids } from "@/lib/deployment/bids";
import { bidKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";

const NO_BIDS: Bid[] = [];

export interface FeedState {
  status: FeedStatus;
  detail?: string;
  /** Latest block height the feed saw. */
  height: number | null;
}

export function useBids({ owner, dseq, live }: { owner: string | undefined; dseq: string; live: boolean }) {
  const { network } = useNetwork();
  const queryClient = useQueryClient();
  const bids = useQuery({
    queryKey: bidKeys.list(network.id, owner ?? "", dseq),
    queryFn: async ({ queryKey, signal }) => mergeBids(queryClient.getQueryData<Bid[]>(queryKey) ?? [], await listBids(network.restUrl, { owner: owner!, dseq }, signal)),
    enabled: Boolean(owner),
    // The feed keeps the entry current while the auction is live.
    staleTime: Infinity,
  });

  // Connection state of one feed (named by what it follows, so a new feed starts from "connecting").
  const feedId = live && owner ? `${network.id}/${owner}/${dseq}` : null;
  const [feed, setFeed] = useState<FeedState & { id: string | null }>({ id: null, status: "connecting", height: null });
  useEffect(() => {
    if (!feedId || !owner) return;
    const key = bidKeys.list(network.id, owner, dseq);
    let stopped = false;
    const report = (patch: Partial<FeedState>) => {
      if (!stopped) setFeed((current) => ({ ...(current.id === feedId ? current : { status: "connecting", height: null }), ...patch, id: feedId }));
    };
    const source = new BidFeed({
      rpcUrl: network.rpcUrl,
      restUrl: network.restUrl,
      owner,
      dseq,
      blockTimeMs: network.blockTimeMs,
      onBids: (_all, _source, incoming) => {
        const current = queryClient.getQueryData<Bid[]>(key);
        const merged = mergeBids(current ?? [], incoming);
        if (merged !== current) queryClient.setQueryData(key, merged);
      },
      onStatus: (status, detail) => report({ status, detail }),
      onHeight: (height) => report({ height }),
    });
    source.start();
    return () => {
      stopped = true;
      source.stop();
    };
  }, [feedId, network.id, network.rpcUrl, network.restUrl, network.blockTimeMs, owner, dseq, queryClient]);

  const state: FeedState = feed.id === feedId ? feed : { status: "connecting", height: null };
  return { bids: bids.data ?? NO_BIDS, feed: state, query: bids };
}
