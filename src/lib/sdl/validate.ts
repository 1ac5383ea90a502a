import { generateManifest, validationSDLSchema, type SDLInput } from "@akashnetwork/chain-sdk/web";
import jsYaml from "js-yaml";
import { isMap, isScalar, type Document, type LineCounter, type Node } from "yaml";
import { keyNode, locatePointer, parseSdlDocument, pointerToSegments } from "./document";
import { documentEdit, removePairEdit, renameKeyEdit, replaceNodeEdit } from "./edits";
import { COMPOSE_KEY_ADVICE, describePointer, plainMessage, type RawValidationError } from "./messages";
import { SDL_NETWORK_ID, uaktPricings } from "./network-rules";
import { summarizeSdl, type SdlSummary } from "./resources";
import { findDefaultSecrets, generateSecret, replaceSecretEdits } from "./secrets";
import { getErrorMessage } from "../errors";
import type { QuickFix, SdlCheckOptions, SdlDiagnostic, TextEdit } from "./types";

/** Bigger than any real SDL by two orders of magnitude; larger input is refused without parsing. */
export const MAX_SDL_CHARS = 1_000_000;

export type GenerateManifestOk = Extract<ReturnType<typeof generateManifest>, { ok: true }>["value"];

export interface SdlCheckResult {
  /** No error-level diagnostics. */
  valid: boolean;
  diagnostics: SdlDiagnostic[];
  /** The parsed SDL when the text is YAML shaped like an SDL. */
  sdl?: SDLInput;
  /** Resource and price summary (only for valid SDLs). */
  summary?: SdlSummary;
  /** chain-sdk manifest groups and group specs (only for valid SDLs). */
  manifest?: GenerateManifestOk;
}

interface Ctx {
  text: string;
  /** The `yaml` AST with positions; built only when a problem has to be located (it is the slow part). */
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  diagnostics: SdlDiagnostic[];
}

function makeCtx(text: string, parsed?: { doc: Document; lineCounter: LineCounter }): Ctx {
  let ast = parsed;
  const get = () => (ast ??= parseSdlDocument(text));
  return {
    text,
    diagnostics: [],
    get doc() {
      return get().doc;
    },
    get lineCounter() {
      return get().lineCounter;
    },
  };
}

/**
 * Fast read of the SDL value with js-yaml (the parser chain-sdk's own SDL class uses). Undefined
 * when js-yaml rejects the text; the `yaml` AST then explains where and why. `yaml` alone would not
 * do: it reads unquoted dates as text and refuses some quoted scalars js-yaml accepts, so the console's
 * verdict would differ from chain-sdk's (validate.test.ts, "YAML read the way chain-sdk reads it").
 */
function fastLoad(text: string): { ok: true; value: unknown } | { ok: false; reason: string; position?: number } {
  try {
    return { ok: true, value: jsYaml.load(text) };
  } catch (e) {
    const err = e as { reason?: string; message?: string; mark?: { position?: number } };
    return { ok: false, reason: err.reason ?? err.message ?? "unreadable YAML", position: err.mark?.position };
  }
}

