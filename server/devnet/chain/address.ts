import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2.js";
import { ripemd160 } from "@noble/hashes/legacy.js";
import { sdkErrors } from "./errors.ts";

export const BECH32_PREFIX = "akash";

const valid = new Map<string, boolean>();

/** Whether `address` is an akash bech32 account address (20 or 32 bytes). Cached: addresses repeat a lot. */
export function isValidAddress(address: string): boolean {
  let ok = valid.get(address);
  if (ok === undefined) {
    try {
      const { prefix, data } = fromBech32(address);
      ok = prefix === BECH32_PREFIX && (data.length === 20 || data.length === 32);
    } catch {
      ok = false;
    }
    if (valid.size > 100_000) valid.clear();
    valid.set(address, ok);
  }
  return ok;
}

/** Throws sdk 7 invalid address, like sdk.AccAddressFromBech32 wrapped by handlers. */
export function requireAddress(address: string, what = "address"): void {
  if (!isValidAddress(address)) {
    throw sdkErrors.invalidAddress(`invalid ${what}: ${address === "" ? "empty address string is not allowed" : address}`);
  }
}

/** authtypes.NewModuleAddress: the first 20 bytes of sha256(name). */
export function moduleAddress(name: string): string {
  return toBech32(BECH32_PREFIX, sha256(new TextEncoder().encode(name)).slice(0, 20));
}

/** Address of a compressed secp256k1 pubkey: ripemd160(sha256(pubkey)). */
export function secp256k1PubkeyToAddress(pubkey: Uint8Array): string {
  return toBech32(BECH32_PREFIX, ripemd160(sha256(pubkey)));
}
