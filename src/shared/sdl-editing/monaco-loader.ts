/**
 * Monaco, loaded only by the editor route: the editor API plus the features an SDL editor needs,
 * YAML highlighting, and monaco-yaml (completion + hover from chain-sdk's SDL JSON schema).
 * Vite bundles both workers through `?worker` imports.
 */
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/suggest/register";
// features/suggest only brings inline completions; the suggest widget itself is this contribution.
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
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

/**
 * monaco-yaml (through monaco-worker-manager) still calls `editor.createWebWorker({moduleId, label,
 * createData})`, the pre-0.55 form; monaco 0.57 wants a Worker. This adapter does what monaco's own
 * language services do: start the worker, hand it `createData`, then wrap it.
 */
interface LegacyWorkerOptions {
  createData?: unknown;
  label?: string;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

function createLegacyWebWorker(opts: LegacyWorkerOptions) {
  const worker = opts.label === "yaml" ? new YamlWorker() : new EditorWorker();
  worker.postMessage("ignore");
  worker.postMessage(opts.createData);
  return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
}

const monacoForYaml = { ...monaco, editor: { ...monaco.editor, createWebWorker: createLegacyWebWorker } } as unknown as typeof monaco;

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
  else yaml = configureMonacoYaml(monacoForYaml, options);
}

export { monaco };
