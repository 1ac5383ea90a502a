import { useEffect, useRef, useState } from "react";
import type { SdlCheckOptions } from "@/lib/sdl/types";
import type { ValidationRequest, ValidationResponse, ValidationResult } from "./worker-protocol";
import ValidationWorker from "./validation.worker?worker";

/** Short enough to feel instant, long enough to skip work while someone types a word. */
export const VALIDATION_DEBOUNCE_MS = 40;

export interface SdlValidationState {
  /** Result for `checkedText`; stale results never overwrite newer ones. */
  result?: ValidationResult;
  checkedText?: string;
  pending: boolean;
  /** Worker-side validation time of the last result, in ms. */
  lastMs?: number;
  workerError?: string;
  schema?: unknown;
  /** Summary of the most recent valid text (kept while the current text has errors). */
  lastValidSummary?: ValidationResult["summary"];
}

declare global {
  interface Window {
    /** Keystroke-to-diagnostics latencies (ms), read by `npm run bench:sdl`. */
    __sdlDiagnosticsLatency?: number[];
  }
}

/**
 * Validate SDL text in a Web Worker, debounced, latest-wins. A 5 MB paste never blocks the page:
 * the worker refuses oversize input quickly and the main thread only posts a message.
 */
export function useSdlValidation(text: string, options: SdlCheckOptions, changedAt: React.RefObject<number | null>): SdlValidationState {
  const [state, setState] = useState<SdlValidationState>({ pending: true });
  const workerRef = useRef<Worker | null>(null);
  const seq = useRef(0);
  const sentText = useRef(new Map<number, { text: string; changedAt: number | null }>());

  useEffect(() => {
    const worker = new ValidationWorker();
    workerRef.current = worker;
    worker.onmessage = (event: MessageEvent<ValidationResponse>) => {
      const msg = event.data;
      if (msg.type === "schema") {
        setState((s) => ({ ...s, schema: msg.schema }));
        return;
      }
      const sent = sentText.current.get(msg.id);
      sentText.current.delete(msg.id);
      if (msg.id !== seq.current || !sent) return;
      if (msg.type === "error") {
        setState((s) => ({ ...s, pending: false, workerError: msg.message }));
        return;
      }
      setState((s) => ({ ...s, result: msg.result, checkedText: sent.text, pending: false, lastMs: msg.ms, workerError: undefined, lastValidSummary: msg.result.summary ?? s.lastValidSummary }));
      if (sent.changedAt !== null) {
        const startedAt = sent.changedAt;
        // Measured at the next frame, after React has rendered the markers and problems.
        requestAnimationFrame(() => (window.__sdlDiagnosticsLatency ??= []).push(performance.now() - startedAt));
      }
    };
    worker.onerror = (e) => setState((s) => ({ ...s, pending: false, workerError: e.message || "The validation worker failed to start." }));
    worker.postMessage({ type: "schema" } satisfies ValidationRequest);
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  const requireUact = options.requireUact;
  useEffect(() => {
    const handle = setTimeout(() => {
      const id = ++seq.current;
      sentText.current.set(id, { text, changedAt: changedAt.current });
      changedAt.current = null;
      workerRef.current?.postMessage({ type: "check", id, text, options: { requireUact } } satisfies ValidationRequest);
    }, VALIDATION_DEBOUNCE_MS);
    return () => clearTimeout(handle);
  }, [text, requireUact, changedAt]);

  return { ...state, pending: state.checkedText !== text };
}
