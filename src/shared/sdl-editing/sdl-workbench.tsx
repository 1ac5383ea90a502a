import { lazy, Suspense, useCallback, useState, type ReactNode } from "react";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import { getErrorMessage } from "@/lib/errors";
import { applyEdits } from "@/lib/sdl/edits";
import { formatSdl, SdlEditError } from "@/lib/sdl/form";
import type { QuickFix, SdlDiagnostic } from "@/lib/sdl/types";
import { FormBuilder } from "./form-builder";
import { ProblemsList } from "./problems-list";
import type { SdlTextController } from "./use-sdl-text";
import type { SdlValidationState } from "./use-sdl-validation";

// Monaco is a separate chunk, fetched only when a workbench renders.
const SdlMonacoEditor = lazy(() => import("./sdl-monaco-editor"));

type Mode = "yaml" | "form";

interface Props {
  sdl: SdlTextController;
  validation: SdlValidationState;
  /** Nothing can be changed (a closed deployment, an update being sent). */
  readOnly?: boolean;
  /** More toolbar buttons (import, download, reset…) after Format, Undo and Redo. */
  toolbar?: ReactNode;
  /** Tailwind height of the YAML view. */
  editorHeight?: string;
}

/**
 * The SDL editor both Deploy and a deployment's Update tab use: YAML (Monaco, with the worker's diagnostics
 * and quick fixes) or the form builder on the same text, the problems list, and Format / Undo / Redo.
 */
export function SdlWorkbench({ sdl, validation, readOnly = false, toolbar, editorHeight = "h-[65vh]" }: Props) {
  const [mode, setMode] = useState<Mode>("yaml");
  const [editError, setEditError] = useState<string | null>(null);
  const { text, textRef, editorRef, applyText, onEditorChange } = sdl;
  const diagnostics = validation.result?.diagnostics ?? [];
  const current = validation.checkedText === text;

  const onFormEdit = useCallback(
    (edit: (t: string) => string) => {
      try {
        applyText(edit(textRef.current));
        setEditError(null);
      } catch (e) {
        setEditError(e instanceof SdlEditError ? e.message : `That change could not be applied: ${getErrorMessage(e)}`);
      }
    },
    [applyText, textRef],
  );
  const onFix = (fix: QuickFix) => {
    if (validation.checkedText) applyText(applyEdits(validation.checkedText, fix.edits));
  };
  const onReveal = (d: SdlDiagnostic) => {
    setMode("yaml");
    setTimeout(() => editorRef.current?.reveal(d.line, d.column), 0);
  };

  return (
    <div className="min-w-0 space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <div role="tablist" aria-label="Edit the SDL as" className="flex overflow-hidden rounded border border-border">
          {(["yaml", "form"] as const).map((m) => (
            <button key={m} role="tab" type="button" aria-selected={mode === m} data-testid={`mode-${m}`} className={`px-3 py-1 ${mode === m ? "bg-fg text-bg" : "bg-surface"}`} onClick={() => setMode(m)}>
              {m === "yaml" ? "YAML" : "Form"}
            </button>
          ))}
        </div>
        <ToolbarButton onClick={() => onFormEdit((t) => formatSdl(t))} testId="format" disabled={readOnly}>Format</ToolbarButton>
        <ToolbarButton onClick={() => editorRef.current?.undo()} testId="undo" disabled={readOnly}>Undo</ToolbarButton>
        <ToolbarButton onClick={() => editorRef.current?.redo()} testId="redo" disabled={readOnly}>Redo</ToolbarButton>
        {toolbar}
      </div>
      {editError && (
        <div role="alert" className="flex items-center gap-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900" data-testid="form-edit-error">
          <span className="grow">{editError}</span>
          <button type="button" aria-label="Dismiss" className="text-xs" onClick={() => setEditError(null)}>✕</button>
        </div>
      )}
      <div className={mode === "yaml" ? `${editorHeight} overflow-hidden rounded-lg border border-border` : "hidden"}>
        <ErrorBoundary label="The SDL editor" hint="Your text is kept; the Form view still works. Try again reopens the editor on it.">
          {/* Monaco reads its text once, when it mounts (form edits made while it loads are in it). */}
          <Suspense fallback={<p className="p-4 text-sm text-muted">Loading the editor…</p>}>
            <SdlMonacoEditor ref={editorRef} initialValue={text} onChange={onEditorChange} diagnostics={diagnostics} checkedText={validation.checkedText} schema={validation.schema} readOnly={readOnly} />
          </Suspense>
        </ErrorBoundary>
      </div>
      {mode === "form" && (
        <fieldset disabled={readOnly} className="min-w-0">
          <FormBuilder text={text} onEdit={onFormEdit} />
        </fieldset>
      )}
      <ProblemsList diagnostics={diagnostics} onReveal={onReveal} onFix={onFix} fixesEnabled={current && !readOnly} />
    </div>
  );
}

export function ToolbarButton({ children, onClick, testId, disabled }: { children: ReactNode; onClick: () => void; testId?: string; disabled?: boolean }) {
  return (
    <button type="button" onClick={onClick} data-testid={testId} disabled={disabled} className="rounded border border-border bg-surface px-3 py-1 hover:bg-surface-2 disabled:opacity-50">
      {children}
    </button>
  );
}
