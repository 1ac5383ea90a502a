import type { QuickFix, SdlDiagnostic } from "@/lib/sdl/types";

interface Props {
  diagnostics: SdlDiagnostic[];
  onReveal: (d: SdlDiagnostic) => void;
  onFix: (fix: QuickFix) => void;
  /** Fixes apply only when the diagnostics match the current text. */
  fixesEnabled: boolean;
}

const MAX_SHOWN = 50;

export function ProblemsList({ diagnostics, onReveal, onFix, fixesEnabled }: Props) {
  if (!diagnostics.length) return null;
  return (
    <section className="rounded-lg border border-border" aria-label="Problems" data-testid="problems">
      <h2 className="border-b border-border px-3 py-2 text-sm font-semibold">
        Problems ({diagnostics.length})
      </h2>
      <ul className="max-h-64 divide-y divide-border overflow-auto text-sm">
        {diagnostics.slice(0, MAX_SHOWN).map((d, i) => (
          <li key={`${d.start}-${d.code}-${i}`} className="flex items-start gap-2 px-3 py-2" data-testid="problem">
            <span className={`mt-0.5 shrink-0 rounded px-1.5 text-xs ${d.severity === "error" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-800"}`}>{d.severity}</span>
            <button type="button" className="shrink-0 font-mono text-xs text-blue-700 hover:underline" onClick={() => onReveal(d)} title="Show in the editor">
              {d.line}:{d.column}
            </button>
            <span className="grow">{d.message}</span>
            {d.fixes.map((f) => (
              <button key={f.title} type="button" disabled={!fixesEnabled} onClick={() => onFix(f)} className="shrink-0 rounded border border-blue-300 px-2 py-0.5 text-xs text-blue-800 hover:bg-blue-50 disabled:opacity-50" data-testid="quick-fix">
                {f.title}
              </button>
            ))}
          </li>
        ))}
      </ul>
      {diagnostics.length > MAX_SHOWN && <p className="px-3 py-2 text-xs text-muted">…and {diagnostics.length - MAX_SHOWN} more.</p>}
    </section>
  );
}
