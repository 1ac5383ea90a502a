/**
 * Whether a provider may and can bid on an order: placement attributes, `signedBy` auditors, and resource
 * capabilities (GPU models, storage classes, leased IPs) — mirrors the provider's bidengine checks.
 */
import type { ProviderProfile } from "./profiles.ts";
import type { Attribute, GroupSpecView, ResourceUnitSpec } from "./types.ts";

const attr = (attrs: Attribute[], key: string) => attrs.find((a) => a.key === key)?.value;

/** Storage class used for pricing/inventory: the `class` of persistent volumes, else "ephemeral" (or "ram"). */
export function storageClassOf(attrs: Attribute[]): string {
  const persistent = attr(attrs, "persistent") === "true";
  const cls = attr(attrs, "class");
  if (persistent && cls) return cls;
  if (cls === "ram") return "ram";
  return "ephemeral";
}

export interface GpuRequirement {
  vendor: string;
  /** "*" = any model. */
  model: string;
  ram?: string;
  interface?: string;
}

/** Parse `vendor/<v>/model/<m>[/ram/<r>][/interface/<i>]` GPU attributes (alternatives: any one may be met). */
export function gpuRequirements(attrs: Attribute[]): GpuRequirement[] {
  const out: GpuRequirement[] = [];
  for (const a of attrs) {
    if (a.value !== "true") continue;
    const parts = a.key.split("/");
    if (parts[0] !== "vendor" || parts[2] !== "model" || !parts[1] || !parts[3]) continue;
    const req: GpuRequirement = { vendor: parts[1], model: parts[3] };
    for (let i = 4; i + 1 < parts.length; i += 2) {
      if (parts[i] === "ram") req.ram = parts[i + 1];
      if (parts[i] === "interface") req.interface = parts[i + 1];
    }
    out.push(req);
  }
  return out;
}

/** The model named by a unit's GPU attributes, if it names exactly one concrete model (for pricing). */
export function gpuModelOf(ru: ResourceUnitSpec): string | undefined {
  const models = [...new Set(gpuRequirements(ru.gpuAttributes).map((r) => r.model))];
  return models.length === 1 && models[0] !== "*" ? models[0] : undefined;
}

export interface AuditRecord {
  auditor: string;
  attributes: Attribute[];
}

export type MatchResult = { ok: true } | { ok: false; reason: string };

/** Placement attributes must all be present with equal values in the provider's on-chain attributes. */
export function matchAttributes(required: Attribute[], have: Attribute[]): MatchResult {
  for (const r of required) {
    const v = attr(have, r.key);
    if (v !== r.value) return { ok: false, reason: `attribute ${r.key}=${r.value} not offered` };
  }
  return { ok: true };
}

/** An auditor "signs" the placement if it has signed every required attribute (or the provider at all if none). */
function auditorSigned(required: Attribute[], rec: AuditRecord | undefined): boolean {
  if (!rec) return false;
  return required.every((r) => attr(rec.attributes, r.key) === r.value);
}

export function matchSignedBy(spec: GroupSpecView, audits: AuditRecord[]): MatchResult {
  const byAuditor = new Map(audits.map((a) => [a.auditor, a]));
  for (const a of spec.signedBy.allOf) {
    if (!auditorSigned(spec.attributes, byAuditor.get(a))) return { ok: false, reason: `not audited by ${a} (allOf)` };
  }
  if (spec.signedBy.anyOf.length > 0 && !spec.signedBy.anyOf.some((a) => auditorSigned(spec.attributes, byAuditor.get(a)))) {
    return { ok: false, reason: `not audited by any of ${spec.signedBy.anyOf.join(", ")}` };
  }
  return { ok: true };
}

/** Capabilities: GPU models, persistent storage classes and leased IPs the provider has at all. */
export function matchCapabilities(spec: GroupSpecView, profile: ProviderProfile): MatchResult {
  for (const ru of spec.resources) {
    if (ru.gpuUnits > 0) {
      const reqs = gpuRequirements(ru.gpuAttributes);
      const ok = reqs.length === 0 ? profile.capacity.gpus.length > 0 : reqs.some((r) => profile.capacity.gpus.some((g) => gpuSatisfies(g, r)));
      if (!ok) return { ok: false, reason: "requested GPU model not available" };
    }
    for (const s of ru.storage) {
      const cls = storageClassOf(s.attributes);
      if (cls !== "ram" && profile.capacity.storage[cls] === undefined) return { ok: false, reason: `storage class ${cls} not available` };
    }
    if (ru.endpoints.some((e) => e.kind === "LEASED_IP") && profile.capacity.ips.length === 0) {
      return { ok: false, reason: "leased IPs not offered" };
    }
  }
  return { ok: true };
}

export function gpuSatisfies(g: { vendor: string; model: string; ram: string; interface: string }, r: GpuRequirement): boolean {
  if (g.vendor !== r.vendor) return false;
  if (r.model !== "*" && r.model !== g.model) return false;
  if (r.ram && r.ram !== g.ram) return false;
  if (r.interface && r.interface !== g.interface) return false;
  return true;
}

export function matchOrder(spec: GroupSpecView, profile: ProviderProfile, onChainAttributes: Attribute[], audits: AuditRecord[]): MatchResult {
  const a = matchAttributes(spec.attributes, onChainAttributes);
  if (!a.ok) return a;
  const s = matchSignedBy(spec, audits);
  if (!s.ok) return s;
  return matchCapabilities(spec, profile);
}
