/**
 * Amino JSON (SIGN_MODE_LEGACY_AMINO_JSON) for x/authz and x/feegrant, under the names the SDK
 * registers (`cosmos-sdk/MsgGrant`, `cosmos-sdk/BasicAllowance`, ...; Akash's DepositAuthorization is
 * `akash/DepositAuthorization`, its proto's amino.name). cosmjs 0.36 ships none for these
 * (createAuthzAminoConverters/createFeegrantAminoConverters are empty), so the devnet defines them:
 * nested Anys become `{type, value}`, timestamps RFC 3339, durations nanoseconds as a string, empty
 * optional fields left out (coin lists the SDK marks dont_omitempty stay). `fromAmino` returns
 * chain-sdk message objects (the shapes `createAkashRegistry()` encodes).
 */
import type { AminoMsg } from "@cosmjs/amino";
import type { AminoConverters, AminoTypes } from "@cosmjs/stargate";
import Long from "long";
import {
  AllowedMsgAllowance,
  BasicAllowance,
  GenericAuthorization,
  MsgExec,
  MsgGrant,
  MsgGrantAllowance,
  MsgPruneAllowances,
  MsgRevoke,
  MsgRevokeAllowance,
  PeriodicAllowance,
  SendAuthorization,
} from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { DepositAuthorization } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { MessageFns } from "./types.ts";

type AnyMsg = { typeUrl: string; value: Uint8Array };
type Json = Record<string, unknown>;
type Coins = { denom: string; amount: string }[];

const coins = (cs: Coins | undefined) => (cs ?? []).map((c) => ({ denom: c.denom, amount: c.amount }));
const rfc3339 = (d: Date) => d.toISOString().replace(/\.000Z$/, "Z");
const omitEmpty = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0)));

interface Nested<T> {
  aminoType: string;
  codec: MessageFns<T, string>;
  toAmino(v: T): Json;
  fromAmino(j: Json): T;
}

const basicToAmino = (b: BasicAllowance): Json => ({ spend_limit: coins(b.spendLimit), ...(b.expiration ? { expiration: rfc3339(b.expiration) } : {}) });
const basicFromAmino = (j: Json): BasicAllowance => BasicAllowance.fromPartial({ spendLimit: coins(j.spend_limit as Coins), expiration: j.expiration ? new Date(String(j.expiration)) : undefined });

const NESTED: Record<string, Nested<never>> = {};
function nested<T>(typeUrl: string, n: Nested<T>): void {
  NESTED[typeUrl] = n as unknown as Nested<never>;
}

nested<GenericAuthorization>("/cosmos.authz.v1beta1.GenericAuthorization", {
  aminoType: "cosmos-sdk/GenericAuthorization",
  codec: GenericAuthorization,
  toAmino: (a) => omitEmpty({ msg: a.msg }),
  fromAmino: (j) => GenericAuthorization.fromPartial({ msg: String(j.msg ?? "") }),
});
nested<SendAuthorization>("/cosmos.bank.v1beta1.SendAuthorization", {
  aminoType: "cosmos-sdk/SendAuthorization",
  codec: SendAuthorization,
  toAmino: (a) => ({ spend_limit: coins(a.spendLimit), ...omitEmpty({ allow_list: a.allowList }) }),
  fromAmino: (j) => SendAuthorization.fromPartial({ spendLimit: coins(j.spend_limit as Coins), allowList: (j.allow_list as string[] | undefined) ?? [] }),
});
nested<DepositAuthorization>("/akash.escrow.v1.DepositAuthorization", {
  aminoType: "akash/DepositAuthorization",
  codec: DepositAuthorization,
  toAmino: (a) => omitEmpty({ spend_limit: a.spendLimit ? { denom: a.spendLimit.denom, amount: a.spendLimit.amount } : undefined, scopes: a.scopes }),
  fromAmino: (j) => DepositAuthorization.fromPartial({ spendLimit: j.spend_limit as { denom: string; amount: string } | undefined, scopes: (j.scopes as number[] | undefined) ?? [] }),
});
nested<BasicAllowance>("/cosmos.feegrant.v1beta1.BasicAllowance", { aminoType: "cosmos-sdk/BasicAllowance", codec: BasicAllowance, toAmino: basicToAmino, fromAmino: basicFromAmino });
nested<PeriodicAllowance>("/cosmos.feegrant.v1beta1.PeriodicAllowance", {
  aminoType: "cosmos-sdk/PeriodicAllowance",
  codec: PeriodicAllowance,
  toAmino: (p) => ({
    basic: basicToAmino(p.basic ?? BasicAllowance.fromPartial({})),
    period: p.period ? Long.fromValue(p.period.seconds).multiply(1_000_000_000).add(p.period.nanos).toString() : "0",
    period_spend_limit: coins(p.periodSpendLimit),
    period_can_spend: coins(p.periodCanSpend),
    period_reset: rfc3339(p.periodReset ?? new Date(-62135596800000)),
  }),
  fromAmino: (j) => {
    const ns = Long.fromString(String(j.period ?? "0"));
    return PeriodicAllowance.fromPartial({
      basic: basicFromAmino((j.basic as Json | undefined) ?? {}),
      period: { seconds: ns.divide(1_000_000_000), nanos: ns.modulo(1_000_000_000).toNumber() },
      periodSpendLimit: coins(j.period_spend_limit as Coins),
      periodCanSpend: coins(j.period_can_spend as Coins),
      periodReset: j.period_reset ? new Date(String(j.period_reset)) : undefined,
    });
  },
});
nested<AllowedMsgAllowance>("/cosmos.feegrant.v1beta1.AllowedMsgAllowance", {
  aminoType: "cosmos-sdk/AllowedMsgAllowance",
  codec: AllowedMsgAllowance,
  toAmino: (a) => omitEmpty({ allowance: a.allowance ? anyToAmino(a.allowance) : undefined, allowed_messages: a.allowedMessages }),
  fromAmino: (j) => AllowedMsgAllowance.fromPartial({ allowance: j.allowance ? anyFromAmino(j.allowance as AminoMsg) : undefined, allowedMessages: (j.allowed_messages as string[] | undefined) ?? [] }),
});

