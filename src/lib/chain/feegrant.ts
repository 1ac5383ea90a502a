/**
 * x/feegrant reads (Cosmos SDK 0.53 gateway): allowances an account gave and received. Basic and periodic
 * allowances are read into a spend limit, a period budget and an expiry; an AllowedMsgAllowance wraps one of them
 * and names the messages it pays for.
 */
import { coinOf, type Coin, type CoinJson } from "./coins";
import { joinUrl, requestJson } from "./http";
import { collectPages, orNull, PAGE_LIMIT, q } from "./pagination";

export const BASIC_ALLOWANCE = "/cosmos.feegrant.v1beta1.BasicAllowance";
export const PERIODIC_ALLOWANCE = "/cosmos.feegrant.v1beta1.PeriodicAllowance";
export const ALLOWED_MSG_ALLOWANCE = "/cosmos.feegrant.v1beta1.AllowedMsgAllowance";

export interface FeeAllowance {
  kind: "basic" | "periodic" | "other";
  typeUrl: string;
  /** Total left; empty: no total limit. */
  spendLimit: Coin[];
  /** ms since epoch; null: never expires. */
  expiresAt: number | null;
  /** Periodic allowances: the budget per period, what is left in this one, and when it resets. */
  period?: { seconds: number; limit: Coin[]; canSpend: Coin[]; resetsAt: number | null };
  /** Message types it pays for; null: any. */
  allowedMessages: string[] | null;
}

export interface FeeGrant {
  granter: string;
  grantee: string;
  allowance: FeeAllowance;
}

interface AllowanceJson {
  "@type"?: string;
  spend_limit?: CoinJson[] | null;
  expiration?: string | null;
  basic?: AllowanceJson;
  period?: string;
  period_spend_limit?: CoinJson[] | null;
  period_can_spend?: CoinJson[] | null;
  period_reset?: string | null;
  allowance?: AllowanceJson;
  allowed_messages?: string[] | null;
}

interface FeeGrantJson {
  granter?: string;
  grantee?: string;
  allowance?: AllowanceJson;
}

const time = (text: string | null | undefined) => {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? ms : null;
};

/** "3600s" / "86400.5s" (protobuf Duration JSON) → seconds. */
function durationSeconds(text: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(text ?? "");
  return match ? Number(match[1]) : 0;
}

export function parseAllowance(json: AllowanceJson | undefined, depth = 0): FeeAllowance {
  const typeUrl = json?.["@type"] ?? "";
  if (typeUrl === ALLOWED_MSG_ALLOWANCE && depth < 4) {
    return { ...parseAllowance(json?.allowance, depth + 1), allowedMessages: (json?.allowed_messages ?? []).filter((m) => typeof m === "string") };
  }
  if (typeUrl === BASIC_ALLOWANCE) {
    return { kind: "basic", typeUrl, spendLimit: (json?.spend_limit ?? []).map(coinOf), expiresAt: time(json?.expiration), allowedMessages: null };
  }
  if (typeUrl === PERIODIC_ALLOWANCE) {
    return {
      kind: "periodic",
      typeUrl,
      spendLimit: (json?.basic?.spend_limit ?? []).map(coinOf),
      expiresAt: time(json?.basic?.expiration),
      period: {
        seconds: durationSeconds(json?.period),
        limit: (json?.period_spend_limit ?? []).map(coinOf),
        canSpend: (json?.period_can_spend ?? []).map(coinOf),
        resetsAt: time(json?.period_reset),
      },
      allowedMessages: null,
    };
  }
  return { kind: "other", typeUrl, spendLimit: [], expiresAt: null, allowedMessages: null };
}

function parseFeeGrant(json: FeeGrantJson, fallback: { granter?: string; grantee?: string }): FeeGrant {
  return { granter: json.granter ?? fallback.granter ?? "", grantee: json.grantee ?? fallback.grantee ?? "", allowance: parseAllowance(json.allowance) };
}

/** Allowances `grantee` received. */
export function listAllowances(restUrl: string, grantee: string, signal?: AbortSignal): Promise<FeeGrant[]> {
  const url = joinUrl(restUrl, `/cosmos/feegrant/v1beta1/allowances/${q(grantee)}?pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => ((body as { allowances?: FeeGrantJson[] }).allowances ?? []).map((a) => parseFeeGrant(a, { grantee })), signal);
}

/** Allowances `granter` gave. */
export function listIssuedAllowances(restUrl: string, granter: string, signal?: AbortSignal): Promise<FeeGrant[]> {
  const url = joinUrl(restUrl, `/cosmos/feegrant/v1beta1/issued/${q(granter)}?pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => ((body as { allowances?: FeeGrantJson[] }).allowances ?? []).map((a) => parseFeeGrant(a, { granter })), signal);
}

/** The allowance between two accounts, or null when there is none. */
export async function getAllowance(restUrl: string, granter: string, grantee: string, signal?: AbortSignal): Promise<FeeGrant | null> {
  const body = await orNull(requestJson<{ allowance?: FeeGrantJson }>(joinUrl(restUrl, `/cosmos/feegrant/v1beta1/allowance/${q(granter)}/${q(grantee)}`), { signal, timeoutMs: 15_000 }));
  return body?.allowance ? parseFeeGrant(body.allowance, { granter, grantee }) : null;
}

/** Whether an allowance can pay a fee of `fee` for these message types now (what the chain's ante handler checks). */
export function allowanceCovers(allowance: FeeAllowance, fee: readonly Coin[], msgTypeUrls: readonly string[], now = Date.now()): boolean {
  if (allowance.kind === "other") return false;
  if (allowance.expiresAt !== null && allowance.expiresAt <= now) return false;
  if (allowance.allowedMessages && !msgTypeUrls.every((m) => allowance.allowedMessages!.includes(m))) return false;
  const within = (limits: readonly Coin[]) => limits.length === 0 || fee.every((f) => BigInt(limits.find((l) => l.denom === f.denom)?.amount.split(".")[0] ?? "0") >= BigInt(f.amount));
  if (!within(allowance.spendLimit)) return false;
  if (allowance.period) {
    const resetPassed = allowance.period.resetsAt !== null && allowance.period.resetsAt <= now;
    if (!within(resetPassed ? allowance.period.limit : allowance.period.canSpend)) return false;
  }
  return true;
}

/** The first allowance that pays this fee for these messages now, or null (then the signer pays). */
export function pickFeeGranter(allowances: readonly FeeGrant[], fee: readonly Coin[], msgTypeUrls: readonly string[], now = Date.now()): string | null {
  return allowances.find((grant) => allowanceCovers(grant.allowance, fee, msgTypeUrls, now))?.granter ?? null;
}
