import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { generateManifestVersion, generateManifest, manifestToSortedJSON } from "@akashnetwork/chain-sdk";
import { parse } from "yaml";
import { crossValidate, decodeManifest, manifestVersion, verifyManifestVersion, ManifestDecodeError, ManifestValidationError } from "./manifest.ts";
import { buildSdl, sdl, testdata } from "./test-support.ts";

describe("manifest version hash", () => {
  test("the provider's hash of the PUT body equals chain-sdk generateManifestVersion", async () => {
    const b = await buildSdl(testdata("web-app.sdl.yaml"));
    const { raw } = decodeManifest(b.manifestJson);
    expect(Buffer.from(manifestVersion(raw)).toString("hex")).toBe(Buffer.from(b.version).toString("hex"));
    expect(() => verifyManifestVersion(raw, b.version)).not.toThrow();
  });

  test("a changed manifest fails version validation", async () => {
    const b = await buildSdl(testdata("web-app.sdl.yaml"));
    const tampered = b.manifestJson.replace("nginx:1.25", "nginx:1.26");
    const { raw } = decodeManifest(tampered);
    expect(() => verifyManifestVersion(raw, b.version)).toThrow(ManifestValidationError);
    expect(() => verifyManifestVersion(raw, b.version)).toThrow(/^manifest version validation failed/);
  });

  test("HTML characters are escaped like Go's json.Marshal", async () => {
    const b = await buildSdl(sdl({ env: ["URL=https://a.example/?x=1&y=<2>"] }));
    const { raw } = decodeManifest(b.manifestJson);
    expect(Buffer.from(manifestVersion(raw))).toEqual(Buffer.from(b.version));
  });

  // ../shared sits beside the repository (CI, developers); a fresh clone without it skips this case.
  const corpus = path.resolve(import.meta.dirname, "../../../../shared/conformance/chain-sdk-sdl/input");
  const cases = existsSync(corpus)
    ? ["v2.0", "v2.1"].flatMap((v) => (existsSync(path.join(corpus, v)) ? readdirSync(path.join(corpus, v)).map((n) => path.join(corpus, v, n, "input.yaml")) : [])).filter((f) => existsSync(f))
    : [];
  test.skipIf(cases.length === 0)(`hash parity over the chain-sdk SDL fixtures (${cases.length} found; skipped when ../shared is absent)`, async () => {
    let checked = 0;
    for (const file of cases) {
      const r = generateManifest(parse(readFileSync(file, "utf8")), "sandbox");
      if (!r.ok) continue;
      const { raw } = decodeManifest(manifestToSortedJSON(r.value.groups));
      expect(Buffer.from(manifestVersion(raw)).toString("hex"), file).toBe(Buffer.from(await generateManifestVersion(r.value.groups)).toString("hex"));
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe("manifest decoding", () => {
  test("rejects what is not a manifest", () => {
    expect(() => decodeManifest("{not json")).toThrow(ManifestDecodeError);
    expect(() => decodeManifest('{"a":1}')).toThrow(/JSON array/);
    expect(() => decodeManifest("[]")).toThrow(/no groups/);
    expect(() => decodeManifest('[{"name":"g","services":[{"name":"web","count":1}]}]')).toThrow(/no image/);
  });

  test("reads services, env, exposes and resources", async () => {
    const b = await buildSdl(testdata("web-app.sdl.yaml"));
    const { groups } = decodeManifest(b.manifestJson);
    const web = groups[0]!.services[0]!;
    expect(web).toMatchObject({ name: "web", image: "nginx:1.25", count: 1, env: ["GREETING=hello from akash", "API_SECRET=s3cr3t-value"] });
    expect(web.resources).toEqual({ id: 1, cpuMillis: 500, memoryBytes: 512 * 1024 ** 2, storage: [{ name: "default", bytes: 1024 ** 3 }], gpuUnits: 0 });
    expect(web.expose.map((e) => [e.port, e.externalPort, e.global])).toEqual([
      [80, 80, true],
      [9090, 9090, true],
    ]);
  });
});

describe("cross-validation against the lease's group", () => {
  test("accepts the matching group", async () => {
    const b = await buildSdl(testdata("web-app.sdl.yaml"));
    expect(crossValidate(decodeManifest(b.manifestJson).groups, b.specs[0]!).name).toBe("dcloud");
  });

  test("rejects a manifest for a different group or different resources", async () => {
    const b = await buildSdl(testdata("web-app.sdl.yaml"));
    const other = await buildSdl(sdl({ cpu: "2", count: 2 }));
    expect(() => crossValidate(decodeManifest(other.manifestJson).groups, b.specs[0]!)).toThrow(/manifest cross-validation error: group "dcloud": not present/);
    const renamed = { ...b.specs[0]!, name: "dc" };
    expect(() => crossValidate(decodeManifest(other.manifestJson).groups, renamed)).toThrow(/replicas/);
    const cpu = await buildSdl(sdl({ cpu: "2" }));
    const oneCpu = (await buildSdl(sdl({ cpu: "1" }))).specs[0]!;
    expect(() => crossValidate(decodeManifest(cpu.manifestJson).groups, oneCpu)).toThrow(/cpu 2000m differs/);
  });
});
