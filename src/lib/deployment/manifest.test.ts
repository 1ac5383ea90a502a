import { describe, expect, it } from "vitest";
import { checkSdl } from "../sdl/validate";
import { testSdl } from "../sdl/test-sdl";
import { prepareManifest } from "./manifest";

describe("prepareManifest", () => {
  it("builds what the editor's full check builds (same manifest JSON and version hash)", async () => {
    const sdl = testSdl({ count: 2, attributes: { region: "us-west" } });
    const prepared = await prepareManifest(sdl);
    if (!prepared.ok) throw new Error(prepared.error);
    const checked = checkSdl(sdl);
    expect(checked.valid).toBe(true);
    const { manifestToSortedJSON } = await import("@akashnetwork/chain-sdk/web");
    expect(prepared.value.manifestJson).toBe(manifestToSortedJSON(checked.manifest!.groups));
    expect(prepared.value.versionHex).toMatch(/^[0-9a-f]{64}$/);
    expect(prepared.value.summary.services).toHaveLength(1);
  });

  it("is built once per SDL text and network rule (the same promise comes back)", () => {
    const sdl = testSdl({ comment: "cache" });
    expect(prepareManifest(sdl)).toBe(prepareManifest(sdl));
    expect(prepareManifest(sdl, { requireUact: true })).not.toBe(prepareManifest(sdl));
  });

  it("a different text gives a different version hash", async () => {
    const a = await prepareManifest(testSdl({ image: "nginx:1.27-alpine" }));
    const b = await prepareManifest(testSdl({ image: "nginx:1.28-alpine" }));
    expect(a.ok && b.ok && a.value.versionHex !== b.value.versionHex).toBe(true);
  });

  it("refuses uakt pricing where the network requires uact, and names the placement", async () => {
    const result = await prepareManifest(testSdl({ denom: "uakt" }), { requireUact: true });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('Placement "dcloud" prices "web" in uakt') });
    expect((await prepareManifest(testSdl({ denom: "uakt" }))).ok).toBe(true);
  });

  it("answers broken YAML and non-SDL text with a message, never a throw", async () => {
    expect(await prepareManifest("services: [\n")).toMatchObject({ ok: false, error: expect.stringContaining("not valid YAML") });
    expect(await prepareManifest("- a list\n")).toMatchObject({ ok: false });
    expect(await prepareManifest(testSdl({ memory: "lots" }))).toMatchObject({ ok: false });
    // An unquoted date is a date to chain-sdk's parser, not text: not a valid argument.
    expect(await prepareManifest(testSdl().replace("    expose:", "    args: [2024-01-01]\n    expose:"))).toMatchObject({ ok: false });
  });
});
