/**
 * Structured edits of SDL text for the form builder. Every edit goes through the `yaml` Document
 * API on the current text, so comments, key order, anchors and any keys the form does not know
 * about are kept; only the edited node changes.
 */
import { isMap, isScalar, isSeq, type Document } from "yaml";
import { parseSdlDocument } from "./document";
import { applyEdits, insertPairEdit, minimalEdit, removePairEdit, replacePairEdit, scalarSource, stringifyDocument } from "./edits";

export type SdlPath = (string | number)[];

export class SdlEditError extends Error {}

function editDocument(text: string, mutate: (doc: Document) => void): string {
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length) throw new SdlEditError("The YAML has syntax errors; fix them in the YAML view before using the form.");
  if (doc.contents !== null && !isMap(doc.contents)) throw new SdlEditError("The document is not an SDL map.");
  if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  mutate(doc);
  const after = stringifyDocument(doc, text);
  // Re-serialising may normalise untouched parts in rare cases; apply only the minimal change.
  return applyEdits(text, [minimalEdit(text, after)]);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function keyOf(pair: { key: unknown }): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/**
 * Try the edit as a local text change (scalar replaced in its range, pair inserted/removed as whole
 * lines) so every other byte stays as written. Undefined when only the Document API can do it.
 */
function localSetEdit(text: string, path: SdlPath, value: unknown): string | undefined {
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length || !isMap(doc.contents) || path.length === 0) return undefined;
  const key = String(path[path.length - 1]);
  const parent = doc.getIn(path.slice(0, -1), true);
  const parentMap = isMap(parent) ? parent : undefined;
  const pair = parentMap?.items.find((p) => keyOf(p) === key);
  if (isEmpty(value)) {
    if (!pair) return text;
    const edit = removePairEdit(text, parentMap, pair);
    return edit ? applyEdits(text, [edit]) : undefined;
  }
  const scalarValue = typeof value !== "object" || value === null;
  if (pair && isScalar(pair.value) && scalarValue && pair.value.range && pair.value.range[1] > pair.value.range[0]) {
    if (pair.value.value === value) return text;
    return applyEdits(text, [{ start: pair.value.range[0], end: pair.value.range[1], text: scalarSource(value) }]);
  }
  if (pair) {
    const edit = replacePairEdit(text, parentMap, pair, key, value);
    return edit ? applyEdits(text, [edit]) : undefined;
  }
  // Insert under the deepest existing map on the path, building the rest of the path as nested maps.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const ancestor = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!isMap(ancestor)) {
      if (ancestor === undefined || ancestor === null) continue;
      return undefined;
    }
    const rest = path.slice(depth);
    let nested: unknown = value;
    for (let i = rest.length - 1; i >= 1; i--) {
      if (typeof rest[i] === "number") return undefined;
      nested = { [String(rest[i])]: nested };
    }
    const edit = insertPairEdit(text, ancestor, String(rest[0]), nested);
    return edit ? applyEdits(text, [edit]) : undefined;
  }
  return undefined;
}

/** Set a value at `path` (creating maps on the way); an empty value deletes the key instead. */
export function setSdlValue(text: string, path: SdlPath, value: unknown): string {
  const local = localSetEdit(text, path, value);
  if (local !== undefined) return local;
  return editDocument(text, (doc) => {
    if (isEmpty(value)) {
      if (doc.hasIn(path)) doc.deleteIn(path);
      return;
    }
    const existing = doc.getIn(path, true);
    // Keep the scalar node (and its comment/style) when only the value changes.
    if (isScalar(existing) && (typeof value !== "object" || value === null)) {
      existing.value = value;
      return;
    }
    doc.setIn(path, doc.createNode(value));
  });
}

export function deleteSdlValue(text: string, path: SdlPath): string {
  const local = localSetEdit(text, path, undefined);
  if (local !== undefined) return local;
  return editDocument(text, (doc) => {
    if (doc.hasIn(path)) doc.deleteIn(path);
  });
}

