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
import { pathKey, schemaAt, type FieldInfo, type PathSeg } from "./proto-schema.ts";

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
  return messageConverter(codec as ProtoCodec, [])(message as Record<string, unknown>, 0);
}

/** Converts an Any to {"@type": url, ...fields}; unknown types keep their raw bytes. */
export function anyToGatewayJSON(typeUrl: string, value: Uint8Array, depth = 0): Record<string, unknown> {
  const codec = codecFor(typeUrl);
  if (!codec || depth > 16) return { "@type": typeUrl, value: b64(value) };
  try {
    return { "@type": typeUrl, ...messageConverter(codec, [])(codec.decode(value) as Record<string, unknown>, depth + 1) };
  } catch {
    return { "@type": typeUrl, value: b64(value) };
  }
}

/*
 * Converters are compiled once per (codec, path) and kept: a list of 1,000 deployments converts each nested message
 * with a ready closure instead of looking its schema up and building paths again for every element. Nested
 * converters are resolved on first use, so recursive types (and Any) compile lazily.
 */
type Converter<V = unknown> = (value: V, depth: number) => unknown;
type MessageConverter = (value: Record<string, unknown>, depth: number) => Record<string, unknown>;
const compiled = new WeakMap<ProtoCodec, Map<string, { message?: MessageConverter; nested?: Converter }>>();

function compiledAt(codec: ProtoCodec, path: readonly PathSeg[]) {
  let perCodec = compiled.get(codec);
  if (!perCodec) compiled.set(codec, (perCodec = new Map()));
  const key = pathKey(path);
  let entry = perCodec.get(key);
  if (!entry) perCodec.set(key, (entry = {}));
  return entry;
}

/**
 * Messages a keeper keeps and answers again unchanged (read-only, see `shareRendering`), with their gateway JSON: an
 * unchanged deployment in a list of 1,000 is rendered once, not at every query.
 */
const sharedRenderings = new WeakMap<object, Record<string, unknown> | null>();

/** Marks a message that is never mutated, so its gateway JSON is computed once and reused. Returns the message. */
export function shareRendering<T extends object>(message: T): T {
  if (!sharedRenderings.has(message)) sharedRenderings.set(message, null);
  return message;
}

function messageConverter(codec: ProtoCodec, path: readonly PathSeg[]): MessageConverter {
  const entry = compiledAt(codec, path);
  if (entry.message) return entry.message;
  const schema = schemaAt(codec, path);
  const fields = schema.fields.map((f) => ({ ts: f.tsName, json: f.jsonName, oneof: schema.oneofFields.has(f.tsName), convert: fieldConverter(codec, path, f) }));
  entry.message = (value, depth) => {
    const shared = sharedRenderings.get(value);
    if (shared) return shared;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const v = value[f.ts];
      if (f.oneof && (v === undefined || v === null)) continue;
      out[f.json] = f.convert(v, depth);
    }
    if (shared === null) sharedRenderings.set(value, out);
    return out;
  };
  return entry.message;
}

/** A message-typed field's value: null when unset, a scalar when it is one (Date, Long), else by its schema. */
function nestedConverter(codec: ProtoCodec, path: readonly PathSeg[]): Converter {
  const entry = compiledAt(codec, path);
  if (entry.nested) return entry.nested;
  let byType: Converter<Record<string, unknown>> | undefined;
  const forObject = (): Converter<Record<string, unknown>> => {
    const schema = schemaAt(codec, path);
    if (schema.isAny) return (value, depth) => anyToGatewayJSON(String(value.typeUrl ?? ""), (value.value as Uint8Array) ?? new Uint8Array(), depth);
    if (schema.isDuration) return (value) => formatDuration(value.seconds as Long, Number(value.nanos ?? 0));
    if (schema.isResourceValue) {
      return (value) => {
        const val = value.val as Uint8Array | undefined;
        return { val: val && val.length ? Buffer.from(val).toString("utf8") : "0" };
      };
    }
    return messageConverter(codec, path);
  };
  entry.nested = (value, depth) => {
    if (value === undefined || value === null) return null;
    if (!isPlainObject(value)) return scalar(value);
    byType ??= forObject();
    return byType(value, depth);
  };
  return entry.nested;
}

function fieldConverter(codec: ProtoCodec, path: readonly PathSeg[], f: FieldInfo): Converter {
  switch (f.kind) {
    case "string":
      return (v) => (typeof v === "string" ? v : "");
    case "dec":
      return (v) => formatLegacyDec(typeof v === "string" ? v : "");
    case "int":
      return (v) => (typeof v === "number" ? v : 0);
    case "enum":
      return (v) => {
        const n = typeof v === "number" ? v : 0;
        return f.enumNames?.get(n) ?? n;
      };
    case "long":
      return (v) => (Long.isLong(v) ? v.toString() : v === undefined || v === null ? "0" : String(v));
    case "bool":
      return (v) => v === true;
    case "bytes":
      return (v) => (v instanceof Uint8Array && v.length ? b64(v) : null);
    case "date":
      return (v) => (v instanceof Date ? formatTimestamp(v) : null);
    case "map":
      return (v) => (isPlainObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scalar(x)])) : {});
    case "message": {
      const childPath = [...path, { key: f.tsName, array: false }];
      let nested: Converter | undefined;
      return (v, depth) => (nested ??= nestedConverter(codec, childPath))(v, depth);
    }
    case "repeated": {
      if (f.elemIsMessage) {
        const elemPath = [...path, { key: f.tsName, array: true }];
        let nested: Converter | undefined;
        return (v, depth) => {
          if (!Array.isArray(v)) return [];
          nested ??= nestedConverter(codec, elemPath);
          return v.map((e) => nested!(e, depth));
        };
      }
      return (v) => (Array.isArray(v) ? v.map((e) => (f.enumNames && typeof e === "number" ? (f.enumNames.get(e) ?? e) : scalar(e))) : []);
    }
    default:
      return (v) => scalar(v) ?? null;
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
