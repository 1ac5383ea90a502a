/**
 * x/feegrant (cosmos.feegrant.v1beta1, cosmossdk.io/x/feegrant as Cosmos SDK v0.53 ships it):
 * allowances a granter gives a grantee to pay the grantee's tx fees, used by the ante handler when
 * a tx sets `auth_info.fee.granter` (`useGrantedFees`).
 *
 * State: `feegrant/allow/<grantee>/<granter>` → {granter, grantee, allowance Any (base64)} (the SDK
 * keys by grantee then granter) and the expiry queue `feegrant/queue/<ms>/<grantee>/<granter>`,
 * pruned in EndBlock (200 per block) and by MsgPruneAllowances (75).
 * Allowances: BasicAllowance, PeriodicAllowance, AllowedMsgAllowance (wrapping either).
 */
import {
  AllowedMsgAllowance,
  BasicAllowance,
  Feegrant_Grant,
  MsgGrantAllowance,
  MsgGrantAllowanceResponse,
  MsgPruneAllowances,
  MsgPruneAllowancesResponse,
  MsgRevokeAllowance,
  MsgRevokeAllowanceResponse,
  PeriodicAllowance,
  QueryAllowanceRequest,
  QueryAllowanceResponse,
  QueryAllowancesByGranterRequest,
  QueryAllowancesByGranterResponse,
  QueryAllowancesRequest,
  QueryAllowancesResponse,
} from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import Long from "long";
import { ChainError, sdkErrors } from "./errors.ts";
import { grpcErrors } from "./errors-grpc.ts";
import { ensureAccount } from "./accounts.ts";
import { isValidAddress } from "./address.ts";
import { isValidDenom, normalizeCoins, safeSubCoins } from "./coins.ts";
import { listUnderPrefix } from "./prefix-listing.ts";
import type { BlockContext, Coin, GasMeter, KVStore, Module, MsgHandler, QueryContext, TxContext } from "./types.ts";
import { timeKey, type StoredAny } from "./authz.ts";

const fg = (code: number, text: string) => (detail?: string) => new ChainError("feegrant", code, detail ? `${detail}: ${text}` : text);

/** x/feegrant/errors.go. */
export const feegrantErrors = {
  feeLimitExceeded: fg(2, "fee limit exceeded"),
  feeLimitExpired: fg(3, "fee allowance expired"),
  invalidDuration: fg(4, "invalid duration"),
  noAllowance: fg(5, "no allowance"),
  noMessages: fg(6, "allowed messages are empty"),
  messageNotAllowed: fg(7, "message not allowed"),
};

export const BASIC_ALLOWANCE_URL = "/cosmos.feegrant.v1beta1.BasicAllowance";
export const PERIODIC_ALLOWANCE_URL = "/cosmos.feegrant.v1beta1.PeriodicAllowance";
export const ALLOWED_MSG_ALLOWANCE_URL = "/cosmos.feegrant.v1beta1.AllowedMsgAllowance";

type AnyMsg = { typeUrl: string; value: Uint8Array };

/** A decoded allowance (the FeeAllowanceI implementations). */
export type Allowance =
  | { typeUrl: typeof BASIC_ALLOWANCE_URL; value: BasicAllowance }
  | { typeUrl: typeof PERIODIC_ALLOWANCE_URL; value: PeriodicAllowance }
  | { typeUrl: typeof ALLOWED_MSG_ALLOWANCE_URL; value: AllowedMsgAllowance; inner: Allowance };

export function decodeAllowance(any: AnyMsg): Allowance {
  switch (any.typeUrl) {
    case BASIC_ALLOWANCE_URL:
      return { typeUrl: BASIC_ALLOWANCE_URL, value: BasicAllowance.decode(any.value) };
    case PERIODIC_ALLOWANCE_URL:
      return { typeUrl: PERIODIC_ALLOWANCE_URL, value: PeriodicAllowance.decode(any.value) };
    case ALLOWED_MSG_ALLOWANCE_URL: {
      const value = AllowedMsgAllowance.decode(any.value);
      if (!value.allowance) throw feegrantErrors.noAllowance("allowance should not be empty");
      return { typeUrl: ALLOWED_MSG_ALLOWANCE_URL, value, inner: decodeAllowance(value.allowance) };
    }
    default:
      throw sdkErrors.txDecode(`unable to resolve type URL ${any.typeUrl}`);
  }
}

