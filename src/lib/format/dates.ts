/** Dates and times for people, and when a block was (or will be) made. */
import { lazyFormatter } from "./intl";

const dateTime = lazyFormatter(() => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }));

/** 1764741120000 → "Dec 3, 2025, 5:52 AM" (the viewer's time zone). */
export function formatDateTime(ms: number, timeZone?: string): string {
  return timeZone ? new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(ms) : dateTime().format(ms);
}

export interface HeightTime {
  /** When the block was made (ms since epoch). */
  at: number;
  /** True when it is worked out from the block time rather than read from the block's header. */
  estimated: boolean;
}

/**
 * When a block height is (or was) made, from the latest height and the network's seconds per block: a future
 * height is an estimate by nature; a past one only when its header cannot be read (pruned, node down).
 */
export function estimateHeightTime(height: number, latestHeight: number, secondsPerBlock: number, latestTime: number): HeightTime {
  return { at: latestTime + (height - latestHeight) * secondsPerBlock * 1000, estimated: true };
}
