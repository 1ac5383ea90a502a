/**
 * Field schemas of chain-sdk (ts-proto) messages, recovered from the codecs themselves.
 *
 * ts-proto codecs carry no descriptors, but they reveal everything we need when probed:
 * `fromPartial({})` lists every field with its default (string "", number 0, Long 0, bool false,
 * bytes, [] for repeated, undefined for messages), `toJSON` with one field set reveals that
 * field's proto-JSON name and whether a number is an enum (it becomes a name), and `encode`
 * reveals LegacyDec customtypes (they go on the wire scaled by 10^18).
 *
 * A schema is addressed by (root codec, path of field names from the root), so nested message
 * types never need to be named.
 */
import Long from "long";
import { allEnums, type ProtoCodec } from "./chain-sdk-codecs.ts";

export type FieldKind =
  | "string"
  | "dec" // cosmos LegacyDec customtype: decimal string, 18 fractional digits in JSON
  | "int" // int32/uint32/float/double
  | "enum"
  | "long" // 64-bit ints (Long)
  | "bool"
  | "bytes"
  | "message"
  | "date" // google.protobuf.Timestamp (ts-proto useDate)
  | "repeated"
  | "map"
  | "unknown";

export interface FieldInfo {
  tsName: string;
  jsonName: string;
  kind: FieldKind;
  /** For repeated fields: whether elements are messages. */
  elemIsMessage?: boolean;
  /** For enums: value -> name (built from the matching chain-sdk enum, or probed). */
  enumNames?: Map<number, string>;
}

export interface MessageSchema {
  fields: FieldInfo[];
  /** google.protobuf.Any ({typeUrl, value}). */
  isAny: boolean;
  /** google.protobuf.Duration ({seconds, nanos}). */
  isDuration: boolean;
  /** akash ResourceValue ({val: bytes of a decimal math.Int}). */
  isResourceValue: boolean;
  /** ts names of fields that belong to a oneof (jsonpb omits an unset oneof even with EmitDefaults). */
  oneofFields: ReadonlySet<string>;
}

/**
 * ts-proto (oneof=properties) generates oneof members exactly like optional message fields, so
 * oneofs cannot be probed. These are the oneof groups that occur in responses the devnet serves.
 */
const ONEOF_GROUPS: readonly string[][] = [
  ["multi", "single"], // cosmos.tx.v1beta1.ModeInfo.sum
  ["duplicateVoteEvidence", "lightClientAttackEvidence"], // tendermint.types.Evidence.sum
  ["ed25519", "secp256k1"], // tendermint.crypto.PublicKey.sum
];

type PathSeg = { key: string; array: boolean };

const schemaCache = new WeakMap<ProtoCodec, Map<string, MessageSchema>>();

function wrap(path: readonly PathSeg[], leaf: Record<string, unknown>): Record<string, unknown> {
  let obj: unknown = leaf;
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i]!;
    obj = { [seg.key]: seg.array ? [obj] : obj };
  }
  return obj as Record<string, unknown>;
}

function digValue(root: unknown, path: readonly PathSeg[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg.key];
    if (seg.array) cur = Array.isArray(cur) ? cur[0] : undefined;
  }
  return cur;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !Long.isLong(v) && !(v instanceof Date);
}

export function pathKey(path: readonly PathSeg[]): string {
  return path.map((s) => (s.array ? `${s.key}[]` : s.key)).join(".");
}