export function encodeAllowance(a: Allowance): AnyMsg {
  switch (a.typeUrl) {
    case BASIC_ALLOWANCE_URL:
      return { typeUrl: a.typeUrl, value: BasicAllowance.encode(a.value).finish() };
    case PERIODIC_ALLOWANCE_URL:
      return { typeUrl: a.typeUrl, value: PeriodicAllowance.encode(a.value).finish() };
    case ALLOWED_MSG_ALLOWANCE_URL:
      return { typeUrl: a.typeUrl, value: AllowedMsgAllowance.encode({ ...a.value, allowance: encodeAllowance(a.inner) }).finish() };
  }
}

const coinsOf = (cs: readonly { denom: string; amount: string }[]): Coin[] => cs.map((c) => ({ denom: c.denom, amount: c.amount }));
const durationMs = (d: PeriodicAllowance["period"]): number => (d ? Number(Long.fromValue(d.seconds).toString()) * 1000 + Math.floor(d.nanos / 1e6) : 0);

function validateBasicAllowance(b: BasicAllowance): void {
  if (b.spendLimit.length > 0) {
    for (const c of b.spendLimit) if (!isValidDenom(c.denom) || !/^\d+$/.test(c.amount)) throw sdkErrors.invalidCoins(`send amount is invalid: ${c.amount}${c.denom}`);
    if (b.spendLimit.some((c) => BigInt(c.amount) <= 0n)) throw sdkErrors.invalidCoins("spend limit must be positive");
  }
  if (b.expiration && b.expiration.getTime() < 0) throw feegrantErrors.invalidDuration("expiration time cannot be negative");
}

/** FeeAllowanceI.ValidateBasic. */
export function validateAllowance(a: Allowance): void {
  switch (a.typeUrl) {
    case BASIC_ALLOWANCE_URL:
      return validateBasicAllowance(a.value);
    case PERIODIC_ALLOWANCE_URL: {
      const p = a.value;
      validateBasicAllowance(p.basic ?? BasicAllowance.fromPartial({}));
      for (const c of p.periodSpendLimit) if (!isValidDenom(c.denom) || !/^\d+$/.test(c.amount)) throw sdkErrors.invalidCoins(`spend amount is invalid: ${c.amount}${c.denom}`);
      if (p.periodSpendLimit.length === 0 || p.periodSpendLimit.some((c) => BigInt(c.amount) <= 0n)) throw sdkErrors.invalidCoins("spend limit must be positive");
      for (const c of p.periodCanSpend) if (!isValidDenom(c.denom) || !/^\d+$/.test(c.amount)) throw sdkErrors.invalidCoins(`can spend amount is invalid: ${c.amount}${c.denom}`);
      const basicDenoms = new Set((p.basic?.spendLimit ?? []).map((c) => c.denom));
      if (basicDenoms.size > 0 && p.periodSpendLimit.some((c) => !basicDenoms.has(c.denom))) {
        throw sdkErrors.invalidCoins("period spend limit has different currency than basic spend limit");
      }
      if (durationMs(p.period) < 0) throw feegrantErrors.invalidDuration("negative clock step");
      return;
    }
    case ALLOWED_MSG_ALLOWANCE_URL:
      if (a.value.allowedMessages.length === 0) throw feegrantErrors.noMessages("allowed messages shouldn't be empty");
      return validateAllowance(a.inner);
  }
}

/** FeeAllowanceI.ExpiresAt. */
export function allowanceExpiresAt(a: Allowance): Date | undefined {
  switch (a.typeUrl) {
    case BASIC_ALLOWANCE_URL:
      return a.value.expiration;
    case PERIODIC_ALLOWANCE_URL:
      return a.value.basic?.expiration;
    case ALLOWED_MSG_ALLOWANCE_URL:
      return allowanceExpiresAt(a.inner);
  }
}

/** UpdatePeriodReset: a periodic allowance's first period starts when it is granted. */
function updatePeriodReset(a: Allowance, at: Date): void {
  if (a.typeUrl === PERIODIC_ALLOWANCE_URL) a.value.periodReset = new Date(at.getTime() + durationMs(a.value.period));
  else if (a.typeUrl === ALLOWED_MSG_ALLOWANCE_URL) updatePeriodReset(a.inner, at);
}

