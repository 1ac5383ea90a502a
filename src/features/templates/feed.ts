/**
 * Client for the public Akash template feed: the `templates-list.json` / `templates/<id>.json`
 * files the official console publishes. Everything is validated with zod and garbage is skipped
 * item by item; a feed that is down, slow or wrong yields an error the gallery shows quietly.
 */
import { z } from "zod";
import type { Template } from "./model";

export const DEFAULT_TEMPLATE_FEED_URL = "https://akash-templates.pages.dev";
const FEED_URL_KEY = "akash-console:template-feed-url";
export const FEED_TIMEOUT_MS = 8000;
/** A feed document bigger than this is refused (the real list is a few hundred KB). */
const MAX_FEED_BYTES = 10 * 1024 * 1024;

export function getFeedUrl(): string {
  try {
    const v = localStorage.getItem(FEED_URL_KEY);
    return v === null ? DEFAULT_TEMPLATE_FEED_URL : v;
  } catch {
    return DEFAULT_TEMPLATE_FEED_URL;
  }
}

/** An empty URL turns the feed off. */
export function setFeedUrl(url: string): void {
  localStorage.setItem(FEED_URL_KEY, url.trim());
}

const feedTemplateSummary = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  summary: z.string().max(2000).optional().nullable(),
  logoUrl: z.string().max(2000).optional().nullable(),
  persistentStorageEnabled: z.boolean().optional().nullable(),
});

const feedCategory = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(2000).optional().nullable(),
  templates: z.array(z.unknown()),
});

const feedTemplateFull = feedTemplateSummary.extend({
  // Real templates are a few KB; the cap keeps a bad feed from stalling the page that reads it.
  readme: z.string().max(500_000).optional().nullable(),
  deploy: z.string().min(1).max(300_000),
});

export interface FeedTemplateSummary {
  id: string;
  name: string;
  category: string;
  description: string;
  persistentStorage: boolean;
}

export class FeedError extends Error {}

/**
 * Why a feed URL cannot be used, or null. Templates become deployments people pay for: the feed must come over
 * https (plain http can be altered on the way); http is allowed only for this machine (a self-hosted copy).
 */
export function feedUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "the template feed address is not a URL";
  }
  if (parsed.protocol === "https:") return null;
  const local = parsed.hostname === "localhost" || parsed.hostname.endsWith(".localhost") || parsed.hostname === "127.0.0.1" || parsed.hostname === "[::1]";
  if (parsed.protocol === "http:" && local) return null;
  return "the template feed must be an https:// address (plain http could be altered on the way)";
}

async function fetchJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const problem = feedUrlProblem(url);
  if (problem) throw new FeedError(problem);
  let res: Response;
  try {
    res = await fetch(url, { redirect: "error", signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(FEED_TIMEOUT_MS)]) : AbortSignal.timeout(FEED_TIMEOUT_MS) });
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    throw new FeedError(name === "TimeoutError" ? "the template feed did not answer in time" : "the template feed is unreachable");
  }
  if (!res.ok) throw new FeedError(`the template feed answered HTTP ${res.status}`);
  const text = await res.text();
  if (text.length > MAX_FEED_BYTES) throw new FeedError("the template feed sent an unexpectedly large document");
  try {
    return JSON.parse(text);
  } catch {
    throw new FeedError("the template feed sent something that is not JSON");
  }
}

function base(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Parse a templates-list document: an array of categories (or `{data|categories: [...]}`), skipping bad entries. */
export function parseTemplateList(json: unknown): FeedTemplateSummary[] {
  const root = json as { data?: unknown; categories?: unknown } | unknown[];
  const categories = Array.isArray(root) ? root : Array.isArray(root?.data) ? root.data : Array.isArray(root?.categories) ? root.categories : undefined;
  if (!categories) throw new FeedError("the template feed's list has an unknown format");
  const out: FeedTemplateSummary[] = [];
  const seen = new Set<string>();
  for (const c of categories) {
    const cat = feedCategory.safeParse(c);
    if (!cat.success) continue;
    for (const t of cat.data.templates) {
      const tpl = feedTemplateSummary.safeParse(t);
      if (!tpl.success || seen.has(tpl.data.id)) continue;
      seen.add(tpl.data.id);
      out.push({ id: tpl.data.id, name: tpl.data.name, category: cat.data.title, description: tpl.data.summary ?? "", persistentStorage: tpl.data.persistentStorageEnabled ?? false });
    }
  }
  return out;
}

export function parseFeedTemplate(json: unknown, category = "Community"): Template {
  const parsed = feedTemplateFull.safeParse(json);
  if (!parsed.success) throw new FeedError("the template feed sent a template without a usable SDL");
  const t = parsed.data;
  return { id: t.id, name: t.name, category, description: t.summary ?? "", tags: [], sdl: t.deploy, readme: t.readme ?? `# ${t.name}\n\n${t.summary ?? ""}\n`, source: "feed" };
}

export async function fetchTemplateList(feedUrl: string, signal?: AbortSignal): Promise<FeedTemplateSummary[]> {
  return parseTemplateList(await fetchJson(`${base(feedUrl)}/v1/templates-list.json`, signal));
}

export async function fetchFeedTemplate(feedUrl: string, id: string, signal?: AbortSignal): Promise<Template> {
  return parseFeedTemplate(await fetchJson(`${base(feedUrl)}/v1/templates/${encodeURIComponent(id)}.json`, signal));
}
