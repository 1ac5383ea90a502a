import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import type { SdlDiagnostic, TextEdit } from "@/lib/sdl/types";
import { minimalEdit } from "@/lib/sdl/edits";
import { formatSdl } from "@/lib/sdl/form";
import { configureSdlSchema, monaco, SDL_MODEL_URI } from "./monaco-loader";
import { withSdlDocs } from "./schema-docs";

export interface SdlEditorHandle {
  /** Replace the whole text as one undoable edit. */
  replaceAll(text: string): void;
  /** Apply edits given as offsets into `forText` (ignored if the text has changed since). */
  applyEdits(edits: TextEdit[], forText: string): boolean;
  reveal(line: number, column: number): void;
  undo(): void;
  redo(): void;
  focus(): void;
}

interface Props {
  initialValue: string;
  onChange: (text: string) => void;
  diagnostics: SdlDiagnostic[];
  /** The text `diagnostics` were computed for. */
  checkedText: string | undefined;
  schema: unknown;
  /** Shown but not editable (a closed deployment, an update being sent). */
  readOnly?: boolean;
  ref?: Ref<SdlEditorHandle>;
}

const MARKER_OWNER = "sdl";

/** How Tab behaves right now: indents (default), moves focus once (after Escape), or always moves focus (Ctrl+M). */
type TabMode = "indent" | "leave-once" | "leave";

const MODIFIER_CODES = new Set([monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta]);
const IS_MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

