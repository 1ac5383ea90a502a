/**
 * What the grant forms ask for, checked and turned into a request, plus the plain-words sentence the user reviews
 * before signing. Pure: the dialogs render it, the tests hold it.
 */
import { fromBech32 } from "@cosmjs/encoding";
import type { DepositScope } from "@/lib/chain/authz";
import { displayToBase } from "@/lib/format/coins";
import type { FeeAllowanceRequest } from "@/lib/grants/messages";
import { UACT, UAKT } from "@/lib/pricing/denoms";

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Partial<Record<string, string>> };

export function checkGrantee(text: string, granter: string, prefix: string): string | null {
  const address = text.trim();
  if (!address) return "Enter the address of the account you are granting to";
  try {
    const decoded = fromBech32(address);
    if (decoded.prefix !== prefix) return `That is a ${decoded.prefix} address; this network's addresses start with ${prefix}1`;
  } catch {
    return "Not a valid address: check it for typos";
  }
  if (address === granter) return "You cannot grant to your own address";
  return null;
}

/** "2027-01-31" (a date input's value) → the end of that day in the user's time zone; "" → never. */
export function parseExpiry(text: string, now: number): { ok: true; at: number | null } | { ok: false; error: string } {
  if (!text) return { ok: true, at: null };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { ok: false, error: "Pick a date" };
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59).getTime();
  if (!(at > now)) return { ok: false, error: "The expiry must be in the future" };
  return { ok: true, at };
}

export interface DepositGrantForm {
  grantee: string;
  limit: string;
  scopes: DepositScope[];
  expiry: string;
}

export interface DepositGrantRequest {
  granter: string;
  grantee: string;
  spendLimit: { denom: string; amount: bigint };
  scopes: DepositScope[];
  expiresAt: number | null;
}

export function checkDepositGrant(form: DepositGrantForm, ctx: { granter: string; prefix: string; now: number }): FormResult<DepositGrantRequest> {
  const errors: Partial<Record<string, string>> = {};
  const grantee = checkGrantee(form.grantee, ctx.granter, ctx.prefix);
  if (grantee) errors.grantee = grantee;
  const limit = displayToBase(form.limit, 6);
  if (!limit.ok) errors.limit = limit.error;
  if (!form.scopes.length) errors.scopes = "Pick what the grant may fund";
  const expiry = parseExpiry(form.expiry, ctx.now);
  if (!expiry.ok) errors.expiry = expiry.error;
  if (Object.keys(errors).length || !limit.ok || !expiry.ok) return { ok: false, errors };
  return { ok: true, value: { granter: ctx.granter, grantee: form.grantee.trim(), spendLimit: { denom: UACT, amount: limit.base }, scopes: form.scopes, expiresAt: expiry.at } };
}

export interface FeeAllowanceForm {
  grantee: string;
  /** Total in AKT; "" for no total limit. */
  limit: string;
  /** "" (none), "day", "week" or "month": a budget that renews each period. */
  period: "" | "day" | "week" | "month";
  periodLimit: string;
  /** Pay only for deployment work (create, deposit, update, close, leases), not for sending tokens. */
  deploymentsOnly: boolean;
  expiry: string;
}

const PERIOD_SECONDS = { day: 86_400, week: 7 * 86_400, month: 30 * 86_400 } as const;

/** The messages a deployments-only allowance pays fees for. */
export const DEPLOYMENT_MESSAGES = [
  "/akash.deployment.v1beta4.MsgCreateDeployment",
  "/akash.deployment.v1beta4.MsgUpdateDeployment",
  "/akash.deployment.v1beta4.MsgCloseDeployment",
  "/akash.escrow.v1.MsgAccountDeposit",
  "/akash.market.v1beta5.MsgCreateLease",
  "/akash.market.v1beta5.MsgCloseLease",
  "/akash.cert.v1.MsgCreateCertificate",
  "/akash.cert.v1.MsgRevokeCertificate",
];

export function checkFeeAllowance(form: FeeAllowanceForm, ctx: { granter: string; prefix: string; now: number }): FormResult<FeeAllowanceRequest> {
  const errors: Partial<Record<string, string>> = {};
  const grantee = checkGrantee(form.grantee, ctx.granter, ctx.prefix);
  if (grantee) errors.grantee = grantee;
  const limit = form.limit.trim() ? displayToBase(form.limit, 6) : null;
  if (limit && !limit.ok) errors.limit = limit.error;
  const periodLimit = form.period ? displayToBase(form.periodLimit, 6) : null;
  if (periodLimit && !periodLimit.ok) errors.periodLimit = periodLimit.error;
  if (limit?.ok && periodLimit?.ok && periodLimit.base > limit.base) errors.periodLimit = "The budget per period cannot be more than the total";
  const expiry = parseExpiry(form.expiry, ctx.now);
  if (!expiry.ok) errors.expiry = expiry.error;
  if (Object.keys(errors).length || !expiry.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      granter: ctx.granter,
      grantee: form.grantee.trim(),
      spendLimit: limit?.ok ? { denom: UAKT, amount: limit.base } : null,
      expiresAt: expiry.at,
      period: form.period && periodLimit?.ok ? { seconds: PERIOD_SECONDS[form.period], limit: { denom: UAKT, amount: periodLimit.base } } : undefined,
      allowedMessages: form.deploymentsOnly ? DEPLOYMENT_MESSAGES : undefined,
    },
  };
}