/**
 * FeeAllowanceI.Accept: mutates `a` to its updated state. Returns `remove` (used up or expired) and
 * throws the SDK's error when the fee is refused (an expired allowance also says remove).
 */
export function acceptAllowance(a: Allowance, fee: Coin[], msgTypeUrls: string[], now: Date, gas: GasMeter): { remove: boolean; error?: ChainError } {
  switch (a.typeUrl) {
    case BASIC_ALLOWANCE_URL: {
      const b = a.value;
      if (b.expiration && b.expiration.getTime() < now.getTime()) return { remove: true, error: feegrantErrors.feeLimitExpired("basic allowance") };
      if (b.spendLimit.length > 0) {
        const { left, negative } = safeSubCoins(coinsOf(b.spendLimit), fee);
        if (negative) return { remove: false, error: feegrantErrors.feeLimitExceeded("basic allowance") };
        b.spendLimit = left;
        return { remove: left.length === 0 };
      }
      return { remove: false };
    }
    case PERIODIC_ALLOWANCE_URL: {
      const p = a.value;
      const basic = p.basic ?? BasicAllowance.fromPartial({});
      if (basic.expiration && now.getTime() > basic.expiration.getTime()) return { remove: true, error: feegrantErrors.feeLimitExpired("absolute limit") };
      tryResetPeriod(p, basic, now);
      const period = safeSubCoins(coinsOf(p.periodCanSpend), fee);
      if (period.negative) return { remove: false, error: feegrantErrors.feeLimitExceeded("period limit") };
      p.periodCanSpend = period.left;
      if (basic.spendLimit.length > 0) {
        const total = safeSubCoins(coinsOf(basic.spendLimit), fee);
        if (total.negative) return { remove: false, error: feegrantErrors.feeLimitExceeded("absolute limit") };
        basic.spendLimit = total.left;
        p.basic = basic;
        return { remove: total.left.length === 0 };
      }
      return { remove: false };
    }
    case ALLOWED_MSG_ALLOWANCE_URL: {
      // allMsgTypesAllowed: 10 gas per allowed message and per tx message.
      const allowed = new Set<string>();
      for (const m of a.value.allowedMessages) {
        gas.consume(10, "check msg");
        allowed.add(m);
      }
      for (const t of msgTypeUrls) {
        gas.consume(10, "check msg");
        if (!allowed.has(t)) return { remove: false, error: feegrantErrors.messageNotAllowed("message does not exist in allowed messages") };
      }
      return acceptAllowance(a.inner, fee, msgTypeUrls, now, gas);
    }
  }
}

/** PeriodicAllowance.tryResetPeriod. */
function tryResetPeriod(p: PeriodicAllowance, basic: BasicAllowance, now: Date): void {
  if (p.periodReset && now.getTime() < p.periodReset.getTime()) return;
  const limit = coinsOf(basic.spendLimit);
  const { negative } = safeSubCoins(limit, coinsOf(p.periodSpendLimit));
  p.periodCanSpend = negative && limit.length > 0 ? limit : coinsOf(p.periodSpendLimit);
  const step = durationMs(p.period);
  const from = p.periodReset?.getTime() ?? now.getTime();
  p.periodReset = new Date(from + step);
  if (now.getTime() > p.periodReset.getTime()) p.periodReset = new Date(now.getTime() + step);
}

export interface AllowanceRecord {
  granter: string;
  grantee: string;
  allowance: StoredAny;
}

const ALLOW = "feegrant/allow/";
const QUEUE = "feegrant/queue/";
const allowKey = (granter: string, grantee: string) => `${ALLOW}${grantee}/${granter}`;
const queueKey = (t: Date, granter: string, grantee: string) => `${QUEUE}${timeKey(t)}/${grantee}/${granter}`;

const toStored = (a: Allowance): StoredAny => {
  const any = encodeAllowance(a);
  return { typeUrl: any.typeUrl, value: Buffer.from(any.value).toString("base64") };
};
const storedToAny = (s: StoredAny): AnyMsg => ({ typeUrl: s.typeUrl, value: Buffer.from(s.value, "base64") });

function notFound(): ChainError {
  return sdkErrors.notFound("fee-grant not found");
}

