/**
 * x/authz (cosmos.authz.v1beta1) as the Akash node runs it: Cosmos SDK v0.53 through the
 * akash-network/cosmos-sdk v0.53.7-akash.1 fork, whose keeper adds a grantee/msg-type index and
 * `GetGranteeGrantsByMsgType` (the escrow keeper walks it to fund deposits from grants).
 *
 * Grants live under `authz/grant/<granter>/<grantee>/<msgTypeUrl>` (the SDK's key order: granter,
 * grantee, type), with the fork's index `authz/grantee/<grantee>/<msgTypeUrl>/<granter>` and the
 * expiry queue `authz/queue/<ms since epoch>/<granter>/<grantee>` → {msgTypeUrls}. Authorizations
 * are stored as their Any (type URL + base64 protobuf), so what a client granted is what it reads.
 *
 * Modelled authorizations: GenericAuthorization, bank SendAuthorization and Akash's
 * DepositAuthorization (chain-sdk go/node/escrow/v1/authz.go). Others (StakeAuthorization: the devnet
 * has no staking) fail to decode as the interface registry would reject an unknown Any.
 */
import {
  EventGrant,
  EventRevoke,
  GenericAuthorization,
  GrantAuthorization,
  MsgExec,
  MsgExecResponse,
  MsgGrant,
  MsgGrantResponse,
  MsgRevoke,
  MsgRevokeResponse,
  MsgSend,
  QueryGranteeGrantsRequest,
  QueryGranteeGrantsResponse,
  QueryGranterGrantsRequest,
  QueryGranterGrantsResponse,
  QueryGrantsRequest,
  QueryGrantsResponse,
  SendAuthorization,
  type Grant,
} from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { DepositAuthorization, DepositAuthorization_Scope, MsgAccountDeposit, Scope } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { MsgCreateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { MsgCreateBid } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { ChainError, sdkErrors } from "./errors.ts";
import { grpcErrors } from "./errors-grpc.ts";
import { ensureAccount } from "./accounts.ts";
import { isValidAddress } from "./address.ts";
import { safeSubCoins, validatePositiveCoins } from "./coins.ts";
import { listUnderPrefix } from "./prefix-listing.ts";
import type { BlockContext, ChainEvent, Coin, KVStore, MessageFns, Module, MsgHandler, MsgRouter, QueryContext, TxContext } from "./types.ts";
import { DevnetEventManager } from "./events.ts";

const authz = (code: number, text: string) => (detail?: string) => new ChainError("authz", code, detail ? `${detail}: ${text}` : text);

/** x/authz/errors.go. */
export const authzErrors = {
  noAuthorizationFound: authz(2, "authorization not found"),
  invalidExpirationTime: authz(3, "expiration time of authorization should be more than current time"),
  unknownAuthorizationType: authz(4, "unknown authorization type"),
  noGrantKeyFound: authz(5, "grant key not found"),
  authorizationExpired: authz(6, "authorization expired"),
  granteeIsGranter: authz(7, "grantee and granter should be different"),
  authorizationNumOfSigners: authz(9, "authorization can be given to msg with only one signer"),
};

/** Escrow errors an Akash DepositAuthorization returns (chain-sdk go/node/escrow/module/error.go). */
const escrowAuthzErrors = {
  unauthorizedDepositScope: (detail?: string) => new ChainError("escrow", 15, detail ? `${detail}: unauthorized deposit scope` : "unauthorized deposit scope"),
  invalidAuthzScope: (detail: string) => new ChainError("escrow", 17, `${detail}: invalid authz scope`),
};

export const DEPOSIT_AUTHORIZATION_URL = "/akash.escrow.v1.DepositAuthorization";
export const GENERIC_AUTHORIZATION_URL = "/cosmos.authz.v1beta1.GenericAuthorization";
export const SEND_AUTHORIZATION_URL = "/cosmos.bank.v1beta1.SendAuthorization";
/** DepositAuthorization.MsgTypeURL(): grants for deposits are stored and revoked under this type. */
export const ACCOUNT_DEPOSIT_URL = "/akash.escrow.v1.MsgAccountDeposit";

/** A message as the router sees it: its type URL and decoded value. */
export interface RoutedMsg {
  typeUrl: string;
  value: unknown;
}

/** authz.AcceptResponse; `updated` is the decoded authorization of the same type. */
export interface AcceptResponse {
  accept: boolean;
  delete: boolean;
  updated?: unknown;
}

interface AuthorizationKind<T> {
  codec: MessageFns<T, string>;
  msgTypeUrl(a: T): string;
  validateBasic(a: T): void;
  /** `partial` is the escrow keeper's TryAccept: take what the limit allows instead of failing. */
  accept(a: T, msg: RoutedMsg, partial: boolean): AcceptResponse;
}

const genericAuthorization: AuthorizationKind<GenericAuthorization> = {
  codec: GenericAuthorization,
  msgTypeUrl: (a) => a.msg,
  validateBasic: () => undefined,
  accept: () => ({ accept: true, delete: false }),
};

const sendAuthorization: AuthorizationKind<SendAuthorization> = {
  codec: SendAuthorization,
  msgTypeUrl: () => "/cosmos.bank.v1beta1.MsgSend",
  validateBasic(a) {
    if (a.spendLimit.length === 0) throw sdkErrors.invalidCoins("spend limit cannot be nil");
    try {
      validatePositiveCoins(a.spendLimit);
    } catch {
      throw sdkErrors.invalidCoins("spend limit must be positive");
    }
    if (new Set(a.allowList).size !== a.allowList.length) throw new ChainError("bank", 9, "duplicate entry");
  },
  accept(a, msg) {
    if (msg.typeUrl !== "/cosmos.bank.v1beta1.MsgSend") throw sdkErrors.invalidType("type mismatch");
    const send = msg.value as MsgSend;
    const { left, negative } = safeSubCoins(a.spendLimit, send.amount);
    if (negative) throw sdkErrors.insufficientFunds("requested amount is more than spend limit");
    if (a.allowList.length > 0 && !a.allowList.includes(send.toAddress)) throw sdkErrors.unauthorized(`cannot send to ${send.toAddress} address`);
    if (left.length === 0) return { accept: true, delete: true };
    return { accept: true, delete: false, updated: SendAuthorization.fromPartial({ spendLimit: left, allowList: a.allowList }) };
  },
};

/** The deposit a message carries and the scope it needs, for the messages a DepositAuthorization covers. */
function depositOf(msg: RoutedMsg): { scope: DepositAuthorization_Scope; amount: Coin } {
  switch (msg.typeUrl) {
    case ACCOUNT_DEPOSIT_URL: {
      const m = msg.value as MsgAccountDeposit;
      const scope = m.id?.scope === Scope.deployment ? DepositAuthorization_Scope.deployment : m.id?.scope === Scope.bid ? DepositAuthorization_Scope.bid : undefined;
      if (scope === undefined) throw escrowAuthzErrors.unauthorizedDepositScope();
      return { scope, amount: { denom: m.deposit?.amount?.denom ?? "", amount: m.deposit?.amount?.amount ?? "0" } };
    }
    case "/akash.deployment.v1beta4.MsgCreateDeployment": {
      const m = msg.value as MsgCreateDeployment;
      return { scope: DepositAuthorization_Scope.deployment, amount: { denom: m.deposit?.amount?.denom ?? "", amount: m.deposit?.amount?.amount ?? "0" } };
    }
    case "/akash.market.v1beta5.MsgCreateBid": {
      const m = msg.value as MsgCreateBid;
      return { scope: DepositAuthorization_Scope.bid, amount: { denom: m.deposit?.amount?.denom ?? "", amount: m.deposit?.amount?.amount ?? "0" } };
    }
    default:
      throw sdkErrors.invalidType(`"${msg.typeUrl}" is unsupported authorization msg for deposit`);
  }
}

/** chain-sdk go/node/escrow/v1/authz.go (the version chain-sdk 1.0.0-alpha.25 encodes: one spend_limit). */
const depositAuthorization: AuthorizationKind<DepositAuthorization> = {
  codec: DepositAuthorization,
  msgTypeUrl: () => ACCOUNT_DEPOSIT_URL,
  validateBasic(a) {
    if (a.scopes.length === 0) throw escrowAuthzErrors.invalidAuthzScope("empty scope");
    const seen = new Set<number>();
    for (const s of a.scopes) {
      if (s !== DepositAuthorization_Scope.deployment && s !== DepositAuthorization_Scope.bid) throw escrowAuthzErrors.invalidAuthzScope(`invalid scope "${s}"`);
      if (seen.has(s)) throw escrowAuthzErrors.invalidAuthzScope(`duplicate scope "${DepositAuthorization_Scope[s]}"`);
      seen.add(s);
    }
    const limit = a.spendLimit;
    if (!limit || !/^\d+$/.test(limit.amount) || BigInt(limit.amount) <= 0n) throw sdkErrors.invalidCoins("spend limit cannot be negative");
  },
  accept(a, msg, partial) {
    const { scope, amount } = depositOf(msg);
    if (!a.scopes.includes(scope)) throw escrowAuthzErrors.unauthorizedDepositScope();
    const limit = a.spendLimit!;
    if (limit.denom !== amount.denom) return { accept: false, delete: false };
    let allowed = BigInt(amount.amount);
    const have = BigInt(limit.amount);
    if (have < allowed) {
      if (!partial) throw sdkErrors.insufficientFunds();
      allowed = have;
    }
    const left = have - allowed;
    return { accept: true, delete: left === 0n, updated: DepositAuthorization.fromPartial({ scopes: a.scopes, spendLimit: { denom: limit.denom, amount: left.toString() } }) };
  },
};

const KINDS: Record<string, AuthorizationKind<unknown>> = {
  [GENERIC_AUTHORIZATION_URL]: genericAuthorization as AuthorizationKind<unknown>,
  [SEND_AUTHORIZATION_URL]: sendAuthorization as AuthorizationKind<unknown>,
  [DEPOSIT_AUTHORIZATION_URL]: depositAuthorization as AuthorizationKind<unknown>,
};

/** An Any as stored: type URL and base64 protobuf bytes. */
export interface StoredAny {
  typeUrl: string;
  value: string;
}

export interface GrantRecord {
  granter: string;
  grantee: string;
  msgTypeUrl: string;
  authorization: StoredAny;
  /** RFC 3339 (ms), or null for a grant that does not expire. */
  expiration: string | null;
}

/** A decoded authorization with its kind. */
export interface Authorization {
  typeUrl: string;
  value: unknown;
}

function kindOf(typeUrl: string): AuthorizationKind<unknown> {
  const k = KINDS[typeUrl];
  // The interface registry rejects an Any it has no implementation for when the tx is decoded.
  if (!k) throw sdkErrors.txDecode(`unable to resolve type URL ${typeUrl}`);
  return k;
}

export function decodeAuthorization(any: { typeUrl: string; value: Uint8Array }): Authorization {
  const kind = kindOf(any.typeUrl);
  return { typeUrl: any.typeUrl, value: kind.codec.decode(any.value) };
}

export function authorizationMsgTypeUrl(a: Authorization): string {
  return kindOf(a.typeUrl).msgTypeUrl(a.value);
}

function toStored(a: Authorization): StoredAny {
  return { typeUrl: a.typeUrl, value: Buffer.from(kindOf(a.typeUrl).codec.encode(a.value).finish()).toString("base64") };
}

function fromStored(s: StoredAny): Authorization {
  return decodeAuthorization({ typeUrl: s.typeUrl, value: Buffer.from(s.value, "base64") });
}

function storedToAny(s: StoredAny): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: s.typeUrl, value: Buffer.from(s.value, "base64") };
}

