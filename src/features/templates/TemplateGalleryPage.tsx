import { Link } from "react-router";
import { BUILTIN_TEMPLATES } from "./builtin";

export function TemplateGalleryPage() {
  return (
    <section className="mx-auto max-w-6xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">Templates</h1>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {BUILTIN_TEMPLATES.map((t) => (
          <li key={t.id} className="rounded-lg border border-gray-200 p-4">
            <Link to={`/templates/${t.id}`} className="font-medium hover:underline">
              {t.name}
            </Link>
            <p className="text-xs text-gray-500">{t.category}</p>
            <p className="mt-2 text-sm text-gray-700">{t.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default TemplateGalleryPage;