/** Append an item to the list at `path` (creating the list). */
export function appendSdlItem(text: string, path: SdlPath, item: unknown): string {
  return editDocument(text, (doc) => {
    const list = doc.getIn(path, true);
    if (isSeq(list)) list.add(doc.createNode(item));
    else doc.setIn(path, doc.createNode([item]));
  });
}

/** Rename a map key in place (keeping its position and value). */
export function renameSdlKey(text: string, path: SdlPath, newKey: string): string {
  return editDocument(text, (doc) => {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return;
    if (parent.has(newKey)) throw new SdlEditError(`"${newKey}" already exists.`);
    const pair = parent.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(path[path.length - 1]));
    if (pair) pair.key = doc.createNode(newKey);
  });
}

/** Convert a form field's text into the YAML value it stands for (numbers stay numbers). */
export function coerceScalar(input: string, kind: "string" | "number" | "integer" | "numberOrString" | "boolean"): unknown {
  const t = input.trim();
  if (kind === "string") return input;
  if (t === "") return undefined;
  if (kind === "boolean") return t === "true";
  const n = Number(t);
  if (kind === "integer") return Number.isInteger(n) ? n : t;
  if (kind === "number") return Number.isFinite(n) ? n : t;
  return Number.isFinite(n) && /^[\d.]+$/.test(t) ? n : t;
}

/** A new service with its own compute profile, placement price and deployment entry. */
export function addSdlService(text: string, name: string, placement?: string): string {
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) throw new SdlEditError("Service names use lowercase letters, digits and dashes, starting with a letter.");
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length) throw new SdlEditError("The YAML has syntax errors; fix them in the YAML view before using the form.");
  if (doc.hasIn(["services", name])) throw new SdlEditError(`Service "${name}" already exists.`);
  const placements = doc.getIn(["profiles", "placement"], true);
  const firstPlacement = isMap(placements) ? placements.items[0] : undefined;
  const pl = placement ?? (firstPlacement ? keyOf(firstPlacement) : "dcloud");
  let out = text;
  if (!doc.has("version")) out = setSdlValue(out, ["version"], "2.0");
  out = setSdlValue(out, ["services", name], { image: "nginx:1.27-alpine", expose: [{ port: 80, as: 80, to: [{ global: true }] }] });
  if (!doc.hasIn(["profiles", "compute", name])) {
    out = setSdlValue(out, ["profiles", "compute", name], { resources: { cpu: { units: 0.5 }, memory: { size: "512Mi" }, storage: { size: "1Gi" } } });
  }
  out = setSdlValue(out, ["profiles", "placement", pl, "pricing", name], { denom: "uact", amount: 100 });
  return setSdlValue(out, ["deployment", name], { [pl]: { profile: name, count: 1 } });
}

/** Remove a service, its deployment entry, and its profile/prices when nothing else uses them. */
export function removeSdlService(text: string, name: string): string {
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length) throw new SdlEditError("The YAML has syntax errors; fix them in the YAML view before using the form.");
  const sdl = doc.toJS() as { deployment?: Record<string, Record<string, { profile?: string }>> };
  const others = Object.entries(sdl.deployment ?? {}).filter(([svc]) => svc !== name);
  let out = deleteSdlValue(text, ["services", name]);
  out = deleteSdlValue(out, ["deployment", name]);
  for (const [pl, d] of Object.entries(sdl.deployment?.[name] ?? {})) {
    const profile = d?.profile;
    if (!profile) continue;
    if (!others.some(([, o]) => o?.[pl]?.profile === profile)) out = deleteSdlValue(out, ["profiles", "placement", pl, "pricing", profile]);
    if (!others.some(([, o]) => Object.values(o ?? {}).some((x) => x?.profile === profile))) out = deleteSdlValue(out, ["profiles", "compute", profile]);
  }
  return out;
}

/** Re-indent and tidy the YAML through the Document API (comments kept). Throws on syntax errors. */
export function formatSdl(text: string): string {
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length) throw new SdlEditError("Fix the YAML syntax errors first; formatting needs a document it can read.");
  return stringifyDocument(doc, text);
}
