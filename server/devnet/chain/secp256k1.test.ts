import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { verifySecp256k1 } from "./secp256k1.ts";

describe("verifySecp256k1", () => {
  const priv = secp256k1.utils.randomSecretKey();
  const pub = secp256k1.getPublicKey(priv, true);
  const msg = new TextEncoder().encode("sign doc bytes");
  const sig = secp256k1.sign(msg, priv, { prehash: true, lowS: true });

  it("accepts a valid low-S signature and rejects tampering", () => {
    expect(verifySecp256k1(pub, msg, sig)).toBe(true);
    expect(verifySecp256k1(pub, new TextEncoder().encode("other"), sig)).toBe(false);
    const bad = sig.slice();
    bad[5]! ^= 1;
    expect(verifySecp256k1(pub, msg, bad)).toBe(false);
    expect(verifySecp256k1(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true), msg, sig)).toBe(false);
  });

  it("rejects high-S (malleated) signatures like the SDK", () => {
    const n = secp256k1.Point.CURVE().n;
    const s = BigInt("0x" + Buffer.from(sig.subarray(32)).toString("hex"));
    const high = sig.slice();
    high.set(Buffer.from((n - s).toString(16).padStart(64, "0"), "hex"), 32);
    expect(verifySecp256k1(pub, msg, high)).toBe(false);
  });
});