function toRange(model: monaco.editor.ITextModel, start: number, end: number): monaco.IRange {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(end);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

export default function SdlMonacoEditor({ initialValue, onChange, diagnostics, checkedText, schema, readOnly = false, ref }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  const diagnosticsRef = useRef<{ diagnostics: SdlDiagnostic[]; text: string | undefined }>({ diagnostics: [], text: undefined });
  const initialRef = useRef(initialValue);
  const [tabMode, setTabMode] = useState<TabMode>("indent");
  const hintId = useId();

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const uri = monaco.Uri.parse(SDL_MODEL_URI);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(initialRef.current, "yaml", uri);
    model.updateOptions({ tabSize: 2, insertSpaces: true });
    const editor = monaco.editor.create(host, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderWhitespace: "boundary",
      lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
      fixedOverflowWidgets: true,
      ariaLabel: "SDL editor",
    });
    editorRef.current = editor;
    // Keyboard way out of the editor (Tab indents there): Escape then Tab/Shift+Tab moves focus once, without
    // inserting anything the draft would save; Ctrl+M switches Tab to moving focus until pressed again
    // (Monaco's tab-focus mode, the same key as in VS Code).
    let stickyLeave = false;
    let leaveOnce = false;
    const applyTabMode = () => {
      editor.updateOptions({ tabFocusMode: stickyLeave || leaveOnce });
      setTabMode(stickyLeave ? "leave" : leaveOnce ? "leave-once" : "indent");
    };
    editor.addCommand((IS_MAC ? monaco.KeyMod.WinCtrl : monaco.KeyMod.CtrlCmd) | monaco.KeyCode.KeyM, () => {
      stickyLeave = !stickyLeave;
      leaveOnce = false;
      applyTabMode();
    });
    const keySub = editor.onKeyDown((event) => {
      if (event.keyCode === monaco.KeyCode.Escape) {
        if (!stickyLeave && !leaveOnce) {
          leaveOnce = true;
          applyTabMode();
        }
      } else if (leaveOnce && event.keyCode !== monaco.KeyCode.Tab && !MODIFIER_CODES.has(event.keyCode)) {
        leaveOnce = false;
        applyTabMode();
      }
    });
    const blurSub = editor.onDidBlurEditorText(() => {
      if (!leaveOnce) return;
      leaveOnce = false;
      applyTabMode();
    });
    editor.getDomNode()?.querySelector("textarea")?.setAttribute("aria-describedby", hintId);
    // Follow the app's light/dark theme (the shell toggles `.dark` on <html>).
    const root = document.documentElement;
    // vs-dark's comment green (#608b4e on #1e1e1e, 4.2:1) is below WCAG AA's 4.5:1 for text; a lighter green (6:1).
    monaco.editor.defineTheme("console-dark", { base: "vs-dark", inherit: true, rules: [{ token: "comment", foreground: "7ca668" }], colors: {} });
    const applyTheme = () => monaco.editor.setTheme(root.classList.contains("dark") ? "console-dark" : "vs");
    applyTheme();
    const themeObserver = new MutationObserver(applyTheme);
    themeObserver.observe(root, { attributes: true, attributeFilter: ["class"] });
    const sub = model.onDidChangeContent(() => onChangeRef.current(model.getValue()));
    // "Format Document" (Shift+Alt+F) uses the same comment-keeping formatter as the toolbar button.
    const formatter = monaco.languages.registerDocumentFormattingEditProvider("yaml", {
      provideDocumentFormattingEdits(m) {
        if (m !== model) return [];
        try {
          const before = m.getValue();
          const edit = minimalEdit(before, formatSdl(before));
          return edit.start === edit.end && !edit.text ? [] : [{ range: toRange(m, edit.start, edit.end), text: edit.text }];
        } catch {
          return [];
        }
      },
    });
    const actions = monaco.languages.registerCodeActionProvider("yaml", {
      provideCodeActions(m, _range, context) {
        const { diagnostics: current, text } = diagnosticsRef.current;
        if (m !== model || text === undefined || m.getValue() !== text) return { actions: [], dispose() {} };
        const out: monaco.languages.CodeAction[] = [];
        for (const marker of context.markers) {
          const d = current.find((x) => x.line === marker.startLineNumber && x.column === marker.startColumn && marker.message.startsWith(x.message));
          for (const fix of d?.fixes ?? []) {
            out.push({
              title: fix.title,
              kind: "quickfix",
              diagnostics: [marker],
              isPreferred: fix === d?.fixes[0],
              edit: { edits: fix.edits.map((e) => ({ resource: m.uri, textEdit: { range: toRange(m, e.start, e.end), text: e.text }, versionId: m.getVersionId() })) },
            });
          }
        }
        return { actions: out, dispose() {} };
      },
    });
    return () => {
      keySub.dispose();
      blurSub.dispose();
      themeObserver.disconnect();
      formatter.dispose();
      actions.dispose();
      sub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [hintId]);

  useEffect(() => {
    if (schema) configureSdlSchema(withSdlDocs(schema));
  }, [schema]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(() => {
    diagnosticsRef.current = { diagnostics, text: checkedText };
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      diagnostics.map((d) => ({
        severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: d.message + (d.fixes.length ? `\nQuick fix: ${d.fixes.map((f) => f.title).join(" · ")}` : ""),
        code: d.code,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.endLine,
        endColumn: d.endLine === d.line && d.endColumn <= d.column ? d.column + 1 : d.endColumn,
      })),
    );
  }, [diagnostics, checkedText]);

  useImperativeHandle(
    ref,
    () => ({
      replaceAll(text: string) {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model || model.getValue() === text) return;
        editor.pushUndoStop();
        editor.executeEdits("sdl-console", [{ range: model.getFullModelRange(), text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
      },
      applyEdits(edits: TextEdit[], forText: string) {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model || model.getValue() !== forText) return false;
        editor.pushUndoStop();
        editor.executeEdits("sdl-quick-fix", edits.map((e) => ({ range: toRange(model, e.start, e.end), text: e.text })));
        editor.pushUndoStop();
        return true;
      },
      reveal(line: number, column: number) {
        const editor = editorRef.current;
        if (!editor) return;
        editor.revealPositionInCenter({ lineNumber: line, column });
        editor.setPosition({ lineNumber: line, column });
        editor.focus();
      },
      undo() {
        editorRef.current?.trigger("toolbar", "undo", null);
      },
      redo() {
        editorRef.current?.trigger("toolbar", "redo", null);
      },
      focus() {
        editorRef.current?.focus();
      },
    }),
    [],
  );

  const ctrl = IS_MAC ? "Control+M" : "Ctrl+M";
  return (
    <div className="flex h-full min-h-[420px] w-full flex-col">
      <div ref={hostRef} className="min-h-0 w-full flex-1" data-testid="sdl-monaco" />
      <p id={hintId} className="shrink-0 border-t border-border bg-surface px-3 py-1.5 text-xs text-muted" data-testid="editor-keyboard-hint">
        {tabMode === "leave" ? (
          <span className="text-fg">
            <kbd className="font-mono">Tab</kbd> moves the focus out of the editor. <kbd className="font-mono">{ctrl}</kbd>: Tab indents again.
          </span>
        ) : tabMode === "leave-once" ? (
          <span className="text-fg">
            Press <kbd className="font-mono">Tab</kbd> to leave the editor (<kbd className="font-mono">Shift+Tab</kbd> to go back).
          </span>
        ) : (
          <>
            <kbd className="font-mono">Tab</kbd> indents. To leave the editor: <kbd className="font-mono">Esc</kbd> then <kbd className="font-mono">Tab</kbd>, or <kbd className="font-mono">{ctrl}</kbd> to make Tab move the focus.
          </>
        )}
      </p>
    </div>
  );
}
