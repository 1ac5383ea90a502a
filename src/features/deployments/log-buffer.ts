/** A capped, append-only buffer of log lines: big volumes stay bounded in memory (oldest lines drop). */
export interface LogLine {
  id: number;
  pod: string;
  message: string;
}

export const MAX_LOG_LINES = 50_000;

export class LogBuffer {
  private lines: LogLine[] = [];
  private nextId = 0;
  /** Lines dropped from the front since the start. */
  dropped = 0;

  constructor(private readonly max = MAX_LOG_LINES) {}

  push(pod: string, message: string): void {
    // A frame may carry several lines.
    for (const part of message.replace(/\r?\n$/, "").split(/\r?\n/)) this.lines.push({ id: this.nextId++, pod, message: part });
    if (this.lines.length > this.max) {
      // Drop in chunks so trimming stays amortised O(1) per line.
      const excess = this.lines.length - this.max + Math.floor(this.max / 10);
      this.lines.splice(0, excess);
      this.dropped += excess;
    }
  }

  get size(): number {
    return this.lines.length;
  }

  all(): readonly LogLine[] {
    return this.lines;
  }

  clear(): void {
    this.lines = [];
    this.dropped = 0;
  }

  filter(search: string): readonly LogLine[] {
    const needle = search.trim().toLowerCase();
    if (!needle) return this.lines;
    return this.lines.filter((l) => l.message.toLowerCase().includes(needle) || l.pod.toLowerCase().includes(needle));
  }
}

/** Parses a provider log frame `{"name":"<pod>","message":"<line>"}`; plain text is kept as is. */
export function parseLogFrame(text: string): { pod: string; message: string } {
  try {
    const parsed = JSON.parse(text) as { name?: unknown; message?: unknown };
    if (parsed && typeof parsed === "object" && typeof parsed.message === "string") return { pod: typeof parsed.name === "string" ? parsed.name : "", message: parsed.message };
  } catch {
    // not JSON
  }
  return { pod: "", message: text };
}
