import type { SdlValidationState } from "./use-sdl-validation";

/** "Valid", "2 errors", "Valid, 1 warning" or "Checking…" for the text now in the editor. */
export function sdlStatusText(validation: SdlValidationState, text: string): { label: string; checking: boolean; errors: number } {
  const result = validation.result;
  const current = validation.checkedText === text;
  const diagnostics = result?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const checking = !result || (!current && validation.pending);
  const label = checking ? "Checking…" : errors ? `${errors} error${errors > 1 ? "s" : ""}` : warnings ? `Valid, ${warnings} warning${warnings > 1 ? "s" : ""}` : "Valid";
  return { label, checking, errors };
}

export function SdlStatus({ validation, text }: { validation: SdlValidationState; text: string }) {
  const { label, checking, errors } = sdlStatusText(validation, text);
  return (
    <span data-testid="sdl-status" className={`rounded px-2 py-0.5 text-sm ${checking ? "bg-surface-2 text-fg" : errors ? "bg-red-100 text-red-800" : "bg-green-100 text-green-800"}`}>
      {label}
    </span>
  );
}
