/** The bid window: providers bid for a while after the order opens; counted from the deployment's block. */
import { useEffect, useState } from "react";
import { useBlockTime } from "@/shared/chain-data";

/** Providers bid for 5 minutes after an order opens (the provider's default bid timeout). */
export const BID_WINDOW_MS = 5 * 60_000;

/**
 * `createdHeight`: the deployment's block (its time is the window's start); `savedAt`: when this browser saved
 * the record, used until the block's time is known.
 */
export function useBidWindow(createdHeight: number | undefined, savedAt: number | undefined) {
  const blockTime = useBlockTime(createdHeight);
  const now = useNow(1000);
  const start = blockTime.data ?? savedAt;
  return {
    /** Ms left; undefined while the start is unknown. */
    remaining: start === undefined ? undefined : Math.max(0, start + BID_WINDOW_MS - now),
    elapsed: start === undefined ? 0 : now - start,
  };
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