const GRANT = "authz/grant/";
const BY_GRANTEE = "authz/grantee/";
const QUEUE = "authz/queue/";

const grantKey = (granter: string, grantee: string, msgType: string) => `${GRANT}${granter}/${grantee}/${msgType}`;
const granteeIndexKey = (grantee: string, msgType: string, granter: string) => `${BY_GRANTEE}${grantee}/${msgType}/${granter}`;
/** Milliseconds since the epoch, fixed width, so the queue iterates in time order. */
export const timeKey = (t: Date) => String(t.getTime()).padStart(16, "0");
const queueKey = (t: Date, granter: string, grantee: string) => `${QUEUE}${timeKey(t)}/${granter}/${grantee}`;

function expired(g: GrantRecord, now: Date): boolean {
  return g.expiration !== null && new Date(g.expiration).getTime() < now.getTime();
}

function requireBech32(address: string, what: string): void {
  if (!isValidAddress(address)) throw sdkErrors.invalidAddress(`invalid ${what} address: decoding bech32 failed`);
}

/** x/authz keeper: grants, their expiry queue, MsgExec dispatch, and the fork's grantee lookup. */
export class AuthzKeeper {
  getGrant(store: KVStore, granter: string, grantee: string, msgTypeUrl: string): GrantRecord | undefined {
    return store.get<GrantRecord>(grantKey(granter, grantee, msgTypeUrl));
  }

