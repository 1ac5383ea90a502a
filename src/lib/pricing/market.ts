/**
 * What the market would likely charge for an SDL: from providers' published price scales (the
 * Akash provider's default `scale` bid strategy) and from bids seen on chain for comparable
 * resources. Pure functions: callers fetch the REST data and pass it in.
 */
import { fromBase64, fromUtf8 } from "@cosmjs/encoding";
import { countOf } from "../format/words";

/** Resources of one deployment unit, as the provider's bid engine sees them. */
export interface ResourceShape {
  cpuMillis: number;
  memoryBytes: number;
  /** Storage volumes with the class the provider prices ("ephemeral" unless persistent with a class). */
  storage: { bytes: number; class: string }[];
  gpuUnits: number;
  gpuModels?: string[];
  /** Global endpoints (HTTP + random port). */
  endpoints: number;
  leasedIps: number;
  count: number;
}

/**
 * A provider's `scale` strategy parameters, in units of the order's denom per block:
 * price = Σ count·(cpu_millis·cpu + mem_MiB·memory + Σ storage_MiB·storage[class] + endpoints·endpoint + gpus·gpu) + leasedIPs·ip.
 */
export interface ProviderPriceScale {
  provider: string;
  cpu: number;
  memory: number;
  /** By class; "default" applies to classes not listed (and to ephemeral storage). */
  storage: Record<string, number>;
  endpoint: number;
  ip: number;
  /** Per GPU unit; by model name (e.g. "a100") with "default" for others. Absent when the provider does not publish it. */
  gpu?: Record<string, number>;
  /** What the provider can host, from its on-chain `capabilities/…` attributes, when it publishes them. */
  capabilities?: ProviderCapabilities;
}

export interface ProviderCapabilities {
  /** GPU models by vendor, e.g. ["nvidia/a100", "nvidia/t4"]. */
  gpuModels: string[];
  /** Persistent storage classes, e.g. ["beta2", "beta3"]. */
  storageClasses: string[];
  ipLease: boolean;
}

/** Read `capabilities/gpu/vendor/<v>/model/<m>`, `capabilities/storage/<n>/class` and `ip-lease` attributes. */
export function parseCapabilities(attributes: { key: string; value: string }[]): ProviderCapabilities {
  const gpuModels = new Set<string>();
  const storageClasses = new Set<string>();
  let ipLease = false;
  for (const { key, value } of attributes) {
    const gpu = /^capabilities\/gpu\/vendor\/([^/]+)\/model\/([^/]+)$/.exec(key);
    if (gpu && value === "true") gpuModels.add(`${gpu[1]}/${gpu[2]}`);
    if (/^capabilities\/storage\/\d+\/class$/.test(key)) storageClasses.add(value);
    if (key === "ip-lease" && value === "true") ipLease = true;
  }
  return { gpuModels: [...gpuModels], storageClasses: [...storageClasses], ipLease };
}

/** Whether a provider that publishes its capabilities could host these units (GPU model, storage class, leased IP). */
export function canHost(capabilities: ProviderCapabilities | undefined, units: ResourceShape[]): boolean {
  if (!capabilities) return true;
  for (const u of units) {
    if (u.gpuUnits > 0) {
      const wanted = (u.gpuModels ?? []).map((m) => m.split(" "));
      const ok = wanted.length === 0 || wanted.some(([vendor, model]) => capabilities.gpuModels.some((g) => g.startsWith(`${vendor}/`) && (model === "*" || model === undefined || g === `${vendor}/${model}`)));
      if (!ok || capabilities.gpuModels.length === 0) return false;
    }
    for (const s of u.storage) {
      if (s.class !== "ephemeral" && s.class !== "ram" && s.class !== "default" && !capabilities.storageClasses.includes(s.class)) return false;
    }
    if (u.leasedIps > 0 && !capabilities.ipLease) return false;
  }
  return true;
}

/** A bid seen on chain, joined with the resources of its order. Price is for the whole group, per block. */
export interface ObservedBid {
  provider: string;
  denom: string;
  amount: number;
  units: ResourceShape[];
}

export interface MarketData {
  providers: ProviderPriceScale[];
  bids: ObservedBid[];
}

export interface PriceRange {
  low: number;
  typical: number;
  high: number;
}

const MiB = 1024 * 1024;

/** Helm defaults of the Akash provider chart — used only to weigh resources when comparing bids. */
export const REFERENCE_SCALE: ProviderPriceScale = {
  provider: "reference",
  cpu: 0.004,
  memory: 0.0016,
  storage: { default: 0.00016, beta2: 0.00016 },
  endpoint: 1,
  ip: 60,
};

