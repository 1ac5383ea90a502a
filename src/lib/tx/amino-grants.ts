/**
 * Amino JSON for the team-funding messages: authz MsgGrant (carrying a DepositAuthorization) and MsgRevoke, feegrant
 * MsgGrantAllowance (a basic allowance, optionally limited to some messages) and MsgRevokeAllowance. cosmjs 0.36 ships
 * none (its createAuthzAminoConverters and createFeegrantAminoConverters are empty), and a Ledger through Keplr signs
 * only amino JSON: without these, a hardware wallet could not give or revoke a grant.
 *
 * The SDK's rules (x/tx aminojson, SIGN_MODE_LEGACY_AMINO_JSON): the names it registers (`cosmos-sdk/MsgGrant`, ...;
 * Akash's `akash/DepositAuthorization` is its proto's amino.name); snake_case fields; an Any as `{type, value}`;
 * timestamps in RFC 3339; enums as numbers; empty fields left out unless the proto says dont_omitempty (a grant, a
 * basic allowance's spend limit). The builders in lib/grants set expiries in whole seconds, so no fractional-second
 * formatting is involved.
 *
 * A periodic allowance is refused: its period_reset is unset when granted, and whether the node renders an unset
 * Timestamp as year 1 or as 1970 could not be checked against a real node. A signature over the wrong rendering
 * would fail on chain after the user approved it on the device.
 *
 * Written apart from the devnet's (server/devnet/chain/amino-authz.ts) on purpose: the devnet stands in for the node
 * that checks these signatures, and a module shared by signer and checker would agree with itself even where wrong.
 */
import type { AminoConverters } from "@cosmjs/stargate";
import { DepositAuthorization } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { AllowedMsgAllowance, BasicAllowance } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { ALLOWED_MSG_ALLOWANCE, BASIC_ALLOWANCE, PERIODIC_ALLOWANCE } from "../chain/feegrant";
import { DEPOSIT_AUTHORIZATION } from "../chain/authz";

interface ProtoAny {
  typeUrl: string;
  value: Uint8Array;
}
interface AminoAny {
  type: string;
  value: Record<string, unknown>;
}
/** google.protobuf.Timestamp as the cosmjs registry's codecs take it. */
interface ProtoTimestamp {
  seconds: bigint;
  nanos: number;
}
interface CoinJson {
  denom: string;
  amount: string;
}

/** A wallet that signs only Amino JSON (a Ledger through Keplr): cosmjs then signs every transaction in that mode. */
export function signsAminoOnly(signer: object): boolean {
  return !("signDirect" in signer) && "signAmino" in signer;
}

export class AminoUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AminoUnsupportedError";
  }
}

/** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as the SDK's encoder writes a Timestamp. */
export function rfc3339(seconds: bigint, nanos: number): string {
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  if (nanos === 0) return `${whole}Z`;
  const digits = String(nanos).padStart(9, "0");
  const fraction = nanos % 1_000_000 === 0 ? digits.slice(0, 3) : nanos % 1_000 === 0 ? digits.slice(0, 6) : digits;
  return `${whole}.${fraction}Z`;
}

function parseRfc3339(text: unknown): ProtoTimestamp {
  const match = typeof text === "string" ? /^(.+?)(?:\.(\d{1,9}))?Z$/.exec(text) : null;
  const ms = match ? Date.parse(`${match[1]}Z`) : NaN;
  if (!match || Number.isNaN(ms)) throw new Error(`Not an RFC 3339 time: ${String(text)}`);
  return { seconds: BigInt(ms / 1000), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}

const dateToTimestamp = (d: Date): ProtoTimestamp => ({ seconds: BigInt(Math.floor(d.getTime() / 1000)), nanos: (d.getTime() % 1000) * 1_000_000 });
const timestampToDate = (t: ProtoTimestamp): Date => new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1_000_000));
const coinsJson = (coins: readonly CoinJson[] | undefined): CoinJson[] => (coins ?? []).map((c) => ({ denom: c.denom, amount: c.amount }));