  authorization(g: GrantRecord): Authorization {
    return fromStored(g.authorization);
  }

  /** GetAuthorization: the grant's authorization unless missing or expired. */
  getAuthorization(store: KVStore, granter: string, grantee: string, msgTypeUrl: string, now: Date): { authorization: Authorization; expiration: Date | null } | undefined {
    const g = this.getGrant(store, granter, grantee, msgTypeUrl);
    if (!g || expired(g, now)) return undefined;
    return { authorization: fromStored(g.authorization), expiration: g.expiration === null ? null : new Date(g.expiration) };
  }

  /** SaveGrant: creates or replaces the grant, keeps the expiry queue and index, emits EventGrant. */
  saveGrant(ctx: TxContext, granter: string, grantee: string, authorization: Authorization, expiration: Date | null): void {
    if (expiration !== null && expiration.getTime() <= ctx.time.getTime()) {
      throw authzErrors.invalidExpirationTime(`expiration must be after the current block time (${rfc3339(ctx.time)}), got ${rfc3339(expiration)}`);
    }
    const msgType = authorizationMsgTypeUrl(authorization);
    const old = this.getGrant(ctx.store, granter, grantee, msgType);
    const oldExp = old?.expiration ?? null;
    const newExp = expiration === null ? null : expiration.toISOString();
    if (oldExp !== null && oldExp !== newExp) this.removeFromQueue(ctx.store, new Date(oldExp), granter, grantee, msgType);
    if (expiration !== null && oldExp !== newExp) this.insertIntoQueue(ctx.store, expiration, granter, grantee, msgType);
    ctx.store.set(grantKey(granter, grantee, msgType), { granter, grantee, msgTypeUrl: msgType, authorization: toStored(authorization), expiration: newExp } satisfies GrantRecord);
    if (!old) ctx.store.set(granteeIndexKey(grantee, msgType, granter), 1);
    ctx.events.emitTyped(EventGrant, EventGrant.fromPartial({ msgTypeUrl: msgType, granter, grantee }));
  }

