/** What the SDL and the market say about the bids: a typical price per order group, and why none may come. */
import type { AuditedProvider } from "@/lib/chain/provider";
import type { PreparedManifest } from "@/lib/deployment/manifest";
import { likelyNoBidReasons, requirementsOf, type GroupRequirements } from "@/lib/deployment/no-bid-reasons";
import { estimateCost } from "@/lib/pricing/estimate";
import type { MarketData } from "@/lib/pricing/market";
import type { SdlSummary } from "@/lib/sdl/resources";

export interface GroupEstimate {
  /** Typical market price per block for this group, in its denom. */
  typicalPerBlock?: number;
  /** The SDL's max price per block for this group. */
  maxPerBlock?: number;
  usesGpu: boolean;
}

export interface SdlInsight {
  summary: SdlSummary;
  groups: GroupRequirements[];
}

export function sdlInsight(prepared: Pick<PreparedManifest, "summary" | "groupSpecs">): SdlInsight {
  return { summary: prepared.summary, groups: requirementsOf(prepared.groupSpecs) };
}

/** By placement (group) name. */
export function groupEstimates(insight: SdlInsight, market: MarketData | undefined): Map<string, GroupEstimate> {
  const cost = estimateCost(insight.summary, market);
  const map = new Map<string, GroupEstimate>();
  for (const g of insight.groups) {
    const lines = cost.lines.filter((l) => l.placement === g.name);
    const typical = lines.every((l) => l.market) ? lines.reduce((n, l) => n + (l.market?.typical.perBlock ?? 0), 0) : undefined;
    map.set(g.name, {
      typicalPerBlock: typical || undefined,
      maxPerBlock: lines.reduce((n, l) => n + l.max.perBlock, 0),
      usesGpu: insight.summary.services.some((s) => s.placement === g.name && s.gpuUnits > 0),
    });
  }
  return map;
}

export function noBidReasons(insight: SdlInsight, providers: AuditedProvider[], market: MarketData | undefined): string[] {
  const estimatedMinPerBlock: Record<string, number> = {};
  if (market) {
    for (const line of estimateCost(insight.summary, market).lines) {
      if (line.market) estimatedMinPerBlock[line.placement] = (estimatedMinPerBlock[line.placement] ?? 0) + line.market.low.perBlock;
    }
  }
  return likelyNoBidReasons({ summary: insight.summary, groups: insight.groups, providers, estimatedMinPerBlock });
}
