import { denomInfo } from "@/lib/format/coins";
import { perBlockToHourly, perBlockToMonthly } from "@/lib/pricing";

/** Micro-unit amount (possibly fractional) → "12.34 ACT". */
export function formatMicro(amount: number, denom: string, digits = 2): string {
  const info = denomInfo(denom);
  const value = amount / 10 ** info.exponent;
  const shown = value !== 0 && Math.abs(value) < 10 ** -digits ? value.toPrecision(2) : value.toLocaleString("en-US", { minimumFractionDigits: Math.min(2, digits), maximumFractionDigits: digits });
  return `${shown} ${info.symbol}`;
}

export function formatRate(perBlock: number, denom: string): { hour: string; month: string; block: string } {
  return {
    block: `${formatMicro(perBlock, denom, 6)}/block`,
    hour: `${formatMicro(perBlockToHourly(perBlock), denom, 4)}/h`,
    month: `${formatMicro(perBlockToMonthly(perBlock), denom)}/month`,
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