function anyToAmino(any: AnyMsg): AminoMsg {
  const n = NESTED[any.typeUrl];
  if (!n) throw new Error(`no amino name for ${any.typeUrl}`);
  return { type: n.aminoType, value: n.toAmino(n.codec.decode(any.value) as never) };
}

function anyFromAmino(msg: AminoMsg): AnyMsg {
  const entry = Object.entries(NESTED).find(([, n]) => n.aminoType === msg.type);
  if (!entry) throw new Error(`unknown amino type ${msg.type}`);
  const [typeUrl, n] = entry;
  return { typeUrl, value: n.codec.encode(n.fromAmino(msg.value as Json)).finish() };
}

/**
 * The authz/feegrant converters. MsgExec's inner messages go through `types()` (the full set) and
 * are decoded/encoded with `codecFor(typeUrl)`.
 */
export function createAuthzFeegrantAminoConverters(types: () => AminoTypes, codecFor: (typeUrl: string) => MessageFns<unknown> | undefined): AminoConverters {
  return {
    "/cosmos.authz.v1beta1.MsgGrant": {
      aminoType: "cosmos-sdk/MsgGrant",
      toAmino: (m: MsgGrant) => ({
        granter: m.granter,
        grantee: m.grantee,
        grant: omitEmpty({ authorization: m.grant?.authorization ? anyToAmino(m.grant.authorization) : undefined, expiration: m.grant?.expiration ? rfc3339(m.grant.expiration) : undefined }),
      }),
      fromAmino: (j: { granter: string; grantee: string; grant?: { authorization?: AminoMsg; expiration?: string } }) =>
        MsgGrant.fromPartial({
          granter: j.granter,
          grantee: j.grantee,
          grant: { authorization: j.grant?.authorization ? anyFromAmino(j.grant.authorization) : undefined, expiration: j.grant?.expiration ? new Date(j.grant.expiration) : undefined },
        }),
    },
    "/cosmos.authz.v1beta1.MsgRevoke": {
      aminoType: "cosmos-sdk/MsgRevoke",
      toAmino: (m: MsgRevoke) => omitEmpty({ granter: m.granter, grantee: m.grantee, msg_type_url: m.msgTypeUrl }),
      fromAmino: (j: Json) => MsgRevoke.fromPartial({ granter: String(j.granter ?? ""), grantee: String(j.grantee ?? ""), msgTypeUrl: String(j.msg_type_url ?? "") }),
    },
    "/cosmos.authz.v1beta1.MsgExec": {
      aminoType: "cosmos-sdk/MsgExec",
      toAmino: (m: MsgExec) => ({
        grantee: m.grantee,
        msgs: m.msgs.map((any) => {
          const codec = codecFor(any.typeUrl);
          if (!codec) throw new Error(`no codec for ${any.typeUrl}`);
          return types().toAmino({ typeUrl: any.typeUrl, value: codec.decode(any.value) });
        }),
      }),
      fromAmino: (j: { grantee: string; msgs: AminoMsg[] }) =>
        MsgExec.fromPartial({
          grantee: j.grantee,
          msgs: j.msgs.map((a) => {
            const { typeUrl, value } = types().fromAmino(a);
            const codec = codecFor(typeUrl);
            if (!codec) throw new Error(`no codec for ${typeUrl}`);
            return { typeUrl, value: codec.encode(codec.fromPartial(value)).finish() };
          }),
        }),
    },
    "/cosmos.feegrant.v1beta1.MsgGrantAllowance": {
      aminoType: "cosmos-sdk/MsgGrantAllowance",
      toAmino: (m: MsgGrantAllowance) => omitEmpty({ granter: m.granter, grantee: m.grantee, allowance: m.allowance ? anyToAmino(m.allowance) : undefined }),
      fromAmino: (j: { granter: string; grantee: string; allowance?: AminoMsg }) =>
        MsgGrantAllowance.fromPartial({ granter: j.granter, grantee: j.grantee, allowance: j.allowance ? anyFromAmino(j.allowance) : undefined }),
    },
    "/cosmos.feegrant.v1beta1.MsgRevokeAllowance": {
      aminoType: "cosmos-sdk/MsgRevokeAllowance",
      toAmino: (m: MsgRevokeAllowance) => omitEmpty({ granter: m.granter, grantee: m.grantee }),
      fromAmino: (j: Json) => MsgRevokeAllowance.fromPartial({ granter: String(j.granter ?? ""), grantee: String(j.grantee ?? "") }),
    },
    "/cosmos.feegrant.v1beta1.MsgPruneAllowances": {
      aminoType: "cosmos-sdk/MsgPruneAllowances",
      toAmino: (m: MsgPruneAllowances) => omitEmpty({ pruner: m.pruner }),
      fromAmino: (j: Json) => MsgPruneAllowances.fromPartial({ pruner: String(j.pruner ?? "") }),
    },
  };
}
