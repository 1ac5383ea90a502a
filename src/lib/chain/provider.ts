/** x/provider v1beta4 and x/audit v1 reads: providers, their attributes and who signed them. */
import { joinUrl, requestJson } from "./http";
import { collectPages, orNull, PAGE_LIMIT, q } from "./pagination";

export interface Attribute {
  key: string;
  value: string;
}

export interface Provider {
  owner: string;
  hostUri: string;
  attributes: Attribute[];
  email: string;
  website: string;
  /** `organization` attribute, else the host name. */
  name: string;
  organization?: string;
  region?: string;
  country?: string;
  /** "nvidia a100", from `capabilities/gpu/vendor/<v>/model/<m>` attributes. */
  gpuModels: string[];
}

/** One auditor's signature over some of a provider's attributes. */
export interface AuditSignature {
  auditor: string;
  attributes: Attribute[];
}

interface ProviderJson {
  owner?: string;
  host_uri?: string;
  attributes?: Attribute[];
  info?: { email?: string; website?: string };
}

/** `capabilities/gpu/vendor/nvidia/model/a100` → "nvidia a100". */
export function gpuModelsOf(attributes: Attribute[]): string[] {
  const models = new Set<string>();
  for (const { key, value } of attributes) {
    const match = /^capabilities\/gpu\/vendor\/([^/]+)\/model\/([^/]+)$/.exec(key);
    if (match && value === "true") models.add(`${match[1]} ${match[2]}`);
  }
  return [...models].sort();
}

export function parseProvider(json: ProviderJson): Provider {
  const attributes = Array.isArray(json.attributes) ? json.attributes.filter((a) => typeof a?.key === "string" && typeof a?.value === "string") : [];
  const attr = (key: string) => attributes.find((a) => a.key === key)?.value;
  const hostUri = json.host_uri ?? "";
  let host = hostUri;
  try {
    host = new URL(hostUri).hostname;
  } catch {
    // not a URL: show it as is
  }
  return {
    owner: json.owner ?? "",
    hostUri,
    attributes,
    email: json.info?.email ?? "",
    website: json.info?.website ?? "",
    name: attr("organization") ?? host,
    organization: attr("organization"),
    region: attr("region") ?? attr("location-region"),
    country: attr("country") ?? attr("location-country"),
    gpuModels: gpuModelsOf(attributes),
  };
}

/** Every provider on chain (all pages). */
export function listProviders(restUrl: string, signal?: AbortSignal): Promise<Provider[]> {
  const url = joinUrl(restUrl, `/akash/provider/v1beta4/providers?pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => ((body as { providers?: ProviderJson[] }).providers ?? []).map(parseProvider), signal);
}

/** Null when no provider is registered at `owner`. */
export function getProvider(restUrl: string, owner: string, signal?: AbortSignal): Promise<Provider | null> {
  const url = joinUrl(restUrl, `/akash/provider/v1beta4/providers/${q(owner)}`);
  return orNull(requestJson<{ provider?: ProviderJson }>(url, { signal }).then((body) => (body.provider ? parseProvider({ owner, ...body.provider }) : null)));
}

type AuditJson = { owner?: string; auditor?: string; attributes?: Attribute[] };
const signatureOf = (a: AuditJson): AuditSignature => ({ auditor: a.auditor ?? "", attributes: a.attributes ?? [] });

/** Every audit signature on chain, by provider owner. */
export async function listAudits(restUrl: string, signal?: AbortSignal): Promise<Map<string, AuditSignature[]>> {
  const url = joinUrl(restUrl, `/akash/audit/v1/audit/attributes/list?pagination.limit=${PAGE_LIMIT}`);
  const all = await collectPages(url, (body) => (body as { providers?: AuditJson[] }).providers ?? [], signal);
  const byOwner = new Map<string, AuditSignature[]>();
  for (const a of all) if (a.owner) byOwner.set(a.owner, [...(byOwner.get(a.owner) ?? []), signatureOf(a)]);
  return byOwner;
}

/** The audit signatures on one provider. */
export async function getProviderAudits(restUrl: string, owner: string, signal?: AbortSignal): Promise<AuditSignature[]> {
  const body = await requestJson<{ providers?: AuditJson[] }>(joinUrl(restUrl, `/akash/audit/v1/audit/attributes/${q(owner)}/list`), { signal });
  return (body.providers ?? []).map(signatureOf);
}

/** A provider with the addresses of every auditor that signed it (trust is decided per network, later). */
export interface AuditedProvider extends Provider {
  auditors: string[];
}

export function withAuditors(providers: Provider[], audits: Map<string, AuditSignature[]> | undefined): AuditedProvider[] {
  return providers.map((p) => ({ ...p, auditors: (audits?.get(p.owner) ?? []).map((s) => s.auditor) }));
}
