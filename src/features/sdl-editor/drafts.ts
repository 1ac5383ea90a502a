/**
 * SDL drafts: everything typed is saved locally so a reload or a crash loses nothing.
 * Small drafts go to localStorage (synchronous, so a save that returned is on disk); large ones
 * (a 5 MB paste) to IndexedDB, with a small localStorage record pointing at them.
 */

export interface Draft {
  text: string;
  savedAt: number;
  templateId?: string;
}

interface DraftRecord {
  savedAt: number;
  templateId?: string;
  text?: string;
  /** The text is in IndexedDB under the same key. */
  inIndexedDb?: boolean;
}

const PREFIX = "akash-console:sdl-draft:";
/** localStorage holds ~5 M UTF-16 chars per origin, shared with the rest of the app. */
export const LOCAL_STORAGE_DRAFT_LIMIT = 256 * 1024;
const DB_NAME = "akash-console-drafts";
const STORE = "drafts";

export function draftKey(templateId?: string | null): string {
  return `${PREFIX}${templateId || "scratch"}`;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB unavailable"));
  });
}

async function idb<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB write failed"));
    });
  } finally {
    db.close();
  }
}

function readRecord(key: string): DraftRecord | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const rec = JSON.parse(raw) as DraftRecord;
    return typeof rec?.savedAt === "number" ? rec : undefined;
  } catch {
    return undefined;
  }
}

export type SaveResult = { ok: true; where: "localStorage" | "indexedDB" } | { ok: false; error: string };

/** Save a draft. Resolves when it is durably stored (immediately for localStorage). */
export async function saveDraft(key: string, text: string, templateId?: string): Promise<SaveResult> {
  const savedAt = Date.now();
  if (text.length <= LOCAL_STORAGE_DRAFT_LIMIT) {
    try {
      localStorage.setItem(key, JSON.stringify({ savedAt, templateId, text } satisfies DraftRecord));
      return { ok: true, where: "localStorage" };
    } catch {
      // Quota exceeded: fall through to IndexedDB.
    }
  }
  try {
    await idb("readwrite", (s) => s.put({ text, savedAt, templateId }, key));
    localStorage.setItem(key, JSON.stringify({ savedAt, templateId, inIndexedDb: true } satisfies DraftRecord));
    return { ok: true, where: "indexedDB" };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export async function loadDraft(key: string): Promise<Draft | undefined> {
  const rec = readRecord(key);
  if (!rec) return undefined;
  if (!rec.inIndexedDb) return typeof rec.text === "string" ? { text: rec.text, savedAt: rec.savedAt, templateId: rec.templateId } : undefined;
  try {
    const stored = (await idb("readonly", (s) => s.get(key))) as Draft | undefined;
    return stored && typeof stored.text === "string" ? stored : undefined;
  } catch {
    return undefined;
  }
}

export async function clearDraft(key: string): Promise<void> {
  const rec = readRecord(key);
  localStorage.removeItem(key);
  if (rec?.inIndexedDb) {
    try {
      await idb("readwrite", (s) => s.delete(key));
    } catch {
      // Nothing else to do; the pointer is gone so it will not be restored.
    }
  }
}
