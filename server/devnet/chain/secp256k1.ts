import crypto from "node:crypto";
import { secp256k1 } from "@noble/curves/secp256k1.js";

/**
 * secp256k1 ECDSA verification of Cosmos signatures (64-byte r||s over sha256(signBytes), low-S
 * required as in the SDK). Uses Node's OpenSSL (≈20× faster than pure JS) with the parsed public key
 * cached per account, and @noble/curves where OpenSSL lacks the curve.
 */
const SPKI_PREFIX = Buffer.from("3036301006072a8648ce3d020106052b8104000a032200", "hex");
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

const keys = new Map<string, crypto.KeyObject | null>();
let opensslWorks: boolean | undefined;

function keyObject(pubKey: Uint8Array): crypto.KeyObject | null {
  const id = Buffer.from(pubKey).toString("base64");
  let k = keys.get(id);
  if (k === undefined) {
    try {
      k = crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pubKey]), format: "der", type: "spki" });
    } catch {
      k = null;
    }
    if (keys.size > 100_000) keys.clear();
    keys.set(id, k);
  }
  return k;
}

function isLowS(sig: Uint8Array): boolean {
  const s = BigInt("0x" + Buffer.from(sig.subarray(32, 64)).toString("hex"));
  return s > 0n && s <= HALF_N;
}

export function verifySecp256k1(pubKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64 || pubKey.length !== 33 || !isLowS(signature)) return false;
  if (opensslWorks !== false) {
    const key = keyObject(pubKey);
    if (key) {
      try {
        const ok = crypto.verify("sha256", message, { key, dsaEncoding: "ieee-p1363" }, signature);
        opensslWorks = true;
        return ok;
      } catch {
        opensslWorks = opensslWorks ?? false;
      }
    } else if (opensslWorks === undefined) {
      opensslWorks = false;
    }
  }
  try {
    return secp256k1.verify(signature, message, pubKey, { prehash: true, lowS: true });
  } catch {
    return false;
  }
}
