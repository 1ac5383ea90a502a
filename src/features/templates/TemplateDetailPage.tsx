import { Link, useParams } from "react-router";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { findBuiltinTemplate } from "./builtin";

export function TemplateDetailPage() {
  const { id = "" } = useParams();
  const template = findBuiltinTemplate(id);
  if (!template) {
    return (
      <section className="mx-auto max-w-4xl p-6">
        <p>No template with id “{id}”.</p>
        <Link to="/templates" className="underline">Back to templates</Link>
      </section>
    );
  }
  return (
    <section className="mx-auto max-w-4xl p-6">
      <div className="mb-4 flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{template.name}</h1>
        <Link to={`/deploy?template=${encodeURIComponent(template.id)}`} className="rounded bg-red-600 px-4 py-2 text-white">
          Deploy
        </Link>
      </div>
      <article className="prose max-w-none">
        <Markdown remarkPlugins={[remarkGfm]}>{template.readme}</Markdown>
      </article>
      <h2 className="mt-6 mb-2 text-lg font-semibold">SDL</h2>
      <pre className="overflow-auto rounded bg-gray-900 p-4 text-sm text-gray-100">{template.sdl}</pre>
    </section>
  );
}

export default TemplateDetailPage;
