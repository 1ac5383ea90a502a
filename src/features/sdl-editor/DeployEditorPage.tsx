import { useState } from "react";
import { useSearchParams } from "react-router";
import { findBuiltinTemplate } from "@/features/templates";

export function DeployEditorPage() {
  const [params] = useSearchParams();
  const template = findBuiltinTemplate(params.get("template") ?? "");
  const [text, setText] = useState(template?.sdl ?? "");
  return (
    <section className="mx-auto max-w-6xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">Deploy{template ? `: ${template.name}` : ""}</h1>
      <textarea
        aria-label="SDL"
        className="h-[70vh] w-full rounded border border-gray-300 p-3 font-mono text-sm"
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
      />
    </section>
  );
}

export default DeployEditorPage;
