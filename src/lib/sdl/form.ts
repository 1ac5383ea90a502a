/**
 * Structured edits of SDL text for the form builder. Every edit goes through the `yaml` Document
 * API on the current text, so comments, key order, anchors and any keys the form does not know
 * about are kept; only the edited node changes.
 */
import { isMap, isScalar, isSeq, type Document } from "yaml";
import { parseSdlDocument } from "./document";
import { ENDPOINT_NAME, SERVICE_NAME, servicesUsingProfile, volumesOf } from "./references";
import { appendItemEdit, applyEdits, insertPairEdit, isBlockScalar, minimalEdit, removePairEdit, replacePairEdit, scalarListEdits, scalarSource, stringifyDocument } from "./edits";

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
  // Items of a list (and anything under an alias) go through the Document API.
  if (parent !== undefined && parent !== null && !isMap(parent)) return undefined;
  const parentMap = isMap(parent) ? parent : undefined;
  const pair = parentMap?.items.find((p) => keyOf(p) === key);
  if (isEmpty(value)) {
    if (!pair) return text;
    const edit = removePairEdit(text, parentMap, pair);
    return edit ? applyEdits(text, [edit]) : undefined;
  }
  const scalarValue = typeof value !== "object" || value === null;
  if (pair && isScalar(pair.value) && !isBlockScalar(pair.value) && scalarValue && pair.value.range && pair.value.range[1] > pair.value.range[0]) {
    if (pair.value.value === value) return text;
    return applyEdits(text, [{ start: pair.value.range[0], end: pair.value.range[1], text: scalarSource(value) }]);
  }
  if (pair && isSeq(pair.value) && Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) {
    const edits = scalarListEdits(text, pair.value, value);
    if (edits) return applyEdits(text, edits);
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
  const { doc } = parseSdlDocument(text);
  const list = doc.errors.length ? undefined : doc.getIn(path, true);
  const edit = isSeq(list) ? appendItemEdit(text, list, item) : undefined;
  if (edit) return applyEdits(text, [edit]);
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
  if (!SERVICE_NAME.test(name)) throw new SdlEditError("Service names use lowercase letters, digits and dashes, starting with a letter.");
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

/** Remove a service, its deployment entry, other services' `to` entries naming it, and its profile/prices/endpoints when nothing else uses them. */
export function removeSdlService(text: string, name: string): string {
  const sdl = readSdl(text);
  const others = Object.entries(sdl.deployment ?? {}).filter(([svc]) => svc !== name);
  let out = deleteSdlValue(text, ["services", name]);
  out = deleteSdlValue(out, ["deployment", name]);
  for (const [pl, d] of Object.entries(sdl.deployment?.[name] ?? {})) {
    const profile = d?.profile;
    if (!profile) continue;
    if (!others.some(([, o]) => o?.[pl]?.profile === profile)) out = deleteSdlValue(out, ["profiles", "placement", pl, "pricing", profile]);
    if (!others.some(([, o]) => Object.values(o ?? {}).some((x) => x?.profile === profile))) out = deleteSdlValue(out, ["profiles", "compute", profile]);
  }
  // `to: [{ service: name }]` elsewhere would name a service that no longer exists.
  for (const [svc, value] of Object.entries(readSdl(out).services ?? {})) {
    for (const [i, expose] of (Array.isArray(value?.expose) ? value.expose : []).entries()) {
      const to: unknown[] = Array.isArray(expose?.to) ? expose.to : [];
      if (!to.some((t) => (t as { service?: unknown } | null)?.service === name)) continue;
      const kept = to.filter((t) => (t as { service?: unknown } | null)?.service !== name);
      out = setSdlValue(out, ["services", svc, "expose", i, "to"], kept.length ? kept : undefined);
    }
  }
  return pruneSdlEndpoints(out);
}

type SdlShape = {
  services?: Record<string, { expose?: unknown; params?: { storage?: Record<string, unknown> | null } | null } | null>;
  deployment?: Record<string, Record<string, { profile?: string } | null> | null>;
  endpoints?: Record<string, unknown> | null;
};

function readSdl(text: string): SdlShape {
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length) throw new SdlEditError("The YAML has syntax errors; fix them in the YAML view before using the form.");
  const value = doc.toJS() as unknown;
  return value && typeof value === "object" ? (value as SdlShape) : {};
}

