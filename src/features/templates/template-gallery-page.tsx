import { useMemo, useState } from "react";
import { Link } from "react-router";
import { formatUsd, microToUsd } from "@/lib/pricing/denoms";
import { estimateCost } from "@/lib/pricing/estimate";
import { perBlockToMonthly } from "@/lib/pricing/time";
import { BUILTIN_TEMPLATES } from "./builtin";
import { templateFacts } from "./facts";
import { getFeedUrl, setFeedUrl, type FeedTemplateSummary } from "./feed";
import { useFeedTemplateList } from "./hooks";
import { TEMPLATE_CATEGORIES } from "./model";
import { useBlockTiming, useMarketSnapshot } from "@/shared/chain-data";

interface Filters {
  gpu: boolean;
  persistent: boolean;
  ip: boolean;
}

function matches(query: string, ...fields: (string | undefined)[]): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return q.split(/\s+/).every((word) => fields.some((f) => f?.toLowerCase().includes(word)));
}

export function TemplateGalleryPage() {
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState<string>("All");
  const [filters, setFilters] = useState<Filters>({ gpu: false, persistent: false, ip: false });
  const [feedUrl, setFeedUrlState] = useState(getFeedUrl);
  const feed = useFeedTemplateList(feedUrl);

  const market = useMarketSnapshot();
  const { secondsPerBlock } = useBlockTiming();
  const builtins = useMemo(() => BUILTIN_TEMPLATES.map((t) => ({ t, facts: templateFacts(t) })), []);
  const likely = useMemo(() => {
    const out = new Map<string, number>();
    if (!market.data) return out;
    for (const { t, facts } of builtins) {
      if (!facts.summary) continue;
      const cost = estimateCost(facts.summary, secondsPerBlock, market.data.market);
      const usd = cost.totalMarket && cost.denom ? microToUsd(cost.totalMarket.typical.perMonth, cost.denom) : undefined;
      if (usd !== undefined) out.set(t.id, usd);
    }
    return out;
  }, [builtins, market.data, secondsPerBlock]);
  const shownBuiltins = builtins.filter(
    ({ t, facts }) =>
      (category === "All" || t.category === category) &&
      (!filters.gpu || facts.gpu) &&
      (!filters.persistent || facts.persistentStorage) &&
      (!filters.ip || facts.ipLease) &&
      matches(query, t.name, t.description, t.category, t.tags.join(" ")),
  );
  const feedItems: FeedTemplateSummary[] = feed.data ?? [];
  const shownFeed = feedItems.filter(
    (f) => (category === "All" || category === "Community") && (!filters.gpu || /gpu/i.test(f.category)) && (!filters.persistent || f.persistentStorage) && !filters.ip && matches(query, f.name, f.description, f.category),
  );
  const categories = ["All", ...TEMPLATE_CATEGORIES, ...(feedItems.length ? ["Community"] : [])];

  return (
    <section className="mx-auto max-w-6xl space-y-4 p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Templates</h1>
          <p className="text-sm text-muted">Start from a ready SDL, change what you need, see the cost before you deploy.</p>
        </div>
        <Link to="/deploy" className="rounded border border-border px-3 py-1.5 text-sm hover:bg-surface-2">
          Start from a blank SDL
        </Link>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search: postgres, llm, game…" aria-label="Search templates" className="w-full min-w-0 sm:w-80 rounded border border-border bg-surface text-fg px-3 py-1.5 text-sm" data-testid="template-search" />
        {(
          [
            ["gpu", "GPU"],
            ["persistent", "Persistent storage"],
            ["ip", "Dedicated IP"],
          ] as const
        ).map(([k, label]) => (
          <label key={k} className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={filters[k]} onChange={(e) => setFilters((f) => ({ ...f, [k]: e.target.checked }))} data-testid={`filter-${k}`} />
            {label}
          </label>
        ))}
      </div>
      <nav className="flex flex-wrap gap-2" aria-label="Categories">
        {categories.map((c) => (
          <button key={c} type="button" onClick={() => setCategory(c)} aria-pressed={category === c} className={`rounded-full border px-3 py-1 text-sm ${category === c ? "border-fg bg-fg text-bg" : "border-border hover:bg-surface-2"}`}>
            {c}
          </button>
        ))}
      </nav>
      {shownBuiltins.length === 0 && shownFeed.length === 0 && <p className="text-sm text-muted">No template matches. Clear the search or the filters.</p>}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="template-list">
        {shownBuiltins.map(({ t, facts }) => (
          <li key={t.id} className="flex flex-col rounded-lg border border-border p-4 hover:border-muted" data-testid="template-card">
            <Link to={`/templates/${t.id}`} className="font-medium hover:underline">
              {t.name}
            </Link>
            <p className="text-xs text-muted">{t.category}</p>
            <p className="mt-2 grow text-sm text-fg">{t.description}</p>
            <p className="mt-2 text-xs text-muted">{facts.resources}</p>
            <div className="mt-2 flex items-center justify-between text-xs">
              <span className="text-fg" data-testid="card-cost" title="Likely: from providers' prices on this network. Max: the SDL's price ceiling.">
                {likely.has(t.id) ? `~${formatUsd(likely.get(t.id)!)}/month · ` : ""}
                {facts.maxPerBlockUsd !== undefined ? `max ${formatUsd(perBlockToMonthly(facts.maxPerBlockUsd, secondsPerBlock))}` : ""}
              </span>
              <Link to={`/deploy?template=${encodeURIComponent(t.id)}`} className="rounded bg-fg px-2 py-1 text-bg">
                Deploy
              </Link>
            </div>
          </li>
        ))}
        {shownFeed.map((f) => (
          <li key={`feed-${f.id}`} className="flex flex-col rounded-lg border border-dashed border-border p-4" data-testid="feed-template-card">
            <Link to={`/templates/${encodeURIComponent(f.id)}`} className="font-medium hover:underline">
              {f.name}
            </Link>
            <p className="text-xs text-muted">Community · {f.category}</p>
            <p className="mt-2 grow text-sm text-fg">{f.description}</p>
            {f.persistentStorage && <p className="mt-2 text-xs text-muted">persistent storage</p>}
          </li>
        ))}
      </ul>
      <details className="text-sm text-muted">
        <summary className="cursor-pointer">Community templates {feed.isLoading ? "(loading…)" : feed.error ? "(not available right now)" : feedItems.length ? `(${feedItems.length})` : feedUrl ? "" : "(off)"}</summary>
        <div className="mt-2 space-y-2">
          <p>
            The gallery can also list the public Akash template feed. {feed.error ? `It could not be loaded: ${feed.error.message}. The built-in templates above work offline.` : ""}
          </p>
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const value = String(new FormData(e.currentTarget).get("feed") ?? "");
              setFeedUrl(value);
              setFeedUrlState(value.trim());
            }}
          >
            <input name="feed" defaultValue={feedUrl} placeholder="https://… (empty turns the feed off)" className="w-96 rounded border border-border bg-surface text-fg px-2 py-1" aria-label="Template feed URL" />
            <button type="submit" className="rounded border border-border px-3 py-1">Save</button>
          </form>
        </div>
      </details>
    </section>
  );
}

export default TemplateGalleryPage;
