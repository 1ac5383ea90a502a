import type { SdlSummary, ServiceSummary } from "../sdl/resources";
import { estimateMarketPrice, type MarketData, type MarketEstimate, type PriceRange, type ResourceShape } from "./market";
import { perBlockToHourly, perBlockToMonthly } from "./time";

/** Micro-denom amounts over three periods. */
export interface Periods {
  perBlock: number;
  perHour: number;
  perMonth: number;
}

export function periods(perBlock: number, secondsPerBlock: number): Periods {
  return { perBlock, perHour: perBlockToHourly(perBlock, secondsPerBlock), perMonth: perBlockToMonthly(perBlock, secondsPerBlock) };
}

export interface CostLine {
  service: string;
  placement: string;
  count: number;
  denom: string;
  /** The SDL's max price: amount per block per replica × count. */
  max: Periods;
  market?: { low: Periods; typical: Periods; high: Periods };
}

export interface CostEstimate {
  /** The denom all lines are priced in; undefined when the SDL mixes denoms. */
  denom?: string;
  lines: CostLine[];
  totalMax: Periods;
  totalMarket?: { low: Periods; typical: Periods; high: Periods };
  market: MarketEstimate;
}

export function serviceShape(s: ServiceSummary): ResourceShape {
  return {
    cpuMillis: s.cpuMillis,
    memoryBytes: s.memoryBytes,
    storage: s.storage.map((v) => ({ bytes: v.bytes, class: v.class })),
    gpuUnits: s.gpuUnits,
    gpuModels: s.gpuModels,
    endpoints: s.httpEndpoints + s.randomPortEndpoints,
    // The provider charges leased IPs per lease, not per replica.
    leasedIps: s.leasedIps,
    count: s.count,
  };
}

function rangePeriods(r: PriceRange | undefined, secondsPerBlock: number) {
  return r ? { low: periods(r.low, secondsPerBlock), typical: periods(r.typical, secondsPerBlock), high: periods(r.high, secondsPerBlock) } : undefined;
}

/** One service's prices per block: the SDL's max (× count) and the market range when known. */
export interface BlockCostLine {
  service: string;
  placement: string;
  count: number;
  denom: string;
  maxPerBlock: number;
  market: MarketEstimate;
}

/** What an SDL costs per block (no time involved): each service's max price and market estimate, and the total's. */
export function estimateCostPerBlock(summary: SdlSummary, market?: MarketData): { denom?: string; lines: BlockCostLine[]; market: MarketEstimate } {
  const denoms = new Set(summary.services.map((s) => s.price?.denom).filter((d): d is string => Boolean(d)));
  const denom = denoms.size === 1 ? [...denoms][0] : undefined;
  const lines = summary.services.map((s) => {
    const d = s.price?.denom ?? denom ?? "uact";
    return { service: s.service, placement: s.placement, count: s.count, denom: d, maxPerBlock: (s.price?.amount ?? 0) * s.count, market: estimateMarketPrice([serviceShape(s)], d, market) };
  });
  return { denom, lines, market: estimateMarketPrice(summary.services.map(serviceShape), denom ?? "uact", market) };
}

/**
 * Cost of an SDL: its max price and, when market data is known, what providers would likely bid. Per-hour and
 * per-month figures at `secondsPerBlock` (the network's measured block time, `useBlockTiming`).
 */
export function estimateCost(summary: SdlSummary, secondsPerBlock: number, market?: MarketData): CostEstimate {
  const perBlock = estimateCostPerBlock(summary, market);
  const lines: CostLine[] = perBlock.lines.map((l) => ({
    service: l.service,
    placement: l.placement,
    count: l.count,
    denom: l.denom,
    max: periods(l.maxPerBlock, secondsPerBlock),
    market: rangePeriods(l.market.range, secondsPerBlock),
  }));
  const totalMax = periods(lines.reduce((n, l) => n + l.max.perBlock, 0), secondsPerBlock);
  return { denom: perBlock.denom, lines, totalMax, totalMarket: rangePeriods(perBlock.market.range, secondsPerBlock), market: perBlock.market };
}
