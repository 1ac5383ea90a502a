/**
 * The Akash provider's default `scale` bid strategy (provider bidengine/pricing.go):
 * price = Σ count·(cpu_millis·cpuScale + mem/MiB·memScale + Σ storage/MiB·storageScale[class] + endpoints·endpointScale
 *         + gpus·gpuScale[model]) + leasedIPs·ipScale, in the order's denom, rounded to 6 decimals.
 */
import { formatDec, parseDec, roundTo } from "./decimal.ts";
import type { ScalePricing } from "./profiles.ts";
import type { GroupSpecView, ResourceUnitSpec } from "./types.ts";
import { gpuModelOf, storageClassOf } from "./matching.ts";

const MiB = 1024n * 1024n;
export const PRICE_PRECISION = 6;

export class PricingError extends Error {}

/** Price of one replica's GPUs of a unit, by the model the provider would allocate. */
function gpuScaleFor(pricing: ScalePricing, model: string | undefined): bigint {
  const v = (model && pricing.gpu[model]) ?? pricing.gpu["*"];
  if (v === undefined) throw new PricingError(`no GPU price for model ${model ?? "*"}`);
  return parseDec(v);
}

/**
 * Bid price per block for the whole group, as an 18-decimal fixed-point bigint.
 * `gpuModelFor` maps a resource unit to the GPU model the provider would allocate (for per-model prices).
 */
export function scalePrice(pricing: ScalePricing, spec: GroupSpecView, gpuModelFor: (ru: ResourceUnitSpec) => string | undefined = gpuModelOf): bigint {
  const cpu = parseDec(pricing.cpu);
  const mem = parseDec(pricing.memory);
  const endpoint = parseDec(pricing.endpoint);
  const ip = parseDec(pricing.ip);
  let total = 0n;
  const leasedIps = new Set<number>();
  for (const ru of spec.resources) {
    const count = BigInt(ru.count);
    let unit = cpu * BigInt(ru.cpuMillis);
    unit += (mem * BigInt(ru.memoryBytes)) / MiB;
    for (const s of ru.storage) {
      const cls = storageClassOf(s.attributes);
      // Like the provider's bidpricestoragescale "<default>,<class>=<scale>": unlisted classes use the default.
      const scale = pricing.storage[cls] ?? pricing.storage.ephemeral;
      if (scale === undefined) throw new PricingError(`storage class "${cls}" is not priced by this provider`);
      unit += (parseDec(scale) * BigInt(s.bytes)) / MiB;
    }
    unit += endpoint * BigInt(ru.endpoints.length);
    if (ru.gpuUnits > 0) unit += gpuScaleFor(pricing, gpuModelFor(ru)) * BigInt(ru.gpuUnits);
    total += unit * count;
    for (const e of ru.endpoints) if (e.kind === "LEASED_IP") leasedIps.add(e.sequenceNumber);
  }
  // Leased IPs are counted once per distinct endpoint sequence number in the group, not per replica.
  total += ip * BigInt(leasedIps.size);
  const rounded = roundTo(total, PRICE_PRECISION);
  if (rounded <= 0n) throw new PricingError("bid price is zero");
  return rounded;
}

/** The order's maximum price per block: Σ price × count (GroupSpec.Price()). */
export function orderMaxPrice(spec: GroupSpecView): { denom: string; amount: bigint } {
  const denom = spec.resources[0]?.price.denom ?? "";
  let amount = 0n;
  for (const ru of spec.resources) {
    if (ru.price.denom !== denom) throw new PricingError("order mixes price denominations");
    amount += parseDec(ru.price.amount) * BigInt(ru.count);
  }
  return { denom, amount };
}

export const formatPrice = (v: bigint): string => formatDec(v);
