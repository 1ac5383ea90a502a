import { testSdl } from "../src/lib/sdl/test-sdl.ts";

/**
 * A pricier lease: on a small deposit it runs dry within about an hour at the e2e block time (prices are linear in
 * the resources: this is an eighth of the escrow-depletion spec's).
 */
export const pricierSdl = testSdl({ image: "nginx:1.25", cpu: 4, memory: "32Gi", storage: "128Gi", amount: 100000 });

/** "1,234.5 ACT" → micro-units (exact for up to 6 decimals). */
export function microOf(text: string): bigint {
  const m = /([\d,]+)(?:\.(\d{1,6}))?\s*ACT/.exec(text);
  if (!m) throw new Error(`no ACT amount in ${JSON.stringify(text)}`);
  return BigInt(m[1]!.replace(/,/g, "")) * 1_000_000n + BigInt((m[2] ?? "").padEnd(6, "0"));
}
