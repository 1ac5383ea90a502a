import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { glossaryEntry, type GlossaryId } from "@/lib/glossary";
import { cn } from "./cn";

/**
 * A term from the glossary, explained in place: the word is a button (dotted underline) that opens a short
 * explanation under it; hovering shows it too. Esc, a second click or a click elsewhere closes it.
 */
export function Term({ id, children, className }: { id: GlossaryId; children?: ReactNode; className?: string }) {
  const entry = glossaryEntry(id);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  return (
    <span ref={root} className={cn("relative inline", className)}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        title={entry.explanation}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && open) {
            // Only this popup closes, not a dialog around it.
            event.stopPropagation();
            event.preventDefault();
            setOpen(false);
          }
        }}
        className="cursor-help rounded-sm text-inherit underline decoration-muted decoration-dotted underline-offset-4 hover:decoration-fg focus-visible:outline-2 focus-visible:outline-brand"
      >
        {children ?? entry.term}
      </button>
      {open && (
        <span id={panelId} role="note" aria-label={`What "${entry.term}" means`} className="absolute top-full left-0 z-40 mt-1 block w-72 max-w-[80vw] rounded-lg border border-border bg-surface px-3 py-2 text-left font-sans text-xs font-normal tracking-normal whitespace-normal text-fg normal-case shadow-lg">
          {entry.explanation}
        </span>
      )}
    </span>
  );
}