/** JSON of the message at `path` when the root is built from `leaf` placed at `path`. */
function probeJson(codec: ProtoCodec, path: readonly PathSeg[], leaf: Record<string, unknown>): Record<string, unknown> | undefined {
  try {
    const msg = codec.fromPartial(wrap(path, leaf));
    let json: unknown = codec.toJSON(msg);
    // Walk the JSON by following the only key that appears at each level (the path's json names).
    for (const seg of path) {
      if (!isPlainObject(json)) return undefined;
      const keys = Object.keys(json);
      if (keys.length !== 1) return undefined;
      json = json[keys[0]!];
      if (seg.array) json = Array.isArray(json) ? json[0] : undefined;
    }
    return isPlainObject(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function probeName(codec: ProtoCodec, path: readonly PathSeg[], key: string, values: unknown[]): { name: string; json: unknown } | undefined {
  for (const value of values) {
    const json = probeJson(codec, path, { [key]: value });
    if (!json) continue;
    const keys = Object.keys(json);
    if (keys.length === 1) return { name: keys[0]!, json: json[keys[0]!] };
  }
  return undefined;
}

function enumNamesFor(codec: ProtoCodec, path: readonly PathSeg[], key: string, repeated = false): Map<number, string> {
  const probed = new Map<number, string>();
  for (let v = 1; v <= 8; v++) {
    const r = probeName(codec, path, key, [repeated ? [v] : v]);
    const json = repeated && Array.isArray(r?.json) ? (r.json as unknown[])[0] : r?.json;
    if (!r || typeof json !== "string" || json === "UNRECOGNIZED") break;
    probed.set(v, json);
  }
  // Find the chain-sdk enum whose non-zero names match what the codec printed; take its zero name.
  const candidates = allEnums().filter((e) => {
    for (const [v, name] of probed) if (e[v] !== name) return false;
    return probed.size > 0 || e[1] === undefined;
  });
  const names = new Map<number, string>();
  const chosen = candidates[0];
  if (chosen) {
    for (const [k, v] of Object.entries(chosen)) if (typeof v === "number" && v >= 0) names.set(v, k);
  }
  for (const [v, name] of probed) names.set(v, name);
  return names;
}

function hasDecScaling(codec: ProtoCodec, path: readonly PathSeg[], key: string): boolean {
  try {
    const bytes = codec.encode(codec.fromPartial(wrap(path, { [key]: "7" }))).finish();
    return Buffer.from(bytes).includes(Buffer.from("7000000000000000000"));
  } catch {
    return false;
  }
}

/** Schema of the message at `path` inside `codec`'s message. */
export function schemaAt(codec: ProtoCodec, path: readonly PathSeg[] = []): MessageSchema {
  let perCodec = schemaCache.get(codec);
  if (!perCodec) schemaCache.set(codec, (perCodec = new Map()));
  const cacheKey = pathKey(path);
  const cached = perCodec.get(cacheKey);
  if (cached) return cached;

  let base: unknown;
  try {
    base = digValue(codec.fromPartial(wrap(path, {})), path);
  } catch {
    base = undefined;
  }
  const fields: FieldInfo[] = [];
  if (isPlainObject(base)) {
    for (const [tsName, def] of Object.entries(base)) {
      let info: FieldInfo;
      if (def === undefined) {
        const probe = probeName(codec, path, tsName, [{}]);
        info = probe
          ? { tsName, jsonName: probe.name, kind: isPlainObject(probe.json) ? "message" : "unknown" }
          : { tsName, jsonName: probeName(codec, path, tsName, [new Date(0)])?.name ?? snake(tsName), kind: "date" };
        if (info.kind === "unknown") {
          const asDate = probeName(codec, path, tsName, [new Date(0)]);
          if (asDate && typeof asDate.json === "string") info.kind = "date";
        }
      } else if (typeof def === "string") {
        const probe = probeName(codec, path, tsName, ["7"]);
        info = { tsName, jsonName: probe?.name ?? snake(tsName), kind: hasDecScaling(codec, path, tsName) ? "dec" : "string" };
      } else if (typeof def === "number") {
        const probe = probeName(codec, path, tsName, [1]);
        const isEnum = typeof probe?.json === "string";
        info = { tsName, jsonName: probe?.name ?? snake(tsName), kind: isEnum ? "enum" : "int" };
        if (isEnum) info.enumNames = enumNamesFor(codec, path, tsName);
      } else if (typeof def === "boolean") {
        info = { tsName, jsonName: probeName(codec, path, tsName, [true])?.name ?? snake(tsName), kind: "bool" };
      } else if (Long.isLong(def)) {
        info = { tsName, jsonName: probeName(codec, path, tsName, [1])?.name ?? snake(tsName), kind: "long" };
      } else if (def instanceof Uint8Array) {
        info = { tsName, jsonName: probeName(codec, path, tsName, [new Uint8Array([1])])?.name ?? snake(tsName), kind: "bytes" };
      } else if (Array.isArray(def)) {
        const marker = {};
        let elemIsMessage = false;
        try {
          const built = digValue(codec.fromPartial(wrap(path, { [tsName]: [marker] })), path) as Record<string, unknown> | undefined;
          const elem = Array.isArray(built?.[tsName]) ? (built[tsName] as unknown[])[0] : undefined;
          elemIsMessage = isPlainObject(elem) && elem !== marker;
        } catch {
          // not a message list
        }
        const probe = probeName(codec, path, tsName, elemIsMessage ? [[{}]] : [["7"], [7], [true]]);
        info = { tsName, jsonName: probe?.name ?? snake(tsName), kind: "repeated", elemIsMessage };
        // A repeated enum (e.g. DepositAuthorization.scopes) prints names, like a single one.
        const asEnum = elemIsMessage ? undefined : probeName(codec, path, tsName, [[1]]);
        if (Array.isArray(asEnum?.json) && typeof asEnum.json[0] === "string") info.enumNames = enumNamesFor(codec, path, tsName, true);
      } else if (isPlainObject(def)) {
        info = { tsName, jsonName: probeName(codec, path, tsName, [{ k: "v" }])?.name ?? snake(tsName), kind: "map" };
      } else {
        info = { tsName, jsonName: snake(tsName), kind: "unknown" };
      }
      fields.push(info);
    }
  }
  const names = fields.map((f) => `${f.tsName}:${f.kind}`).sort().join(",");
  const tsNames = new Set(fields.map((f) => f.tsName));
  const oneofFields = new Set<string>();
  for (const group of ONEOF_GROUPS) if (group.every((n) => tsNames.has(n))) for (const n of group) oneofFields.add(n);
  const schema: MessageSchema = {
    oneofFields,
    fields,
    isAny: names === "typeUrl:string,value:bytes",
    isDuration: names === "nanos:int,seconds:long",
    isResourceValue: names === "val:bytes",
  };
  perCodec.set(cacheKey, schema);
  return schema;
}

export type { PathSeg };
