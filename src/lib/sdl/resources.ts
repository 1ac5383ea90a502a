/**
 * Resource and price summary of a valid SDL, per service and placement, for cards and the cost
 * estimate. Unit conversion follows chain-sdk (k/M/G… = 1000ⁿ, Ki/Mi/Gi… = 1024ⁿ; CPU in millicores).
 */

const PREFIXES = "kmgtpe";

export function parseSizeToBytes(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return 0;
  const m = /^([\d.]+)([a-zA-Z])([a-zA-Z]*)$/.exec(value.trim().toLowerCase());
  if (!m) return Number(value) || 0;
  const power = PREFIXES.indexOf(m[2]!);
  const base = m[3] === "i" ? 1024 : 1000;
  const n = parseFloat(m[1]!);
  return Math.ceil(power === -1 ? n : n * Math.pow(base, power + 1));
}

export function parseCpuToMillis(value: unknown): number {
  if (typeof value === "number") return value * 1000;
  if (typeof value !== "string") return 0;
  const m = /^([\d.]+)([a-zA-Z]*)$/.exec(value.trim().toLowerCase());
  if (!m) return 0;
  return m[2] === "m" ? parseFloat(m[1]!) : parseFloat(m[1]!) * 1000;
}

export interface StorageSummary {
  name: string;
  bytes: number;
  persistent: boolean;
  /** Storage class; "ephemeral" for non-persistent volumes (as the provider prices them). */
  class: string;
}

export interface ServiceSummary {
  service: string;
  placement: string;
  profile: string;
  image: string;
  count: number;
  cpuMillis: number;
  memoryBytes: number;
  storage: StorageSummary[];
  gpuUnits: number;
  /** e.g. ["nvidia a100 80Gi sxm", "nvidia *"] */
  gpuModels: string[];
  gpuVendor?: string;
  /** Global exposes: HTTP on the shared ingress vs a random port. */
  httpEndpoints: number;
  randomPortEndpoints: number;
  leasedIps: number;
  /** Max price per block per replica as written in the SDL. */
  price?: { denom: string; amount: number };
}

export interface SdlSummary {
  version: string;
  services: ServiceSummary[];
  usesGpu: boolean;
  usesPersistentStorage: boolean;
  usesIpLease: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function truthy(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return !["false", "no", "0", ""].includes(v.toLowerCase());
  return Boolean(v);
}

/** Summarise an SDL object (already validated, or at least shaped like an SDL). */
export function summarizeSdl(sdl: unknown): SdlSummary {
  const root = obj(sdl);
  const services = obj(root.services);
  const deployment = obj(root.deployment);
  const compute = obj(obj(root.profiles).compute);
  const placements = obj(obj(root.profiles).placement);
  const out: ServiceSummary[] = [];
  for (const [service, svcRaw] of Object.entries(services)) {
    const svc = obj(svcRaw);
    for (const [placement, deplRaw] of Object.entries(obj(deployment[service]))) {
      const depl = obj(deplRaw);
      const profile = String(depl.profile ?? "");
      const res = obj(obj(compute[profile]).resources);
      const storage: StorageSummary[] = arr(res.storage).map((s) => {
        const so = obj(s);
        const attrs = obj(so.attributes);
        const persistent = truthy(attrs.persistent ?? false);
        const name = String(so.name ?? "default");
        return { name, bytes: parseSizeToBytes(so.size), persistent, class: persistent ? String(attrs.class ?? "default") : attrs.class === "ram" ? "ram" : "ephemeral" };
      });
      const gpu = obj(res.gpu);
      const vendors = obj(obj(gpu.attributes).vendor);
      const gpuModels: string[] = [];
      for (const [vendor, models] of Object.entries(vendors)) {
        if (!Array.isArray(models) || models.length === 0) gpuModels.push(`${vendor} *`);
        else for (const m of models) {
          const mo = obj(m);
          gpuModels.push([vendor, mo.model, mo.ram, mo.interface].filter(Boolean).join(" "));
        }
      }
      let httpEndpoints = 0;
      let randomPortEndpoints = 0;
      let leasedIps = 0;
      for (const e of arr(svc.expose)) {
        const ex = obj(e);
        const proto = String(ex.proto ?? "tcp").toUpperCase();
        const external = Number(ex.as ?? 0) || Number(ex.port ?? 0);
        for (const t of arr(ex.to)) {
          const to = obj(t);
          if (!to.global) continue;
          if (proto === "TCP" && external === 80) httpEndpoints++;
          else randomPortEndpoints++;
          if (typeof to.ip === "string" && to.ip) leasedIps++;
        }
      }
      const pricing = obj(obj(obj(placements[placement]).pricing)[profile]);
      const amount = Number(pricing.amount);
      out.push({
        service,
        placement,
        profile,
        image: String(svc.image ?? ""),
        count: Number(depl.count ?? 1) || 1,
        cpuMillis: parseCpuToMillis(obj(res.cpu).units),
        memoryBytes: parseSizeToBytes(obj(res.memory).size),
        storage,
        gpuUnits: Number(gpu.units ?? 0) || 0,
        gpuModels,
        gpuVendor: Object.keys(vendors)[0],
        httpEndpoints,
        randomPortEndpoints,
        leasedIps,
        price: typeof pricing.denom === "string" && Number.isFinite(amount) ? { denom: pricing.denom, amount } : undefined,
      });
    }
  }
  return {
    version: String(root.version ?? ""),
    services: out,
    usesGpu: out.some((s) => s.gpuUnits > 0),
    usesPersistentStorage: out.some((s) => s.storage.some((v) => v.persistent)),
    usesIpLease: out.some((s) => s.leasedIps > 0) || Object.keys(obj(root.endpoints)).length > 0,
  };
}
