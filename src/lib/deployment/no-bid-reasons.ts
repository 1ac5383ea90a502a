/**
 * Likely reasons no provider bids on a deployment, read from the SDL and what the chain says about
 * providers. Heuristics (the chain does not say why a provider stays silent), worded as such.
 */
import type { SdlSummary } from "../sdl/resources";
import { gpuModelsOf, type AuditedProvider } from "../chain/provider";

export interface GroupRequirements {
  name: string;
  attributes: Array<{ key: string; value: string }>;
  signedBy: { allOf: string[]; anyOf: string[] };
}

export interface NoBidInput {
  summary: SdlSummary;
  groups: GroupRequirements[];
  providers: AuditedProvider[];
  /** Lowest estimated market price per block for each placement (same denom as the SDL), when known. */
  estimatedMinPerBlock?: Record<string, number>;
}

export function likelyNoBidReasons({ summary, groups, providers, estimatedMinPerBlock }: NoBidInput): string[] {
  const reasons: string[] = [];
  if (providers.length === 0) reasons.push("No providers are registered on this network.");

  for (const service of summary.services) {
    for (const model of service.gpuModels) {
      const [vendor, name] = model.split(" ");
      if (!vendor) continue;
      const wanted = name && name !== "*" ? `${vendor} ${name}` : undefined;
      const offered = providers.some((p) => {
        const models = p.gpuModels.length ? p.gpuModels : gpuModelsOf(p.attributes);
        return wanted ? models.includes(wanted) : models.some((m) => m.startsWith(`${vendor} `));
      });
      if (!offered) {
        reasons.push(`Service “${service.service}” asks for GPU ${wanted ?? `${vendor} (any model)`}, which no registered provider advertises. Pick another GPU model (or allow any model of the vendor).`);
      }
    }
  }

  for (const group of groups) {
    if (group.attributes.length) {
      const matching = providers.filter((p) => group.attributes.every((want) => p.attributes.some((a) => a.key === want.key && (a.value === want.value || want.value === "*"))));
      if (matching.length === 0) {
        const list = group.attributes.map((a) => `${a.key}=${a.value}`).join(", ");
        reasons.push(`Placement “${group.name}” requires attributes ${list}; no provider has all of them. Remove or relax them in profiles.placement.${group.name}.attributes.`);
      }
    }
    const { allOf, anyOf } = group.signedBy;
    if (allOf.length || anyOf.length) {
      const matching = providers.filter((p) => allOf.every((a) => p.auditors.includes(a)) && (anyOf.length === 0 || anyOf.some((a) => p.auditors.includes(a))));
      if (matching.length === 0) reasons.push(`Placement “${group.name}” only accepts providers audited by specific auditors (signedBy); none of the registered providers is. Remove signedBy or use another auditor.`);
    }
  }

  if (estimatedMinPerBlock) {
    const byPlacement = new Map<string, { denom: string; amount: number }>();
    for (const s of summary.services) {
      if (!s.price) continue;
      const current = byPlacement.get(s.placement);
      byPlacement.set(s.placement, { denom: s.price.denom, amount: (current?.amount ?? 0) + s.price.amount * s.count });
    }
    for (const [placement, max] of byPlacement) {
      const estimate = estimatedMinPerBlock[placement];
      if (estimate !== undefined && max.amount < estimate) {
        reasons.push(`The max price for placement “${placement}” (${trim(max.amount)} ${max.denom}/block) is below what the cheapest provider asks (about ${trim(estimate)} ${max.denom}/block). Raise profiles.placement.${placement}.pricing.`);
      }
    }
  }
  return reasons;
}

function trim(n: number): string {
  return Number(n.toPrecision(4)).toString();
}

/** Group requirements from chain-sdk group specs (camelCase codec objects). */
export function requirementsOf(groupSpecs: ReadonlyArray<{ name: string; requirements?: { attributes?: ReadonlyArray<{ key: string; value: string }>; signedBy?: { allOf?: readonly string[]; anyOf?: readonly string[] } } }>): GroupRequirements[] {
  return groupSpecs.map((g) => ({
    name: g.name,
    attributes: [...(g.requirements?.attributes ?? [])],
    signedBy: { allOf: [...(g.requirements?.signedBy?.allOf ?? [])], anyOf: [...(g.requirements?.signedBy?.anyOf ?? [])] },
  }));
}
