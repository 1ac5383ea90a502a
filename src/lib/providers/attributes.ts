/**
 * Reading provider attributes as Akash providers publish them (on mainnet and on the devnet alike):
 * display name, location, tier, GPU models (`capabilities/gpu/vendor/<v>/model/<m>[/ram/<r>|/interface/<i>]`)
 * and storage classes (`capabilities/storage/<n>/class`). Pure functions, no React.
 */
import type { Attribute } from "@/lib/chain/provider";

export type { Attribute };

export interface GpuModel {
  vendor: string;
  model: string;
  /** Memory sizes advertised for this model (e.g. "80Gi"). */
  ram: string[];
  /** Interfaces advertised for this model (e.g. "sxm", "pcie"). */
  interfaces: string[];
}

export interface StorageClass {
  class: string;
  persistent: boolean;
}

export type AttributeGroupName = "location" | "hardware" | "storage" | "network" | "other";

export const ATTRIBUTE_GROUPS: ReadonlyArray<{ name: AttributeGroupName; label: string }> = [
  { name: "location", label: "Location" },
  { name: "hardware", label: "Hardware" },
  { name: "storage", label: "Storage" },
  { name: "network", label: "Network" },
  { name: "other", label: "Other" },
];

function firstValue(attributes: Attribute[], keys: string[]): string | undefined {
  for (const key of keys) {
    const found = attributes.find((a) => a.key.toLowerCase() === key && a.value.trim() !== "");
    if (found) return found.value.trim();
  }
  return undefined;
}

/** Host name of a host URI (`https://provider.example.com:8443` → `provider.example.com`); the input when it is not a URL. */
export function hostOf(hostUri: string): string {
  try {
    return new URL(hostUri).hostname || hostUri;
  } catch {
    return hostUri;
  }
}

/** `provider.example.com:8443` without the scheme (and without the default 443): what a user recognises. */
export function compactHostUri(hostUri: string): string {
  try {
    const url = new URL(hostUri);
    return url.port && url.port !== "443" ? `${url.hostname}:${url.port}` : url.hostname;
  } catch {
    return hostUri;
  }
}

/** The organization attribute, else the host name. */
export function displayName(attributes: Attribute[], hostUri: string): string {
  return firstValue(attributes, ["organization", "org"]) ?? hostOf(hostUri);
}

export function regionOf(attributes: Attribute[]): string | undefined {
  return firstValue(attributes, ["region", "location-region"]);
}

export function countryOf(attributes: Attribute[]): string | undefined {
  return firstValue(attributes, ["country", "location-country"]);
}

export function cityOf(attributes: Attribute[]): string | undefined {
  return firstValue(attributes, ["city", "location-city"]);
}

export function tierOf(attributes: Attribute[]): string | undefined {
  return firstValue(attributes, ["tier"]);
}

const TRUE = /^(true|1|yes)$/i;
const GPU_KEY = /^capabilities\/gpu\/vendor\/([^/]+)\/model\/([^/]+)(?:\/(ram|interface)\/([^/]+))?$/i;

/** GPU models from `capabilities/gpu/vendor/<v>/model/<m>…` attributes whose value is true, sorted. */
export function gpuModelsOf(attributes: Attribute[]): GpuModel[] {
  const byKey = new Map<string, GpuModel>();
  for (const { key, value } of attributes) {
    const match = GPU_KEY.exec(key);
    if (!match || !TRUE.test(value.trim())) continue;
    const [, vendor, model, kind, detail] = match as unknown as [string, string, string, string | undefined, string | undefined];
    const id = `${vendor.toLowerCase()}/${model.toLowerCase()}`;
    const entry = byKey.get(id) ?? { vendor: vendor.toLowerCase(), model: model.toLowerCase(), ram: [], interfaces: [] };
    byKey.set(id, entry);
    if (kind?.toLowerCase() === "ram" && detail && !entry.ram.includes(detail)) entry.ram.push(detail);
    if (kind?.toLowerCase() === "interface" && detail && !entry.interfaces.includes(detail)) entry.interfaces.push(detail);
  }
  return [...byKey.values()].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.model.localeCompare(b.model));
}

/** "a100" → "A100", "rtx4090" → "RTX4090": how GPU models are usually written. */
export function gpuLabel(gpu: Pick<GpuModel, "model">): string {
  return gpu.model.toUpperCase();
}

/** Storage classes from `capabilities/storage/<n>/class` (+ `/persistent`), in attribute order. */
export function storageClassesOf(attributes: Attribute[]): StorageClass[] {
  const slots = new Map<string, { class?: string; persistent?: boolean }>();
  for (const { key, value } of attributes) {
    const match = /^capabilities\/storage\/([^/]+)\/(class|persistent)$/.exec(key.toLowerCase());
    if (!match) continue;
    const [, slot, field] = match as unknown as [string, string, string];
    const entry = slots.get(slot) ?? {};
    slots.set(slot, entry);
    if (field === "class") entry.class = value.trim();
    else entry.persistent = TRUE.test(value.trim());
  }
  return [...slots.entries()]
    .filter((e): e is [string, { class: string; persistent?: boolean }] => Boolean(e[1].class))
    .sort(([a], [b]) => (Number(a) || 0) - (Number(b) || 0))
    .map(([, s]) => ({ class: s.class, persistent: s.persistent ?? s.class !== "ephemeral" }));
}

const LOCATION_KEYS = new Set(["region", "country", "city", "timezone", "datacenter", "location", "continent", "zone"]);

/** Which group an attribute belongs to on the detail page. */
export function attributeGroup(key: string): AttributeGroupName {
  const k = key.toLowerCase();
  if (LOCATION_KEYS.has(k) || k.startsWith("location-") || k.startsWith("location/")) return "location";
  if (k.startsWith("capabilities/storage") || k.startsWith("feat-persistent-storage") || k.startsWith("storage") || k === "hardware-disk") return "storage";
  if (k.startsWith("network") || k.startsWith("feat-endpoint") || k === "ip-lease" || k.startsWith("bandwidth") || k.startsWith("capabilities/network")) return "network";
  if (k.startsWith("capabilities/") || k.startsWith("hardware") || k === "cuda" || k.startsWith("gpu") || k.startsWith("cpu") || k.startsWith("memory")) return "hardware";
  return "other";
}

/** Attributes grouped for display; every group is present (possibly empty), attributes keep their order. */
export function groupAttributes(attributes: Attribute[]): Record<AttributeGroupName, Attribute[]> {
  const groups: Record<AttributeGroupName, Attribute[]> = { location: [], hardware: [], storage: [], network: [], other: [] };
  for (const a of attributes) groups[attributeGroup(a.key)].push(a);
  return groups;
}
