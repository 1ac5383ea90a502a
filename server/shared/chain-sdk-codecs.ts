/**
 * Every protobuf codec and enum that @akashnetwork/chain-sdk ships, indexed by full type name.
 * Used to resolve google.protobuf.Any values, to build cosmjs registries, and to name enum values.
 */
import * as akashV1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as akashV1beta1 from "@akashnetwork/chain-sdk/private-types/akash.v1beta1";
import * as akashV1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as akashV1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import * as cosmosV1beta1 from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import * as cosmosV1 from "@akashnetwork/chain-sdk/private-types/cosmos.v1";
import * as cosmosSecp256k1 from "@akashnetwork/chain-sdk/private-types/cosmos.secp256k1";
import * as cosmosEd25519 from "@akashnetwork/chain-sdk/private-types/cosmos.ed25519";
import * as cosmosMultisig from "@akashnetwork/chain-sdk/private-types/cosmos.multisig";
import * as tendermintTypes from "@akashnetwork/chain-sdk/private-types/tendermint.types";
import * as tendermintCrypto from "@akashnetwork/chain-sdk/private-types/tendermint.crypto";
import * as tendermintP2p from "@akashnetwork/chain-sdk/private-types/tendermint.p2p";
import * as tendermintVersion from "@akashnetwork/chain-sdk/private-types/tendermint.version";
import * as tendermintAbci from "@akashnetwork/chain-sdk/private-types/tendermint.abci";

/** The ts-proto codec shape chain-sdk generates. */
export interface ProtoCodec<T = unknown> {
  readonly $type: string;
  encode(message: T, writer?: unknown): { finish(): Uint8Array };
  decode(input: Uint8Array, length?: number): T;
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
  fromPartial(object: unknown): T;
}

const MODULES: Record<string, unknown>[] = [
  akashV1,
  akashV1beta1,
  akashV1beta4,
  akashV1beta5,
  cosmosV1beta1,
  cosmosV1,
  cosmosSecp256k1,
  cosmosEd25519,
  cosmosMultisig,
  tendermintTypes,
  tendermintCrypto,
  tendermintP2p,
  tendermintVersion,
  tendermintAbci,
];

export function isCodec(value: unknown): value is ProtoCodec {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.$type === "string" &&
    typeof v.encode === "function" &&
    typeof v.decode === "function" &&
    typeof v.fromPartial === "function" &&
    typeof v.toJSON === "function" &&
    typeof v.fromJSON === "function"
  );
}

/** A TypeScript numeric enum object: E[0] === "name", E["name"] === 0. */
export type ProtoEnum = Record<string | number, string | number>;

function isEnum(value: unknown): value is ProtoEnum {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const zero = v[0];
  return typeof zero === "string" && v[zero] === 0 && v.UNRECOGNIZED === -1;
}

let codecsByType: Map<string, ProtoCodec> | undefined;
let enums: ProtoEnum[] | undefined;

function load() {
  codecsByType = new Map();
  enums = [];
  const seenEnums = new Set<unknown>();
  for (const mod of MODULES) {
    for (const value of Object.values(mod)) {
      if (isCodec(value)) {
        if (!codecsByType.has(value.$type)) codecsByType.set(value.$type, value);
      } else if (isEnum(value) && !seenEnums.has(value)) {
        seenEnums.add(value);
        enums.push(value);
      }
    }
  }
}

/** Codec by full type name ("cosmos.bank.v1beta1.MsgSend") or type URL ("/cosmos.bank.v1beta1.MsgSend"). */
export function codecFor(typeNameOrUrl: string): ProtoCodec | undefined {
  if (!codecsByType) load();
  return codecsByType!.get(typeNameOrUrl.replace(/^\//, ""));
}

export function allCodecs(): ProtoCodec[] {
  if (!codecsByType) load();
  return [...codecsByType!.values()];
}

export function allEnums(): ProtoEnum[] {
  if (!enums) load();
  return enums!;
}
