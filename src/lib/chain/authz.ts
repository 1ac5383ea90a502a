/**
 * x/authz reads (Cosmos SDK 0.53 gateway): grants given by an account and grants it received. Akash deposit
 * authorizations (`/akash.escrow.v1.DepositAuthorization`) are read into what they allow and what is left; other
 * authorizations are kept by kind so nothing a node serves is hidden.
 */
import { coinOf, type Coin, type CoinJson } from "./coins";
import { joinUrl } from "./http";
import { collectPages, PAGE_LIMIT, q } from "./pagination";

export const DEPOSIT_AUTHORIZATION = "/akash.escrow.v1.DepositAuthorization";
export const GENERIC_AUTHORIZATION = "/cosmos.authz.v1beta1.GenericAuthorization";
export const SEND_AUTHORIZATION = "/cosmos.bank.v1beta1.SendAuthorization";
/** A deposit authorization is stored (and revoked) under the message it authorizes. */
export const DEPOSIT_AUTHORIZATION_MSG = "/akash.escrow.v1.MsgAccountDeposit";

export type DepositScope = "deployment" | "bid";

export type Authorization =
  | { kind: "deposit"; spendLimits: Coin[]; scopes: DepositScope[] }
  | { kind: "generic"; msgTypeUrl: string }
  | { kind: "send"; spendLimits: Coin[] }
  | { kind: "other"; typeUrl: string };

export interface Grant {
  granter: string;
  grantee: string;
  authorization: Authorization;
  /** ms since epoch; null: never expires. */
  expiresAt: number | null;
}

interface AuthorizationJson {
  "@type"?: string;
  spend_limit?: CoinJson | CoinJson[] | null;
  spend_limits?: CoinJson[] | null;
  scopes?: unknown[] | null;
  msg?: string;
}

interface GrantJson {
  granter?: string;
  grantee?: string;
  authorization?: AuthorizationJson;
  expiration?: string | null;
}

const SCOPES: Record<string, DepositScope> = { deployment: "deployment", bid: "bid", "1": "deployment", "2": "bid" };

export function parseAuthorization(json: AuthorizationJson | undefined): Authorization {
  const typeUrl = json?.["@type"] ?? "";
  if (typeUrl === DEPOSIT_AUTHORIZATION) {
    // Newer nodes fill the plural `spend_limits`; the node prefers it when set.
    const plural = (json?.spend_limits ?? []).map(coinOf);
    const single = json?.spend_limit && !Array.isArray(json.spend_limit) ? [coinOf(json.spend_limit)] : [];
    const scopes = (json?.scopes ?? []).map((s) => SCOPES[String(s)]).filter((s): s is DepositScope => Boolean(s));
    return { kind: "deposit", spendLimits: plural.length ? plural : single, scopes };
  }
  if (typeUrl === GENERIC_AUTHORIZATION) return { kind: "generic", msgTypeUrl: json?.msg ?? "" };
  if (typeUrl === SEND_AUTHORIZATION) return { kind: "send", spendLimits: (Array.isArray(json?.spend_limit) ? json.spend_limit : []).map(coinOf) };
  return { kind: "other", typeUrl };
}

function expiryOf(text: string | null | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

function parseGrants(body: unknown, fallback: { granter?: string; grantee?: string }): Grant[] {
  return ((body as { grants?: GrantJson[] }).grants ?? []).map((g) => ({
    granter: g.granter ?? fallback.granter ?? "",
    grantee: g.grantee ?? fallback.grantee ?? "",
    authorization: parseAuthorization(g.authorization),
    expiresAt: expiryOf(g.expiration),
  }));
}

/** Grants `granter` gave (every grantee, every kind). */
export function listGrantsByGranter(restUrl: string, granter: string, signal?: AbortSignal): Promise<Grant[]> {
  const url = joinUrl(restUrl, `/cosmos/authz/v1beta1/grants/granter/${q(granter)}?pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => parseGrants(body, { granter }), signal);
}

/** Grants `grantee` received. */
export function listGrantsByGrantee(restUrl: string, grantee: string, signal?: AbortSignal): Promise<Grant[]> {
  const url = joinUrl(restUrl, `/cosmos/authz/v1beta1/grants/grantee/${q(grantee)}?pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => parseGrants(body, { grantee }), signal);
}

/** The grants between two accounts, optionally for one message type (the pair form leaves granter/grantee out). */
export function listGrants(restUrl: string, granter: string, grantee: string, msgTypeUrl?: string, signal?: AbortSignal): Promise<Grant[]> {
  const filter = msgTypeUrl ? `&msg_type_url=${q(msgTypeUrl)}` : "";
  const url = joinUrl(restUrl, `/cosmos/authz/v1beta1/grants?granter=${q(granter)}&grantee=${q(grantee)}${filter}&pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => parseGrants(body, { granter, grantee }), signal);
}

/** Deposit authorizations a grantee can draw on now for `scope`, in `denom`, with what each has left. */
export function usableDepositGrants(grants: readonly Grant[], scope: DepositScope, denom: string, now = Date.now()): Array<{ granter: string; remaining: bigint; expiresAt: number | null }> {
  const out: Array<{ granter: string; remaining: bigint; expiresAt: number | null }> = [];
  for (const grant of grants) {
    const auth = grant.authorization;
    if (auth.kind !== "deposit" || !auth.scopes.includes(scope)) continue;
    if (grant.expiresAt !== null && grant.expiresAt <= now) continue;
    const limit = auth.spendLimits.find((c) => c.denom === denom);
    const remaining = limit && /^\d+$/.test(limit.amount) ? BigInt(limit.amount) : 0n;
    if (remaining > 0n) out.push({ granter: grant.granter, remaining, expiresAt: grant.expiresAt });
  }
  return out.sort((a, b) => (b.remaining > a.remaining ? 1 : b.remaining < a.remaining ? -1 : 0));
}
