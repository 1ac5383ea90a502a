/** The provider list model: chain data + audit + live status per provider, and its filters and sort orders. */
import { countryOf, displayName, gpuModelsOf, regionOf, storageClassesOf, tierOf, type GpuModel, type StorageClass } from "@/lib/providers/attributes";
import type { Provider } from "@/lib/chain/provider";
import type { TrustedAuditors } from "@/lib/networks/auditors";
import { auditState, type AuditSignature, type AuditState } from "./auditors";
import type { ProviderStatusSummary } from "@/lib/provider-proxy/provider-status";

/** What the list reads of a chain provider. */
export type ChainProvider = Pick<Provider, "owner" | "hostUri" | "attributes" | "email" | "website">;

/** What we know live about a provider: checking, online (with its status), offline, or unknown (no proxy). */
export type LiveState = { state: "checking" } | { state: "online"; status: ProviderStatusSummary } | { state: "offline"; reason: string } | { state: "unknown"; reason: string };

export interface ProviderRow extends ChainProvider {
  name: string;
  region?: string;
  country?: string;
  tier?: string;
  gpuModels: GpuModel[];
  storageClasses: StorageClass[];
  audit: AuditState;
  live: LiveState;
}

/** `trusted`: the auditors trusted on the provider's network (a signature by anyone else is not an audit). */
export function toProviderRow(provider: ChainProvider, signatures: AuditSignature[], live: LiveState, trusted: TrustedAuditors): ProviderRow {
  const { attributes } = provider;
  return {
    ...provider,
    name: displayName(attributes, provider.hostUri),
    region: regionOf(attributes),
    country: countryOf(attributes),
    tier: tierOf(attributes),
    gpuModels: gpuModelsOf(attributes),
    storageClasses: storageClassesOf(attributes),
    audit: auditState(signatures, trusted),
    live,
  };
}

export type SortKey = "name" | "cpu" | "gpus";

export interface ProviderFilters {
  search: string;
  auditedOnly: boolean;
  onlineOnly: boolean;
  /** `vendor/model`, or "" for any. */
  gpuModel: string;
  /** Region attribute, or "" for any. */
  region: string;
  sort: SortKey;
}

export const DEFAULT_FILTERS: ProviderFilters = { search: "", auditedOnly: false, onlineOnly: false, gpuModel: "", region: "", sort: "name" };

export const gpuKey = (g: Pick<GpuModel, "vendor" | "model">) => `${g.vendor}/${g.model}`;

function matchesSearch(row: ProviderRow, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const haystack = [row.name, row.hostUri, row.owner, row.region, row.country, row.tier, ...row.gpuModels.map((g) => g.model), ...row.attributes.map((a) => a.value)];
  return haystack.some((s) => s?.toLowerCase().includes(q));
}

export function availableCpu(row: ProviderRow): number | null {
  return row.live.state === "online" ? (row.live.status.available?.cpu ?? null) : null;
}

export function availableGpus(row: ProviderRow): number | null {
  return row.live.state === "online" ? (row.live.status.available?.gpus ?? null) : null;
}

/** Descending by a live number; providers without one (offline, unknown) go last. */
function byLiveNumber(value: (r: ProviderRow) => number | null) {
  return (a: ProviderRow, b: ProviderRow) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return 0;
    if (va === null) return 1;
    if (vb === null) return -1;
    return vb - va;
  };
}

export function filterProviders(rows: ProviderRow[], filters: ProviderFilters): ProviderRow[] {
  const filtered = rows.filter(
    (row) =>
      (!filters.auditedOnly || row.audit.audited) &&
      (!filters.onlineOnly || row.live.state === "online") &&
      (!filters.gpuModel || row.gpuModels.some((g) => gpuKey(g) === filters.gpuModel)) &&
      (!filters.region || row.region === filters.region) &&
      matchesSearch(row, filters.search),
  );
  const byName = (a: ProviderRow, b: ProviderRow) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) || a.owner.localeCompare(b.owner);
  const primary =
    filters.sort === "cpu"
      ? byLiveNumber(availableCpu)
      : filters.sort === "gpus"
        ? (a: ProviderRow, b: ProviderRow) => byLiveNumber(availableGpus)(a, b) || b.gpuModels.length - a.gpuModels.length
        : () => 0;
  return [...filtered].sort((a, b) => primary(a, b) || byName(a, b));
}

/** Choices for the GPU model and region filters, from the providers themselves. */
export function filterOptions(rows: ProviderRow[]): { gpuModels: GpuModel[]; regions: string[] } {
  const gpus = new Map<string, GpuModel>();
  for (const row of rows) for (const g of row.gpuModels) if (!gpus.has(gpuKey(g))) gpus.set(gpuKey(g), g);
  const regions = [...new Set(rows.map((r) => r.region).filter((r): r is string => Boolean(r)))].sort();
  return { gpuModels: [...gpus.values()].sort((a, b) => a.model.localeCompare(b.model)), regions };
}

const SORT_KEYS: readonly SortKey[] = ["name", "cpu", "gpus"];

/** Filters from the page's query string (`?q=&audited=1&online=1&gpu=nvidia/a100&region=&sort=cpu`), so they survive back navigation and can be shared. */
export function filtersFromSearch(params: URLSearchParams): ProviderFilters {
  const sort = params.get("sort") as SortKey | null;
  return {
    search: params.get("q") ?? "",
    auditedOnly: params.get("audited") === "1",
    onlineOnly: params.get("online") === "1",
    gpuModel: params.get("gpu") ?? "",
    region: params.get("region") ?? "",
    sort: sort && SORT_KEYS.includes(sort) ? sort : "name",
  };
}

export function filtersToSearch(filters: ProviderFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set("q", filters.search);
  if (filters.auditedOnly) params.set("audited", "1");
  if (filters.onlineOnly) params.set("online", "1");
  if (filters.gpuModel) params.set("gpu", filters.gpuModel);
  if (filters.region) params.set("region", filters.region);
  if (filters.sort !== "name") params.set("sort", filters.sort);
  return params;
}
