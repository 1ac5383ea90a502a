/**
 * The simulated providers' identities: attributes, finite inventory, per-unit prices and bidding behaviour.
 * Five distinct default profiles cover the issue's cases (audited, two GPU models, expensive, cheap-but-slow,
 * the one tests take offline); providers 6..10 get generic profiles.
 */
import type { Attribute } from "./types.ts";

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

/** Per-unit prices of the provider's `scale` bid strategy (akash provider bidengine/pricing.go). */
export interface ScalePricing {
  /** Per millicpu per block. */
  cpu: string;
  /** Per MiB of memory per block. */
  memory: string;
  /** Per MiB per block, by storage class ("ephemeral" for non-persistent volumes). */
  storage: Record<string, string>;
  /** Per endpoint per block. */
  endpoint: string;
  /** Per leased IP per block. */
  ip: string;
  /** Per GPU unit per block, by model ("*" = any other model this provider has). */
  gpu: Record<string, string>;
}

export interface GpuModelInventory {
  vendor: string;
  model: string;
  ram: string;
  interface: "pcie" | "sxm";
  units: number;
}

export interface InventoryCapacity {
  cpuMillis: number;
  memoryBytes: number;
  /** Bytes by storage class; "ephemeral" is always present. */
  storage: Record<string, number>;
  gpus: GpuModelInventory[];
  /** Leased IP pool (simulated addresses). */
  ips: string[];
}

export interface ProviderProfile {
  index: number;
  name: string;
  organization: string;
  region: string;
  country: string;
  tier: string;
  email: string;
  website: string;
  audited: boolean;
  pricing: ScalePricing;
  capacity: InventoryCapacity;
  /** Multiplier on the configured bid delay (the "slow" provider waits longer). */
  bidDelayFactor: number;
}

/** Helm chart defaults of the akash-provider chart. */
export const HELM_DEFAULT_PRICING: ScalePricing = {
  cpu: "0.004",
  memory: "0.0016",
  storage: { ephemeral: "0.00016", beta2: "0.00016" },
  endpoint: "1",
  ip: "60",
  gpu: { "*": "100" },
};

function scaled(p: ScalePricing, factor: number): ScalePricing {
  const m = (v: string) => String(Number((Number(v) * factor).toPrecision(6)));
  const mapRec = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, m(v)]));
  return { cpu: m(p.cpu), memory: m(p.memory), storage: mapRec(p.storage), endpoint: m(p.endpoint), ip: m(p.ip), gpu: mapRec(p.gpu) };
}

function ipPool(index: number, n: number): string[] {
  // Documentation range TEST-NET-2 (RFC 5737): clearly simulated, never routable.
  return Array.from({ length: n }, (_, k) => `198.51.100.${index * 10 + k + 1}`);
}

const BASE = HELM_DEFAULT_PRICING;

