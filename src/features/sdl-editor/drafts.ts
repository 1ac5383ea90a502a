/**
 * SDL drafts: everything typed is saved locally so a reload or a crash loses nothing.
 *
 * Small drafts live in a localStorage record (synchronous: a save that returned is on disk); large ones
 * (a 5 MB paste) in IndexedDB, with the localStorage record pointing at them. The localStorage record is
 * the commit point and carries a sequence number: a write commits only if no newer one has, so a slow
 * IndexedDB write that finishes after a later small save (or a clear) can never bring older text back.
 * The blob store runs its operations in call order, so a stale large text is deleted only after it was
 * written and a newer one is written only after the delete.
 */
import { indexedDbBlobStore, type BlobStore, type IndexedDbBlobStore } from "@/lib/storage/blob-store";
import { getErrorMessage } from "@/lib/errors";

export interface Draft {
  text: string;
  savedAt: number;
  templateId?: string;
}

interface DraftRecord {
  /** Increases with every save of the key; the record with the highest one is the newest. */
  seq: number;
  savedAt: number;
  templateId?: string;
  text?: string;
  /** The text is in IndexedDB under the same key. */
  inIndexedDb?: boolean;
  /** The draft was discarded (kept as a record so an older write still in flight cannot revive it). */
  cleared?: boolean;
}

const PREFIX = "akash-console:sdl-draft:";
/** localStorage holds ~5 M UTF-16 chars per origin, shared with the rest of the app. */
export const LOCAL_STORAGE_DRAFT_LIMIT = 256 * 1024;

export function draftKey(templateId?: string | null): string {
  return `${PREFIX}${templateId || "scratch"}`;
}

export type SaveResult =
  /** `committed` is false when a newer save of the same key committed first (this text is not what a reload restores). */
  | { ok: true; where: "localStorage" | "indexedDB"; committed: boolean }
  | { ok: false; error: string };

export class DraftStore {
  private lastSeq = 0;

  constructor(
    private readonly storage: Storage,
    private readonly blobs: (BlobStore & Partial<Pick<IndexedDbBlobStore, "getRaw">>) | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Saves a draft. Resolves once it is durably stored, or superseded by a newer save. */
  async save(key: string, text: string, templateId?: string): Promise<SaveResult> {
    const seq = this.nextSeq(key);
    const savedAt = this.now();
    if (text.length <= LOCAL_STORAGE_DRAFT_LIMIT) {
      try {
        this.storage.setItem(key, JSON.stringify({ seq, savedAt, templateId, text } satisfies DraftRecord));
        // A large text from before is stale now; the queued delete cannot overtake a later put.
        void this.blobs?.delete(key).catch(() => undefined);
        return { ok: true, where: "localStorage", committed: true };
      } catch {
        // Quota exceeded: fall through to IndexedDB.
      }
    }
    if (!this.blobs) return { ok: false, error: "the draft is too large for local storage and IndexedDB is unavailable" };
    try {
      await this.blobs.put(key, text);
      if ((this.readRecord(key)?.seq ?? 0) > seq) return { ok: true, where: "indexedDB", committed: false };
      this.storage.setItem(key, JSON.stringify({ seq, savedAt, templateId, inIndexedDb: true } satisfies DraftRecord));
      return { ok: true, where: "indexedDB", committed: true };
    } catch (e) {
      return { ok: false, error: getErrorMessage(e) };
    }
  }

  async load(key: string): Promise<Draft | undefined> {
    const rec = this.readRecord(key);
    if (!rec || rec.cleared) return undefined;
    if (!rec.inIndexedDb) return typeof rec.text === "string" ? { text: rec.text, savedAt: rec.savedAt, templateId: rec.templateId } : undefined;
    if (!this.blobs) return undefined;
    try {
      const stored = this.blobs.getRaw ? await this.blobs.getRaw(key) : await this.blobs.get(key);
      // Drafts written before the sequence numbers were stored as `{text, savedAt, templateId}`.
      const text = typeof stored === "string" ? stored : (stored as Partial<Draft> | undefined)?.text;
      return typeof text === "string" ? { text, savedAt: rec.savedAt, templateId: rec.templateId } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Discards a draft: a newer record marks it cleared, then the large text (if any) is deleted. */
  async clear(key: string): Promise<void> {
    const seq = this.nextSeq(key);
    try {
      this.storage.setItem(key, JSON.stringify({ seq, savedAt: this.now(), cleared: true } satisfies DraftRecord));
    } catch {
      this.storage.removeItem(key);
    }
    await this.blobs?.delete(key).catch(() => undefined);
  }

  private nextSeq(key: string): number {
    // Above the clock (survives reloads), above the stored record (a clock that went back), above our own.
    this.lastSeq = Math.max(this.now(), (this.readRecord(key)?.seq ?? 0) + 1, this.lastSeq + 1);
    return this.lastSeq;
  }

  private readRecord(key: string): DraftRecord | undefined {
    try {
      const raw = this.storage.getItem(key);
      if (!raw) return undefined;
      const rec = JSON.parse(raw) as Partial<DraftRecord>;
      if (typeof rec?.savedAt !== "number") return undefined;
      // Records from before sequence numbers: their savedAt orders them.
      return { ...rec, seq: typeof rec.seq === "number" ? rec.seq : rec.savedAt } as DraftRecord;
    } catch {
      return undefined;
    }
  }
}

let browserStore: DraftStore | null = null;

/** The browser's draft store (localStorage + IndexedDB). */
export function draftStore(): DraftStore {
  browserStore ??= new DraftStore(globalThis.localStorage, typeof indexedDB === "undefined" ? null : indexedDbBlobStore("akash-console-drafts", "drafts"));
  return browserStore;
}

export function loadDraft(key: string): Promise<Draft | undefined> {
  return draftStore().load(key);
}
