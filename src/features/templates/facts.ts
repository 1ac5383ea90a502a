import { parseSdlDocument } from "@/lib/sdl/document";
import { summarizeSdl, type SdlSummary } from "@/lib/sdl/resources";
import { estimateCostPerBlock } from "@/lib/pricing/estimate";
import { microToUsd } from "@/lib/pricing/denoms";
import type { Template, TemplateFeatures } from "./model";

export interface TemplateFacts extends TemplateFeatures {
  summary?: SdlSummary;
  /** One line of resources for cards, e.g. "4 CPU · 16 GiB RAM · 100 GiB persistent · 1 GPU". */
  resources: string;
  /** The SDL's max price per block in USD (ACT), when priced in uact/USDC; per month at the network's block time. */
  maxPerBlockUsd?: number;
}

function gib(bytes: number): string {
  const g = bytes / 1024 ** 3;
  return g >= 1 ? `${Number(g.toFixed(1))} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

const cache = new Map<string, TemplateFacts>();

/** Resources, features and max monthly price of a template, read from its SDL (no validation: cheap). */
export function templateFacts(t: Pick<Template, "id" | "sdl">): TemplateFacts {
  const cached = cache.get(t.sdl);
  if (cached) return cached;
  let facts: TemplateFacts = { gpu: false, persistentStorage: false, ipLease: false, resources: "" };
  const { doc } = parseSdlDocument(t.sdl);
  if (!doc.errors.length) {
    const summary = summarizeSdl(doc.toJS());
    const s = summary.services;
    const cpu = s.reduce((n, x) => n + (x.cpuMillis / 1000) * x.count, 0);
    const mem = s.reduce((n, x) => n + x.memoryBytes * x.count, 0);
    const persistent = s.reduce((n, x) => n + x.storage.filter((v) => v.persistent).reduce((m, v) => m + v.bytes, 0) * x.count, 0);
    const gpus = s.reduce((n, x) => n + x.gpuUnits * x.count, 0);
    const models = [...new Set(s.flatMap((x) => x.gpuModels.map((m) => m.split(" ")[1] ?? m)))].filter((m) => m !== "*");
    const parts = [`${Number(cpu.toFixed(2))} CPU`, `${gib(mem)} RAM`];
    if (persistent) parts.push(`${gib(persistent)} persistent`);
    if (gpus) parts.push(`${gpus} GPU${models.length ? ` (${models.join(", ")})` : ""}`);
    if (summary.usesIpLease) parts.push("dedicated IP");
    const cost = estimateCostPerBlock(summary);
    facts = {
      summary,
      gpu: summary.usesGpu,
      persistentStorage: summary.usesPersistentStorage,
      ipLease: summary.usesIpLease,
      resources: parts.join(" · "),
      maxPerBlockUsd: cost.denom ? microToUsd(cost.lines.reduce((n, l) => n + l.maxPerBlock, 0), cost.denom) : undefined,
    };
  }
  cache.set(t.sdl, facts);
  return facts;
}
