import type { SdlSummary, ServiceSummary } from "../sdl/resources";
import { estimateMarketPrice, type MarketData, type MarketEstimate, type PriceRange, type ResourceShape } from "./market";
import { perBlockToHourly, perBlockToMonthly } from "./time";

/** Micro-denom amounts over three periods. */
export interface Periods {
  perBlock: number;
  perHour: number;
  perMonth: number;
}

export function periods(perBlock: number): Periods {
  return { perBlock, perHour: perBlockToHourly(perBlock), perMonth: perBlockToMonthly(perBlock) };
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

function rangePeriods(r: PriceRange | undefined) {
  return r ? { low: periods(r.low), typical: periods(r.typical), high: periods(r.high) } : undefined;
}

/** Cost of an SDL: its max price and, when market data is known, what providers would likely bid. */
export function estimateCost(summary: SdlSummary, market?: MarketData): CostEstimate {
  const denoms = new Set(summary.services.map((s) => s.price?.denom).filter((d): d is string => Boolean(d)));
  const denom = denoms.size === 1 ? [...denoms][0] : undefined;
  const lines: CostLine[] = summary.services.map((s) => {
    const d = s.price?.denom ?? denom ?? "uact";
    const est = estimateMarketPrice([serviceShape(s)], d, market);
    return { service: s.service, placement: s.placement, count: s.count, denom: d, max: periods((s.price?.amount ?? 0) * s.count), market: rangePeriods(est.range) };
  });
  const totalMax = periods(lines.reduce((n, l) => n + l.max.perBlock, 0));
  const total = estimateMarketPrice(summary.services.map(serviceShape), denom ?? "uact", market);
  return { denom, lines, totalMax, totalMarket: rangePeriods(total.range), market: total };
}
