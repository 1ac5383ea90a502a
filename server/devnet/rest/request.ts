/**
 * Builds a gRPC request message from a gateway HTTP request the way grpc-gateway v1 does:
 * path variables and query parameters name (nested) request fields by proto name
 * (`filters.owner`, `pagination.limit`, `id.dseq`); unknown parameters are ignored; values that
 * do not parse as the field's type are an InvalidArgument error.
 */
import Long from "long";
import type { ProtoCodec } from "../../shared/chain-sdk-codecs.ts";
import { schemaAt, type FieldInfo, type PathSeg } from "../../shared/proto-schema.ts";

export class GatewayError extends Error {
  constructor(
    readonly grpcCode: number,
    message: string,
  ) {
    super(message);
    this.name = "GatewayError";
  }
}

export const invalidArgument = (message: string) => new GatewayError(3, message);

function parseBool(name: string, v: string): boolean {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
  throw invalidArgument(`invalid value for ${name}: ${JSON.stringify(v)} is not a boolean (use true or false)`);
}

function parseInteger(name: string, v: string, kind: "int" | "long"): Long | number {
  const s = v.trim();
  if (!/^-?\d+$/.test(s)) throw invalidArgument(`invalid value for ${name}: ${JSON.stringify(v)} is not an integer`);
  if (kind === "int") {
    const n = Number(s);
    if (n > 4294967295 || n < -2147483648) throw invalidArgument(`invalid value for ${name}: ${s} is out of range for a 32-bit integer`);
    return n;
  }
  const big = BigInt(s);
  if (big > 18446744073709551615n || big < -9223372036854775808n) throw invalidArgument(`invalid value for ${name}: ${s} is out of range for a 64-bit integer`);
  return Long.fromString(s, big > 9223372036854775807n);
}

function parseBytes(name: string, v: string): Uint8Array {
  const s = v.trim();
  if (!/^[A-Za-z0-9+/\-_]*={0,2}$/.test(s)) throw invalidArgument(`invalid value for ${name}: ${JSON.stringify(v)} is not base64`);
  return Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

function convertLeaf(name: string, f: FieldInfo, v: string): unknown {
  switch (f.kind) {
    case "string":
      return v;
    case "dec":
      if (!/^-?\d+(\.\d+)?$/.test(v.trim())) throw invalidArgument(`invalid value for ${name}: ${JSON.stringify(v)} is not a decimal`);
      return v.trim();
    case "int":
    case "long":
      return parseInteger(name, v, f.kind);
    case "bool":
      return parseBool(name, v);
    case "bytes":
      return parseBytes(name, v);
    case "enum": {
      for (const [num, enumName] of f.enumNames ?? []) if (enumName === v) return num;
      if (/^-?\d+$/.test(v) && f.enumNames?.has(Number(v))) return Number(v);
      const allowed = [...(f.enumNames?.values() ?? [])].join(", ");
      throw invalidArgument(`invalid value for ${name}: ${JSON.stringify(v)} (allowed: ${allowed})`);
    }
    case "date": {
      const t = Date.parse(v);
      if (Number.isNaN(t)) throw invalidArgument(`invalid value for ${name}: ${JSON.stringify(v)} is not an RFC3339 time`);
      return new Date(t);
    }
    default:
      throw invalidArgument(`${name} cannot be set from a query parameter`);
  }
}

function findField(fields: FieldInfo[], part: string): FieldInfo | undefined {
  return fields.find((f) => f.jsonName === part) ?? fields.find((f) => f.tsName === part);
}

/**
 * Applies `name=value` to `partial` (a fromPartial-style object). Returns false when the name
 * does not address a field (the gateway ignores such parameters).
 */
function assign(codec: ProtoCodec, partial: Record<string, unknown>, name: string, value: string): boolean {
  const parts = name.split(".");
  const path: PathSeg[] = [];
  let target = partial;
  for (let i = 0; i < parts.length; i++) {
    const schema = schemaAt(codec, path);
    const f = findField(schema.fields, parts[i]!);
    if (!f) return false;
    const last = i === parts.length - 1;
    if (!last) {
      if (f.kind !== "message") return false;
      const next = (target[f.tsName] ??= {}) as Record<string, unknown>;
      target = next;
      path.push({ key: f.tsName, array: false });
      continue;
    }
    if (f.kind === "message" || f.kind === "map") throw invalidArgument(`${name} is a message; set its fields (e.g. ${name}.<field>)`);
    if (f.kind === "repeated") {
      if (f.elemIsMessage) throw invalidArgument(`${name} is a list of messages and cannot be set from a query parameter`);
      ((target[f.tsName] ??= []) as unknown[]).push(value);
      return true;
    }
    target[f.tsName] = convertLeaf(name, f, value);
    return true;
  }
  return false;
}

/** Builds the request message from path variables and query parameters. */
export function buildRequest<T>(codec: ProtoCodec<T>, vars: Record<string, string>, query: URLSearchParams): T {
  const partial: Record<string, unknown> = {};
  const c = codec as ProtoCodec;
  for (const [name, value] of Object.entries(vars)) {
    if (!assign(c, partial, name, value)) throw invalidArgument(`path parameter ${name} does not match a request field`);
  }
  for (const [name, value] of query) {
    if (Object.hasOwn(vars, name)) continue; // bound in the path already
    if (name.length > 200) continue;
    assign(c, partial, name, value);
  }
  return codec.fromPartial(partial);
}
