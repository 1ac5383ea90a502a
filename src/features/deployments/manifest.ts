/** SDL → manifest JSON + version hash (chain-sdk), and comparison with the hash on chain. */
import { checkSdl } from "@/lib/sdl/validate";

export type BuiltManifest =
  | { ok: true; manifestJson: string; version: Uint8Array; versionHex: string; versionB64: string }
  | { ok: false; errors: string[] };

export async function buildManifest(sdl: string): Promise<BuiltManifest> {
  const check = checkSdl(sdl);
  if (!check.valid || !check.manifest) {
    const errors = check.diagnostics.filter((d) => d.severity === "error").map((d) => `Line ${d.line}: ${d.message}`);
    return { ok: false, errors: errors.length ? errors : ["The SDL is not valid."] };
  }
  const { generateManifestVersion, manifestToSortedJSON } = await import("@akashnetwork/chain-sdk/web");
  const version = await generateManifestVersion(check.manifest.groups);
  return { ok: true, manifestJson: manifestToSortedJSON(check.manifest.groups), version, versionHex: toHex(version), versionB64: toB64(version) };
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function toB64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
