import { describe, expect, test } from "vitest";
import { gpuRequirements, matchCapabilities, matchOrder, matchSignedBy, storageClassOf } from "./matching.ts";
import { providerAttributes, providerProfile } from "./profiles.ts";
import { buildSdl, sdl } from "./test-support.ts";

const AUDITOR = "akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx";
const OTHER = "akash1m8pac3yj90xahz8lnl3nauth3agactsvslfgjf";

describe("order matching", () => {
  test("placement attributes must be offered with equal values", async () => {
    const p1 = providerProfile(1);
    const ok = (await buildSdl(sdl({ attributes: { region: "us-west" } }))).specs[0]!;
    const wrong = (await buildSdl(sdl({ attributes: { region: "eu-north" } }))).specs[0]!;
    expect(matchOrder(ok, p1, providerAttributes(p1), []).ok).toBe(true);
    const r = matchOrder(wrong, p1, providerAttributes(p1), []);
    expect(r).toEqual({ ok: false, reason: "attribute region=eu-north not offered" });
  });

  test("signedBy anyOf/allOf require the auditor to have signed the required attributes", async () => {
    const p1 = providerProfile(1);
    const attrs = providerAttributes(p1);
    const anyOf = (await buildSdl(sdl({ attributes: { region: "us-west" }, signedBy: { anyOf: [AUDITOR, OTHER] } }))).specs[0]!;
    const allOf = (await buildSdl(sdl({ signedBy: { allOf: [AUDITOR, OTHER] } }))).specs[0]!;
    expect(matchSignedBy(anyOf, [{ auditor: AUDITOR, attributes: attrs }]).ok).toBe(true);
    expect(matchSignedBy(anyOf, []).ok).toBe(false);
    // Signed, but not the attribute the placement requires.
    expect(matchSignedBy(anyOf, [{ auditor: AUDITOR, attributes: [{ key: "tier", value: "community" }] }]).ok).toBe(false);
    expect(matchSignedBy(allOf, [{ auditor: AUDITOR, attributes: attrs }]).ok).toBe(false);
    expect(matchSignedBy(allOf, [{ auditor: AUDITOR, attributes: attrs }, { auditor: OTHER, attributes: [] }]).ok).toBe(true);
  });

  test("GPU models, storage classes and leased IPs must be available", async () => {
    const gpuOrder = (await buildSdl(sdl({ gpu: "a100" }))).specs[0]!;
    const h100 = (await buildSdl(sdl({ gpu: "h100" }))).specs[0]!;
    const beta3 = (await buildSdl(sdl({ persistentClass: "beta3" }))).specs[0]!;
    const ip = (await buildSdl(sdl({ ip: true }))).specs[0]!;
    expect(matchCapabilities(gpuOrder, providerProfile(2)).ok).toBe(true);
    expect(matchCapabilities(gpuOrder, providerProfile(1)).ok).toBe(false);
    expect(matchCapabilities(h100, providerProfile(2)).ok).toBe(false);
    expect(matchCapabilities(beta3, providerProfile(2)).ok).toBe(true);
    expect(matchCapabilities(beta3, providerProfile(4)).ok).toBe(false);
    expect(matchCapabilities(ip, providerProfile(1)).ok).toBe(true);
    expect(matchCapabilities(ip, providerProfile(2)).ok).toBe(false);
  });

  test("attribute helpers", () => {
    expect(storageClassOf([{ key: "persistent", value: "true" }, { key: "class", value: "beta2" }])).toBe("beta2");
    expect(storageClassOf([{ key: "class", value: "ram" }, { key: "persistent", value: "false" }])).toBe("ram");
    expect(storageClassOf([])).toBe("ephemeral");
    expect(gpuRequirements([{ key: "vendor/nvidia/model/a100/ram/80Gi/interface/sxm", value: "true" }])).toEqual([{ vendor: "nvidia", model: "a100", ram: "80Gi", interface: "sxm" }]);
  });

  test("the default profiles cover the issue's cases", () => {
    const ps = [1, 2, 3, 4, 5].map(providerProfile);
    expect(ps.filter((p) => p.audited).map((p) => p.name)).toEqual(["provider-1"]);
    expect(new Set(ps[1]!.capacity.gpus.map((g) => g.model)).size).toBe(2);
    expect(ps[3]!.bidDelayFactor).toBeGreaterThan(1);
    const attrs = providerAttributes(ps[1]!);
    expect(attrs).toContainEqual({ key: "capabilities/gpu/vendor/nvidia/model/a100", value: "true" });
    expect(providerAttributes(ps[0]!)).toContainEqual({ key: "ip-lease", value: "true" });
    expect(providerProfile(9).name).toBe("provider-9");
  });
});
