/**
 * Autosave for the SDL editor: writes the text shortly after typing stops and at once when the page hides,
 * and reports "saved" only when the text the user sees now is the text a reload restores. A save that
 * finishes after the user typed again reports nothing: the newer text is what matters.
 */
import type { DraftStore } from "./drafts";

export type DraftSaveState =
  | { kind: "idle" }
  | { kind: "restored" }
  | { kind: "saving" }
  | { kind: "saved"; at: number }
  | { kind: "error"; error: string };

export interface DraftAutosaveOptions {
  store: Pick<DraftStore, "save" | "clear">;
  key: string;
  templateId?: string;
  /** Text that needs no draft (the template as shipped): reaching it again discards the draft. */
  baseline?: string;
  /** The text on screen at start and whether it is already stored (a restored draft). */
  initialText: string;
  initialStored: boolean;
  delayMs: number;
  onState: (state: DraftSaveState) => void;
  now?: () => number;
}

export class DraftAutosave {
  private latest: string;
  /** The newest text known to be what a reload restores (undefined: nothing stored for it yet). */
  private stored: string | undefined;
  private storedWrite = 0;
  private writes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: DraftAutosaveOptions) {
    this.latest = options.initialText;
    this.stored = options.initialStored || options.initialText === options.baseline ? options.initialText : undefined;
  }

  /** The editor's text changed. */
  change(text: string): void {
    if (text === this.latest && this.timer === undefined && !this.writeInFlight()) return;
    this.latest = text;
    clearTimeout(this.timer);
    if (text === this.stored && !this.writeInFlight()) {
      this.options.onState(text === this.options.baseline ? { kind: "idle" } : { kind: "saved", at: (this.options.now ?? Date.now)() });
      return;
    }
    this.options.onState({ kind: "saving" });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.options.delayMs);
  }

  /** Write now if anything is unsaved (the page is hiding). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.latest !== this.stored || this.writeInFlight()) void this.write();
  }

  /** The editor is going away: nothing typed may be lost, so unsaved text is written now. */
  dispose(): void {
    this.flush();
  }

  /** A write newer than the stored text was started (it may still commit and must be overtaken). */
  private writeInFlight(): boolean {
    return this.writes !== this.storedWrite;
  }

  private async write(): Promise<void> {
    const text = this.latest;
    const write = ++this.writes;
    const { store, key, templateId, baseline, onState } = this.options;
    if (text === baseline) {
      await store.clear(key);
      this.settle(write, text);
      if (this.latest === text) onState({ kind: "idle" });
      return;
    }
    const result = await store.save(key, text, templateId);
    if (!result.ok) {
      if (this.latest === text) onState({ kind: "error", error: result.error });
      return;
    }
    if (!result.committed) return;
    this.settle(write, text);
    if (this.latest === text) onState({ kind: "saved", at: (this.options.now ?? Date.now)() });
  }

  private settle(write: number, text: string): void {
    if (write < this.storedWrite) return;
    this.storedWrite = write;
    this.stored = text;
  }
}
