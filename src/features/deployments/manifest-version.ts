import { fromBase64, toHex } from "@cosmjs/encoding";

/**
 * The manifest version hash the chain holds (base64, as the gateway serves it) in hex, the form
 * `prepareManifest` gives, so the two compare directly; "" when there is none or it is not base64.
 */
export function chainVersionHex(hashB64: string): string {
  if (!hashB64) return "";
  try {
    return toHex(fromBase64(hashB64));
  } catch {
    return "";
  }
}
