/** Block headers for the block clock from a node's REST gateway (the one block reader, lib/chain/blocks). */
import { getBlock } from "../chain/blocks";
import { ChainRequestError } from "../chain/http";
import { PrunedHeightError, type HeaderPoint, type HeaderSource } from "./block-clock";

/** CometBFT's refusal of a pruned height: "height 5 is not available, lowest height is 1234". */
const LOWEST = /lowest height is (\d+)/i;

export function restHeaderSource(restUrl: string, signal?: AbortSignal): HeaderSource {
  return async (height: number): Promise<HeaderPoint> => {
    try {
      return headerPoint(await getBlock(restUrl, height, signal));
    } catch (error) {
      if (error instanceof ChainRequestError && error.kind === "http") {
        const lowest = LOWEST.exec(error.message);
        if (lowest) throw new PrunedHeightError(height, Number(lowest[1]));
        if (/not available|pruned/i.test(error.message)) throw new PrunedHeightError(height, null);
      }
      throw error;
    }
  };
}

export function headerPoint(header: { height: number; time: string }): HeaderPoint {
  const timeMs = Date.parse(header.time);
  if (!Number.isFinite(timeMs)) throw new ChainRequestError("invalid-response", "", `Block ${header.height} has no valid time`);
  return { height: header.height, timeMs };
}

/** Headers never change: a source that fetches each height once (for a watcher that reloads every few blocks). */
export function cachedHeaderSource(source: HeaderSource, maxEntries = 10_000): HeaderSource {
  const cache = new Map<number, HeaderPoint>();
  return async (height) => {
    const hit = cache.get(height);
    if (hit) return hit;
    const header = await source(height);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(height, header);
    return header;
  };
}
