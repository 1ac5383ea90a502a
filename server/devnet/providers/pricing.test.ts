import { describe, expect, test } from "vitest";
import { formatPrice, orderMaxPrice, scalePrice, PricingError } from "./pricing.ts";
import { HELM_DEFAULT_PRICING, providerProfile } from "./profiles.ts";
import { buildSdl, sdl, testdata } from "./test-support.ts";
import { parseDec, formatDec, roundTo } from "./decimal.ts";

describe("scale pricing with the helm chart defaults", () => {
  test("web app: 0.5 CPU, 512Mi, 1Gi ephemeral, one HTTP and one random-port endpoint", async () => {
    const { specs } = await buildSdl(testdata("web-app.sdl.yaml"));
    // 500m·0.004 + 512MiB·0.0016 + 1024MiB·0.00016 + 2 endpoints·1 = 2 + 0.8192 + 0.16384 + 2
    expect(formatPrice(scalePrice(HELM_DEFAULT_PRICING, specs[0]!))).toBe("4.983040000000000000");
  });

  test("replica count multiplies the per-replica price; leased IPs are counted once per endpoint", async () => {
    const one = (await buildSdl(sdl({ ip: true, count: 1 }))).specs[0]!;
    const three = (await buildSdl(sdl({ ip: true, count: 3 }))).specs[0]!;
    // per replica: 1000m·0.004 + 512·0.0016 + 1024·0.00016 + 2 endpoints = 4 + 0.8192 + 0.16384 + 2 = 6.98304; + 60 per IP
    expect(formatPrice(scalePrice(HELM_DEFAULT_PRICING, one))).toBe("66.983040000000000000");
    expect(formatPrice(scalePrice(HELM_DEFAULT_PRICING, three))).toBe("80.949120000000000000");
  });

  test("persistent storage is priced by its class; an unlisted class takes the default scale, like the provider flag", async () => {
    const spec = (await buildSdl(sdl({ persistentClass: "beta2", storage: "10Gi" }))).specs[0]!;
    // + 10240 MiB · 0.00016 (beta2) = 1.6384 on top of 4 + 0.8192 + 0.16384 + 1
    expect(formatPrice(scalePrice(HELM_DEFAULT_PRICING, spec))).toBe("7.621440000000000000");
    const beta3 = (await buildSdl(sdl({ persistentClass: "beta3", storage: "10Gi" }))).specs[0]!;
    const pricing = { ...HELM_DEFAULT_PRICING, storage: { ephemeral: "0.00032", beta2: "0.00016" } };
    // beta3 is not listed, so it costs what a class listed at the default scale would.
    const listedAtDefault = { ...pricing, storage: { ephemeral: "0.00032", beta2: "0.00032" } };
    expect(formatPrice(scalePrice(pricing, beta3))).toBe(formatPrice(scalePrice(listedAtDefault, spec)));
    expect(() => scalePrice({ ...HELM_DEFAULT_PRICING, storage: {} }, beta3)).toThrow(PricingError);
  });

  test("GPUs are priced per model", async () => {
    const gpuProvider = providerProfile(2).pricing;
    const a100 = (await buildSdl(sdl({ gpu: "a100" }))).specs[0]!;
    const rtx = (await buildSdl(sdl({ gpu: "rtx4090" }))).specs[0]!;
    const base = scalePrice({ ...gpuProvider, gpu: { "*": "0.000001" } }, (await buildSdl(sdl({}))).specs[0]!);
    const pa = scalePrice(gpuProvider, a100);
    const pr = scalePrice(gpuProvider, rtx);
    expect(pa - base).toBe(parseDec("180"));
    expect(pr - base).toBe(parseDec("70"));
    // When the order allows several models, the model the provider would allocate decides the price.
    const either = (await buildSdl(sdl({ gpu: "a100,rtx4090" }))).specs[0]!;
    expect(scalePrice(gpuProvider, either, () => "rtx4090")).toBe(pr);
  });

  test("providers price differently: expensive > default > cheap", async () => {
    const spec = (await buildSdl(sdl({}))).specs[0]!;
    const p = (i: number) => scalePrice(providerProfile(i).pricing, spec);
    expect(p(3)).toBeGreaterThan(p(1));
    expect(p(1)).toBeGreaterThan(p(4));
  });

  test("precision is 6 decimals (half-up)", () => {
    expect(formatDec(roundTo(parseDec("1.2345675"), 6))).toBe("1.234568000000000000");
    expect(formatDec(roundTo(parseDec("1.2345674"), 6))).toBe("1.234567000000000000");
  });

  test("order max price is Σ price × count", async () => {
    const spec = (await buildSdl(sdl({ count: 3, price: 250 }))).specs[0]!;
    expect(orderMaxPrice(spec)).toEqual({ denom: "uact", amount: parseDec("750") });
  });
});
