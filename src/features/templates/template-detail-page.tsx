import { Link, useParams } from "react-router";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { formatUsd } from "@/lib/pricing/denoms";
import { perBlockToMonthly } from "@/lib/pricing/time";
import { useBlockTiming } from "@/shared/chain-data";
import { templateFacts } from "./facts";
import { useTemplate } from "./hooks";

export function TemplateDetailPage() {
  const { id = "" } = useParams();
  const { data: template, isLoading, error } = useTemplate(id);
  const timing = useBlockTiming();
  if (isLoading) return <p className="p-6 text-muted">Loading template…</p>;
  if (!template) {
    return (
      <section className="mx-auto max-w-4xl space-y-2 p-6">
        <p>No template “{id}” is available{error ? `: ${error.message}` : ""}.</p>
        <Link to="/templates" className="underline">
          Back to templates
        </Link>
      </section>
    );
  }
  const facts = templateFacts(template);
  return (
    <section className="mx-auto max-w-5xl space-y-4 p-6">
      <Link to="/templates" className="text-sm text-muted hover:underline">
        ← Templates
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{template.name}</h1>
          <p className="text-sm text-muted">
            {template.category}
            {template.source === "feed" ? " · community template" : ""}
          </p>
          <p className="mt-1 text-sm text-fg">{template.description}</p>
          <p className="mt-1 text-sm text-muted" data-testid="template-resources">
            {facts.resources}
            {facts.maxPerBlockUsd !== undefined ? ` · up to ${formatUsd(perBlockToMonthly(facts.maxPerBlockUsd, timing.secondsPerBlock))}/month` : ""}
          </p>
        </div>
        <Link to={`/deploy?template=${encodeURIComponent(template.id)}`} className="rounded bg-red-600 px-4 py-2 font-medium text-white hover:bg-red-700" data-testid="template-deploy">
          Deploy
        </Link>
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <article className="prose prose-sm max-w-none rounded-lg border border-border p-4 [&_code]:rounded [&_code]:bg-surface-2 [&_code]:px-1 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:mt-4 [&_h2]:font-semibold [&_li]:ml-5 [&_li]:list-disc [&_p]:my-2 [&_pre]:overflow-auto [&_pre]:bg-surface-2 [&_pre]:p-2 [&_table]:text-sm [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2" data-testid="template-readme">
          {/* A code block that scrolls sideways must be reachable by keyboard (WCAG 2.1.1). */}
          <Markdown remarkPlugins={[remarkGfm]} components={{ pre: ({ node: _node, ...props }) => <pre {...props} tabIndex={0} role="region" aria-label="Code example" /> }}>
            {template.readme}
          </Markdown>
        </article>
        <div>
          <h2 className="mb-2 text-lg font-semibold">SDL</h2>
          <pre tabIndex={0} role="region" aria-label="SDL" className="max-h-[70vh] overflow-auto rounded bg-gray-900 p-4 text-xs text-gray-100" data-testid="template-sdl">{template.sdl}</pre>
        </div>
      </div>
    </section>
  );
}

export default TemplateDetailPage;