/** Delete `path`, then each parent map left empty (an empty `params:` is an error), up to `keep` segments. */
export function deleteSdlValuePruning(text: string, path: SdlPath, keep: number): string {
  let out = deleteSdlValue(text, path);
  for (let depth = path.length - 1; depth > keep; depth--) {
    const parentPath = path.slice(0, depth);
    const parent = parseSdlDocument(out).doc.getIn(parentPath, true);
    if (!(isMap(parent) && parent.items.length === 0) && !(isScalar(parent) && parent.value === null)) break;
    out = deleteSdlValue(out, parentPath);
  }
  return out;
}

/** Names of the IP endpoints some `expose.to.ip` uses. */
function usedEndpoints(sdl: SdlShape): Set<string> {
  const used = new Set<string>();
  for (const svc of Object.values(sdl.services ?? {})) {
    for (const expose of Array.isArray(svc?.expose) ? svc.expose : []) {
      for (const to of Array.isArray(expose?.to) ? expose.to : []) if (typeof to?.ip === "string") used.add(to.ip);
    }
  }
  return used;
}

/** Remove endpoints no expose uses any more (chain-sdk refuses a declared but unused endpoint). */
export function pruneSdlEndpoints(text: string): string {
  const sdl = readSdl(text);
  const used = usedEndpoints(sdl);
  let out = text;
  for (const name of Object.keys(sdl.endpoints ?? {})) if (!used.has(name)) out = deleteSdlValuePruning(out, ["endpoints", name], 0);
  return out;
}

/** Remove a port (expose); an IP endpoint only it used goes with it. */
export function removeSdlPort(text: string, service: string, exposeIndex: number): string {
  return pruneSdlEndpoints(deleteSdlValue(text, ["services", service, "expose", exposeIndex]));
}

/**
 * Point the first `to` of an expose at a leased IP endpoint (declared when new; such an expose must be
 * global), or, with an empty name, stop using one (an endpoint left unused is removed).
 */
export function setSdlIpEndpoint(text: string, service: string, exposeIndex: number, name: string): string {
  if (name && !ENDPOINT_NAME.test(name)) throw new SdlEditError(`“${name}” cannot be an endpoint name: start with a lowercase letter; then lowercase letters, digits, dashes and underscores.`);
  let out = setSdlExposeTarget(text, service, exposeIndex, name ? { ip: name, global: true } : { ip: undefined });
  if (name && !readSdl(out).endpoints?.[name]) out = setSdlValue(out, ["endpoints", name], { kind: "ip" });
  return pruneSdlEndpoints(out);
}

/**
 * Change keys of an expose's first `to` entry one by one (false or "" removes a key), so comments and other
 * entries stay; `to` is created when missing.
 */
export function setSdlExposeTarget(text: string, service: string, exposeIndex: number, patch: Record<string, unknown>): string {
  const expose = (readSdl(text).services?.[service]?.expose as unknown[] | undefined)?.[exposeIndex] as { to?: unknown } | undefined;
  if (!expose) throw new SdlEditError(`Service “${service}” has no port ${exposeIndex + 1}.`);
  const path: SdlPath = ["services", service, "expose", exposeIndex, "to"];
  const first = Array.isArray(expose.to) ? (expose.to[0] as unknown) : undefined;
  const keep = (v: unknown) => v !== undefined && v !== "" && v !== false;
  if (!first || typeof first !== "object") {
    const entry = Object.fromEntries(Object.entries(patch).filter(([, v]) => keep(v)));
    return Object.keys(entry).length ? setSdlValue(text, path, [entry, ...(Array.isArray(expose.to) ? expose.to.slice(1) : [])]) : text;
  }
  let out = text;
  for (const [key, value] of Object.entries(patch)) out = setSdlValue(out, [...path, 0, key], keep(value) ? value : undefined);
  return out;
}

function storagePathOf(text: string, profile: string, index: number): { path: SdlPath; name?: string; persistent: boolean; count: number } {
  const volumes = volumesOf(readSdl(text), profile);
  const volume = volumes[index];
  if (!volume) throw new SdlEditError(`Profile “${profile}” has no volume ${index + 1}.`);
  return { path: ["profiles", "compute", profile, "resources", "storage", ...(volume.single ? [] : [index])], name: volume.named ? volume.name : undefined, persistent: volume.persistent, count: volumes.length };
}

function freshVolumeName(text: string, profile: string): string {
  const taken = new Set(volumesOf(readSdl(text), profile).map((v) => v.name));
  for (let n = 1; ; n++) if (!taken.has(`data${n}`)) return `data${n}`;
}

