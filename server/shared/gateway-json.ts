/**
 * Cosmos grpc-gateway JSON (`JSONPb{OrigName:true, EmitDefaults:true}`) for chain-sdk messages:
 * proto field names, every field emitted with its default, 64-bit ints as strings, enums by name,
 * bytes as base64, Any as {"@type", ...fields}, LegacyDec with 18 decimals, ResourceValue.val as a
 * decimal string, Timestamp as RFC3339, Duration as "Ns"; unset oneof members are omitted.
 *
 * How chain-sdk's grpc-gateway transport (createChainNodeWebSDK) reads this: GET params come from
 * `input.toJSON(request)` flattened to `a.b=value` (snake_case, 64-bit as strings, bytes base64),
 * path templates are filled from the request's own fields, a 2xx body goes through
 * `output.fromJSON(body)` (snake_case keys, enum names or numbers, strings for 64-bit ints), and a
 * non-2xx body's `{code, message}` becomes a TransportError with that gRPC code.
 * One known mainnet quirk is reproduced, not fixed: fromJSON base64-decodes ResourceValue.val, so
 * the SDK misreads the gateway's decimal "1000" (read resource quantities from the raw JSON).
 */
import Long from "long";
import { codecFor, type ProtoCodec } from "./chain-sdk-codecs.ts";
import { schemaAt, type FieldInfo, type PathSeg } from "./proto-schema.ts";

/** "50" -> "50.000000000000000000", "0.5" -> "0.500000000000000000"; input from LegacyDec fields. */
export function formatLegacyDec(value: string): string {
  const v = (value ?? "").trim();
  if (v === "") return "0.000000000000000000";
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(v);
  if (!m) return v;
  const int = (m[2] || "0").replace(/^0+(?=\d)/, "");
  const frac = (m[3] ?? "").slice(0, 18).padEnd(18, "0");
  return `${m[1]}${int}.${frac}`;
}

/** Timestamp -> RFC3339 the way Go prints it (nanosecond precision trimmed, "Z"). */
export function formatTimestamp(d: Date): string {
  if (Number.isNaN(d.getTime())) return "0001-01-01T00:00:00Z";
  return d.toISOString().replace(/\.000Z$/, "Z");
}

function formatDuration(seconds: Long | number | string, nanos: number): string {
  const s = Long.isLong(seconds) ? seconds.toString() : String(seconds ?? 0);
  if (!nanos) return `${s}s`;
  // Go prints 3, 6 or 9 fractional digits.
  const digits = String(Math.abs(nanos)).padStart(9, "0");
  const frac = digits.endsWith("000000") ? digits.slice(0, 3) : digits.endsWith("000") ? digits.slice(0, 6) : digits;
  return `${s}.${frac}s`;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !Long.isLong(v) && !(v instanceof Date);
}

function scalar(value: unknown): unknown {
  if (Long.isLong(value)) return value.toString();
  if (value instanceof Uint8Array) return b64(value);
  if (value instanceof Date) return formatTimestamp(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Converts a decoded chain-sdk message to gateway JSON. */
export function toGatewayJSON<T>(codec: ProtoCodec<T>, message: T): Record<string, unknown> {
  return convertMessage(codec as ProtoCodec, [], message as Record<string, unknown>, 0);
}

/** Converts an Any to {"@type": url, ...fields}; unknown types keep their raw bytes. */
export function anyToGatewayJSON(typeUrl: string, value: Uint8Array, depth = 0): Record<string, unknown> {
  const codec = codecFor(typeUrl);
  if (!codec || depth > 16) return { "@type": typeUrl, value: b64(value) };
  try {
    return { "@type": typeUrl, ...convertMessage(codec, [], codec.decode(value) as Record<string, unknown>, depth + 1) };
  } catch {
    return { "@type": typeUrl, value: b64(value) };
  }
}

function convertMessage(codec: ProtoCodec, path: PathSeg[], value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const schema = schemaAt(codec, path);
  const out: Record<string, unknown> = {};
  for (const f of schema.fields) {
    if (schema.oneofFields.has(f.tsName) && (value[f.tsName] === undefined || value[f.tsName] === null)) continue;
    out[f.jsonName] = convertField(codec, path, f, value[f.tsName], depth);
  }
  return out;
}

function convertNested(codec: ProtoCodec, path: PathSeg[], value: unknown, depth: number): unknown {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value)) return scalar(value);
  const schema = schemaAt(codec, path);
  if (schema.isAny) return anyToGatewayJSON(String(value.typeUrl ?? ""), (value.value as Uint8Array) ?? new Uint8Array(), depth);
  if (schema.isDuration) return formatDuration(value.seconds as Long, Number(value.nanos ?? 0));
  if (schema.isResourceValue) {
    const val = value.val as Uint8Array | undefined;
    return { val: val && val.length ? Buffer.from(val).toString("utf8") : "0" };
  }
  return convertMessage(codec, path, value, depth);
}

function convertField(codec: ProtoCodec, path: PathSeg[], f: FieldInfo, v: unknown, depth: number): unknown {
  switch (f.kind) {
    case "string":
      return typeof v === "string" ? v : "";
    case "dec":
      return formatLegacyDec(typeof v === "string" ? v : "");
    case "int":
      return typeof v === "number" ? v : 0;
    case "enum": {
      const n = typeof v === "number" ? v : 0;
      return f.enumNames?.get(n) ?? n;
    }
    case "long":
      return Long.isLong(v) ? v.toString() : v === undefined || v === null ? "0" : String(v);
    case "bool":
      return v === true;
    case "bytes":
      return v instanceof Uint8Array && v.length ? b64(v) : null;
    case "date":
      return v instanceof Date ? formatTimestamp(v) : null;
    case "map":
      return isPlainObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scalar(x)])) : {};
    case "message":
      return convertNested(codec, [...path, { key: f.tsName, array: false }], v, depth);
    case "repeated": {
      if (!Array.isArray(v)) return [];
      if (f.elemIsMessage) {
        const elemPath = [...path, { key: f.tsName, array: true }];
        return v.map((e) => convertNested(codec, elemPath, e, depth));
      }
      return v.map((e) => (f.enumNames && typeof e === "number" ? (f.enumNames.get(e) ?? e) : scalar(e)));
    }
    default:
      return scalar(v) ?? null;
  }
}

/**
 * Attributes of a typed event the way the SDK's TypedEventToEvent builds them: one attribute per
 * top-level field, value = that field's proto-JSON with defaults emitted (codec.ProtoMarshalJSON
 * uses EmitDefaults), keys sorted. E.g. EventBidCreated.id =
 * {"owner":"akash1…","dseq":"12","gseq":1,"oseq":1,"provider":"akash1…","bseq":0}.
 */
export function typedEventAttributes<T>(codec: ProtoCodec<T>, value: T): { key: string; value: string }[] {
  const json = toGatewayJSON(codec, codec.decode(codec.encode(value).finish()));
  return Object.keys(json)
    .sort()
    .map((key) => ({ key, value: JSON.stringify(json[key]) }));
}