  /** DeleteGrant: fails with authz 2 when there is none; emits EventRevoke. */
  deleteGrant(ctx: TxContext, granter: string, grantee: string, msgType: string): void {
    const g = this.getGrant(ctx.store, granter, grantee, msgType);
    if (!g) throw authzErrors.noAuthorizationFound(`failed to delete grant with key ${grantKeyText(granter, grantee, msgType)}`);
    if (g.expiration !== null) this.removeFromQueue(ctx.store, new Date(g.expiration), granter, grantee, msgType);
    this.removeGrant(ctx.store, granter, grantee, msgType);
    ctx.events.emitTyped(EventRevoke, EventRevoke.fromPartial({ msgTypeUrl: msgType, granter, grantee }));
  }

  /** update: replaces the authorization of an existing grant (no event, same expiry), as DispatchActions does. */
  private update(ctx: TxContext, granter: string, grantee: string, updated: Authorization): void {
    const msgType = authorizationMsgTypeUrl(updated);
    const g = this.getGrant(ctx.store, granter, grantee, msgType);
    if (!g) throw authzErrors.noAuthorizationFound();
    ctx.store.set(grantKey(granter, grantee, msgType), { ...g, authorization: toStored(updated) });
  }

  /**
   * The fork's GetGranteeGrantsByMsgType: the grantee's unexpired grants of one message type, in
   * granter order. `onGrant` returns true to stop.
   */
  granteeGrantsByMsgType(store: KVStore, grantee: string, msgType: string, now: Date, onGrant: (granter: string, a: Authorization, expiration: Date | null) => boolean): void {
    const granters = [...store.iterate(`${BY_GRANTEE}${grantee}/${msgType}/`)].map(([k]) => k.slice(`${BY_GRANTEE}${grantee}/${msgType}/`.length));
    for (const granter of granters) {
      const g = this.getGrant(store, granter, grantee, msgType);
      if (!g || expired(g, now)) continue;
      let a: Authorization;
      try {
        a = fromStored(g.authorization);
      } catch {
        continue;
      }
      if (onGrant(granter, a, g.expiration === null ? null : new Date(g.expiration))) break;
    }
  }

