/**
 * Renames that carry every reference, so a name changed in the form never leaves a dangling one:
 * a service (services, deployment, `expose.to.service`), a compute profile (profiles.compute,
 * placement pricing, `deployment.*.*.profile`), a placement (profiles.placement, `deployment.*.<placement>`),
 * a storage volume (its `name` and `params.storage.<volume>` of every service that uses the profile) and an
 * IP endpoint (endpoints, `expose.to.ip`). Each key or value is replaced in its own source range; every
 * other byte (comments, order, unknown keys) stays as written.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { parseSdlDocument } from "./document";
import { applyEdits, isBlockScalar, scalarSource } from "./edits";
import { SdlEditError, setSdlValue } from "./form";
import { ENDPOINT_NAME, PLAIN_NAME, SERVICE_NAME, servicesUsingProfile, volumesOf } from "./references";
import type { TextEdit } from "./types";

type AnyPair = Pair<unknown, unknown>;

function keyText(pair: AnyPair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function pairsOf(node: unknown): AnyPair[] {
  return isMap(node) ? (node as YAMLMap<unknown, unknown>).items : [];
}

function pairIn(node: unknown, key: string): AnyPair | undefined {
  return pairsOf(node).find((p) => keyText(p) === key);
}

function childIn(node: unknown, key: string): unknown {
  return pairIn(node, key)?.value;
}

function itemsOf(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

function replaceEdit(node: unknown, value: string): TextEdit {
  const range = (node as Node | null | undefined)?.range;
  if (!isScalar(node) || isBlockScalar(node) || !range || range[1] <= range[0]) throw new SdlEditError("This name is written in a form the editor cannot change in place; rename it in the YAML view.");
  return { start: range[0], end: range[1], text: scalarSource(value) };
}

function keyEdit(pair: AnyPair | undefined, to: string): TextEdit[] {
  return pair ? [replaceEdit(pair.key, to)] : [];
}

function load(text: string): Document {
  const { doc } = parseSdlDocument(text);
  if (doc.errors.length) throw new SdlEditError("The YAML has syntax errors; fix them in the YAML view before using the form.");
  return doc;
}

function checkName(kind: string, name: string, pattern: RegExp, advice: string) {
  if (!pattern.test(name)) throw new SdlEditError(`“${name}” cannot be a ${kind} name: ${advice}`);
}

function apply(text: string, edits: TextEdit[]): string {
  // Edits of one rename never overlap: each replaces a distinct key or scalar.
  return edits.length ? applyEdits(text, edits) : text;
}

/** `to` entries of every expose of every service. */
function exposeTargets(doc: Document): unknown[] {
  return pairsOf(childIn(doc.contents, "services")).flatMap((svc) => itemsOf(childIn(svc.value, "expose")).flatMap((e) => itemsOf(childIn(e, "to"))));
}

export function renameSdlService(text: string, from: string, to: string): string {
  if (from === to) return text;
  checkName("service", to, SERVICE_NAME, "use lowercase letters, digits and dashes, starting with a letter.");
  const doc = load(text);
  const services = childIn(doc.contents, "services");
  const deployment = childIn(doc.contents, "deployment");
  if (pairIn(services, to) || pairIn(deployment, to)) throw new SdlEditError(`A service “${to}” already exists.`);
  const edits = [...keyEdit(pairIn(services, from), to), ...keyEdit(pairIn(deployment, from), to)];
  for (const target of exposeTargets(doc)) {
    const service = childIn(target, "service");
    if (isScalar(service) && String(service.value) === from) edits.push(replaceEdit(service, to));
  }
  return apply(text, edits);
}