/** The authorizations and allowances inside an Any, by type URL. */
const NESTED: Record<string, { aminoType: string; toAmino(bytes: Uint8Array): Record<string, unknown>; fromAmino(value: Record<string, unknown>): Uint8Array }> = {
  [DEPOSIT_AUTHORIZATION]: {
    aminoType: "akash/DepositAuthorization",
    toAmino(bytes) {
      const { spendLimit, scopes } = DepositAuthorization.decode(bytes);
      return { spend_limit: { denom: spendLimit?.denom ?? "", amount: spendLimit?.amount ?? "0" }, ...(scopes.length ? { scopes: [...scopes] } : {}) };
    },
    fromAmino(value) {
      const spendLimit = value.spend_limit as CoinJson;
      return DepositAuthorization.encode(DepositAuthorization.fromPartial({ spendLimit, scopes: (value.scopes as number[] | undefined) ?? [] })).finish();
    },
  },
  [BASIC_ALLOWANCE]: {
    aminoType: "cosmos-sdk/BasicAllowance",
    toAmino(bytes) {
      const { spendLimit, expiration } = BasicAllowance.decode(bytes);
      const at = expiration ? dateToTimestamp(expiration) : null;
      return { spend_limit: coinsJson(spendLimit), ...(at ? { expiration: rfc3339(at.seconds, at.nanos) } : {}) };
    },
    fromAmino(value) {
      const expiration = value.expiration === undefined ? undefined : timestampToDate(parseRfc3339(value.expiration));
      return BasicAllowance.encode(BasicAllowance.fromPartial({ spendLimit: coinsJson(value.spend_limit as CoinJson[] | undefined), expiration })).finish();
    },
  },
  [ALLOWED_MSG_ALLOWANCE]: {
    aminoType: "cosmos-sdk/AllowedMsgAllowance",
    toAmino(bytes) {
      const { allowance, allowedMessages } = AllowedMsgAllowance.decode(bytes);
      return { ...(allowance ? { allowance: anyToAmino(allowance) } : {}), ...(allowedMessages.length ? { allowed_messages: [...allowedMessages] } : {}) };
    },
    fromAmino(value) {
      const inner = value.allowance === undefined ? undefined : anyFromAmino(value.allowance as AminoAny);
      return AllowedMsgAllowance.encode(AllowedMsgAllowance.fromPartial({ allowance: inner, allowedMessages: (value.allowed_messages as string[] | undefined) ?? [] })).finish();
    },
  },
};

function anyToAmino(any: ProtoAny): AminoAny {
  if (any.typeUrl === PERIODIC_ALLOWANCE) {
    throw new AminoUnsupportedError("A fee allowance with a budget per period cannot be signed in Amino JSON, the only mode a Ledger through Keplr signs. Give a basic allowance (a total limit), or sign with a wallet that signs directly.");
  }
  const nested = NESTED[any.typeUrl];
  if (!nested) throw new AminoUnsupportedError(`${any.typeUrl} has no Amino JSON form in this console; sign with a wallet that signs directly.`);
  return { type: nested.aminoType, value: nested.toAmino(any.value) };
}

function anyFromAmino(amino: AminoAny): ProtoAny {
  const entry = Object.entries(NESTED).find(([, nested]) => nested.aminoType === amino.type);
  if (!entry) throw new Error(`Unknown Amino type ${amino.type}`);
  return { typeUrl: entry[0], value: entry[1].fromAmino(amino.value) };
}

interface GrantValue {
  granter: string;
  grantee: string;
  grant: { authorization?: ProtoAny; expiration?: ProtoTimestamp };
}
interface RevokeValue {
  granter: string;
  grantee: string;
  msgTypeUrl: string;
}
interface GrantAllowanceValue {
  granter: string;
  grantee: string;
  allowance?: ProtoAny;
}
interface RevokeAllowanceValue {
  granter: string;
  grantee: string;
}

export function createGrantAminoConverters(): AminoConverters {
  return {
    "/cosmos.authz.v1beta1.MsgGrant": {
      aminoType: "cosmos-sdk/MsgGrant",
      toAmino: ({ granter, grantee, grant }: GrantValue) => ({
        granter,
        grantee,
        grant: {
          ...(grant.authorization ? { authorization: anyToAmino(grant.authorization) } : {}),
          ...(grant.expiration ? { expiration: rfc3339(grant.expiration.seconds, grant.expiration.nanos) } : {}),
        },
      }),
      fromAmino: ({ granter, grantee, grant }: { granter: string; grantee: string; grant: { authorization?: AminoAny; expiration?: string } }): GrantValue => ({
        granter,
        grantee,
        grant: {
          ...(grant.authorization ? { authorization: anyFromAmino(grant.authorization) } : {}),
          ...(grant.expiration !== undefined ? { expiration: parseRfc3339(grant.expiration) } : {}),
        },
      }),
    },
    "/cosmos.authz.v1beta1.MsgRevoke": {
      aminoType: "cosmos-sdk/MsgRevoke",
      toAmino: ({ granter, grantee, msgTypeUrl }: RevokeValue) => ({ granter, grantee, msg_type_url: msgTypeUrl }),
      fromAmino: ({ granter, grantee, msg_type_url }: { granter: string; grantee: string; msg_type_url: string }): RevokeValue => ({ granter, grantee, msgTypeUrl: msg_type_url }),
    },
    "/cosmos.feegrant.v1beta1.MsgGrantAllowance": {
      aminoType: "cosmos-sdk/MsgGrantAllowance",
      toAmino: ({ granter, grantee, allowance }: GrantAllowanceValue) => ({ granter, grantee, ...(allowance ? { allowance: anyToAmino(allowance) } : {}) }),
      fromAmino: ({ granter, grantee, allowance }: { granter: string; grantee: string; allowance?: AminoAny }): GrantAllowanceValue => ({ granter, grantee, ...(allowance ? { allowance: anyFromAmino(allowance) } : {}) }),
    },
    "/cosmos.feegrant.v1beta1.MsgRevokeAllowance": {
      aminoType: "cosmos-sdk/MsgRevokeAllowance",
      toAmino: ({ granter, grantee }: RevokeAllowanceValue) => ({ granter, grantee }),
      fromAmino: ({ granter, grantee }: RevokeAllowanceValue): RevokeAllowanceValue => ({ granter, grantee }),
    },
  };
}