  /** The escrow keeper's TryAccept on a stored authorization (partial acceptance). */
  tryAccept(a: Authorization, msg: RoutedMsg): AcceptResponse {
    return kindOf(a.typeUrl).accept(a.value, msg, true);
  }

  /**
   * DispatchActions: every message's single signer is the granter; unless it is the grantee, its
   * grant must exist, be unexpired and accept the message (updated or deleted as it says). Inner
   * events get `authz_msg_index`. Returns each message's encoded response.
   */
  dispatch(ctx: TxContext, router: MsgRouter, grantee: string, msgs: RoutedMsg[]): Uint8Array[] {
    const results: Uint8Array[] = [];
    msgs.forEach((msg, i) => {
      const handler = router.handler(msg.typeUrl);
      if (!handler) throw sdkErrors.unknownRequest(`unrecognized message route: ${msg.typeUrl}`);
      const signers = handler.signers(msg.value);
      if (signers.length !== 1) throw authzErrors.authorizationNumOfSigners();
      const granter = signers[0]!;
      if (granter !== grantee) {
        const g = this.getGrant(ctx.store, granter, grantee, msg.typeUrl);
        if (!g) throw authzErrors.noAuthorizationFound(`failed to update grant with key ${grantKeyText(granter, grantee, msg.typeUrl)}`);
        if (expired(g, ctx.time)) throw authzErrors.authorizationExpired();
        const a = fromStored(g.authorization);
        const resp = kindOf(a.typeUrl).accept(a.value, msg, false);
        if (resp.delete) this.deleteGrant(ctx, granter, grantee, msg.typeUrl);
        else if (resp.updated !== undefined) this.update(ctx, granter, grantee, { typeUrl: a.typeUrl, value: resp.updated });
        if (!resp.accept) throw sdkErrors.unauthorized();
      }
      const em = new DevnetEventManager();
      let res: unknown;
      try {
        res = handler.handle({ ...ctx, events: em, signers }, msg.value);
      } catch (e) {
        if (e instanceof ChainError) throw new ChainError(e.codespace, e.code, `failed to execute message; message ${msg.typeUrl}: ${e.message}`);
        throw e;
      }
      results.push(handler.responseType.encode(res ?? handler.responseType.fromPartial({})).finish());
      const tagged: ChainEvent[] = em.events.map((e) => ({ type: e.type, attributes: [...e.attributes, { key: "authz_msg_index", value: String(i), index: true }] }));
      ctx.events.events.push(...tagged);
    });
    return results;
  }

  /** DequeueAndDeleteExpiredGrants (BeginBlock): every queued grant whose expiry is at or before the block time. */
  pruneExpired(ctx: BlockContext): void {
    const end = `${QUEUE}${timeKey(ctx.time)}0`;
    const due = [...ctx.store.iterate<{ msgTypeUrls: string[] }>(QUEUE)].filter(([k]) => k < end);
    for (const [key, item] of due) {
      const [, , , granter, grantee] = key.split("/");
      ctx.store.delete(key);
      for (const t of item.msgTypeUrls) this.removeGrant(ctx.store, granter!, grantee!, t);
    }
  }

  private removeGrant(store: KVStore, granter: string, grantee: string, msgType: string): void {
    store.delete(grantKey(granter, grantee, msgType));
    store.delete(granteeIndexKey(grantee, msgType, granter));
  }

  private insertIntoQueue(store: KVStore, t: Date, granter: string, grantee: string, msgType: string): void {
    const key = queueKey(t, granter, grantee);
    const item = store.get<{ msgTypeUrls: string[] }>(key) ?? { msgTypeUrls: [] };
    store.set(key, { msgTypeUrls: [...item.msgTypeUrls, msgType] });
  }

