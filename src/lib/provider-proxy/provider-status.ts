/**
 * The provider's unauthenticated `GET /status`, read tolerantly: real providers differ by version (leases as a
 * number or `{active}`, quantities as numbers or numeric strings); the devnet adds a `devnet` field we ignore.
 */

export interface ResourceAmounts {
  /** Millicpu. */
  cpu: number;
  memoryBytes: number;
  gpus: number;
  ephemeralStorageBytes: number;
}

export interface ProviderStatusSummary {
  /** Active leases the provider reports, when it reports them. */
  leases: number | null;
  /** Sum over the provider's nodes; null when the status has no node inventory we can read. */
  available: ResourceAmounts | null;
  allocatable: ResourceAmounts | null;
  /** Persistent storage still available, by class. */
  storage: Array<{ class: string; bytes: number }>;
  nodes: number;
  /** Orders the bid engine is working on. */
  pendingOrders: number | null;
  deployments: number | null;
  publicHostname: string | null;
}

function num(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function obj(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function amounts(value: unknown): ResourceAmounts | null {
  const o = obj(value);
  if (!o) return null;
  const cpu = num(o.cpu);
  const memoryBytes = num(o.memory);
  if (cpu === null && memoryBytes === null) return null;
  return { cpu: cpu ?? 0, memoryBytes: memoryBytes ?? 0, gpus: num(o.gpu) ?? 0, ephemeralStorageBytes: num(o.storage_ephemeral) ?? 0 };
}

function sum(list: ResourceAmounts[]): ResourceAmounts | null {
  if (list.length === 0) return null;
  return list.reduce((a, b) => ({ cpu: a.cpu + b.cpu, memoryBytes: a.memoryBytes + b.memoryBytes, gpus: a.gpus + b.gpus, ephemeralStorageBytes: a.ephemeralStorageBytes + b.ephemeralStorageBytes }));
}

export function parseProviderStatus(body: unknown): ProviderStatusSummary {
  const root = obj(body) ?? {};
  const cluster = obj(root.cluster) ?? {};
  const leases = num(cluster.leases) ?? num(obj(cluster.leases)?.active);
  const inventory = obj(cluster.inventory) ?? {};
  const available = obj(inventory.available) ?? {};
  const nodes = Array.isArray(available.nodes) ? available.nodes.map(obj).filter((n): n is Record<string, unknown> => n !== null) : [];
  const storage = Array.isArray(available.storage)
    ? available.storage
        .map(obj)
        .filter((s): s is Record<string, unknown> => s !== null && typeof s.class === "string")
        .map((s) => ({ class: String(s.class), bytes: num(s.size) ?? 0 }))
    : [];
  return {
    leases,
    // Older providers list each node's availability flat (`{cpu, memory, storage_ephemeral}`), newer ones under `available`.
    available: sum(nodes.map((n) => amounts(n.available) ?? amounts(n)).filter((a): a is ResourceAmounts => a !== null)),
    allocatable: sum(nodes.map((n) => amounts(n.allocatable)).filter((a): a is ResourceAmounts => a !== null)),
    storage,
    nodes: nodes.length,
    pendingOrders: num(obj(root.bidengine)?.orders),
    deployments: num(obj(root.manifest)?.deployments),
    publicHostname: typeof root.cluster_public_hostname === "string" && root.cluster_public_hostname ? root.cluster_public_hostname : null,
  };
}

/** `GET /version`: the provider software and its Kubernetes version. */
export interface ProviderVersion {
  akash: string | null;
  commit: string | null;
  kube: string | null;
}

export function parseProviderVersion(body: unknown): ProviderVersion {
  const root = obj(body) ?? {};
  const akash = obj(root.akash);
  const kube = obj(root.kube);
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  return { akash: str(akash?.version), commit: str(akash?.commit), kube: str(kube?.gitVersion) ?? (kube?.major ? `v${String(kube.major)}.${String(kube.minor ?? "")}` : null) };
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 || unit === 0 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, "")} ${UNITS[unit]}`;
}

/** Millicpu → "12.5 CPU". */
export function formatCpu(millis: number): string {
  const cpus = millis / 1000;
  return `${cpus >= 100 ? Math.round(cpus) : Number(cpus.toFixed(1))} CPU`;
}
