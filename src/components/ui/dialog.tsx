import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "./cn";
import { rememberFocus, restoreFocus, type FocusReturn } from "./focus-return";

/** Modal dialog on the native <dialog> element: focus trapping, Esc and inertness come from the browser; focus goes back to where it was (focus-return.ts). */
export function Dialog({ open, onClose, title, description, children, className }: { open: boolean; onClose: () => void; title: ReactNode; description?: ReactNode; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const returnFocus = useRef<FocusReturn | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = rememberFocus();
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      restoreFocus(returnFocus.current);
      returnFocus.current = null;
    }
  }, [open]);
  // Unmounted while open (the page that owned it went away): focus still goes back to what is left.
  useEffect(() => () => restoreFocus(returnFocus.current), []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={cn("m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-border bg-surface p-0 text-fg shadow-xl", className)}
    >
      {open && (
        <div className="flex max-h-[calc(100vh-4rem)] flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-border px-5 py-4">
            <div>
              <h2 id={titleId} className="text-base font-semibold">
                {title}
              </h2>
              {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
            </div>
            <button type="button" onClick={onClose} aria-label="Close dialog" className="-mr-1 rounded-md p-1 text-muted hover:bg-surface-2 hover:text-fg">
              <svg viewBox="0 0 20 20" className="size-5" aria-hidden="true">
                <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
              </svg>
            </button>
          </div>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}
