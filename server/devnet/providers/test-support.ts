/** Shared helpers for the providers' unit and integration tests (not used by the runtime). */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { generateManifest, manifestToSortedJSON, generateManifestVersion, type Manifest } from "@akashnetwork/chain-sdk";
import { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { parseGroupSpec } from "./chain.ts";
import type { GroupSpecView } from "./types.ts";

export interface SdlBuild {
  groups: Manifest;
  groupSpecs: GroupSpec[];
  specs: GroupSpecView[];
  /** The body a console PUTs to the provider. */
  manifestJson: string;
  version: Uint8Array;
}

export async function buildSdl(yamlText: string): Promise<SdlBuild> {
  const r = generateManifest(parse(yamlText), "sandbox");
  if (!r.ok) throw new Error(`invalid SDL: ${JSON.stringify(r.value)}`);
  return {
    groups: r.value.groups,
    groupSpecs: r.value.groupSpecs,
    specs: r.value.groupSpecs.map((g) => parseGroupSpec(GroupSpec.toJSON(g))),
    manifestJson: manifestToSortedJSON(r.value.groups),
    version: await generateManifestVersion(r.value.groups),
  };
}

export const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8");

/** Tiny SDL generator for unit tests. */
export function sdl(opts: { cpu?: string; memory?: string; storage?: string; count?: number; gpu?: string; persistentClass?: string; ip?: boolean; attributes?: Record<string, string>; signedBy?: { anyOf?: string[]; allOf?: string[] }; price?: number; denom?: string; image?: string; env?: string[] } = {}): string {
  const storage = opts.persistentClass
    ? `\n          - size: 1Gi\n          - name: data\n            size: ${opts.storage ?? "10Gi"}\n            attributes:\n              persistent: true\n              class: ${opts.persistentClass}`
    : ` \n          size: ${opts.storage ?? "1Gi"}`;
  return `version: "2.0"
${opts.ip ? "endpoints:\n  myip:\n    kind: ip\n" : ""}services:
  web:
    image: ${opts.image ?? "nginx:1.25"}
${opts.env ? `    env:\n${opts.env.map((e) => `      - ${JSON.stringify(e)}`).join("\n")}\n` : ""}    expose:
      - port: 80
        as: 80
        to:
          - global: true${opts.ip ? "\n            ip: myip" : ""}
${opts.persistentClass ? "    params:\n      storage:\n        data:\n          mount: /data\n" : ""}profiles:
  compute:
    web:
      resources:
        cpu:
          units: ${opts.cpu ?? "1"}
        memory:
          size: ${opts.memory ?? "512Mi"}
        storage:${storage}
${opts.gpu ? `        gpu:\n          units: 1\n          attributes:\n            vendor:\n              nvidia:\n${opts.gpu.split(",").map((m) => `                - model: ${m}`).join("\n")}\n` : ""}  placement:
    dc:
${opts.attributes ? `      attributes:\n${Object.entries(opts.attributes).map(([k, v]) => `        ${k}: ${v}`).join("\n")}\n` : ""}${opts.signedBy ? `      signedBy:\n${opts.signedBy.anyOf ? `        anyOf:\n${opts.signedBy.anyOf.map((a) => `          - ${a}`).join("\n")}\n` : ""}${opts.signedBy.allOf ? `        allOf:\n${opts.signedBy.allOf.map((a) => `          - ${a}`).join("\n")}\n` : ""}` : ""}      pricing:
        web:
          denom: ${opts.denom ?? "uact"}
          amount: ${opts.price ?? 1000}
deployment:
  web:
    dc:
      profile: web
      count: ${opts.count ?? 1}
`;
}
