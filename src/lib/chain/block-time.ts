/**
 * The network's observed block time: the average over recent headers (latest header vs the one `window` blocks
 * earlier). Per-hour prices, runways and "lasts until" dates derive from it instead of a constant, because block
 * times differ between networks (mainnet ≈ 6 s, a devnet 1 s) and drift on one network.
 */
import { getBlock, getLatestBlock } from "./blocks";
import { ChainRequestError } from "./http";

export interface MeasuredBlockTime {
  /** Average seconds per block between the two headers. */
  secondsPerBlock: number;
  fromHeight: number;
  toHeight: number;
  /** When the measurement was taken (ms since epoch). */
  sampledAt: number;
}

export interface MeasureBlockTimeOptions {
  /** Blocks between the two headers; fewer when the chain is younger. Default 200. */
  window?: number;
  signal?: AbortSignal;
  /** Clock for `sampledAt` (tests). */
  now?: () => number;
}

export const DEFAULT_BLOCK_WINDOW = 200;
// A node may prune old blocks: retry once nearer the tip before giving up.
const FALLBACK_WINDOW = 20;

export async function measureBlockTime(restUrl: string, opts: MeasureBlockTimeOptions = {}): Promise<MeasuredBlockTime> {
  const { signal, now = Date.now } = opts;
  const window = Math.max(1, Math.floor(opts.window ?? DEFAULT_BLOCK_WINDOW));
  const latest = await getLatestBlock(restUrl, signal);
  const toTime = Date.parse(latest.time);
  if (latest.height < 2) throw new ChainRequestError("invalid-response", restUrl, "The chain has too few blocks to measure its block time");
  const windows = window > FALLBACK_WINDOW ? [window, FALLBACK_WINDOW] : [window];
  let lastError: unknown;
  for (const w of windows) {
    const fromHeight = Math.max(1, latest.height - w);
    try {
      const earlier = await getBlock(restUrl, fromHeight, signal);
      const fromTime = Date.parse(earlier.time);
      const blocks = latest.height - earlier.height;
      const secondsPerBlock = (toTime - fromTime) / 1000 / blocks;
      // A hostile or broken node could send any times; only a positive, finite average is a block time.
      if (!(blocks > 0) || !Number.isFinite(secondsPerBlock) || !(secondsPerBlock > 0)) {
        throw new ChainRequestError("invalid-response", restUrl, `The node's block times do not give a block time (heights ${earlier.height}–${latest.height})`);
      }
      return { secondsPerBlock, fromHeight: earlier.height, toHeight: latest.height, sampledAt: now() };
    } catch (error) {
      if (signal?.aborted) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
