/**
 * Whether a provider may bid on an order, as x/market's CreateBid decides it: the group's placement
 * requirements against the provider's own and auditor-signed attributes, its storage classes and GPUs
 * against the provider's capabilities, and the bid's resources offer against the order's units.
 */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { ResourceOffer } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { resourceValue } from "./deployment.ts";

/** attr.AttributesSubsetOf: every required attribute is present with the same value. */
function attributesSubsetOf(required: { key: string; value: string }[], have: { key: string; value: string }[]): boolean {
  return required.every((r) => have.some((h) => h.key === r.key && h.value === r.value));
}

/** Group placement requirements against provider attributes and auditor-signed attributes (GroupSpec.MatchRequirements). */
export function matchRequirements(spec: GroupSpec, providerAttrs: { key: string; value: string }[], signed: { auditor: string; attributes: { key: string; value: string }[] }[]): boolean {
  const req = spec.requirements;
  const attrs = req?.attributes ?? [];
  const allOf = req?.signedBy?.allOf ?? [];
  const anyOf = req?.signedBy?.anyOf ?? [];
  if (allOf.length === 0 && anyOf.length === 0) return attributesSubsetOf(attrs, providerAttrs);
  const byAuditor = new Map(signed.map((s) => [s.auditor, s.attributes]));
  for (const a of allOf) {
    const got = byAuditor.get(a);
    if (!got || !attributesSubsetOf(attrs, got)) return false;
  }
  if (anyOf.length > 0) return anyOf.some((a) => {
    const got = byAuditor.get(a);
    return got !== undefined && attributesSubsetOf(attrs, got);
  });
  return true;
}

/**
 * GroupSpec.MatchResourcesRequirements: storage attributes (class, persistent) must be offered by
 * one `capabilities/storage/<n>/...` group of the provider; GPU attributes (vendor/<v>/model/<m>...)
 * by a `capabilities/gpu/...` key (a `*` model in the request matches any model of that vendor).
 */
export function matchCapabilities(spec: GroupSpec, providerAttrs: { key: string; value: string }[]): boolean {
  const storageGroups = new Map<string, Map<string, string>>();
  const gpuCaps: string[] = [];
  for (const a of providerAttrs) {
    const s = /^capabilities\/storage\/([^/]+)\/(.+)$/.exec(a.key);
    if (s) {
      const g = storageGroups.get(s[1]!) ?? new Map<string, string>();
      g.set(s[2]!, a.value);
      storageGroups.set(s[1]!, g);
    }
    const g = /^capabilities\/gpu\/(.+)$/.exec(a.key);
    if (g && a.value === "true") gpuCaps.push(g[1]!);
  }
  for (const ru of spec.resources) {
    for (const st of ru.resource?.storage ?? []) {
      if (st.attributes.length === 0) continue;
      // persistent=false is plain ephemeral storage, which every provider offers.
      const wanted = st.attributes.filter((at) => !(at.key === "persistent" && at.value === "false"));
      if (wanted.length === 0) continue;
      const ok = [...storageGroups.values()].some((grp) => wanted.every((at) => grp.get(at.key) === at.value));
      if (!ok) return false;
    }
    const gpu = ru.resource?.gpu;
    if (gpu && resourceValue(gpu.units) > 0n && gpu.attributes.length > 0) {
      const ok = gpu.attributes.some((at) => {
        const k = at.key.endsWith("/*") ? at.key.slice(0, -1) : at.key;
        return gpuCaps.some((c) => (at.key.endsWith("/*") ? c.startsWith(k) : c === k || c.startsWith(`${k}/`)));
      });
      if (!ok) return false;
    }
  }
  return true;
}

/**
 * ResourcesOffer.MatchGSpec: an empty offer matches; otherwise every offered unit must name a
 * distinct resource unit of the order with the same count (the node does not compare quantities).
 */
export function matchResourcesOffer(spec: GroupSpec, offers: ResourceOffer[]): string | undefined {
  if (offers.length === 0) return undefined;
  const units = new Map(spec.resources.map((ru) => [ru.resource?.id ?? 0, ru]));
  for (const offer of offers) {
    const id = offer.resources?.id ?? 0;
    const ru = units.get(id);
    if (!ru) return `resources_offer names resource unit ${id}, which the order does not have (or names it twice)`;
    units.delete(id);
    if (offer.count !== ru.count) return `offer count ${offer.count} != order count ${ru.count} for resource unit ${id}`;
  }
  return undefined;
}
