import { manifestToSortedJSON } from "@akashnetwork/chain-sdk/web";
import { describe, expect, it } from "vitest";
import { checkSdl } from "./validate";

// The reference corpora are read through Vite's glob import so this test needs no Node types;
// when ../shared is absent the globs are empty and the suites skip.
const goldenFiles = import.meta.glob("../../../../shared/conformance/chain-sdk-sdl/**/*.{yaml,json}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const awesomeFiles = import.meta.glob("../../../../shared/conformance/awesome-akash/**/*.{yaml,yml,tsv}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const GOLDEN = "../../../../shared/conformance/chain-sdk-sdl";
const AWESOME = "../../../../shared/conformance/awesome-akash";
const hasShared = Object.keys(goldenFiles).length > 0 && Object.keys(awesomeFiles).length > 0;
const skipReason = "../shared/conformance is absent on this machine (reference corpora are not shipped with the repo)";

function read(files: Record<string, string>, path: string): string {
  const text = files[path];
  if (text === undefined) throw new Error(`missing conformance file ${path}`);
  return text;
}

/**
 * Fixtures newer than chain-sdk 1.0.0-alpha.25 (the newest release on the registry): `params.tee` was
 * added to the schema on 2026-06-20. alpha.25 rejects these SDLs as having an unknown key "tee".
 */
const EXPECTED_TO_DIFFER: Record<string, string> = {
  "v2.1/tee-cpu": "params.tee is newer than chain-sdk alpha.25; rejected as unknown key",
  "v2.1/tee-cpu-gpu": "params.tee is newer than chain-sdk alpha.25; rejected as unknown key",
};

/** What each invalid fixture is about, as words the message must contain (case-insensitive). */
const INVALID_TOPIC: Record<string, RegExp> = {
  "count-zero": /count/,
  "credentials-missing-host": /host/,
  "empty-image": /image/,
  "endpoint-not-used": /endpoint/,
  "invalid-endpoint-name": /Invalid-Name/,
  "invalid-port": /port/,
  "invalid-protocol": /proto/,
  "ip-without-global": /global/,
  "missing-deployment": /deployment/,
  "missing-image": /image/,
  "missing-memory-size": /size/,
  "missing-pricing": /pricing|price/,
  "missing-version": /version/,
  "negative-cpu": /cpu/,
  "persistent-without-mount": /mount/,
  "port-too-high": /port/,
  "port-zero": /port/,
  "ram-persistent-true": /ram.*persistent|persistent.*ram/,
  "unknown-field": /unknown_field/,
  "v2.1-reclamation-bad-window": /reclamation/,
  "v2.1-tee-cpu-gpu-no-gpu": /tee/,
  "email-too-short": /email/,
  "invalid-denom": /denom/,
  "invalid-gpu-vendor": /vendor|amd/,
  "invalid-version": /version/,
  "password-too-short": /password/,
  "reclamation-compound-window": /reclamation/,
};

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Go encoder JSON and chain-sdk JSON differ in key case, decimal formatting and nil (null) vs empty slices only. */
function normaliseGroupSpecs(value: unknown, key = ""): unknown {
  if (value === null) return [];
  if (Array.isArray(value)) {
    const items = value.map((v) => normaliseGroupSpecs(v));
    // A resource's endpoints are a multiset (the chain counts them per kind); Go keeps SDL order,
    // chain-sdk sorts by kind then sequence number.
    if (key === "endpoints") items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return items;
  }
  if (value && typeof value === "object") {
    // chain-sdk omits empty "attributes"; Go writes null. Both mean "none".
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [snake(k), normaliseGroupSpecs(v, snake(k))] as const)
        .filter(([, v]) => !(Array.isArray(v) && v.length === 0)),
    );
  }
  if (key === "amount" && typeof value === "string") return Number(value).toString();
  return value;
}


