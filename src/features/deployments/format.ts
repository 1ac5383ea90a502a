import { denomInfo, formatCoin } from "@/lib/format/coins";
import { formatTokenAmount } from "@/lib/format/numbers";
import { burnFigures } from "@/lib/pricing/deposit";

/**
 * A balance in micro-units (possibly fractional) → "1.4999 ACT": whole micro-units through the coin formatter, so
 * the dust a closed escrow keeps (a fraction of a micro-unit) reads "0 ACT", never "1.3e-8 ACT".
 */
export function formatMicro(amount: number, denom: string, digits = 2): string {
  const whole = Number.isFinite(amount) ? BigInt(Math.trunc(amount)) : 0n;
  return formatCoin(whole, denom, digits);
}

/** A computed amount in micro-units (a price per hour, a month's cost) → "0.00621 ACT", never e-notation. */
export function formatMicroAmount(amount: number, denom: string): string {
  const info = denomInfo(denom);
  return formatTokenAmount(amount / 10 ** info.exponent, info.symbol);
}

/** A per-block price as people read it, per hour, per month and per block, at the network's measured block time. */
export function formatRate(perBlock: number, denom: string, secondsPerBlock: number): { hour: string; month: string; block: string } {
  const f = burnFigures(0, perBlock, secondsPerBlock);
  return {
    block: `${formatMicroAmount(perBlock, denom)}/block`,
    hour: `${formatMicroAmount(f.perHour, denom)}/h`,
    month: `${formatMicroAmount(f.perMonth, denom)}/month`,
  };
}

/** Human text for a lease close reason (market.v1 LeaseClosedReason). */
export function leaseCloseReason(reason: string): { text: string; byProvider: boolean; funds: boolean } {
  switch (reason) {
    case "lease_closed_owner":
      return { text: "closed by you", byProvider: false, funds: false };
    case "lease_closed_reason_unstable":
      return { text: "closed by the provider: the workload was unstable", byProvider: true, funds: false };
    case "lease_closed_reason_decommission":
      return { text: "closed by the provider: it is decommissioning capacity", byProvider: true, funds: false };
    case "lease_closed_reason_unspecified":
      return { text: "closed by the provider (no reason given)", byProvider: true, funds: false };
    case "lease_closed_reason_manifest_timeout":
      return { text: "closed by the provider: no manifest was received in time", byProvider: true, funds: false };
    case "lease_closed_reason_insufficient_funds":
      return { text: "closed because the escrow ran out of funds", byProvider: false, funds: true };
    default:
      return { text: reason ? `closed (${reason.replace(/^lease_closed_(reason_)?/, "").replace(/_/g, " ")})` : "closed", byProvider: false, funds: false };
  }
}
