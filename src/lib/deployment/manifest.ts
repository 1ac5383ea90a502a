/** SDL → manifest, group specs and the manifest version hash (chain-sdk), ready to deploy. */
import { generateManifestVersion, manifestToSortedJSON } from "@akashnetwork/chain-sdk/web";
import { checkSdl, type GenerateManifestOk } from "../sdl/validate";
import type { SdlSummary } from "../sdl/resources";

export interface PreparedManifest {
  groupSpecs: GenerateManifestOk["groupSpecs"];
  groups: GenerateManifestOk["groups"];
  /** `manifestToSortedJSON(groups)`: the exact body PUT to providers (and what the hash covers). */
  manifestJson: string;
  /** 32-byte SHA-256 version hash sent in MsgCreateDeployment. */
  version: Uint8Array;
  versionHex: string;
  summary: SdlSummary;
}

export type PrepareResult = { ok: true; value: PreparedManifest } | { ok: false; error: string };

export async function prepareManifest(sdlText: string, options: { requireUact?: boolean } = {}): Promise<PrepareResult> {
  const checked = checkSdl(sdlText, { requireUact: options.requireUact });
  if (!checked.valid || !checked.manifest || !checked.summary) {
    const first = checked.diagnostics.find((d) => d.severity === "error");
    return { ok: false, error: first ? `Line ${first.line}: ${first.message}` : "The SDL is not valid." };
  }
  const { groups, groupSpecs } = checked.manifest;
  const version = await generateManifestVersion(groups);
  return {
    ok: true,
    value: { groups, groupSpecs, manifestJson: manifestToSortedJSON(groups), version, versionHex: toHex(version), summary: checked.summary },
  };
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
