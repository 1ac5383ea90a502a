/** What the SDL and the market say about the bids: a typical price per order group, and why none may come. */
import type { AuditedProvider } from "@/lib/chain/provider";
import type { PreparedManifest } from "@/lib/deployment/manifest";
import { likelyNoBidReasons, requirementsOf, type GroupRequirements } from "@/lib/deployment/no-bid-reasons";
import { estimateCostPerBlock } from "@/lib/pricing/estimate";
import { describeEvidence, widenFactor, widenRange, rangeOf, type MarketData, type MarketEstimate } from "@/lib/pricing/market";
import type { SdlSummary } from "@/lib/sdl/resources";

export interface GroupEstimate {
  /** Typical market price per block for this group, in its denom. */
  typicalPerBlock?: number;
  /** The estimate's range per block (widened when the market data is thin), the one the editor showed. */
  lowPerBlock?: number;
  highPerBlock?: number;
  /** How much market data the range stands on, in words ("Thin market data: only 1 provider price list …"). */
  evidence?: string;
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

/** By placement (group) name. A group's range sums its services' observed ranges, widened for the thinnest of them. */
export function groupEstimates(insight: SdlInsight, market: MarketData | undefined): Map<string, GroupEstimate> {
  const cost = estimateCostPerBlock(insight.summary, market);
  const map = new Map<string, GroupEstimate>();
  for (const g of insight.groups) {
    const lines = cost.lines.filter((l) => l.placement === g.name);
    const priced = lines.length > 0 && lines.every((l) => l.market.observed);
    const sum = (k: "low" | "typical" | "high") => lines.reduce((n, l) => n + (l.market.observed?.[k] ?? 0), 0);
    const thinnest = lines.reduce<MarketEstimate | undefined>((t, l) => (!t || l.market.providersUsed + l.market.bidsUsed < t.providersUsed + t.bidsUsed ? l.market : t), undefined);
    const samples = thinnest ? thinnest.providersUsed + thinnest.bidsUsed : 0;
    const observed = priced ? rangeOf([sum("low"), sum("high")]) : undefined;
    const range = observed && widenRange({ ...observed, typical: sum("typical") }, widenFactor(samples));
    map.set(g.name, {
      typicalPerBlock: range?.typical || undefined,
      lowPerBlock: range?.low,
      highPerBlock: range?.high,
      evidence: priced && thinnest ? describeEvidence(thinnest) : undefined,
      maxPerBlock: lines.reduce((n, l) => n + l.maxPerBlock, 0),
      usesGpu: insight.summary.services.some((s) => s.placement === g.name && s.gpuUnits > 0),
    });
  }
  return map;
}

/** A bid's price against its group's estimated range: inside it, or how far below or above. */
export function compareBid(amountPerBlock: number, estimate: Pick<GroupEstimate, "lowPerBlock" | "highPerBlock">): { text: string; tone: "ok" | "warn" | "muted" } {
  const { lowPerBlock: low, highPerBlock: high } = estimate;
  if (!(low !== undefined && high !== undefined && high > 0) || !(amountPerBlock >= 0)) return { text: "no estimate", tone: "muted" };
  if (amountPerBlock > high) return { text: `${Math.max(1, Math.round(((amountPerBlock - high) / high) * 100))} % above the estimated range`, tone: "warn" };
  if (amountPerBlock < low) return { text: `${Math.max(1, Math.round(((low - amountPerBlock) / low) * 100))} % below the estimated range`, tone: "ok" };
  return { text: "within the estimated range", tone: "ok" };
}

export function noBidReasons(insight: SdlInsight, providers: AuditedProvider[], market: MarketData | undefined): string[] {
  const estimatedMinPerBlock: Record<string, number> = {};
  if (market) {
    for (const line of estimateCostPerBlock(insight.summary, market).lines) {
      // The cheapest price actually seen (not the widened range): what the reason says the cheapest provider asks.
      if (line.market.observed) estimatedMinPerBlock[line.placement] = (estimatedMinPerBlock[line.placement] ?? 0) + line.market.observed.low;
    }
  }
  return likelyNoBidReasons({ summary: insight.summary, groups: insight.groups, providers, estimatedMinPerBlock });
}
