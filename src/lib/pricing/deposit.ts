import { blocksToSeconds, secondsToBlocks } from "./time";

export interface DepositRunway {
  blocks: number;
  seconds: number;
  days: number;
}

/** How long a deposit (micro-units) lasts at a price per block (same denom). */
export function depositRunway(depositMicro: number, pricePerBlockMicro: number): DepositRunway | undefined {
  if (!(pricePerBlockMicro > 0) || !(depositMicro >= 0)) return undefined;
  const blocks = Math.floor(depositMicro / pricePerBlockMicro);
  const seconds = blocksToSeconds(blocks);
  return { blocks, seconds, days: seconds / 86_400 };
}

/** The deposit (micro-units) needed to run for `seconds` at a price per block, never below the chain minimum. */
export function depositFor(seconds: number, pricePerBlockMicro: number, minimumDepositMicro = 0): number {
  const needed = Math.ceil(secondsToBlocks(seconds) * Math.max(0, pricePerBlockMicro));
  return Math.max(needed, minimumDepositMicro);
}

/** Time left on an escrow balance that drains at `ratePerBlockMicro`, minus what is already owed. */
export function escrowTimeLeft(balanceMicro: number, ratePerBlockMicro: number, unsettledMicro = 0): DepositRunway | undefined {
  return depositRunway(Math.max(0, balanceMicro - unsettledMicro), ratePerBlockMicro);
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
