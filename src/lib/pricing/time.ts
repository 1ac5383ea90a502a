/** The official console's constants for turning per-block prices into time (apps/deploy-web priceUtils/dateUtils). */
export const AVERAGE_BLOCK_TIME_SECONDS = 6.098;
export const AVERAGE_DAYS_IN_MONTH = 30.437;

export const BLOCKS_PER_HOUR = 3600 / AVERAGE_BLOCK_TIME_SECONDS;
export const BLOCKS_PER_DAY = BLOCKS_PER_HOUR * 24;
export const BLOCKS_PER_MONTH = BLOCKS_PER_DAY * AVERAGE_DAYS_IN_MONTH;

export function perBlockToHourly(amountPerBlock: number): number {
  return amountPerBlock * BLOCKS_PER_HOUR;
}

export function perBlockToMonthly(amountPerBlock: number): number {
  return amountPerBlock * BLOCKS_PER_MONTH;
}

export function monthlyToPerBlock(amountPerMonth: number): number {
  return amountPerMonth / BLOCKS_PER_MONTH;
}

export function blocksToSeconds(blocks: number): number {
  return blocks * AVERAGE_BLOCK_TIME_SECONDS;
}

export function secondsToBlocks(seconds: number): number {
  return seconds / AVERAGE_BLOCK_TIME_SECONDS;
}
