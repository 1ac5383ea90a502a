import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useNetwork } from "@/shared/network";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import { applyEdits, minimalEdit } from "@/lib/sdl/edits";
import { formatSdl, SdlEditError } from "@/lib/sdl/form";
import type { QuickFix, SdlDiagnostic } from "@/lib/sdl/types";
import type { SdlSummary } from "@/lib/sdl/resources";
import { CostPanel } from "./cost-panel";
import { DraftAutosave, type DraftSaveState } from "./draft-autosave";
import { draftKey, draftStore, loadDraft, type Draft } from "./drafts";
import { FormBuilder } from "@/shared/sdl-editing/form-builder";
import { ProblemsList } from "@/shared/sdl-editing/problems-list";
import type { SdlEditorHandle } from "@/shared/sdl-editing/sdl-monaco-editor";
import { useMarketSnapshot } from "@/shared/chain-data";
import { useSdlValidation } from "@/shared/sdl-editing/use-sdl-validation";
import { getErrorMessage } from "@/lib/errors";

// Monaco is a separate chunk, fetched only when this page renders.
const SdlMonacoEditor = lazy(() => import("@/shared/sdl-editing/sdl-monaco-editor"));

const DRAFT_SAVE_DELAY_MS = 300;

/** A template to start from: what the editor needs of one. */
export interface EditorTemplate {
  name: string;
  sdl: string;
}

/** The template named by the page's `template` search parameter, resolved by the route that renders the editor. */
export interface RequestedTemplate {
  id: string;
  /** Still being fetched (a feed template); the editor waits before choosing between it and a saved draft. */
  loading: boolean;
  /** Absent once loaded: no template has that id, or it could not be fetched (`error`). */
  template?: EditorTemplate;
  error?: Error | null;
}

export interface DeployEditorPageProps {
  /** What to do with a valid SDL (the deploy flow composes this in); without it no deploy button is shown. */
  renderDeployAction?: (state: { sdl: string; valid: boolean; summary?: SdlSummary; deposit: string }) => ReactNode;
  /** The requested template; without it the editor starts from the draft or the starter SDL. */
  requested?: RequestedTemplate;
}

type Mode = "yaml" | "form";

export function DeployEditorPage({ renderDeployAction, requested }: DeployEditorPageProps = {}) {
  const templateId = requested?.id;
  const template = requested?.template;
  const templateLoading = requested?.loading ?? false;
  const templateError = requested?.error;
  const key = draftKey(templateId);
  const [loaded, setLoaded] = useState<{ key: string; text: string; base: string; restored?: Draft } | null>(null);
  const initial = loaded?.key === key ? loaded : null;

  useEffect(() => {
    let cancelled = false;
    if (templateId && templateLoading) return;
    void loadDraft(key).then((draft) => {
      if (cancelled) return;
      const base = template?.sdl ?? STARTER_SDL;
      setLoaded(draft && draft.text !== base ? { key, text: draft.text, base, restored: draft } : { key, text: base, base });
    });
    return () => {
      cancelled = true;
    };
  }, [key, templateId, template?.sdl, templateLoading]);

  return (
    <section className="mx-auto max-w-[1400px] p-4">
      {templateId && !template && !templateLoading && (
        <p className="mb-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          No template “{templateId}” is available{templateError ? ` (${templateError.message})` : ""}. You are editing {initial?.restored ? "your saved draft" : "a starter SDL"}. <Link className="underline" to="/templates">Browse templates</Link>
        </p>
      )}
      {initial ? (
        <EditorWorkspace key={key} draftStorageKey={key} templateId={templateId} templateName={template?.name} templateSdl={template?.sdl} initial={initial} renderDeployAction={renderDeployAction} />
      ) : (
        <p className="p-8 text-muted">Loading…</p>
      )}
    </section>
  );
}

interface WorkspaceProps extends DeployEditorPageProps {
  draftStorageKey: string;
  templateId?: string;
  templateName?: string;
  templateSdl?: string;
  /** `base`: what this page starts from without a draft (the template or the starter SDL). */
  initial: { text: string; base: string; restored?: Draft };
}

