import { fillTemplateSecrets } from "@/lib/sdl/secrets";
import { templateMetaSchema, type Template } from "./model";

// Vite inlines every built-in template folder at build time: deploy.yaml, README.md and meta.json.
const sdlFiles = import.meta.glob("./builtin/*/deploy.yaml", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const readmeFiles = import.meta.glob("./builtin/*/README.md", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const metaFiles = import.meta.glob("./builtin/*/meta.json", { import: "default", eager: true }) as Record<string, unknown>;

function folderOf(path: string): string {
  const parts = path.split("/");
  return parts[parts.length - 2] ?? path;
}

function loadBuiltinTemplates(): Template[] {
  const templates: Template[] = [];
  for (const [path, sdl] of Object.entries(sdlFiles)) {
    const id = folderOf(path);
    const dir = path.slice(0, path.lastIndexOf("/"));
    const meta = templateMetaSchema.parse(metaFiles[`${dir}/meta.json`]);
    templates.push({
      id,
      name: meta.name,
      category: meta.category,
      description: meta.description,
      tags: meta.tags,
      // Secrets are generated per page load, so no deployment runs with a password printed in a public template.
      sdl: fillTemplateSecrets(sdl),
      readme: readmeFiles[`${dir}/README.md`] ?? `# ${meta.name}\n\n${meta.description}\n`,
      source: "builtin",
    });
  }
  return templates.sort((a, b) => a.name.localeCompare(b.name));
}

export const BUILTIN_TEMPLATES: readonly Template[] = loadBuiltinTemplates();

export function findBuiltinTemplate(id: string): Template | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.id === id);
}
