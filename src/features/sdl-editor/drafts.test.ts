import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { indexedDbBlobStore, type BlobStore } from "@/lib/storage/blob-store";
import { MemoryStorage } from "@/lib/storage/memory-storage";
import { DraftStore, LOCAL_STORAGE_DRAFT_LIMIT } from "./drafts";

const KEY = "akash-console:sdl-draft:scratch";
const small = "version: '2.0'\n# small\n";
const large = (c = "x") => `# ${c.repeat(5 * 1024 * 1024)}\n`;

/** A blob store whose writes finish only when the test says so: the slow IndexedDB of a busy machine. */
function gatedBlobs() {
  const data = new Map<string, string>();
  const gates: Array<() => void> = [];
  let chain: Promise<unknown> = Promise.resolve();
  const queued = <T>(op: () => Promise<T> | T): Promise<T> => {
    const result = chain.then(op);
    chain = result.catch(() => undefined);
    return result;
  };
  const store: BlobStore = {
    get: (k) => queued(() => data.get(k)),
    put: (k, v) =>
      queued(
        () =>
          new Promise<void>((resolve) =>
            gates.push(() => {
              data.set(k, v);
              resolve();
            }),
          ),
      ),
    delete: (k) => queued(() => void data.delete(k)),
  };
  /** Let the oldest pending write finish. */
  const release = async () => {
    for (let i = 0; i < 50 && gates.length === 0; i++) await Promise.resolve();
    gates.shift()?.();
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return { store, data, release, pending: () => gates.length };
}

function clock(start = 1_000) {
  let t = start;
  return () => t++;
}

describe("DraftStore with IndexedDB", () => {
  const make = () => new DraftStore(new MemoryStorage(), indexedDbBlobStore("drafts", "drafts", new IDBFactory()), clock());

  it("keeps small drafts in localStorage and large ones in IndexedDB", async () => {
    const store = make();
    expect(await store.save(KEY, small)).toEqual({ ok: true, where: "localStorage", committed: true });
    expect((await store.load(KEY))?.text).toBe(small);
    const big = large();
    expect(await store.save(KEY, big)).toEqual({ ok: true, where: "indexedDB", committed: true });
    expect((await store.load(KEY))?.text).toBe(big);
  });

  it("switches from a large draft back to a small one and the reverse, each time restoring the newest", async () => {
    const storage = new MemoryStorage();
    const blobs = indexedDbBlobStore("drafts", "drafts", new IDBFactory());
    const store = new DraftStore(storage, blobs, clock());
    await store.save(KEY, large("a"));
    await store.save(KEY, small);
    expect((await store.load(KEY))?.text).toBe(small);
    // The stale 5 MB text does not linger in IndexedDB.
    await expect.poll(() => blobs.get(KEY)).toBeUndefined();
    await store.save(KEY, large("b"));
    expect((await store.load(KEY))?.text).toBe(large("b"));
    // A new page (a reload) sees the same.
    expect((await new DraftStore(storage, blobs, clock(5_000)).load(KEY))?.text).toBe(large("b"));
  });

  it("falls back to IndexedDB when localStorage is full", async () => {
    const store = new DraftStore(new MemoryStorage(100), indexedDbBlobStore("drafts", "drafts", new IDBFactory()), clock());
    expect(await store.save(KEY, small.repeat(10))).toMatchObject({ ok: true, where: "indexedDB" });
    expect((await store.load(KEY))?.text).toBe(small.repeat(10));
  });

  it("says why when a large draft cannot be stored anywhere", async () => {
    const store = new DraftStore(new MemoryStorage(), null, clock());
    const result = await store.save(KEY, "x".repeat(LOCAL_STORAGE_DRAFT_LIMIT + 1));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toMatch(/too large/);
  });

  it("restores drafts written before sequence numbers (object values, no seq)", async () => {
    const storage = new MemoryStorage();
    const factory = new IDBFactory();
    storage.setItem("old-small", JSON.stringify({ savedAt: 5, text: small }));
    expect((await new DraftStore(storage, null).load("old-small"))?.text).toBe(small);
    // The old format kept `{text, savedAt}` objects in the same database.
    const open = factory.open("drafts", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("drafts");
    await new Promise<void>((resolve) => {
      open.onsuccess = () => {
        const tx = open.result.transaction("drafts", "readwrite");
        tx.objectStore("drafts").put({ text: "legacy large", savedAt: 5 }, "old-large");
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
      };
    });
    storage.setItem("old-large", JSON.stringify({ savedAt: 5, inIndexedDb: true }));
    expect((await new DraftStore(storage, indexedDbBlobStore("drafts", "drafts", factory)).load("old-large"))?.text).toBe("legacy large");
  });
});

describe("DraftStore ordering: the newest save wins whatever order the writes finish in", () => {
  it("a slow large write that finishes after a later small save does not bring the large text back", async () => {
    const blobs = gatedBlobs();
    const store = new DraftStore(new MemoryStorage(), blobs.store, clock());
    const largeSave = store.save(KEY, large());
    const smallSave = await store.save(KEY, small);
    expect(smallSave).toMatchObject({ committed: true });
    await blobs.release();
    expect(await largeSave).toEqual({ ok: true, where: "indexedDB", committed: false });
    expect((await store.load(KEY))?.text).toBe(small);
  });

  it("two large writes: the later one is restored", async () => {
    const blobs = gatedBlobs();
    const store = new DraftStore(new MemoryStorage(), blobs.store, clock());
    const first = store.save(KEY, large("a"));
    const second = store.save(KEY, large("b"));
    await blobs.release();
    await blobs.release();
    expect(await first).toMatchObject({ committed: true });
    expect(await second).toMatchObject({ committed: true });
    expect((await store.load(KEY))?.text).toBe(large("b"));
  });

  it("until a large write commits, a reload restores the previous saved text, never a mix", async () => {
    const blobs = gatedBlobs();
    const storage = new MemoryStorage();
    const store = new DraftStore(storage, blobs.store, clock());
    await store.save(KEY, small);
    void store.save(KEY, large());
    expect((await new DraftStore(storage, blobs.store).load(KEY))?.text).toBe(small);
  });

  it("a clear is not undone by a large write still in flight", async () => {
    const blobs = gatedBlobs();
    const store = new DraftStore(new MemoryStorage(), blobs.store, clock());
    const pending = store.save(KEY, large());
    const cleared = store.clear(KEY);
    await blobs.release();
    await cleared;
    expect(await pending).toMatchObject({ committed: false });
    expect(await store.load(KEY)).toBeUndefined();
    expect(blobs.data.has(KEY)).toBe(false);
  });

  it("orders saves even when the clock goes backwards", async () => {
    let t = 10_000;
    const storage = new MemoryStorage();
    const store = new DraftStore(storage, null, () => t);
    await store.save(KEY, "first");
    t = 5; // A new page whose clock is behind the stored record.
    const later = new DraftStore(storage, null, () => t);
    await later.save(KEY, "second");
    expect(JSON.parse(storage.getItem(KEY) ?? "{}").seq).toBeGreaterThan(10_000);
    expect((await later.load(KEY))?.text).toBe("second");
  });
});