function EditorWorkspace({ draftStorageKey, templateId, templateName, templateSdl, initial, renderDeployAction }: WorkspaceProps) {
  const { network } = useNetwork();
  const requireUact = network.denoms.compute === "uact";
  const [text, setText] = useState(initial.text);
  const textRef = useRef(text);
  const changedAt = useRef<number | null>(null);
  const editorRef = useRef<SdlEditorHandle | null>(null);
  const [mode, setMode] = useState<Mode>("yaml");
  const [notice, setNotice] = useState<{ kind: "info" | "error"; text: string } | null>(initial.restored ? { kind: "info", text: `Restored your draft from ${new Date(initial.restored.savedAt).toLocaleString()}.` } : null);
  const [saveState, setSaveState] = useState<DraftSaveState>(initial.restored ? { kind: "restored" } : { kind: "idle" });
  const validation = useSdlValidation(text, { requireUact }, changedAt);
  const market = useMarketSnapshot();
  // The deposit typed in the cost panel is the one the review starts from ("" = the chain minimum in both).
  const [deposit, setDeposit] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);

  const result = validation.result;
  const current = validation.checkedText === text;
  const diagnostics = result?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;

  const onEditorChange = useCallback((next: string) => {
    changedAt.current = performance.now();
    textRef.current = next;
    setText(next);
  }, []);

  /** Put new text in the editor as an undoable edit (or straight into state before Monaco has loaded). */
  const applyText = useCallback((next: string) => {
    const before = textRef.current;
    if (next === before) return;
    const applied = editorRef.current?.applyEdits([minimalEdit(before, next)], before);
    if (!applied) onEditorChange(next);
  }, [onEditorChange]);

  // Crash-safe autosave: shortly after typing stops, at once when the page hides or the editor unmounts.
  const [autosave] = useState(
    () =>
      new DraftAutosave({
        store: draftStore(),
        key: draftStorageKey,
        templateId,
        baseline: initial.base,
        initialText: initial.text,
        initialStored: Boolean(initial.restored),
        delayMs: DRAFT_SAVE_DELAY_MS,
        onState: setSaveState,
      }),
  );
  useEffect(() => autosave.change(text), [autosave, text]);
  useEffect(() => {
    const flush = () => autosave.flush();
    const onVisibility = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [autosave]);
  useEffect(() => () => autosave.dispose(), [autosave]);

  const onFormEdit = useCallback(
    (edit: (t: string) => string) => {
      try {
        applyText(edit(textRef.current));
        setNotice(null);
      } catch (e) {
        setNotice({ kind: "error", text: e instanceof SdlEditError ? e.message : `That change could not be applied: ${getErrorMessage(e)}` });
      }
    },
    [applyText],
  );

  const onFix = (fix: QuickFix) => {
    if (!validation.checkedText) return;
    applyText(applyEdits(validation.checkedText, fix.edits));
  };
  const onReveal = (d: SdlDiagnostic) => {
    setMode("yaml");
    setTimeout(() => editorRef.current?.reveal(d.line, d.column), 0);
  };
  const onFormat = () => onFormEdit((t) => formatSdl(t));
  const onImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      const content = await file.text();
      applyText(content);
      setNotice({ kind: "info", text: `Imported ${file.name} (${(file.size / 1024).toFixed(1)} KB). Undo brings back what you had.` });
    } catch (e) {
      setNotice({ kind: "error", text: `Could not read ${file.name}: ${getErrorMessage(e)}` });
    }
  };
  const onExport = () => {
    const url = URL.createObjectURL(new Blob([textRef.current], { type: "application/yaml" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${templateId ?? "deploy"}.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const status = !result ? "Checking…" : !current && validation.pending ? "Checking…" : errors ? `${errors} error${errors > 1 ? "s" : ""}` : warnings ? `Valid, ${warnings} warning${warnings > 1 ? "s" : ""}` : "Valid";
  const valid = Boolean(current && result?.valid);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{templateName ? `Deploy: ${templateName}` : "Deploy from an SDL"}</h1>
        <span data-testid="sdl-status" className={`rounded px-2 py-0.5 text-sm ${!result || (!current && validation.pending) ? "bg-surface-2 text-fg" : errors ? "bg-red-100 text-red-800" : "bg-green-100 text-green-800"}`}>
          {status}
        </span>
        {validation.lastMs !== undefined && <span className="text-xs text-muted">checked in {validation.lastMs.toFixed(0)} ms</span>}
        <span className="text-xs text-muted" data-testid="draft-state" data-state={saveState.kind}>{describeSaveState(saveState)}</span>
        <div className="ml-auto">{renderDeployAction?.({ sdl: text, valid, summary: valid ? result?.summary : undefined, deposit })}</div>
      </div>
      {notice && (
        <div role={notice.kind === "error" ? "alert" : "status"} className={`flex items-center gap-3 rounded border p-2 text-sm ${notice.kind === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-blue-200 bg-blue-50 text-blue-900"}`} data-testid="editor-notice">
          <span className="grow">{notice.text}</span>
          {initial.restored && templateSdl && notice.text.startsWith("Restored") && (
            <button type="button" className="rounded border border-blue-300 px-2 py-0.5 text-xs" onClick={() => { applyText(templateSdl); setNotice(null); }}>
              Start over from the template
            </button>
          )}
          <button type="button" aria-label="Dismiss" className="text-xs" onClick={() => setNotice(null)}>✕</button>
        </div>
      )}
      {validation.workerError && <div role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm">Validation is unavailable: {validation.workerError}. Your text is kept and saved.</div>}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <div role="tablist" className="flex overflow-hidden rounded border border-border">
          {(["yaml", "form"] as const).map((m) => (
            <button key={m} role="tab" type="button" aria-selected={mode === m} data-testid={`mode-${m}`} className={`px-3 py-1 ${mode === m ? "bg-fg text-bg" : "bg-surface"}`} onClick={() => setMode(m)}>
              {m === "yaml" ? "YAML" : "Form"}
            </button>
          ))}
        </div>
        <ToolbarButton onClick={onFormat} testId="format">Format</ToolbarButton>
        <ToolbarButton onClick={() => editorRef.current?.undo()} testId="undo">Undo</ToolbarButton>
        <ToolbarButton onClick={() => editorRef.current?.redo()} testId="redo">Redo</ToolbarButton>
        <ToolbarButton onClick={() => fileInput.current?.click()} testId="import">Import file…</ToolbarButton>
        <input ref={fileInput} type="file" accept=".yaml,.yml,.txt,application/yaml,text/yaml" className="hidden" data-testid="import-input" onChange={(e) => { void onImport(e.target.files?.[0]); e.target.value = ""; }} />
        <ToolbarButton onClick={onExport} testId="export">Download</ToolbarButton>
        {templateSdl && text !== templateSdl && (
          <ToolbarButton onClick={() => applyText(templateSdl)} testId="reset-template">Reset to template</ToolbarButton>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_340px]">
        <div className="min-w-0 space-y-3">
          <div className={mode === "yaml" ? "h-[65vh] overflow-hidden rounded-lg border border-border" : "hidden"}>
            <ErrorBoundary label="The SDL editor" hint="Your text is kept and saved; the Form view and Download still work. Try again reopens the editor on it.">
              <Suspense fallback={<p className="p-4 text-sm text-muted">Loading the editor…</p>}>
                <SdlMonacoEditor ref={editorRef} initialValue={text} onChange={onEditorChange} diagnostics={diagnostics} checkedText={validation.checkedText} schema={validation.schema} />
              </Suspense>
            </ErrorBoundary>
          </div>
          {mode === "form" && <FormBuilder text={text} onEdit={onFormEdit} />}
          <ProblemsList diagnostics={diagnostics} onReveal={onReveal} onFix={onFix} fixesEnabled={current} />
        </div>
        <div className="space-y-3">
          <CostPanel summary={current && result?.summary ? result.summary : validation.lastValidSummary} stale={!(current && result?.summary)} snapshot={market.data} loadingMarket={market.isLoading} deposit={deposit} onDepositChange={setDeposit} />
          {market.data?.problems.length ? <p className="text-xs text-muted">Market data partly unavailable ({market.data.problems.join("; ")}).</p> : null}
          {market.error && <p className="text-xs text-muted">Market data unavailable: {market.error.message}. Showing the SDL max price only.</p>}
        </div>
      </div>
    </div>
  );
}

function describeSaveState(state: DraftSaveState): string {
  switch (state.kind) {
    case "idle":
      return "";
    case "restored":
      return "Draft restored";
    case "saving":
      return "Saving draft…";
    case "saved":
      return `Draft saved ${new Date(state.at).toLocaleTimeString()}`;
    case "error":
      return `Draft NOT saved: ${state.error}`;
  }
}

function ToolbarButton({ children, onClick, testId }: { children: ReactNode; onClick: () => void; testId?: string }) {
  return (
    <button type="button" onClick={onClick} data-testid={testId} className="rounded border border-border bg-surface px-3 py-1 hover:bg-surface-2">
      {children}
    </button>
  );
}

/** What a blank editor starts from: small, valid and commented so a newcomer can follow it. */
const STARTER_SDL = `# A minimal SDL: one web service on the provider's HTTP ingress.
# Pick a template from the gallery for something more complete.
version: "2.0"
services:
  web:
    image: nginx:1.27-alpine
    expose:
      - port: 80
        as: 80
        to:
          - global: true
profiles:
  compute:
    web:
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi
        storage:
          size: 1Gi
  placement:
    dcloud:
      pricing:
        web:
          denom: uact
          amount: 100
deployment:
  web:
    dcloud:
      profile: web
      count: 1
`;

export default DeployEditorPage;