  private removeFromQueue(store: KVStore, t: Date, granter: string, grantee: string, msgType: string): void {
    const key = queueKey(t, granter, grantee);
    const item = store.get<{ msgTypeUrls: string[] }>(key);
    if (!item) throw authzErrors.noGrantKeyFound("can't remove grant from the expire queue, grant key not found");
    const rest = item.msgTypeUrls.filter((x) => x !== msgType);
    if (rest.length === 0) store.delete(key);
    else store.set(key, { msgTypeUrls: rest });
  }

  // ------------------------------------------------------------------ wire messages

  grantMessage(g: GrantRecord): Grant {
    return { authorization: storedToAny(g.authorization), expiration: g.expiration === null ? undefined : new Date(g.expiration) };
  }

  grantAuthorizationMessage(g: GrantRecord): GrantAuthorization {
    return GrantAuthorization.fromPartial({ granter: g.granter, grantee: g.grantee, authorization: storedToAny(g.authorization), expiration: g.expiration === null ? undefined : new Date(g.expiration) });
  }
}

/** The store key as the SDK prints it in errors is binary; the devnet prints its own key. */
function grantKeyText(granter: string, grantee: string, msgType: string): string {
  return `${granter}/${grantee}/${msgType}`;
}

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, "Z");
}

function queryAddress(address: string, what: string): void {
  if (address === "") throw grpcErrors.invalidArgument(`empty ${what} address`);
  if (!isValidAddress(address)) throw grpcErrors.invalidArgument(`invalid ${what} address: decoding bech32 failed`);
}

/** Routes MsgExec's inner Anys: each decodes with the handler of its type URL. */
function decodeInner(router: MsgRouter, any: { typeUrl: string; value: Uint8Array }): RoutedMsg {
  const h = router.handler(any.typeUrl);
  if (!h) throw sdkErrors.txDecode(`unable to resolve type URL ${any.typeUrl}`);
  return { typeUrl: any.typeUrl, value: h.type.decode(any.value) };
}

function routerOf(keepers: TxContext["keepers"]): MsgRouter {
  if (!keepers.router) throw new Error("x/authz needs the app's message router (keepers.router)");
  return keepers.router;
}