function makeDiagnostic(ctx: Ctx, start: number, end: number, d: Omit<SdlDiagnostic, "start" | "end" | "line" | "column" | "endLine" | "endColumn" | "fixes"> & { fixes?: QuickFix[] }): SdlDiagnostic {
  const s = Math.max(0, Math.min(start, ctx.text.length));
  const e = Math.max(s, Math.min(end, ctx.text.length));
  const a = ctx.lineCounter.linePos(s);
  const b = ctx.lineCounter.linePos(e);
  return { ...d, fixes: d.fixes ?? [], start: s, end: e, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

function rangeOf(node: Node | undefined | null): [number, number] | undefined {
  const r = node?.range;
  return r ? [r[0], Math.max(r[1], r[0])] : undefined;
}

/** The text range an error about `pointer` should underline: the key if the value is empty, else the value. */
function rangeForPointer(ctx: Ctx, pointer: string, preferKey: boolean): [number, number] {
  const loc = locatePointer(ctx.doc, pointer);
  const key = keyNode(loc.pair);
  const valueRange = rangeOf(loc.node);
  const keyRange = rangeOf(key);
  const exact = loc.depth === pointerToSegments(pointer).length;
  if ((preferKey || !exact || !valueRange || valueRange[0] === valueRange[1]) && keyRange) return keyRange;
  if (valueRange && valueRange[1] > valueRange[0]) {
    // Multi-line values (maps, lists): underline only their first line.
    const nl = ctx.text.indexOf("\n", valueRange[0]);
    return [valueRange[0], nl !== -1 && nl < valueRange[1] ? nl : valueRange[1]];
  }
  return [0, Math.max(0, ctx.text.indexOf("\n"))];
}

function valueAtPointer(sdl: unknown, pointer: string): unknown {
  let v: unknown = sdl;
  for (const seg of pointerToSegments(pointer)) {
    if (v && typeof v === "object") v = (v as Record<string, unknown>)[seg];
    else return undefined;
  }
  return v;
}

function fix(title: string, edit: TextEdit | undefined): QuickFix[] {
  return edit ? [{ title, edits: [edit] }] : [];
}

function pathOf(pointer: string): string[] {
  return pointerToSegments(pointer);
}

function quickFixesFor(ctx: Ctx, code: string, err: RawValidationError): QuickFix[] {
  const p = err.instancePath;
  if (code === "compose-key" || code === "unknown-key") {
    const key = String(err.params.additionalProperty ?? "");
    const loc = locatePointer(ctx.doc, `${p}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    if (!loc.pair) return [];
    const map = ctx.doc.getIn(pathOf(p), true);
    const parent = isMap(map) ? map : undefined;
    const fixes: QuickFix[] = [];
    if (code === "compose-key") {
      const hasCommand = parent?.has("command");
      if ((key === "cmd" || key === "entrypoint") && !hasCommand) fixes.push(...fix(`Rename "${key}" to "command"`, renameKeyEdit(loc.pair, "command")));
      if (key === "environment" && !parent?.has("env")) {
        const env = valueAtPointer(ctx.doc.toJS(), `${p}/environment`);
        const list = Array.isArray(env) ? env.map(String) : env && typeof env === "object" ? Object.entries(env).map(([k, v]) => `${k}=${v ?? ""}`) : [];
        fixes.push(
          ...fix(
            'Convert "environment" to an SDL "env" list',
            documentEdit(ctx.text, (doc) => {
              const svc = doc.getIn(pathOf(p), true);
              if (!isMap(svc)) return;
              svc.delete("environment");
              svc.set("env", doc.createNode(list));
            }),
          ),
        );
      }
      fixes.push(...fix(`Remove "${key}"`, removePairEdit(ctx.text, parent, loc.pair)));
      return fixes;
    }
    const near = /Did you mean "([^"]+)"/.exec(plainMessage(err, validationSDLSchema, () => undefined).message)?.[1];
    if (near && !parent?.has(near)) fixes.push(...fix(`Rename "${key}" to "${near}"`, renameKeyEdit(loc.pair, near)));
    fixes.push(...fix(`Remove "${key}"`, removePairEdit(ctx.text, parent, loc.pair)));
    return fixes;
  }
  if (code === "empty-map") {
    const loc = locatePointer(ctx.doc, p);
    const parent = ctx.doc.getIn(pathOf(p).slice(0, -1), true);
    if (loc.pair) return fix(`Remove the empty "${pathOf(p).at(-1)}"`, removePairEdit(ctx.text, isMap(parent) ? parent : undefined, loc.pair));
  }
  const segs = pathOf(p);
  const missingPricingOfPlacement = code === "missing-key" && err.params.missingProperty === "pricing" && segs.length === 3 && segs[1] === "placement";
  if (code === "missing-pricing" || missingPricingOfPlacement) {
    const placement = segs[2];
    const profiles = code === "missing-pricing" ? [String(err.params.missingProperty ?? "")] : profilesDeployedOn(ctx.doc.toJS(), placement ?? "");
    const wanted = profiles.filter((x) => x && x !== "undefined");
    if (placement && wanted.length) {
      return fix(
        `Add a uact price for ${wanted.map((x) => `"${x}"`).join(", ")} in placement "${placement}"`,
        documentEdit(ctx.text, (doc) => {
          const pl = doc.getIn(["profiles", "placement", placement], true);
          if (!isMap(pl)) return;
          let pricing = pl.get("pricing", true);
          if (!isMap(pricing)) {
            pl.set("pricing", doc.createNode({}));
            pricing = pl.get("pricing", true);
          }
          if (!isMap(pricing)) return;
          for (const profile of wanted) if (!pricing.has(profile)) pricing.set(profile, doc.createNode({ denom: "uact", amount: DEFAULT_FIX_PRICE_UACT }));
        }),
      );
    }
  }
  if (code === "unknown-version") {
    const loc = locatePointer(ctx.doc, "/version");
    return fix('Use version "2.0"', replaceNodeEdit(loc.node, '"2.0"'));
  }
  if (code === "unknown-endpoint") {
    const name = String(err.params.missingProperty ?? "");
    if (/^[a-z]+[-_0-9a-z]*$/.test(name)) {
      return fix(
        `Declare endpoint "${name}" (kind: ip)`,
        documentEdit(ctx.text, (doc) => {
          doc.setIn(["endpoints", name], doc.createNode({ kind: "ip" }));
        }),
      );
    }
  }
  if (code === "unused-endpoint") {
    const loc = locatePointer(ctx.doc, p);
    const endpoints = ctx.doc.get("endpoints", true);
    if (loc.pair) return fix(`Remove endpoint "${pathOf(p).at(-1)}"`, removePairEdit(ctx.text, isMap(endpoints) ? endpoints : undefined, loc.pair));
  }
  return [];
}

/** Errors from chain-sdk become located, plain-words diagnostics. Several type errors on one value merge into one. */
function addSchemaDiagnostics(ctx: Ctx, sdl: unknown, errors: RawValidationError[]) {
  const seen = new Set<string>();
  const typeErrors = new Map<string, string[]>();
  for (const e of errors) if (e.keyword === "type") typeErrors.set(e.instancePath, [...(typeErrors.get(e.instancePath) ?? []), String(e.params.type)]);
  const paths = errors.map((e) => e.instancePath);
  for (const err of errors) {
    // "if/then" failures are always accompanied by the concrete error inside "then".
    if (err.keyword === "if") continue;
    // A union type error is noise when a deeper or more specific error explains the same value.
    if (err.keyword === "type" && errors.some((o) => o !== err && o.keyword !== "type" && o.keyword !== "not" && o.keyword !== "oneOf" && o.keyword !== "anyOf" && (o.instancePath === err.instancePath || o.instancePath.startsWith(`${err.instancePath}/`)))) continue;
    if (err.keyword === "type" && paths.some((q) => q.startsWith(`${err.instancePath}/`))) continue;
    let e = err;
    if (err.keyword === "type") {
      const types = typeErrors.get(err.instancePath) ?? [];
      e = { ...err, params: { ...err.params, type: types.join(",") } };
    }
    // A value that fails "type" usually also fails a "not"/"oneOf" sibling; the type message is enough.
    if (err.keyword === "not" && typeErrors.has(err.instancePath)) continue;
    const { code, message } = plainMessage(e, validationSDLSchema, (ptr) => valueAtPointer(sdl, ptr));
    const dedupe = `${code}|${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    let pointer = err.instancePath;
    let preferKey = false;
    if (err.keyword === "additionalProperties" && err.params.additionalProperty !== undefined && err.schemaPath !== "#/properties/endpoints") {
      pointer = `${err.instancePath}/${String(err.params.additionalProperty)}`;
      preferKey = true;
    }
    if (code === "unknown-endpoint") pointer = findIpUse(sdl, String(err.params.missingProperty ?? "")) ?? pointer;
    if ((err.keyword === "required" && code !== "unknown-endpoint") || code === "empty-map" || code === "unused-endpoint") preferKey = true;
    const [start, end] = rangeForPointer(ctx, pointer, preferKey);
    ctx.diagnostics.push(makeDiagnostic(ctx, start, end, { severity: "error", code, message, path: err.instancePath, fixes: quickFixesFor(ctx, code, err) }));
  }
}

/** A generous default max price for quick fixes: 1000 uact/block ≈ 431 ACT ($431) a month ceiling. */
const DEFAULT_FIX_PRICE_UACT = 1000;

function profilesDeployedOn(sdl: unknown, placement: string): string[] {
  const deployment = (sdl as { deployment?: Record<string, Record<string, { profile?: string }>> }).deployment ?? {};
  const out = new Set<string>();
  for (const d of Object.values(deployment)) {
    const profile = d?.[placement]?.profile;
    if (typeof profile === "string") out.add(profile);
  }
  return [...out];
}

function findIpUse(sdl: unknown, name: string): string | undefined {
  const services = (sdl as { services?: Record<string, { expose?: { to?: { ip?: string }[] }[] }> }).services ?? {};
  for (const [svc, s] of Object.entries(services)) {
    for (const [i, ex] of (Array.isArray(s?.expose) ? s.expose : []).entries()) {
      for (const [j, to] of (Array.isArray(ex?.to) ? ex.to : []).entries()) if (to?.ip === name) return `/services/${svc}/expose/${i}/to/${j}/ip`;
    }
  }
  return undefined;
}

/** Network rule chain-sdk does not know: Akash v2 (BME) only accepts uact deployment pricing. */
/** A well-known default password or key left in the SDL: anyone can guess it once the port is public. */
function addDefaultSecretRule(ctx: Ctx, sdl: unknown) {
  const found = findDefaultSecrets(ctx.text, sdl);
  const replacements = new Map<string, string>();
  for (const secret of found) {
    if (!replacements.has(secret.value)) replacements.set(secret.value, generateSecret());
    const edits = replaceSecretEdits(found, secret.value, replacements.get(secret.value)!);
    ctx.diagnostics.push(
      makeDiagnostic(ctx, secret.start, secret.end, {
        severity: "warning",
        code: "default-secret",
        message: `${secret.name} of service "${secret.service}" is "${secret.value}", a well-known default anyone can guess. Use a password of your own, or generate one.`,
        fixes: [{ title: edits.length > 1 ? `Generate a password (replaces all ${edits.length}, so they still match)` : "Generate a password", edits }],
      }),
    );
  }
}

function addDenomRule(ctx: Ctx, sdl: unknown, options: SdlCheckOptions) {
  for (const { placement: pl, profile } of uaktPricings(sdl)) {
    const pointer = `/profiles/placement/${pl}/pricing/${profile}/denom`;
    const loc = locatePointer(ctx.doc, pointer);
    const [start, end] = rangeForPointer(ctx, pointer, false);
    const fixes = fix('Price in "uact" instead', isScalar(loc.node) ? replaceNodeEdit(loc.node, "uact") : undefined);
    ctx.diagnostics.push(
      makeDiagnostic(ctx, start, end, {
        severity: options.requireUact ? "error" : "warning",
        code: "uakt-pricing",
        message: options.requireUact
          ? `Placement "${pl}" prices "${profile}" in uakt, but this network only accepts deployments priced in uact (ACT, 1 ACT ≈ 1 USD). Change the denom to uact and check the amount: it is per block, in millionths of an ACT.`
          : `Placement "${pl}" prices "${profile}" in uakt. Akash mainnet (v2, BME) only accepts deployments priced in uact (ACT ≈ USD); uakt works only on networks that have not upgraded.`,
        path: pointer,
        fixes,
      }),
    );
  }
}

function yamlMessage(code: string, message: string): string {
  const first = message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  const plain: Record<string, string> = {
    DUPLICATE_KEY: "This key appears twice in the same map; YAML keeps only one. Remove or rename one of them.",
    BAD_INDENT: "The indentation here does not line up with the lines above. YAML uses spaces to nest keys; check this line's indent.",
    TAB_AS_INDENT: "Tabs cannot indent YAML. Use spaces.",
    MISSING_CHAR: "A closing quote or bracket is missing.",
    MULTILINE_IMPLICIT_KEY: "A key cannot span several lines. Is a colon missing, or is a value indented under the wrong key?",
    BLOCK_AS_IMPLICIT_KEY: "This line is nested where YAML expects a key. Check the indentation and the colon on the line above.",
  };
  return `YAML syntax: ${plain[code] ?? first}`;
}

/**
 * Validate SDL text with chain-sdk `generateManifest` (schema + semantic checks, mainnet rules) and
 * map every problem to a line and column with a plain-words message and, where obvious, quick fixes.
 * Pure and environment-neutral: the editor runs it in a Web Worker, `sdl:check` in Node.
 */
export function checkSdl(text: string, options: SdlCheckOptions = {}): SdlCheckResult {
  if (text.length > MAX_SDL_CHARS) {
    const mb = (text.length / 1_000_000).toFixed(1);
    return {
      valid: false,
      diagnostics: [
        { severity: "error", code: "too-large", message: `This text is ${mb} MB; an SDL is at most ${MAX_SDL_CHARS / 1_000_000} MB (real ones are a few KB). Nothing was lost: trim it or paste the SDL alone.`, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1, fixes: [] },
      ],
    };
  }
  const fast = fastLoad(text);
  let ctx: Ctx;
  let sdl: unknown;
  if (fast.ok) {
    ctx = makeCtx(text);
    sdl = fast.value;
  } else {
    const parsed = parseSdlDocument(text);
    ctx = makeCtx(text, parsed);
    if (parsed.doc.errors.length) {
      for (const err of parsed.doc.errors.slice(0, 20)) {
        ctx.diagnostics.push(makeDiagnostic(ctx, err.pos[0], Math.max(err.pos[1], err.pos[0] + 1), { severity: "error", code: "yaml-syntax", message: yamlMessage(err.code, err.message) }));
      }
      return { valid: false, diagnostics: ctx.diagnostics };
    }
    // `yaml` accepted what js-yaml (chain-sdk's SDL.fromString parser, used by other tools) rejects.
    const at = Math.min(fast.position ?? 0, text.length);
    ctx.diagnostics.push(
      makeDiagnostic(ctx, at, Math.min(text.length, at + 1), {
        severity: "warning",
        code: "yaml-strict",
        message: `YAML that strict parsers reject (${fast.reason}); chain-sdk's SDL.fromString and the Akash CLI tooling would refuse this file. Check the indentation here.`,
      }),
    );
    try {
      sdl = parsed.doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      ctx.diagnostics.push(makeDiagnostic(ctx, 0, 0, { severity: "error", code: "yaml-syntax", message: `YAML could not be read: ${getErrorMessage(e)}` }));
      return { valid: false, diagnostics: ctx.diagnostics };
    }
  }
  const notSdl = (message: string) => {
    ctx.diagnostics.push(makeDiagnostic(ctx, 0, Math.max(0, text.indexOf("\n")), { severity: "error", code: "not-sdl", message }));
    return { valid: false, diagnostics: ctx.diagnostics };
  };
  if (sdl === null || sdl === undefined) return notSdl("The document is empty. An SDL starts with `version: \"2.0\"` followed by `services`, `profiles` and `deployment`; pick a template to start from.");
  if (typeof sdl !== "object" || Array.isArray(sdl)) {
    return notSdl(`This is YAML, but it is ${Array.isArray(sdl) ? "a list" : "a single value"}, not an SDL. An SDL is a map with version, services, profiles and deployment.`);
  }
  const keys = Object.keys(sdl);
  if (!["services", "profiles", "deployment"].some((k) => keys.includes(k))) {
    return notSdl(`This YAML is not an SDL: it has none of "services", "profiles" or "deployment" (found ${keys.slice(0, 5).map((k) => `"${k}"`).join(", ")}). Start from a template, or see the SDL reference.`);
  }

  addDenomRule(ctx, sdl, options);
  addDefaultSecretRule(ctx, sdl);
  let result: ReturnType<typeof generateManifest>;
  try {
    result = generateManifest(sdl as SDLInput, SDL_NETWORK_ID);
  } catch (e) {
    // chain-sdk throws on a few inputs its schema lets through (e.g. unparseable sizes).
    ctx.diagnostics.push(makeDiagnostic(ctx, 0, 0, { severity: "error", code: "manifest-error", message: `The SDL passed the schema but the manifest could not be built: ${getErrorMessage(e)}. Check sizes ("512Mi"), CPU units and prices.` }));
    return { valid: false, diagnostics: ctx.diagnostics, sdl: sdl as SDLInput };
  }
  if (!result.ok) {
    const before = ctx.diagnostics.length;
    addSchemaDiagnostics(ctx, sdl, result.value as RawValidationError[]);
    // Never call an SDL valid that chain-sdk rejected, even if every error was folded away above.
    if (ctx.diagnostics.length === before && result.value.length) {
      const first = result.value[0] as RawValidationError;
      const [start, end] = rangeForPointer(ctx, first.instancePath, false);
      ctx.diagnostics.push(makeDiagnostic(ctx, start, end, { severity: "error", code: "invalid-value", message: `${describePointer(first.instancePath)} is not valid here.`, path: first.instancePath }));
    }
  }
  ctx.diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  const valid = !ctx.diagnostics.some((d) => d.severity === "error");
  if (!result.ok || !valid) return { valid, diagnostics: ctx.diagnostics, sdl: sdl as SDLInput };
  return { valid, diagnostics: ctx.diagnostics, sdl: sdl as SDLInput, summary: summarizeSdl(sdl), manifest: result.value };
}

export { describePointer, COMPOSE_KEY_ADVICE };