const DEFAULT_PROFILES: Omit<ProviderProfile, "index" | "name">[] = [
  {
    organization: "Westwind Compute",
    region: "us-west",
    country: "US",
    tier: "community",
    email: "ops@westwind.example",
    website: "https://westwind.example",
    audited: true,
    pricing: { ...BASE, storage: { ephemeral: "0.00016", beta2: "0.00016", beta3: "0.0002" } },
    capacity: { cpuMillis: 64_000, memoryBytes: 256 * GiB, storage: { ephemeral: 2 * TiB, beta2: 1 * TiB, beta3: 512 * GiB }, gpus: [], ips: ipPool(1, 4) },
    bidDelayFactor: 1,
  },
  {
    organization: "Nordic GPU Cloud",
    region: "eu-north",
    country: "SE",
    tier: "community",
    email: "noc@nordicgpu.example",
    website: "https://nordicgpu.example",
    audited: false,
    pricing: { ...scaled(BASE, 1.1), gpu: { a100: "180", rtx4090: "70", "*": "120" } },
    capacity: {
      cpuMillis: 96_000,
      memoryBytes: 512 * GiB,
      storage: { ephemeral: 4 * TiB, beta2: 2 * TiB, beta3: 2 * TiB },
      gpus: [
        { vendor: "nvidia", model: "a100", ram: "80Gi", interface: "sxm", units: 4 },
        { vendor: "nvidia", model: "rtx4090", ram: "24Gi", interface: "pcie", units: 8 },
      ],
      ips: [],
    },
    bidDelayFactor: 1,
  },
  {
    organization: "Premium Cloud Partners",
    region: "us-east",
    country: "US",
    tier: "premium",
    email: "sales@premiumcloud.example",
    website: "https://premiumcloud.example",
    audited: false,
    pricing: { ...scaled(BASE, 3), storage: { ephemeral: "0.0005", beta2: "0.0006", beta3: "0.0008" } },
    capacity: { cpuMillis: 128_000, memoryBytes: 1024 * GiB, storage: { ephemeral: 8 * TiB, beta2: 4 * TiB, beta3: 2 * TiB }, gpus: [], ips: ipPool(3, 8) },
    bidDelayFactor: 1,
  },
  {
    organization: "BudgetBox Hosting",
    region: "ap-south",
    country: "IN",
    tier: "community",
    email: "hello@budgetbox.example",
    website: "https://budgetbox.example",
    audited: false,
    pricing: scaled(BASE, 0.5),
    capacity: { cpuMillis: 32_000, memoryBytes: 128 * GiB, storage: { ephemeral: 1 * TiB, beta2: 512 * GiB }, gpus: [], ips: [] },
    // Cheap but slow: bids several blocks after the others.
    bidDelayFactor: 6,
  },
  {
    organization: "Flaky Labs",
    region: "eu-west",
    country: "DE",
    tier: "community",
    email: "status@flakylabs.example",
    website: "https://flakylabs.example",
    audited: false,
    pricing: scaled(BASE, 0.9),
    capacity: { cpuMillis: 48_000, memoryBytes: 192 * GiB, storage: { ephemeral: 2 * TiB, beta2: 1 * TiB }, gpus: [], ips: ipPool(5, 2) },
    bidDelayFactor: 1,
  },
];

const GENERIC_REGIONS: [string, string][] = [
  ["us-central", "US"],
  ["eu-central", "FR"],
  ["ap-northeast", "JP"],
  ["sa-east", "BR"],
  ["ca-central", "CA"],
];

export function providerProfile(index: number): ProviderProfile {
  const name = `provider-${index}`;
  const base = DEFAULT_PROFILES[index - 1];
  if (base) return { ...base, index, name };
  const [region, country] = GENERIC_REGIONS[(index - 6) % GENERIC_REGIONS.length] ?? ["us-central", "US"];
  return {
    index,
    name,
    organization: `Generic Compute ${index}`,
    region,
    country,
    tier: "community",
    email: `ops@provider${index}.example`,
    website: `https://provider${index}.example`,
    audited: false,
    pricing: scaled(BASE, 0.8 + (index % 5) * 0.1),
    capacity: { cpuMillis: 32_000, memoryBytes: 128 * GiB, storage: { ephemeral: 1 * TiB, beta2: 512 * GiB }, gpus: [], ips: [] },
    bidDelayFactor: 1,
  };
}

/** On-chain attributes in the conventions real Akash providers use. */
export function providerAttributes(p: ProviderProfile): Attribute[] {
  const attrs: Attribute[] = [
    { key: "host", value: "akash" },
    { key: "tier", value: p.tier },
    { key: "organization", value: p.organization },
    { key: "region", value: p.region },
    { key: "country", value: p.country },
  ];
  const persistentClasses = Object.keys(p.capacity.storage).filter((c) => c !== "ephemeral").sort();
  persistentClasses.forEach((cls, i) => {
    attrs.push({ key: `capabilities/storage/${i + 1}/class`, value: cls });
    attrs.push({ key: `capabilities/storage/${i + 1}/persistent`, value: "true" });
  });
  const vendors = [...new Set(p.capacity.gpus.map((g) => g.vendor))];
  for (const v of vendors) attrs.push({ key: `capabilities/gpu/vendor/${v}`, value: "true" });
  for (const g of p.capacity.gpus) {
    attrs.push({ key: `capabilities/gpu/vendor/${g.vendor}/model/${g.model}`, value: "true" });
    attrs.push({ key: `capabilities/gpu/vendor/${g.vendor}/model/${g.model}/ram/${g.ram}`, value: "true" });
    attrs.push({ key: `capabilities/gpu/vendor/${g.vendor}/model/${g.model}/interface/${g.interface}`, value: "true" });
  }
  if (p.capacity.ips.length > 0) attrs.push({ key: "ip-lease", value: "true" });
  return attrs.sort((a, b) => a.key.localeCompare(b.key));
}