export function renameSdlProfile(text: string, from: string, to: string): string {
  if (from === to) return text;
  checkName("profile", to, PLAIN_NAME, "use lowercase letters, digits, dashes and underscores.");
  const doc = load(text);
  const profiles = childIn(doc.contents, "profiles");
  const compute = childIn(profiles, "compute");
  if (pairIn(compute, to)) throw new SdlEditError(`A compute profile “${to}” already exists.`);
  const edits = keyEdit(pairIn(compute, from), to);
  for (const placement of pairsOf(childIn(profiles, "placement"))) {
    const pricing = childIn(placement.value, "pricing");
    if (pairIn(pricing, to)) throw new SdlEditError(`Placement “${keyText(placement)}” already has a price for “${to}”.`);
    edits.push(...keyEdit(pairIn(pricing, from), to));
  }
  for (const svc of pairsOf(childIn(doc.contents, "deployment"))) {
    for (const placement of pairsOf(svc.value)) {
      const profile = childIn(placement.value, "profile");
      if (isScalar(profile) && String(profile.value) === from) edits.push(replaceEdit(profile, to));
    }
  }
  return apply(text, edits);
}

export function renameSdlPlacement(text: string, from: string, to: string): string {
  if (from === to) return text;
  checkName("placement", to, PLAIN_NAME, "use lowercase letters, digits, dashes and underscores.");
  const doc = load(text);
  const placements = childIn(childIn(doc.contents, "profiles"), "placement");
  if (pairIn(placements, to)) throw new SdlEditError(`A placement “${to}” already exists.`);
  const edits = keyEdit(pairIn(placements, from), to);
  for (const svc of pairsOf(childIn(doc.contents, "deployment"))) {
    if (pairIn(svc.value, to)) throw new SdlEditError(`Service “${keyText(svc)}” is already deployed to “${to}”.`);
    edits.push(...keyEdit(pairIn(svc.value, from), to));
  }
  return apply(text, edits);
}

export function renameSdlEndpoint(text: string, from: string, to: string): string {
  if (from === to) return text;
  checkName("endpoint", to, ENDPOINT_NAME, "start with a lowercase letter; then lowercase letters, digits, dashes and underscores.");
  const doc = load(text);
  const endpoints = childIn(doc.contents, "endpoints");
  if (pairIn(endpoints, to)) throw new SdlEditError(`An endpoint “${to}” already exists.`);
  const edits = keyEdit(pairIn(endpoints, from), to);
  for (const target of exposeTargets(doc)) {
    const ip = childIn(target, "ip");
    if (isScalar(ip) && String(ip.value) === from) edits.push(replaceEdit(ip, to));
  }
  return apply(text, edits);
}

/**
 * Rename the `index`th volume of `profile`, and its mount settings (`params.storage.<name>`) in every
 * service deployed with that profile.
 */
export function renameSdlVolume(text: string, profile: string, index: number, to: string): string {
  checkName("volume", to, PLAIN_NAME, "use lowercase letters, digits, dashes and underscores.");
  const doc = load(text);
  const sdl = doc.toJS() as unknown;
  const volumes = volumesOf(sdl, profile);
  const volume = volumes[index];
  if (!volume) throw new SdlEditError(`Profile “${profile}” has no volume ${index + 1}.`);
  const from = volume.name;
  if (volume.named && from === to) return text;
  if (volumes.some((v, i) => i !== index && v.name === to)) throw new SdlEditError(`Profile “${profile}” already has a volume “${to}”.`);
  const edits: TextEdit[] = [];
  const services = childIn(doc.contents, "services");
  for (const svc of servicesUsingProfile(sdl, profile)) {
    const mounts = childIn(childIn(childIn(services, svc), "params"), "storage");
    if (pairIn(mounts, to)) throw new SdlEditError(`Service “${svc}” already has a mount setting for “${to}”; remove it first.`);
    if (volume.named) edits.push(...keyEdit(pairIn(mounts, from), to));
  }
  const storagePath = ["profiles", "compute", profile, "resources", "storage", ...(volume.single ? [] : [index])];
  return setSdlValue(apply(text, edits), [...storagePath, "name"], to);
}
