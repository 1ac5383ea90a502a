import type { SdlSummary } from "@/lib/sdl/resources";
import type { SdlCheckOptions, SdlDiagnostic } from "@/lib/sdl/types";

export type ValidationRequest = { type: "check"; id: number; text: string; options: SdlCheckOptions } | { type: "schema" };

/** What crosses back from the worker: no manifest objects, just what the page shows. */
export interface ValidationResult {
  valid: boolean;
  diagnostics: SdlDiagnostic[];
  summary?: SdlSummary;
}

export type ValidationResponse = { type: "result"; id: number; result: ValidationResult; ms: number } | { type: "schema"; schema: unknown } | { type: "error"; id: number; message: string };
