/**
 * Manifests as the provider receives them (`PUT /deployment/{dseq}/manifest`, Go JSON field names):
 * decoding, the version hash compared with the deployment's on-chain hash, and cross-validation
 * against the lease's group spec.
 */
import { createHash } from "node:crypto";
import { parseResourceVal } from "./chain-json.ts";
import type { GroupSpecView } from "./types.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface ManifestExpose {
  port: number;
  externalPort: number;
  proto: string;
  service: string;
  global: boolean;
  hosts: string[];
  ip: string;
  endpointSequenceNumber: number;
}

export interface ManifestService {
  name: string;
  image: string;
  command: string[];
  args: string[];
  env: string[];
  count: number;
  resources: { id: number; cpuMillis: number; memoryBytes: number; storage: { name: string; bytes: number }[]; gpuUnits: number };
  expose: ManifestExpose[];
  storageMounts: { name: string; mount: string; readOnly: boolean }[];
}

export interface ManifestGroup {
  name: string;
  services: ManifestService[];
}

/** 422 from the provider: the body is not a manifest. */
export class ManifestDecodeError extends Error {}
/** Cross-validation/version failures (the provider answers these with 500 and this text). */
export class ManifestValidationError extends Error {}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);
const strArr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Canonical JSON like Go's sdk.SortJSON over json.Marshal: sorted keys, no spaces, HTML-escaped. */
export function sortedJson(v: unknown): string {
  const enc = (x: unknown): string => {
    if (Array.isArray(x)) return `[${x.map(enc).join(",")}]`;
    if (isObj(x)) {
      const keys = Object.keys(x).filter((k) => x[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${enc(x[k])}`).join(",")}}`;
    }
    return JSON.stringify(x) ?? "null";
  };
  return enc(v).replace(/[<>&]/g, (c) => ({ "<": "\\u003c", ">": "\\u003e", "&": "\\u0026" })[c] ?? c);
}

/** The manifest version hash (sha256 over the sorted JSON), as the provider computes it. */
export function manifestVersion(raw: unknown): Uint8Array {
  return new Uint8Array(createHash("sha256").update(sortedJson(raw)).digest());
}

export function decodeManifest(body: string): { raw: unknown; groups: ManifestGroup[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    throw new ManifestDecodeError(`manifest decode error: ${getErrorMessage(e)}`);
  }
  if (!Array.isArray(raw)) throw new ManifestDecodeError("manifest decode error: manifest must be a JSON array of groups");
  if (raw.length === 0) throw new ManifestDecodeError("invalid manifest: manifest has no groups");
  const groups = raw.map((g, gi): ManifestGroup => {
    if (!isObj(g) || typeof g.name !== "string" || !Array.isArray(g.services)) throw new ManifestDecodeError(`invalid manifest: group ${gi} needs a name and services`);
    if (g.services.length === 0) throw new ManifestDecodeError(`invalid manifest: group ${g.name} has no services`);
    return {
      name: g.name,
      services: g.services.map((s, si): ManifestService => {
        if (!isObj(s) || typeof s.name !== "string" || !s.name) throw new ManifestDecodeError(`invalid manifest: group ${g.name} service ${si} has no name`);
        if (typeof s.image !== "string" || !s.image) throw new ManifestDecodeError(`invalid manifest: service ${s.name} has no image`);
        const r = isObj(s.resources) ? s.resources : {};
        const cpu = isObj(r.cpu) ? r.cpu : {};
        const mem = isObj(r.memory) ? r.memory : {};
        const gpu = isObj(r.gpu) ? r.gpu : {};
        const params = isObj(s.params) ? s.params : {};
        const count = Number(s.count);
        if (!Number.isInteger(count) || count < 1) throw new ManifestDecodeError(`invalid manifest: service ${s.name} count must be ≥ 1`);
        let resources: ManifestService["resources"];
        try {
          resources = {
            id: Number(r.id ?? 0),
            cpuMillis: parseResourceVal(cpu.units),
            memoryBytes: parseResourceVal(mem.size ?? mem.quantity),
            storage: (Array.isArray(r.storage) ? r.storage : []).map((st) => ({ name: String((st as Json).name ?? ""), bytes: parseResourceVal((st as Json).size ?? (st as Json).quantity) })),
            gpuUnits: gpu.units === undefined ? 0 : parseResourceVal(gpu.units),
          };
        } catch (e) {
          throw new ManifestDecodeError(`invalid manifest: service ${s.name} resources: ${getErrorMessage(e)}`);
        }
        return {
          name: s.name,
          image: s.image,
          command: strArr(s.command),
          args: strArr(s.args),
          env: strArr(s.env),
          count,
          resources,
          expose: (Array.isArray(s.expose) ? s.expose : []).filter(isObj).map((e) => ({
            port: Number(e.port),
            externalPort: Number(e.externalPort ?? e.external_port ?? 0),
            proto: String(e.proto ?? "TCP"),
            service: String(e.service ?? ""),
            global: e.global === true,
            hosts: strArr(e.hosts),
            ip: String(e.ip ?? ""),
            endpointSequenceNumber: Number(e.endpointSequenceNumber ?? e.endpoint_sequence_number ?? 0),
          })),
          storageMounts: (Array.isArray(params.storage) ? params.storage : []).filter(isObj).map((p) => ({ name: String(p.name), mount: String(p.mount ?? ""), readOnly: p.readOnly === true })),
        };
      }),
    };
  });
  return { raw, groups };
}

export function verifyManifestVersion(raw: unknown, onChainHash: Uint8Array): void {
  const v = manifestVersion(raw);
  if (Buffer.compare(Buffer.from(v), Buffer.from(onChainHash)) !== 0) {
    throw new ManifestValidationError(
      `manifest version validation failed: manifest hash ${Buffer.from(v).toString("hex")} does not match the deployment's on-chain hash ${Buffer.from(onChainHash).toString("hex")}`,
    );
  }
}

/** The manifest group for a lease's group spec, checked replica-for-replica against the spec's resources. */
export function crossValidate(groups: ManifestGroup[], spec: GroupSpecView): ManifestGroup {
  const fail = (m: string) => new ManifestValidationError(`manifest cross-validation error: group "${spec.name}": ${m}`);
  const group = groups.find((g) => g.name === spec.name);
  if (!group) throw fail("not present in the manifest");
  for (const ru of spec.resources) {
    const services = group.services.filter((s) => s.resources.id === ru.id);
    if (services.length === 0) throw fail(`no service uses resources id ${ru.id}`);
    const replicas = services.reduce((n, s) => n + s.count, 0);
    if (replicas !== ru.count) throw fail(`resources id ${ru.id}: manifest has ${replicas} replicas, the order has ${ru.count}`);
    for (const s of services) {
      if (s.resources.cpuMillis !== ru.cpuMillis) throw fail(`service ${s.name}: cpu ${s.resources.cpuMillis}m differs from the order's ${ru.cpuMillis}m`);
      if (s.resources.memoryBytes !== ru.memoryBytes) throw fail(`service ${s.name}: memory differs from the order`);
      const a = s.resources.storage.map((x) => x.bytes).sort((x, y) => x - y);
      const b = ru.storage.map((x) => x.bytes).sort((x, y) => x - y);
      if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw fail(`service ${s.name}: storage differs from the order`);
      if (s.resources.gpuUnits !== ru.gpuUnits) throw fail(`service ${s.name}: gpu units differ from the order`);
    }
  }
  for (const s of group.services) {
    if (!spec.resources.some((ru) => ru.id === s.resources.id)) throw fail(`service ${s.name} uses resources id ${s.resources.id} which the order does not have`);
  }
  return group;
}
