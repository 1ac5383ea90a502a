/**
 * A deployment's bids in the query cache (`bidKeys.list`). While the auction is live the page holds the
 * deployment's shared BidFeed (bid-feeds.ts: node WebSocket, REST when it drops), which merges each batch it receives
 * into that entry; creating the deployment may have started it already. A REST read is the first load and runs
 * again whenever the entry is invalidated (after a transaction). Merging, not replacing, keeps whichever copy is newer.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { listBids, type Bid } from "@/lib/chain/market";
import { mergeBids } from "@/lib/deployment/bids";
import { bidKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { holdBidFeed, type FeedState } from "./bid-feeds";

export type { FeedState } from "./bid-feeds";

const NO_BIDS: Bid[] = [];

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
    const feedNetwork = { id: network.id, rpcUrl: network.rpcUrl, restUrl: network.restUrl, blockTimeMs: network.blockTimeMs };
    return holdBidFeed(queryClient, feedNetwork, owner, dseq, (state) => setFeed({ ...state, id: feedId }));
  }, [feedId, network.id, network.rpcUrl, network.restUrl, network.blockTimeMs, owner, dseq, queryClient]);

  const state: FeedState = feed.id === feedId ? feed : { status: "connecting", height: null };
  return { bids: bids.data ?? NO_BIDS, feed: state, query: bids };
}
