/**
 * Protobuf registry and amino converters for every Akash Msg in chain-sdk, plus the cosmos defaults and the team
 * funding messages (amino-grants.ts).
 * Amino convention shared with the devnet: type name `akash-sdk/x/<module>/<MsgName>`, value = chain-sdk `toJSON(msg)`.
 */
import type { AminoConverters } from "@cosmjs/stargate";
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes } from "@cosmjs/stargate";
import { Registry, type GeneratedType } from "@cosmjs/proto-signing";
import * as akashV1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as akashV1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as akashV1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { createGrantAminoConverters } from "./amino-grants";

interface AkashCodec {
  $type: string;
  encode: (message: never) => { finish(): Uint8Array };
  decode: (input: Uint8Array) => unknown;
  fromPartial: (object: never) => unknown;
  fromJSON: (object: unknown) => unknown;
  toJSON: (message: never) => unknown;
}

function isMsgCodec(value: unknown): value is AkashCodec {
  if (!value || typeof value !== "object") return false;
  const codec = value as Partial<AkashCodec>;
  return (
    typeof codec.$type === "string" &&
    /^akash\.[a-z.0-9]+\.Msg[A-Za-z0-9]+$/.test(codec.$type) &&
    !codec.$type.endsWith("Response") &&
    typeof codec.encode === "function" &&
    typeof codec.fromJSON === "function"
  );
}

/** All Akash Msg codecs keyed by type URL ("/akash.bme.v1.MsgMintACT"). */
export const akashMsgCodecs: ReadonlyMap<string, AkashCodec> = (() => {
  const map = new Map<string, AkashCodec>();
  for (const module of [akashV1, akashV1beta4, akashV1beta5]) {
    for (const value of Object.values(module)) {
      if (isMsgCodec(value)) map.set(`/${value.$type}`, value);
    }
  }
  return map;
})();

/** `/akash.deployment.v1beta4.MsgCreateDeployment` → `akash-sdk/x/deployment/MsgCreateDeployment`. */
export function aminoTypeFor(typeUrl: string): string {
  const parts = typeUrl.replace(/^\//, "").split(".");
  const module = parts[1];
  const name = parts[parts.length - 1];
  if (parts[0] !== "akash" || !module || !name) throw new Error(`Not an Akash message type: ${typeUrl}`);
  return `akash-sdk/x/${module}/${name}`;
}

export function createAkashAminoConverters(): AminoConverters {
  const converters: AminoConverters = {};
  for (const [typeUrl, codec] of akashMsgCodecs) {
    converters[typeUrl] = {
      aminoType: aminoTypeFor(typeUrl),
      toAmino: (value: unknown) => codec.toJSON(value as never),
      fromAmino: (json: unknown) => codec.fromJSON(json),
    };
  }
  return converters;
}

export function createRegistry(): Registry {
  const registry = new Registry(defaultRegistryTypes);
  for (const [typeUrl, codec] of akashMsgCodecs) registry.register(typeUrl, codec as unknown as GeneratedType);
  return registry;
}

export function createAminoTypes(): AminoTypes {
  // cosmjs has none for authz and feegrant; a Ledger through Keplr needs them to give or revoke a grant.
  return new AminoTypes({ ...createDefaultAminoConverters(), ...createAkashAminoConverters(), ...createGrantAminoConverters() });
}
