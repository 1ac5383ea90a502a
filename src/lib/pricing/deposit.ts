import { blocksToSeconds, perBlockToDaily, perBlockToHourly, perBlockToMonthly, secondsToBlocks } from "./time";

export interface DepositRunway {
  blocks: number;
  seconds: number;
  days: number;
}

/** How long a deposit (micro-units) lasts at a price per block (same denom). */
export function depositRunway(depositMicro: number, pricePerBlockMicro: number, secondsPerBlock: number): DepositRunway | undefined {
  if (!(pricePerBlockMicro > 0) || !(depositMicro >= 0)) return undefined;
  const blocks = Math.floor(depositMicro / pricePerBlockMicro);
  const seconds = blocksToSeconds(blocks, secondsPerBlock);
  return { blocks, seconds, days: seconds / 86_400 };
}

/** The deposit (micro-units) needed to run for `seconds` at a price per block, never below the chain minimum. */
export function depositFor(seconds: number, pricePerBlockMicro: number, secondsPerBlock: number, minimumDepositMicro = 0): number {
  const needed = Math.ceil(secondsToBlocks(seconds, secondsPerBlock) * Math.max(0, pricePerBlockMicro));
  return Math.max(needed, minimumDepositMicro);
}

/** Time left on an escrow balance that drains at `ratePerBlockMicro`, minus what is already owed. */
export function escrowTimeLeft(balanceMicro: number, ratePerBlockMicro: number, secondsPerBlock: number, unsettledMicro = 0): DepositRunway | undefined {
  return depositRunway(Math.max(0, balanceMicro - unsettledMicro), ratePerBlockMicro, secondsPerBlock);
}

/**
 * A balance, what drains it and how long it lasts, from one block time: every screen that shows a burn rate next
 * to a time left reads both from here, so balance ÷ burn rate = time left on each of them.
 */
export interface BurnFigures {
  /** Micro-units per hour, per day and per month (30.437 days). */
  perHour: number;
  perDay: number;
  perMonth: number;
  /** Seconds until `balance` is gone; null when nothing is being spent. */
  secondsLeft: number | null;
}

export function burnFigures(balanceMicro: number, ratePerBlockMicro: number, secondsPerBlock: number): BurnFigures {
  const rate = Math.max(0, ratePerBlockMicro);
  return {
    perHour: perBlockToHourly(rate, secondsPerBlock),
    perDay: perBlockToDaily(rate, secondsPerBlock),
    perMonth: perBlockToMonthly(rate, secondsPerBlock),
    secondsLeft: rate > 0 ? depositRunway(Math.max(0, balanceMicro), rate, secondsPerBlock)!.seconds : null,
  };
}

/** Parse `/akash/deployment/v1beta4/params` → `{params:{min_deposits:[{denom,amount}]}}` into a denom → amount map. */
export function parseMinDeposits(json: unknown): Record<string, number> {
  const list = (json as { params?: { min_deposits?: { denom?: unknown; amount?: unknown }[] } })?.params?.min_deposits;
  const out: Record<string, number> = {};
  if (!Array.isArray(list)) return out;
  for (const c of list) {
    const amount = Number(c?.amount);
    if (typeof c?.denom === "string" && Number.isFinite(amount)) out[c.denom] = amount;
  }
  return out;
}
