/**
 * Reading the chain's REST (grpc-gateway) JSON and typed-event attributes the way a provider must: snake_case
 * with camelCase tolerated, numbers as strings, resource values as decimal strings (base64 tolerated).
 */
import type { Attribute, EndpointKind, GroupSpecView, LeaseIdView, OrderIdView, ResourceUnitSpec } from "./types.ts";

export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** ResourceValue.val: decimal string in the gateway JSON (base64 tolerated). */
export function parseResourceVal(v: unknown): number {
  const s = str(obj(v).val ?? v);
  if (/^\d+$/.test(s)) return Number(s);
  if (s === "") return 0;
  const decoded = Buffer.from(s, "base64").toString("ascii");
  if (/^\d+$/.test(decoded)) return Number(decoded);
  throw new Error(`bad resource value ${s}`);
}

export const parseAttrs = (v: unknown): Attribute[] => arr(v).map((a) => ({ key: str(obj(a).key), value: str(obj(a).value) }));

const ENDPOINT_KINDS: EndpointKind[] = ["SHARED_HTTP", "RANDOM_PORT", "LEASED_IP"];
function parseEndpointKind(v: unknown): EndpointKind {
  if (typeof v === "number") return ENDPOINT_KINDS[v] ?? "SHARED_HTTP";
  const s = str(v);
  return (ENDPOINT_KINDS as string[]).includes(s) ? (s as EndpointKind) : "SHARED_HTTP";
}

/** GroupSpec from gateway JSON (snake_case, tolerant of camelCase). */
export function parseGroupSpec(raw: unknown): GroupSpecView {
  const g = obj(raw);
  const req = obj(g.requirements);
  const signedBy = obj(req.signed_by ?? req.signedBy);
  return {
    name: str(g.name),
    signedBy: { allOf: arr(signedBy.all_of ?? signedBy.allOf).map(str), anyOf: arr(signedBy.any_of ?? signedBy.anyOf).map(str) },
    attributes: parseAttrs(req.attributes),
    resources: arr(g.resources).map((ruRaw): ResourceUnitSpec => {
      const ru = obj(ruRaw);
      const r = obj(ru.resource);
      const cpu = obj(r.cpu);
      const mem = obj(r.memory);
      const gpu = obj(r.gpu);
      const price = obj(ru.price);
      return {
        id: Number(r.id ?? 0),
        cpuMillis: parseResourceVal(cpu.units),
        cpuAttributes: parseAttrs(cpu.attributes),
        memoryBytes: parseResourceVal(mem.quantity ?? mem.size),
        memoryAttributes: parseAttrs(mem.attributes),
        storage: arr(r.storage).map((s) => ({ name: str(obj(s).name), bytes: parseResourceVal(obj(s).quantity ?? obj(s).size), attributes: parseAttrs(obj(s).attributes) })),
        gpuUnits: gpu.units === undefined ? 0 : parseResourceVal(gpu.units),
        gpuAttributes: parseAttrs(gpu.attributes),
        endpoints: arr(r.endpoints).map((e) => ({ kind: parseEndpointKind(obj(e).kind), sequenceNumber: Number(obj(e).sequence_number ?? obj(e).sequenceNumber ?? 0) })),
        count: Number(ru.count ?? 1),
        price: { denom: str(price.denom), amount: str(price.amount || "0") },
      };
    }),
  };
}

export function parseOrderId(raw: unknown): OrderIdView {
  const o = obj(typeof raw === "string" ? JSON.parse(raw) : raw);
  return { owner: str(o.owner), dseq: str(o.dseq), gseq: Number(o.gseq ?? 0), oseq: Number(o.oseq ?? 0) };
}

export function parseLeaseId(raw: unknown): LeaseIdView {
  const o = obj(typeof raw === "string" ? JSON.parse(raw) : raw);
  return { ...parseOrderId(o), provider: str(o.provider), bseq: Number(o.bseq ?? 0) };
}