export function scalePrice(scale: ProviderPriceScale, units: ResourceShape[]): { amount: number; gpuPriced: boolean; storagePriced: boolean } {
  let total = 0;
  let gpuPriced = true;
  let storagePriced = true;
  for (const u of units) {
    let perUnit = u.cpuMillis * scale.cpu + (u.memoryBytes / MiB) * scale.memory + u.endpoints * scale.endpoint;
    for (const s of u.storage) {
      // Like the provider: a class without a price (and no default) cannot be bid on.
      const perMiB = scale.storage[s.class] ?? scale.storage.default;
      if (perMiB === undefined) storagePriced = false;
      else perUnit += (s.bytes / MiB) * perMiB;
    }
    if (u.gpuUnits > 0) {
      const model = u.gpuModels?.map((m) => m.split(" ")[1]).find((m) => m && m !== "*" && scale.gpu?.[m] !== undefined);
      const gpuScale = (model ? scale.gpu?.[model] : undefined) ?? scale.gpu?.default;
      if (gpuScale === undefined) gpuPriced = false;
      else perUnit += u.gpuUnits * gpuScale;
    }
    total += u.count * perUnit + u.leasedIps * scale.ip;
  }
  return { amount: total, gpuPriced, storagePriced };
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function rangeOf(values: number[]): PriceRange | undefined {
  const v = values.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (!v.length) return undefined;
  return { low: v[0]!, typical: median(v), high: v[v.length - 1]! };
}

export interface MarketEstimate {
  /** Per block, in the SDL's denom: what the market data says, widened when the data is thin. */
  range?: PriceRange;
  /** The prices actually seen (per block), before widening. */
  observed?: PriceRange;
  basis: "providers" | "bids" | "providers+bids" | "none";
  providersUsed: number;
  bidsUsed: number;
  /** "thin": fewer than THIN_BELOW prices, so `range` is wider than `observed`. */
  confidence: "none" | "thin" | "fair";
  /** How far the range was widened each way: low = observed.low ÷ factor, high = observed.high × factor (1 = not). */
  widenedBy: number;
  /** For GPU work: providers priced by their default GPU price because they publish none for the model asked for. */
  gpuDefaultPriced: number;
  notes: string[];
}

/** Fewer prices than this is thin data: one provider's list or one bid says little about what the next bid is. */
export const THIN_BELOW = 5;

/** How much to widen a range seen from `samples` prices (bids 76 % above a lone price list were seen on devnet). */
export function widenFactor(samples: number): number {
  if (samples >= THIN_BELOW) return 1;
  if (samples >= 3) return 1.25;
  if (samples === 2) return 1.5;
  return 2;
}

export function widenRange(r: PriceRange, factor: number): PriceRange {
  return factor === 1 ? r : { low: r.low / factor, typical: r.typical, high: r.high * factor };
}

function weight(units: ResourceShape[]): number {
  return scalePrice(REFERENCE_SCALE, units.map((u) => ({ ...u, gpuUnits: 0 }))).amount;
}

/**
 * Estimate what providers would bid for `units` (per block, in `denom`).
 * Provider scales give one price each; comparable bids (same denom, same GPU-ness) are rescaled by
 * resource weight. With neither, the estimate is empty and callers show the SDL max price only.
 */
export function estimateMarketPrice(units: ResourceShape[], denom: string, market: MarketData | undefined): MarketEstimate {
  const notes: string[] = [];
  if (!market || (!market.providers.length && !market.bids.length)) {
    return { basis: "none", providersUsed: 0, bidsUsed: 0, confidence: "none", widenedBy: 1, gpuDefaultPriced: 0, notes: ["No provider prices or recent bids are known; showing the SDL's max price only."] };
  }
  const usesGpu = units.some((u) => u.gpuUnits > 0);
  const fromProviders: number[] = [];
  let unpricedGpu = 0;
  let cannotHost = 0;
  let unpricedStorage = 0;
  let gpuDefaultPriced = 0;
  for (const p of market.providers) {
    if (!canHost(p.capabilities, units)) {
      cannotHost++;
      continue;
    }
    const { amount, gpuPriced, storagePriced } = scalePrice(p, units);
    if (!gpuPriced) {
      unpricedGpu++;
      continue;
    }
    if (!storagePriced) {
      unpricedStorage++;
      continue;
    }
    fromProviders.push(amount);
    if (usesGpu && !pricesGpuModel(p, units)) gpuDefaultPriced++;
  }
  if (unpricedGpu) notes.push(`${countOf(unpricedGpu, { one: "provider publishes", other: "providers publish" })} no GPU price and ${unpricedGpu === 1 ? "was" : "were"} left out.`);
  if (unpricedStorage) notes.push(`${countOf(unpricedStorage, { one: "provider publishes", other: "providers publish" })} no price for a storage class this uses and ${unpricedStorage === 1 ? "was" : "were"} left out.`);
  if (cannotHost) notes.push(`${countOf(cannotHost, { one: "provider lacks", other: "providers lack" })} the GPU model, storage class or IP leases this needs and ${cannotHost === 1 ? "was" : "were"} left out.`);
  if (gpuDefaultPriced) notes.push(`${countOf(gpuDefaultPriced, { one: "provider prices", other: "providers price" })} this GPU model only through a default GPU price; the model's real price may differ.`);
  const myWeight = weight(units);
  const fromBids: number[] = [];
  for (const b of market.bids) {
    if (b.denom !== denom || !b.units.length) continue;
    if (b.units.some((u) => u.gpuUnits > 0) !== usesGpu) continue;
    const w = weight(b.units);
    if (!(w > 0) || !(b.amount > 0)) continue;
    if (usesGpu) {
      // GPU cost dominates: compare per GPU instead of per CPU/memory weight.
      const theirGpus = b.units.reduce((n, u) => n + u.gpuUnits * u.count, 0);
      const myGpus = units.reduce((n, u) => n + u.gpuUnits * u.count, 0);
      if (theirGpus > 0) fromBids.push((b.amount / theirGpus) * myGpus);
    } else {
      fromBids.push((b.amount / w) * myWeight);
    }
  }
  const all = [...fromProviders, ...fromBids];
  const basis = fromProviders.length && fromBids.length ? "providers+bids" : fromProviders.length ? "providers" : fromBids.length ? "bids" : "none";
  if (basis === "none") notes.push("No comparable provider prices or bids; showing the SDL's max price only.");
  const observed = rangeOf(all);
  const samples = fromProviders.length + fromBids.length;
  const widenedBy = observed ? widenFactor(samples) : 1;
  return {
    range: observed && widenRange(observed, widenedBy),
    observed,
    basis,
    providersUsed: fromProviders.length,
    bidsUsed: fromBids.length,
    confidence: !observed ? "none" : samples < THIN_BELOW ? "thin" : "fair",
    widenedBy,
    gpuDefaultPriced,
    notes,
  };
}

/** Whether a provider's scale names a GPU model these units ask for (rather than its default GPU price). */
function pricesGpuModel(scale: ProviderPriceScale, units: ResourceShape[]): boolean {
  return units.every((u) => u.gpuUnits === 0 || Boolean(u.gpuModels?.some((m) => { const model = m.split(" ")[1]; return model && model !== "*" && scale.gpu?.[model] !== undefined; })));
}

/** In words: what the estimate stands on and, when that is thin, how much the range was widened for it. */
export function describeEvidence(est: Pick<MarketEstimate, "providersUsed" | "bidsUsed" | "confidence" | "widenedBy">): string {
  const lists = est.providersUsed ? countOf(est.providersUsed, { one: "provider price list", other: "provider price lists" }) : "no provider price list";
  const bids = est.bidsUsed ? countOf(est.bidsUsed, { one: "recent comparable bid", other: "recent comparable bids" }) : "no recent comparable bid";
  if (est.confidence === "none") return "No provider prices or recent comparable bids are known.";
  if (est.confidence === "fair") return `From ${lists} and ${bids}.`;
  const f = est.widenedBy.toLocaleString("en-US");
  return `Thin market data: only ${lists} and ${bids}. Real bids can differ a lot from so few prices, so the range runs from the lowest seen ÷ ${f} to the highest × ${f}.`;
}

// ---------------------------------------------------------------------------------------------
// Parsing REST data (Cosmos gateway JSON, snake_case).

function num(v: unknown): number {
  const n = typeof v === "string" ? Number(v) : typeof v === "number" ? v : NaN;
  return Number.isFinite(n) ? n : 0;
}

function val(v: unknown): number {
  // ResourceValue.val is a decimal string (or base64 bytes of one in some encoders).
  const raw = (v as { val?: unknown })?.val;
  if (typeof raw === "string" && /^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (typeof raw === "string") {
    try {
      const decoded = fromUtf8(fromBase64(raw.padEnd(Math.ceil(raw.length / 4) * 4, "=")), true);
      if (/^\d+(\.\d+)?$/.test(decoded)) return Number(decoded);
    } catch {
      return 0;
    }
  }
  return num(raw);
}

/** Resources JSON (deployment v1beta4 / market v1beta5) → shape. */
export function resourcesToShape(resources: unknown, count: number): ResourceShape {
  const r = (resources ?? {}) as Record<string, unknown>;
  const cpu = (r.cpu ?? {}) as Record<string, unknown>;
  const mem = (r.memory ?? {}) as Record<string, unknown>;
  const gpu = (r.gpu ?? {}) as Record<string, unknown>;
  const storage = (Array.isArray(r.storage) ? r.storage : []).map((s: Record<string, unknown>) => {
    const attrs = Array.isArray(s.attributes) ? (s.attributes as { key?: string; value?: string }[]) : [];
    const persistent = attrs.some((a) => a.key === "persistent" && a.value === "true");
    const cls = attrs.find((a) => a.key === "class")?.value;
    return { bytes: val(s.quantity ?? s.size), class: persistent ? (cls ?? "default") : "ephemeral" };
  });
  const endpoints = Array.isArray(r.endpoints) ? (r.endpoints as { kind?: unknown }[]) : [];
  const isIp = (k: unknown) => k === 2 || k === "LEASED_IP";
  const gpuAttrs = Array.isArray(gpu.attributes) ? (gpu.attributes as { key?: string }[]) : [];
  return {
    cpuMillis: val(cpu.units),
    memoryBytes: val(mem.quantity ?? mem.size),
    storage,
    gpuUnits: val(gpu.units),
    gpuModels: gpuAttrs.map((a) => (a.key ?? "").split("/")).filter((p) => p[0] === "vendor").map((p) => `${p[1]} ${p[3] ?? "*"}`),
    endpoints: endpoints.filter((e) => !isIp(e.kind)).length,
    leasedIps: endpoints.filter((e) => isIp(e.kind)).length,
    count,
  };
}

/**
 * Join `/akash/market/v1beta5/bids/list` with `/orders/list` (for the resources each bid is for).
 * Bids that carry `resources_offer` are used directly. Garbage entries are skipped.
 */
export function parseBids(bidsJson: unknown, ordersJson?: unknown): ObservedBid[] {
  const orders = new Map<string, ResourceShape[]>();
  for (const o of (ordersJson as { orders?: unknown[] })?.orders ?? []) {
    const order = o as { id?: Record<string, unknown>; spec?: { resources?: { resource?: unknown; count?: unknown }[] } };
    if (!order?.id) continue;
    const key = `${order.id.owner}/${order.id.dseq}/${order.id.gseq}/${order.id.oseq}`;
    orders.set(key, (order.spec?.resources ?? []).map((ru) => resourcesToShape(ru.resource, num(ru.count) || 1)));
  }
  const out: ObservedBid[] = [];
  const list = (bidsJson as { bids?: unknown[] })?.bids;
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    const bid = (entry as { bid?: Record<string, unknown> })?.bid ?? (entry as Record<string, unknown>);
    const id = (bid?.id ?? {}) as Record<string, unknown>;
    const price = (bid?.price ?? {}) as { denom?: unknown; amount?: unknown };
    if (typeof price.denom !== "string") continue;
    const offer = Array.isArray(bid.resources_offer) ? (bid.resources_offer as { resources?: unknown; count?: unknown }[]) : [];
    const units = offer.length ? offer.map((o) => resourcesToShape(o.resources, num(o.count) || 1)) : (orders.get(`${id.owner}/${id.dseq}/${id.gseq}/${id.oseq}`) ?? []);
    out.push({ provider: String(id.provider ?? ""), denom: price.denom, amount: num(price.amount), units });
  }
  return out;
}

/**
 * Read a provider's price scale from key/value pairs (provider attributes or a `/status` map).
 * Keys are matched loosely on the provider flag names: `bidpricecpuscale`, `bidpricememoryscale`,
 * `bidpricestoragescale` ("0.00016,beta2=0.00016"), `bidpriceendpointscale`, `bidpriceipscale`,
 * `bidpricegpuscale` ("100,a100=1.2"), with or without a prefix such as `pricing/` and with any
 * separators (e.g. `pricing/bid-price-cpu-scale`).
 */
export function parsePriceScale(provider: string, pairs: { key: string; value: string }[] | Record<string, unknown>): ProviderPriceScale | undefined {
  const entries = Array.isArray(pairs) ? pairs.map((p) => [p.key, p.value] as const) : Object.entries(pairs).map(([k, v]) => [k, String(v)] as const);
  const found: Record<string, string> = {};
  for (const [key, value] of entries) {
    const last = key.toLowerCase().split("/").pop() ?? "";
    const norm = last.replace(/[^a-z]/g, "");
    for (const kind of ["cpu", "memory", "storage", "endpoint", "ip", "gpu"]) {
      if (norm === `bidprice${kind}scale` || norm === `${kind}scale` || norm === `pricescale${kind}`) found[kind] = value;
    }
  }
  if (found.cpu === undefined || found.memory === undefined) return undefined;
  const perClass = (spec: string | undefined): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const part of (spec ?? "").split(",")) {
      const [a, b] = part.split("=");
      if (b === undefined && a && Number.isFinite(Number(a))) out.default = Number(a);
      else if (a && b && Number.isFinite(Number(b))) out[a.trim()] = Number(b);
    }
    return out;
  };
  const cpu = Number(found.cpu);
  const memory = Number(found.memory);
  if (!Number.isFinite(cpu) || !Number.isFinite(memory)) return undefined;
  const gpu = found.gpu !== undefined ? perClass(found.gpu) : undefined;
  return {
    provider,
    cpu,
    memory,
    storage: perClass(found.storage),
    endpoint: Number(found.endpoint ?? 0) || 0,
    ip: Number(found.ip ?? 0) || 0,
    gpu: gpu && Object.keys(gpu).length ? gpu : undefined,
  };
}

