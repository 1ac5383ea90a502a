/**
 * Team funding messages: a deposit authorization (authz MsgGrant carrying akash.escrow.v1.DepositAuthorization), a
 * fee allowance (feegrant MsgGrantAllowance, basic or periodic, optionally limited to some messages) and their
 * revocations. Inner payloads are encoded with chain-sdk's codecs; the outer messages use the cosmos registry types.
 */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { DepositAuthorization, DepositAuthorization_Scope } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { AllowedMsgAllowance, BasicAllowance, PeriodicAllowance } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { ALLOWED_MSG_ALLOWANCE, BASIC_ALLOWANCE, PERIODIC_ALLOWANCE } from "../chain/feegrant";
import { DEPOSIT_AUTHORIZATION, DEPOSIT_AUTHORIZATION_MSG, type DepositScope } from "../chain/authz";

export const MSG_GRANT = "/cosmos.authz.v1beta1.MsgGrant";
export const MSG_REVOKE = "/cosmos.authz.v1beta1.MsgRevoke";
export const MSG_GRANT_ALLOWANCE = "/cosmos.feegrant.v1beta1.MsgGrantAllowance";
export const MSG_REVOKE_ALLOWANCE = "/cosmos.feegrant.v1beta1.MsgRevokeAllowance";

interface CoinAmount {
  denom: string;
  amount: bigint;
}

const coin = (c: CoinAmount) => ({ denom: c.denom, amount: c.amount.toString() });

/**
 * An expiry in whole seconds: a grant needs no finer one, and every signing mode then renders it the same way
 * (Amino JSON writes fractional seconds, and encoders differ in how many digits).
 */
const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Protobuf Timestamp as the registry's codec takes it. */
function timestamp(ms: number) {
  return { seconds: BigInt(wholeSeconds(ms) / 1000), nanos: 0 };
}

export function buildDepositGrantMsg(args: { granter: string; grantee: string; spendLimit: CoinAmount; scopes: readonly DepositScope[]; expiresAt: number | null }): EncodeObject {
  const authorization = DepositAuthorization.fromPartial({
    spendLimit: coin(args.spendLimit),
    scopes: args.scopes.map((s) => (s === "bid" ? DepositAuthorization_Scope.bid : DepositAuthorization_Scope.deployment)),
  });
  return {
    typeUrl: MSG_GRANT,
    value: {
      granter: args.granter,
      grantee: args.grantee,
      grant: {
        authorization: { typeUrl: DEPOSIT_AUTHORIZATION, value: DepositAuthorization.encode(authorization).finish() },
        expiration: args.expiresAt === null ? undefined : timestamp(args.expiresAt),
      },
    },
  };
}

/** Revokes a deposit authorization (stored under the message type it authorizes). */
export function buildRevokeDepositGrantMsg(granter: string, grantee: string): EncodeObject {
  return { typeUrl: MSG_REVOKE, value: { granter, grantee, msgTypeUrl: DEPOSIT_AUTHORIZATION_MSG } };
}

export interface FeeAllowanceRequest {
  granter: string;
  grantee: string;
  /** Total the grantee may spend on fees; null: no total limit. */
  spendLimit: CoinAmount | null;
  expiresAt: number | null;
  /** A budget per period (periodic allowance), e.g. 1 AKT a day. */
  period?: { seconds: number; limit: CoinAmount } | undefined;
  /** Only these messages' fees are paid; empty: any. */
  allowedMessages?: readonly string[] | undefined;
}

function anyOf(request: FeeAllowanceRequest): { typeUrl: string; value: Uint8Array } {
  const basic = BasicAllowance.fromPartial({
    spendLimit: request.spendLimit ? [coin(request.spendLimit)] : [],
    expiration: request.expiresAt === null ? undefined : new Date(wholeSeconds(request.expiresAt)),
  });
  if (!request.period) return { typeUrl: BASIC_ALLOWANCE, value: BasicAllowance.encode(basic).finish() };
  const periodic = PeriodicAllowance.fromPartial({
    basic,
    period: { seconds: BigInt(Math.round(request.period.seconds)), nanos: 0 },
    periodSpendLimit: [coin(request.period.limit)],
    periodCanSpend: [coin(request.period.limit)],
  });
  return { typeUrl: PERIODIC_ALLOWANCE, value: PeriodicAllowance.encode(periodic).finish() };
}

export function buildFeeAllowanceMsg(request: FeeAllowanceRequest): EncodeObject {
  let allowance = anyOf(request);
  if (request.allowedMessages?.length) {
    const wrapped = AllowedMsgAllowance.fromPartial({ allowance, allowedMessages: [...request.allowedMessages] });
    allowance = { typeUrl: ALLOWED_MSG_ALLOWANCE, value: AllowedMsgAllowance.encode(wrapped).finish() };
  }
  return { typeUrl: MSG_GRANT_ALLOWANCE, value: { granter: request.granter, grantee: request.grantee, allowance } };
}

export function buildRevokeAllowanceMsg(granter: string, grantee: string): EncodeObject {
  return { typeUrl: MSG_REVOKE_ALLOWANCE, value: { granter, grantee } };
}
