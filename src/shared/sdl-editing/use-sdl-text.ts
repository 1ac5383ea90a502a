import { useCallback, useEffect, useRef, useState } from "react";
import { minimalEdit } from "@/lib/sdl/edits";
import type { SdlEditorHandle } from "./sdl-monaco-editor";

export interface SdlTextController {
  text: string;
  /** The latest text, for edits computed outside a render. */
  textRef: React.RefObject<string>;
  /** When the last keystroke happened (for the diagnostics latency the SDL benchmark reads). */
  changedAt: React.RefObject<number | null>;
  editorRef: React.RefObject<SdlEditorHandle | null>;
  /** What Monaco calls on every change. */
  onEditorChange: (next: string) => void;
  /** Put new text in the editor as one undoable edit (straight into state before Monaco has loaded). */
  applyText: (next: string) => void;
}

/**
 * The SDL text of an editor: Monaco owns it once loaded; form edits, quick fixes and imports go through it as
 * undoable edits. `onTextChange` hears every change (to save a draft, to drop a stale review).
 */
export function useSdlText(initial: string, onTextChange?: (text: string) => void): SdlTextController {
  const [text, setText] = useState(initial);
  const onTextChangeRef = useRef(onTextChange);
  useEffect(() => {
    onTextChangeRef.current = onTextChange;
  }, [onTextChange]);
  const textRef = useRef(text);
  const changedAt = useRef<number | null>(null);
  const editorRef = useRef<SdlEditorHandle | null>(null);

  const onEditorChange = useCallback((next: string) => {
    changedAt.current = performance.now();
    textRef.current = next;
    setText(next);
    onTextChangeRef.current?.(next);
  }, []);

  const applyText = useCallback(
    (next: string) => {
      const before = textRef.current;
      if (next === before) return;
      const applied = editorRef.current?.applyEdits([minimalEdit(before, next)], before);
      if (!applied) onEditorChange(next);
    },
    [onEditorChange],
  );

  return { text, textRef, changedAt, editorRef, onEditorChange, applyText };
}
