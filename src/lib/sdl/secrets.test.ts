import { describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { findDefaultSecrets, fillTemplateSecrets, generateSecret, replaceSecretEdits } from "./secrets";
import { testSdl } from "./test-sdl";

describe("generateSecret", () => {
  it("draws from crypto: long, unambiguous and different each time", () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^[A-HJ-NP-Za-km-z2-9]{24}$/);
    expect(a).not.toBe(b);
  });
  it("rejects biased bytes instead of folding them", () => {
    let calls = 0;
    const random = (bytes: Uint8Array) => bytes.fill(calls++ === 0 ? 255 : 0);
    expect(generateSecret(4, random)).toBe("AAAA");
  });
});

it("fills a template's placeholder with one generated secret everywhere it appears", () => {
  const sdl = "a: PASSWORD=change-me-please\nb: OTHER_PASSWORD=change-me-please\n";
  expect(fillTemplateSecrets(sdl, () => "Gen3rated")).toBe("a: PASSWORD=Gen3rated\nb: OTHER_PASSWORD=Gen3rated\n");
  expect(fillTemplateSecrets("no secrets", () => "x")).toBe("no secrets");
});

describe("findDefaultSecrets", () => {
  const text = testSdl({ env: ["POSTGRES_USER=app", "POSTGRES_PASSWORD=change-me-please", "MYSQL_RANDOM_ROOT_PASSWORD=1"] }).replace(
    "    expose:",
    "    args:\n      - --requirepass\n      - changeme\n    expose:",
  );
  const sdl = load(text);

  it("finds well-known defaults in secret env vars and flags, with their place in the text", () => {
    const found = findDefaultSecrets(text, sdl);
    expect(found.map((f) => [f.name, f.value])).toEqual([
      ["POSTGRES_PASSWORD", "change-me-please"],
      ["--requirepass", "changeme"],
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.value);
  });

  it("a generated password is not a default; the fix replaces each occurrence", () => {
    const found = findDefaultSecrets(text, sdl);
    const edits = replaceSecretEdits(found, "change-me-please", "Xy7");
    expect(edits).toHaveLength(1);
    const fixed = text.slice(0, edits[0]!.start) + "Xy7" + text.slice(edits[0]!.end);
    expect(fixed).toContain("POSTGRES_PASSWORD=Xy7");
    expect(findDefaultSecrets(fixed, load(fixed)).map((f) => f.name)).toEqual(["--requirepass"]);
  });

  it("ignores non-secret variables and non-SDL input", () => {
    expect(findDefaultSecrets("x", null)).toEqual([]);
    const plain = testSdl({ env: ["MODE=test", "GREETING=password"] });
    expect(findDefaultSecrets(plain, load(plain))).toEqual([]);
  });
});

it("checkSdl warns about a default secret and its quick fix puts in a generated one", async () => {
  const { checkSdl } = await import("./validate");
  const text = testSdl({ env: ["POSTGRES_PASSWORD=change-me-please"] });
  const result = checkSdl(text, { requireUact: true });
  expect(result.valid).toBe(true);
  const warning = result.diagnostics.find((d) => d.code === "default-secret")!;
  expect(warning.severity).toBe("warning");
  expect(warning.message).toContain("POSTGRES_PASSWORD");
  const [edit] = warning.fixes[0]!.edits;
  const fixed = text.slice(0, edit!.start) + edit!.text + text.slice(edit!.end);
  expect(fixed).toMatch(/POSTGRES_PASSWORD=[A-HJ-NP-Za-km-z2-9]{24}"\n/);
  expect(checkSdl(fixed, { requireUact: true }).diagnostics.filter((d) => d.code === "default-secret")).toEqual([]);
});