export class FeegrantKeeper {
  getRecord(store: KVStore, granter: string, grantee: string): AllowanceRecord | undefined {
    return store.get<AllowanceRecord>(allowKey(granter, grantee));
  }

  /** GetAllowance: sdk 38 "fee-grant not found" when there is none. */
  getAllowance(store: KVStore, granter: string, grantee: string): Allowance {
    const r = this.getRecord(store, granter, grantee);
    if (!r) throw notFound();
    return decodeAllowance(storedToAny(r.allowance));
  }

  /** Keeper.GrantAllowance: grantee account created, expiry checked and queued, period reset from now, `set_feegrant`. */
  grantAllowance(ctx: TxContext, granter: string, grantee: string, a: Allowance): void {
    if (this.getRecord(ctx.store, granter, grantee)) throw sdkErrors.invalidRequest("fee allowance already exists");
    ensureAccount(ctx.store, grantee);
    const exp = allowanceExpiresAt(a);
    if (exp && exp.getTime() < ctx.time.getTime()) throw sdkErrors.invalidRequest("expiration is before current block time");
    if (exp) ctx.store.set(queueKey(exp, granter, grantee), true);
    updatePeriodReset(a, ctx.time);
    ctx.store.set(allowKey(granter, grantee), { granter, grantee, allowance: toStored(a) } satisfies AllowanceRecord);
    ctx.events.emit("set_feegrant", { granter, grantee });
  }

  revokeAllowance(ctx: TxContext, granter: string, grantee: string): void {
    const a = this.getAllowance(ctx.store, granter, grantee);
    ctx.store.delete(allowKey(granter, grantee));
    const exp = allowanceExpiresAt(a);
    if (exp) ctx.store.delete(queueKey(exp, granter, grantee));
    ctx.events.emit("revoke_feegrant", { granter, grantee });
  }

  /**
   * UseGrantedFees (DeductFeeDecorator): the allowance accepts the fee for these messages or the
   * tx fails; a used-up allowance is removed, any other is saved in its new state.
   */
  useGrantedFees(ctx: TxContext, granter: string, grantee: string, fee: Coin[], msgTypeUrls: string[]): void {
    const a = this.getAllowance(ctx.store, granter, grantee);
    const { remove, error } = acceptAllowance(a, normalizeCoins(fee), msgTypeUrls, ctx.time, ctx.gas);
    if (remove && !error) {
      this.revokeAllowance(ctx, granter, grantee);
      ctx.events.emit("use_feegrant", { granter, grantee });
      return;
    }
    if (error) throw error;
    ctx.events.emit("use_feegrant", { granter, grantee });
    ctx.store.set(allowKey(granter, grantee), { granter, grantee, allowance: toStored(a) } satisfies AllowanceRecord);
    ctx.events.emit("update_feegrant", { granter, grantee });
  }

  /** RemoveExpiredAllowances: queue entries at or before the block time, at most `limit`. */
  removeExpired(ctx: BlockContext, limit: number): void {
    const end = `${QUEUE}${timeKey(ctx.time)}0`;
    let n = 0;
    for (const [key] of [...ctx.store.iterate(QUEUE)]) {
      if (key >= end || n === limit) break;
      const [, , , grantee, granter] = key.split("/");
      ctx.store.delete(allowKey(granter!, grantee!));
      ctx.store.delete(key);
      n++;
    }
  }

  grantMessage(r: AllowanceRecord): Feegrant_Grant {
    return { granter: r.granter, grantee: r.grantee, allowance: storedToAny(r.allowance) };
  }
}

function requireBech32(address: string): void {
  if (!isValidAddress(address)) throw sdkErrors.invalidAddress(`decoding bech32 failed: invalid address ${address}`);
}

function queryAddress(address: string, what: string): void {
  if (address === "") throw grpcErrors.invalidArgument(`invalid ${what} address: empty address string is not allowed`);
  if (!isValidAddress(address)) throw grpcErrors.invalidArgument(`invalid ${what} address: decoding bech32 failed`);
}