describe.skipIf(!hasShared)(`chain-sdk golden fixtures (${hasShared ? "present" : skipReason})`, () => {
  const valid = Object.keys(goldenFiles)
    .map((p) => /\/input\/(v2\.\d\/[^/]+)\/input\.yaml$/.exec(p)?.[1])
    .filter((id): id is string => Boolean(id))
    .sort();

  it("has the fixture set we expect", () => {
    expect(valid.length).toBeGreaterThanOrEqual(15);
  });

  for (const id of valid) {
    if (EXPECTED_TO_DIFFER[id]) {
      it(`${id} is expected to differ: ${EXPECTED_TO_DIFFER[id]}`, () => {
        const result = checkSdl(read(goldenFiles, `${GOLDEN}/input/${id}/input.yaml`));
        expect(result.valid).toBe(false);
        expect(result.diagnostics.map((d) => d.message).join("\n")).toMatch(/tee/);
      });
      continue;
    }
    it(`${id} produces the expected manifest and group specs`, () => {
      const result = checkSdl(read(goldenFiles, `${GOLDEN}/input/${id}/input.yaml`));
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.manifest).toBeDefined();
      const manifest = JSON.parse(manifestToSortedJSON(result.manifest!.groups));
      expect(manifest).toEqual(JSON.parse(read(goldenFiles, `${GOLDEN}/output-fixtures/${id}/manifest.json`)));
      const specs = normaliseGroupSpecs(JSON.parse(manifestToSortedJSON(result.manifest!.groupSpecs)));
      expect(specs).toEqual(normaliseGroupSpecs(JSON.parse(read(goldenFiles, `${GOLDEN}/output-fixtures/${id}/group-specs.json`))));
    });
  }

  const invalid = Object.keys(goldenFiles)
    .filter((p) => /\/input\/(invalid|schema-only-invalid)\/[^/]+\.yaml$/.test(p))
    .sort();
  for (const file of invalid) {
    const name = file.split("/").pop()!.replace(/\.ya?ml$/, "");
    it(`rejects ${file.slice(GOLDEN.length + 1)} with a message naming the problem`, () => {
      const result = checkSdl(read(goldenFiles, file));
      expect(result.valid).toBe(false);
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      expect(errors.length).toBeGreaterThan(0);
      const topic = INVALID_TOPIC[name];
      expect(topic, `no topic listed for ${name}`).toBeDefined();
      expect(errors.map((d) => d.message).join("\n")).toMatch(new RegExp(topic!.source, "i"));
      for (const d of errors) expect(d.line).toBeGreaterThanOrEqual(1);
    });
  }
});

/** Signs that a message is raw validator output rather than words for a person. */
const RAW_DUMP = [/#\/(definitions|properties)/, /\/properties\//, /must match "then" schema/, /must NOT be valid/, /instancePath|schemaPath/, /"\/[a-z]+\/[a-z]/i];

describe.skipIf(!hasShared)(`awesome-akash corpus (${hasShared ? "present" : skipReason})`, () => {
  const files = Object.keys(awesomeFiles)
    .filter((p) => /\.ya?ml$/.test(p))
    .sort();
  const failures = hasShared
    ? new Set(
        read(awesomeFiles, `${AWESOME}/SDK_VALIDATION_FAILURES.tsv`)
          .split("\n")
          .slice(1)
          .filter(Boolean)
          .map((l) => l.split("\t")[0]!),
      )
    : new Set<string>();

  it("every SDL gets a verdict, agreeing with chain-sdk's, with actionable messages", () => {
    expect(files.length).toBeGreaterThanOrEqual(385);
    for (const file of files) {
      const rel = file.slice(AWESOME.length + 1);
      const result = checkSdl(read(awesomeFiles, file));
      // Same verdict as chain-sdk validateSDL(…, "mainnet") recorded in the corpus.
      expect(result.valid, rel).toBe(!failures.has(rel));
      for (const d of result.diagnostics) {
        expect(d.message.length, rel).toBeGreaterThan(10);
        for (const raw of RAW_DUMP) expect(d.message, `${rel}: ${d.message}`).not.toMatch(raw);
        expect(d.line, rel).toBeGreaterThanOrEqual(1);
      }
    }
  }, 120_000);
});
