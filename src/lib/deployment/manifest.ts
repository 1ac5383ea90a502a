/**
 * SDL text → what a deployment needs: chain-sdk's manifest groups and group specs, the sorted manifest JSON
 * (exactly what providers receive and the version hash covers) and that hash. One chain-sdk call per SDL text,
 * cached: creating, estimating and updating a deployment do not re-run the editor's diagnostics (those live in
 * the editor's worker).
 */
import { generateManifest, generateManifestVersion, manifestToSortedJSON, type SDLInput } from "@akashnetwork/chain-sdk/web";
import { toHex } from "@cosmjs/encoding";
import jsYaml from "js-yaml";
import { getErrorMessage } from "../errors";
import { SDL_NETWORK_ID, uaktPricings } from "../sdl/network-rules";
import { summarizeSdl, type SdlSummary } from "../sdl/resources";

type GenerateManifestOk = Extract<ReturnType<typeof generateManifest>, { ok: true }>["value"];

export interface PreparedManifest {
  groupSpecs: GenerateManifestOk["groupSpecs"];
  groups: GenerateManifestOk["groups"];
  /** `manifestToSortedJSON(groups)`: the exact body PUT to providers (and what the hash covers). */
  manifestJson: string;
  /** 32-byte SHA-256 version hash sent in MsgCreateDeployment / MsgUpdateDeployment. */
  version: Uint8Array;
  versionHex: string;
  summary: SdlSummary;
}

export type PrepareResult = { ok: true; value: PreparedManifest } | { ok: false; error: string };

export interface PrepareOptions {
  /** The network prices deployments in uact only (Akash v2 / BME). */
  requireUact?: boolean;
}

const CACHE_SIZE = 16;
const cache = new Map<string, Promise<PrepareResult>>();

/** Builds (or returns the cached build of) the manifest for `sdlText`. Never throws: failures are results. */
export function prepareManifest(sdlText: string, options: PrepareOptions = {}): Promise<PrepareResult> {
  const key = `${options.requireUact ? 1 : 0}\n${sdlText}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest entry is evicted first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const built = build(sdlText, options);
  cache.set(key, built);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return built;
}

async function build(sdlText: string, options: PrepareOptions): Promise<PrepareResult> {
  let value: unknown;
  try {
    // js-yaml: the parser chain-sdk's own SDL class uses, so a value means what it means to chain-sdk (an
    // unquoted date is a date, and rejected, as the Akash tooling rejects it).
    value = jsYaml.load(sdlText);
  } catch (error) {
    return { ok: false, error: `The SDL is not valid YAML: ${getErrorMessage(error).split("\n")[0]}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { ok: false, error: "The SDL is empty or not a map of services, profiles and deployment." };
  const uakt = options.requireUact ? uaktPricings(value) : [];
  if (uakt.length) return { ok: false, error: `Placement "${uakt[0]!.placement}" prices "${uakt[0]!.profile}" in uakt; this network accepts only uact pricing.` };
  let result: ReturnType<typeof generateManifest>;
  try {
    result = generateManifest(value as SDLInput, SDL_NETWORK_ID);
  } catch (error) {
    return { ok: false, error: `The manifest could not be built: ${getErrorMessage(error)}` };
  }
  if (!result.ok) {
    const first = result.value[0] as { instancePath?: string; message?: string } | undefined;
    return { ok: false, error: first ? `The SDL is not valid${first.instancePath ? ` at ${first.instancePath}` : ""}: ${first.message ?? "rejected by chain-sdk"}. Open it in the editor to see every problem.` : "The SDL is not valid." };
  }
  const { groups, groupSpecs } = result.value;
  const version = await generateManifestVersion(groups);
  return { ok: true, value: { groups, groupSpecs, manifestJson: manifestToSortedJSON(groups), version, versionHex: toHex(version), summary: summarizeSdl(value) } };
}