export function feegrantModule(keeper: FeegrantKeeper): Module & { keeper: FeegrantKeeper } {
  const grant: MsgHandler<MsgGrantAllowance, MsgGrantAllowanceResponse> = {
    typeUrl: "/cosmos.feegrant.v1beta1.MsgGrantAllowance",
    aminoType: "cosmos-sdk/MsgGrantAllowance",
    type: MsgGrantAllowance,
    responseType: MsgGrantAllowanceResponse,
    signers: (m) => [m.granter],
    validateBasic(m) {
      if (m.allowance) decodeAllowance(m.allowance);
    },
    handle(ctx, m) {
      if (m.grantee.toLowerCase() === m.granter.toLowerCase()) throw sdkErrors.invalidAddress("cannot self-grant fee authorization");
      requireBech32(m.grantee);
      requireBech32(m.granter);
      if (keeper.getRecord(ctx.store, m.granter, m.grantee)) throw sdkErrors.invalidRequest("fee allowance already exists");
      if (!m.allowance) throw feegrantErrors.noAllowance("allowance should not be empty");
      const a = decodeAllowance(m.allowance);
      validateAllowance(a);
      keeper.grantAllowance(ctx, m.granter, m.grantee, a);
      return {};
    },
  };
  const revoke: MsgHandler<MsgRevokeAllowance, MsgRevokeAllowanceResponse> = {
    typeUrl: "/cosmos.feegrant.v1beta1.MsgRevokeAllowance",
    aminoType: "cosmos-sdk/MsgRevokeAllowance",
    type: MsgRevokeAllowance,
    responseType: MsgRevokeAllowanceResponse,
    signers: (m) => [m.granter],
    handle(ctx, m) {
      if (m.grantee === m.granter) throw sdkErrors.invalidAddress("addresses must be different");
      requireBech32(m.grantee);
      requireBech32(m.granter);
      keeper.revokeAllowance(ctx, m.granter, m.grantee);
      return {};
    },
  };
  const prune: MsgHandler<MsgPruneAllowances, MsgPruneAllowancesResponse> = {
    typeUrl: "/cosmos.feegrant.v1beta1.MsgPruneAllowances",
    aminoType: "cosmos-sdk/MsgPruneAllowances",
    type: MsgPruneAllowances,
    responseType: MsgPruneAllowancesResponse,
    signers: (m) => [m.pruner],
    handle(ctx, m) {
      requireBech32(m.pruner);
      keeper.removeExpired(ctx, 75);
      ctx.events.emit("prune_feegrant", { pruner: m.pruner });
      return {};
    },
  };
  return {
    name: "feegrant",
    keeper,
    msgs: [grant, revoke, prune],
    queries: [
      {
        path: "/cosmos.feegrant.v1beta1.Query/Allowance",
        request: QueryAllowanceRequest,
        response: QueryAllowanceResponse,
        handle(ctx: QueryContext, req: QueryAllowanceRequest) {
          queryAddress(req.granter, "granter");
          queryAddress(req.grantee, "grantee");
          const r = keeper.getRecord(ctx.store, req.granter, req.grantee);
          if (!r) throw notFound();
          return QueryAllowanceResponse.fromPartial({ allowance: keeper.grantMessage(r) });
        },
      },
      {
        path: "/cosmos.feegrant.v1beta1.Query/Allowances",
        request: QueryAllowancesRequest,
        response: QueryAllowancesResponse,
        handle(ctx: QueryContext, req: QueryAllowancesRequest) {
          queryAddress(req.grantee, "grantee");
          const page = listUnderPrefix(ctx.store, `${ALLOW}${req.grantee}/`, req.pagination, (r: AllowanceRecord) => keeper.grantMessage(r));
          return QueryAllowancesResponse.fromPartial({ allowances: page.items, pagination: page.pagination });
        },
      },
      {
        path: "/cosmos.feegrant.v1beta1.Query/AllowancesByGranter",
        request: QueryAllowancesByGranterRequest,
        response: QueryAllowancesByGranterResponse,
        handle(ctx: QueryContext, req: QueryAllowancesByGranterRequest) {
          queryAddress(req.granter, "granter");
          // The SDK walks every allowance and keeps the granter's (grantee order), as here.
          const page = listUnderPrefix(ctx.store, ALLOW, req.pagination, (r: AllowanceRecord) => keeper.grantMessage(r), (r) => r.granter === req.granter);
          return QueryAllowancesByGranterResponse.fromPartial({ allowances: page.items, pagination: page.pagination });
        },
      },
    ],
    endBlock(ctx: BlockContext) {
      keeper.removeExpired(ctx, 200);
    },
  };
}
