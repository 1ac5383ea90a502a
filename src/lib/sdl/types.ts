/** A text replacement in the SDL, by character offsets into the original text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export type Severity = "error" | "warning";

/** One problem found in an SDL, located in the source text (1-based lines and columns). */
export interface SdlDiagnostic {
  severity: Severity;
  /** Stable machine code, e.g. "yaml-syntax", "compose-key", "schema-type", "missing-pricing". */
  code: string;
  /** Plain-words message a person can act on. */
  message: string;
  /** JSON pointer into the SDL the problem is about, when there is one. */
  path?: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: QuickFix[];
}

export interface SdlCheckOptions {
  /**
   * True when the chain only accepts `uact` for deployment pricing (Akash node v2 with BME, and
   * the devnet). A `uakt` price is then an error with a quick fix; otherwise it is a warning.
   */
  requireUact?: boolean;
}
