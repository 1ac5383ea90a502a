/**
 * Monaco, loaded only by the editor route: the editor API plus the features an SDL editor needs,
 * YAML highlighting, and monaco-yaml (completion + hover from chain-sdk's SDL JSON schema).
 * Vite bundles both workers through `?worker` imports.
 */
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/suggest/register";
import "monaco-editor/features/codeAction/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/format/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/languages/definitions/yaml/register";
import { configureMonacoYaml, type JSONSchema, type MonacoYaml } from "monaco-yaml";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import YamlWorker from "monaco-yaml/yaml.worker?worker";

export type Monaco = typeof monaco;

export const SDL_MODEL_URI = "file:///deploy.yaml";

let yaml: MonacoYaml | undefined;

window.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === "yaml" ? new YamlWorker() : new EditorWorker();
  },
};

/** Point monaco-yaml at the SDL schema. Our own worker reports errors, so monaco-yaml's validation is off. */
export function configureSdlSchema(schema: unknown) {
  const options = {
    enableSchemaRequest: false,
    validate: false,
    completion: true,
    hover: true,
    format: { enable: false },
    schemas: [{ uri: "https://akash.network/schemas/sdl.json", fileMatch: [SDL_MODEL_URI], schema: schema as JSONSchema }],
  };
  if (yaml) yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}

export { monaco };
