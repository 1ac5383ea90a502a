/**
 * Turning per-block prices and balances into time. Every function takes the network's seconds per block: the
 * average measured over recent headers (`measureBlockTime`, served by `useBlockTiming`), so a per-month price and a
 * "time left" on one screen come from the same block time and agree.
 */

/** The official console's month (apps/deploy-web dateUtils): 365.244 / 12 days. */
export const AVERAGE_DAYS_IN_MONTH = 30.437;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_MONTH = SECONDS_PER_DAY * AVERAGE_DAYS_IN_MONTH;

/** A block time the maths can use: finite and positive (anything else would turn prices into NaN or Infinity). */
function validSeconds(secondsPerBlock: number): number {
  if (!(secondsPerBlock > 0) || !Number.isFinite(secondsPerBlock)) throw new RangeError(`Invalid block time: ${secondsPerBlock} s`);
  return secondsPerBlock;
}

export function blocksPerHour(secondsPerBlock: number): number {
  return SECONDS_PER_HOUR / validSeconds(secondsPerBlock);
}

export function blocksPerDay(secondsPerBlock: number): number {
  return SECONDS_PER_DAY / validSeconds(secondsPerBlock);
}

export function blocksPerMonth(secondsPerBlock: number): number {
  return SECONDS_PER_MONTH / validSeconds(secondsPerBlock);
}

export function perBlockToHourly(amountPerBlock: number, secondsPerBlock: number): number {
  return amountPerBlock * blocksPerHour(secondsPerBlock);
}

export function perBlockToDaily(amountPerBlock: number, secondsPerBlock: number): number {
  return amountPerBlock * blocksPerDay(secondsPerBlock);
}

export function perBlockToMonthly(amountPerBlock: number, secondsPerBlock: number): number {
  return amountPerBlock * blocksPerMonth(secondsPerBlock);
}

export function monthlyToPerBlock(amountPerMonth: number, secondsPerBlock: number): number {
  return amountPerMonth / blocksPerMonth(secondsPerBlock);
}

export function blocksToSeconds(blocks: number, secondsPerBlock: number): number {
  return blocks * validSeconds(secondsPerBlock);
}

export function secondsToBlocks(seconds: number, secondsPerBlock: number): number {
  return seconds / validSeconds(secondsPerBlock);
}

/** The block time every figure on a screen uses, and whether it was measured or is the network's nominal one. */
export interface BlockTiming {
  secondsPerBlock: number;
  /** False while the network's nominal block time stands in (not measured yet, or the node would not say). */
  measured: boolean;
  /** The headers it was measured between. */
  fromHeight?: number;
  toHeight?: number;
}

/** "1 s blocks, measured over blocks 800–1,000" or "6 s blocks (estimated: the block time is not measured yet)". */
export function describeBlockTiming(timing: BlockTiming): string {
  // Three significant digits: a sub-second devnet block (0.465 s) must not read as "0.47", 1 % off every figure.
  const s = `${timing.secondsPerBlock.toLocaleString("en-US", { maximumSignificantDigits: 3 })} s blocks`;
  if (!timing.measured) return `${s} (estimated: the block time is not measured yet)`;
  return timing.fromHeight !== undefined && timing.toHeight !== undefined ? `${s}, measured over blocks ${timing.fromHeight.toLocaleString("en-US")}–${timing.toHeight.toLocaleString("en-US")}` : `${s}, measured`;
}
