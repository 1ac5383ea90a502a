/** Reads of an SDL value (as parsed) that the form's edits need: who uses a profile, which volumes it has. */

/** Services: a DNS label (the provider names Kubernetes objects after them). */
export const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Profiles, placements and volumes: lowercase words with dashes or underscores. */
export const PLAIN_NAME = /^[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
/** Endpoints, as chain-sdk checks them. */
export const ENDPOINT_NAME = /^[a-z]+[-_0-9a-z]*$/;

/** What an unnamed storage volume is called in summaries (chain-sdk does not let `params.storage` mount it). */
export const DEFAULT_VOLUME = "default";

/** Services deployed with `profile` in any placement (they are the ones whose `params.storage` names its volumes). */
export function servicesUsingProfile(sdl: unknown, profile: string): string[] {
  const deployment = (sdl as { deployment?: Record<string, Record<string, { profile?: unknown } | null> | null> } | null)?.deployment ?? {};
  return Object.entries(deployment ?? {})
    .filter(([, placements]) => Object.values(placements ?? {}).some((d) => d?.profile === profile))
    .map(([svc]) => svc);
}

/** The storage volumes of a compute profile as written: a list, or one map. */
export function volumesOf(sdl: unknown, profile: string): { name: string; named: boolean; persistent: boolean; single: boolean }[] {
  const storage = (sdl as { profiles?: { compute?: Record<string, { resources?: { storage?: unknown } } | null> } } | null)?.profiles?.compute?.[profile]?.resources?.storage;
  const volume = (v: unknown, single: boolean) => {
    const name = (v as { name?: unknown } | null)?.name;
    const named = name !== undefined && name !== null && name !== "";
    const persistent = (v as { attributes?: { persistent?: unknown } | null } | null)?.attributes?.persistent;
    return { name: named ? String(name) : DEFAULT_VOLUME, named, persistent: persistent === true || persistent === "true", single };
  };
  if (Array.isArray(storage)) return storage.map((v) => volume(v, false));
  return storage && typeof storage === "object" ? [volume(storage, true)] : [];
}