/** Providers list JSON (`/akash/provider/v1beta4/providers`) → the scales of those that publish one. */
export function parseProviderScales(providersJson: unknown): ProviderPriceScale[] {
  const list = (providersJson as { providers?: unknown[] })?.providers;
  if (!Array.isArray(list)) return [];
  const out: ProviderPriceScale[] = [];
  for (const p of list) {
    const pr = p as { owner?: unknown; attributes?: unknown };
    if (typeof pr?.owner !== "string" || !Array.isArray(pr.attributes)) continue;
    const pairs = (pr.attributes as { key?: unknown; value?: unknown }[]).filter((a) => typeof a?.key === "string").map((a) => ({ key: String(a.key), value: String(a.value ?? "") }));
    const scale = parsePriceScale(pr.owner, pairs);
    if (scale) out.push({ ...scale, capabilities: parseCapabilities(pairs) });
  }
  return out;
}

/**
 * A provider `/status` document that publishes its scale prices (as the devnet providers do, under
 * `devnet.pricing`, or a top-level `pricing`): `{cpu, memory, storage:{class:v}, endpoint, ip, gpu:{model|"*":v}}`.
 */
export function parseStatusPricing(provider: string, status: unknown): ProviderPriceScale | undefined {
  const s = (status ?? {}) as Record<string, unknown>;
  const p = ((s.devnet as Record<string, unknown> | undefined)?.pricing ?? s.pricing) as Record<string, unknown> | undefined;
  if (!p || typeof p !== "object") return undefined;
  const cpu = Number(p.cpu);
  const memory = Number(p.memory);
  if (!Number.isFinite(cpu) || !Number.isFinite(memory)) return undefined;
  const table = (v: unknown, star: string): Record<string, number> => {
    const out: Record<string, number> = {};
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (Number.isFinite(Number(x))) out[k === star ? "default" : k] = Number(x);
    return out;
  };
  const storage = table(p.storage, "*");
  const gpu = table(p.gpu, "*");
  return { provider, cpu, memory, storage, endpoint: Number(p.endpoint) || 0, ip: Number(p.ip) || 0, gpu: Object.keys(gpu).length ? gpu : undefined };
}

/** The most recent AKT/USD price seen in `/akash/bme/v1/ledger` (an AKT burn record's price). */
export function parseAktPriceFromLedger(json: unknown): number | undefined {
  const records = (json as { records?: unknown[] })?.records;
  if (!Array.isArray(records)) return undefined;
  let best: { height: number; price: number } | undefined;
  for (const r of records) {
    const rec = (r ?? {}) as Record<string, unknown>;
    const exec = (rec.executed_record ?? rec.executedRecord ?? rec) as Record<string, unknown>;
    const burned = exec.burned as { coin?: { denom?: string }; price?: unknown } | undefined;
    const price = Number(burned?.price);
    if (burned?.coin?.denom !== "uakt" || !(price > 0)) continue;
    const height = Number((rec.id as Record<string, unknown> | undefined)?.height ?? rec.height ?? 0) || 0;
    if (!best || height >= best.height) best = { height, price };
  }
  return best?.price;
}