/** Set (or with "" remove) where a volume is mounted in every service using its profile; an unnamed volume gets a name first. */
export function setSdlMount(text: string, profile: string, index: number, mount: string): string {
  let out = text;
  const target = storagePathOf(out, profile, index);
  let name = target.name;
  if (!mount && target.persistent) throw new SdlEditError("Persistent storage needs a mount path; turn Persistent off first to leave it unmounted.");
  if (!name) {
    if (!mount) return out;
    name = freshVolumeName(out, profile);
    out = setSdlValue(out, [...storagePathOf(out, profile, index).path, "name"], name);
  }
  for (const svc of servicesUsingProfile(readSdl(out), profile)) {
    out = mount ? setSdlValue(out, ["services", svc, "params", "storage", name, "mount"], mount) : deleteSdlValuePruning(out, ["services", svc, "params", "storage", name], 2);
  }
  return out;
}

/** Read-only applies to a mounted volume only (`readOnly` without `mount` is refused for persistent storage). */
export function setSdlMountReadOnly(text: string, profile: string, index: number, readOnly: boolean): string {
  const { name } = storagePathOf(text, profile, index);
  if (!name) return text;
  let out = text;
  for (const svc of servicesUsingProfile(readSdl(out), profile)) {
    if (!readSdl(out).services?.[svc]?.params?.storage?.[name]) continue;
    out = setSdlValue(out, ["services", svc, "params", "storage", name, "readOnly"], readOnly || undefined);
  }
  return out;
}

/** Remove a mount setting for a volume that does not exist (left behind by an edit in the YAML view). */
export function removeSdlMount(text: string, service: string, volume: string): string {
  return deleteSdlValuePruning(text, ["services", service, "params", "storage", volume], 2);
}

/**
 * Persistent storage needs a mount (a default one is set when missing); RAM storage cannot be
 * persistent, so choosing class "ram" turns persistence off.
 */
export function setSdlVolumeClass(text: string, profile: string, index: number, persistent: boolean, storageClass: string): string {
  const target = storagePathOf(text, profile, index);
  let out = text;
  if (storageClass === "ram") out = setSdlValue(out, [...target.path, "attributes"], { persistent: false, class: "ram" });
  else if (persistent) out = setSdlValue(out, [...target.path, "attributes"], { persistent: true, class: storageClass || "beta2" });
  else out = deleteSdlValue(out, [...target.path, "attributes"]);
  if (persistent && storageClass !== "ram") {
    const sdl = readSdl(out);
    const name = storagePathOf(out, profile, index).name;
    const unmounted = servicesUsingProfile(sdl, profile).some((svc) => !(name && (sdl.services?.[svc]?.params?.storage?.[name] as { mount?: unknown } | undefined)?.mount));
    if (unmounted) out = setSdlMount(out, profile, index, `/mnt/${name ?? freshVolumeName(out, profile)}`);
  }
  return out;
}

/** A new persistent volume (`dataN`, 10Gi, beta2) mounted at `/dataN` in every service using the profile. */
export function addSdlVolume(text: string, profile: string): string {
  const sdl = readSdl(text) as { profiles?: { compute?: Record<string, { resources?: { storage?: unknown } } | null> } };
  const storage = sdl.profiles?.compute?.[profile]?.resources?.storage;
  const name = freshVolumeName(text, profile);
  const volume = { name, size: "10Gi", attributes: { persistent: true, class: "beta2" } };
  const path: SdlPath = ["profiles", "compute", profile, "resources", "storage"];
  let out = Array.isArray(storage) ? appendSdlItem(text, path, volume) : setSdlValue(text, path, storage && typeof storage === "object" ? [storage, volume] : [volume]);
  for (const svc of servicesUsingProfile(readSdl(out), profile)) out = setSdlValue(out, ["services", svc, "params", "storage", name, "mount"], `/${name}`);
  return out;
}

/** Remove a volume and its mount settings (a service's mount of a volume that is gone is an error). */
export function removeSdlVolume(text: string, profile: string, index: number): string {
  const target = storagePathOf(text, profile, index);
  if (target.count <= 1) throw new SdlEditError("A profile needs at least one storage volume.");
  let out = deleteSdlValue(text, target.path);
  if (target.name) {
    for (const svc of servicesUsingProfile(readSdl(out), profile)) {
      const stillDeclared = volumesOf(readSdl(out), profile).some((v) => v.name === target.name);
      if (!stillDeclared) out = removeSdlMount(out, svc, target.name);
    }
  }
  return out;
}

/** Re-indent and tidy the YAML through the Document API (comments kept). Throws on syntax errors. */
export function formatSdl(text: string): string {
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length) throw new SdlEditError("Fix the YAML syntax errors first; formatting needs a document it can read.");
  return stringifyDocument(doc, text);
}