export function authzModule(keeper: AuthzKeeper, router: () => MsgRouter | undefined): Module & { keeper: AuthzKeeper } {
  const grantHandler: MsgHandler<MsgGrant, MsgGrantResponse> = {
    typeUrl: "/cosmos.authz.v1beta1.MsgGrant",
    aminoType: "cosmos-sdk/MsgGrant",
    type: MsgGrant,
    responseType: MsgGrantResponse,
    signers: (m) => [m.granter],
    validateBasic(m) {
      // Decoding the tx unpacks the Any: an authorization type the chain does not know fails here.
      if (m.grant?.authorization) decodeAuthorization(m.grant.authorization);
    },
    handle(ctx, m) {
      if (m.grantee.toLowerCase() === m.granter.toLowerCase()) throw authzErrors.granteeIsGranter();
      requireBech32(m.grantee, "grantee");
      requireBech32(m.granter, "granter");
      const any = m.grant?.authorization;
      if (!any) throw sdkErrors.invalidType("expected authz.Authorization, got <nil>");
      const a = decodeAuthorization(any);
      kindOf(a.typeUrl).validateBasic(a.value);
      ensureAccount(ctx.store, m.grantee);
      const t = authorizationMsgTypeUrl(a);
      if (!routerOf(ctx.keepers).handler(t)) throw sdkErrors.invalidType(`${t} doesn't exist.`);
      keeper.saveGrant(ctx, m.granter, m.grantee, a, m.grant?.expiration ?? null);
      return {};
    },
  };
  const revokeHandler: MsgHandler<MsgRevoke, MsgRevokeResponse> = {
    typeUrl: "/cosmos.authz.v1beta1.MsgRevoke",
    aminoType: "cosmos-sdk/MsgRevoke",
    type: MsgRevoke,
    responseType: MsgRevokeResponse,
    signers: (m) => [m.granter],
    handle(ctx, m) {
      if (m.grantee.toLowerCase() === m.granter.toLowerCase()) throw authzErrors.granteeIsGranter();
      requireBech32(m.grantee, "grantee");
      requireBech32(m.granter, "granter");
      if (m.msgTypeUrl === "") throw sdkErrors.invalidRequest("missing msg method name");
      keeper.deleteGrant(ctx, m.granter, m.grantee, m.msgTypeUrl);
      return {};
    },
  };
  const execHandler: MsgHandler<MsgExec, MsgExecResponse> = {
    typeUrl: "/cosmos.authz.v1beta1.MsgExec",
    aminoType: "cosmos-sdk/MsgExec",
    type: MsgExec,
    responseType: MsgExecResponse,
    signers: (m) => [m.grantee],
    validateBasic(m) {
      const r = router();
      if (r) for (const any of m.msgs) decodeInner(r, any);
    },
    handle(ctx, m) {
      if (m.grantee === "") throw sdkErrors.invalidAddress("empty address string is not allowed");
      requireBech32(m.grantee, "grantee");
      if (m.msgs.length === 0) throw sdkErrors.invalidRequest("messages cannot be empty");
      const r = routerOf(ctx.keepers);
      const msgs = m.msgs.map((any) => decodeInner(r, any));
      msgs.forEach((msg, i) => {
        try {
          r.handler(msg.typeUrl)!.validateBasic?.(msg.value, ctx.config);
        } catch (e) {
          if (e instanceof ChainError) throw new ChainError(e.codespace, e.code, `msg ${i}: ${e.message}`);
          throw e;
        }
      });
      return MsgExecResponse.fromPartial({ results: keeper.dispatch(ctx, r, m.grantee, msgs) });
    },
  };

  return {
    name: "authz",
    keeper,
    msgs: [grantHandler, revokeHandler, execHandler],
    queries: [
      {
        path: "/cosmos.authz.v1beta1.Query/Grants",
        request: QueryGrantsRequest,
        response: QueryGrantsResponse,
        handle(ctx: QueryContext, req: QueryGrantsRequest) {
          queryAddress(req.granter, "granter");
          queryAddress(req.grantee, "grantee");
          if (req.msgTypeUrl !== "") {
            const g = keeper.getGrant(ctx.store, req.granter, req.grantee, req.msgTypeUrl);
            if (!g) throw authzErrors.noAuthorizationFound(`authorization not found for ${req.msgTypeUrl} type`);
            return QueryGrantsResponse.fromPartial({ grants: [keeper.grantMessage(g)] });
          }
          const page = listUnderPrefix(ctx.store, `${GRANT}${req.granter}/${req.grantee}/`, req.pagination, (g: GrantRecord) => keeper.grantMessage(g));
          return QueryGrantsResponse.fromPartial({ grants: page.items, pagination: page.pagination });
        },
      },
      {
        path: "/cosmos.authz.v1beta1.Query/GranterGrants",
        request: QueryGranterGrantsRequest,
        response: QueryGranterGrantsResponse,
        handle(ctx: QueryContext, req: QueryGranterGrantsRequest) {
          queryAddress(req.granter, "granter");
          const page = listUnderPrefix(ctx.store, `${GRANT}${req.granter}/`, req.pagination, (g: GrantRecord) => keeper.grantAuthorizationMessage(g));
          return QueryGranterGrantsResponse.fromPartial({ grants: page.items, pagination: page.pagination });
        },
      },
      {
        path: "/cosmos.authz.v1beta1.Query/GranteeGrants",
        request: QueryGranteeGrantsRequest,
        response: QueryGranteeGrantsResponse,
        handle(ctx: QueryContext, req: QueryGranteeGrantsRequest) {
          queryAddress(req.grantee, "grantee");
          // The SDK filters the whole grant store by grantee (granter order), as here.
          const page = listUnderPrefix(ctx.store, GRANT, req.pagination, (g: GrantRecord) => keeper.grantAuthorizationMessage(g), (g) => g.grantee === req.grantee);
          return QueryGranteeGrantsResponse.fromPartial({ grants: page.items, pagination: page.pagination });
        },
      },
    ],
    beginBlock(ctx: BlockContext) {
      keeper.pruneExpired(ctx);
    },
  };
}
