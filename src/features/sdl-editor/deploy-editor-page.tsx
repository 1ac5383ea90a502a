import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useNetwork } from "@/shared/network";
import type { SdlSummary } from "@/lib/sdl/resources";
import { CostPanel } from "./cost-panel";
import { DraftAutosave, type DraftSaveState } from "./draft-autosave";
import { draftKey, draftStore, loadDraft, type Draft } from "./drafts";
import { useMarketSnapshot } from "@/shared/chain-data";
import { SdlStatus, SdlWorkbench, ToolbarButton, useSdlText, useSdlValidation } from "@/shared/sdl-editing";
import { getErrorMessage } from "@/lib/errors";

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
  const sdl = useSdlText(initial.text);
  const { text, textRef, changedAt, applyText } = sdl;
  const [notice, setNotice] = useState<{ kind: "info" | "error"; text: string } | null>(initial.restored ? { kind: "info", text: `Restored your draft from ${new Date(initial.restored.savedAt).toLocaleString()}.` } : null);
  const [saveState, setSaveState] = useState<DraftSaveState>(initial.restored ? { kind: "restored" } : { kind: "idle" });
  const validation = useSdlValidation(text, { requireUact }, changedAt);
  const market = useMarketSnapshot();
  const fileInput = useRef<HTMLInputElement>(null);
  // The deposit typed in the cost panel is the one the review starts from ("" = the chain minimum in both).
  const [deposit, setDeposit] = useState("");

  const result = validation.result;
  const current = validation.checkedText === text;

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

  const valid = Boolean(current && result?.valid);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{templateName ? `Deploy: ${templateName}` : "Deploy from an SDL"}</h1>
        <SdlStatus validation={validation} text={text} />
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
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_340px]">
        <SdlWorkbench
          sdl={sdl}
          validation={validation}
          toolbar={
            <>
              <ToolbarButton onClick={() => fileInput.current?.click()} testId="import">Import file…</ToolbarButton>
              <input ref={fileInput} type="file" accept=".yaml,.yml,.txt,application/yaml,text/yaml" className="hidden" data-testid="import-input" onChange={(e) => { void onImport(e.target.files?.[0]); e.target.value = ""; }} />
              <ToolbarButton onClick={onExport} testId="export">Download</ToolbarButton>
              {templateSdl && text !== templateSdl && (
                <ToolbarButton onClick={() => applyText(templateSdl)} testId="reset-template">Reset to template</ToolbarButton>
              )}
            </>
          }
        />
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
