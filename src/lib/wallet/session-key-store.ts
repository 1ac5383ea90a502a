/** The built-in wallet session keys (non-extractable CryptoKeys) in IndexedDB: usable by this origin, never readable. */
import type { SessionKeyStore } from "./session";

const STORE = "keys";

interface StoredKey {
  key: CryptoKey;
  createdAt: number;
}

export function indexedDbSessionKeyStore(dbName = "akash-console-wallet-session", factory: IDBFactory = globalThis.indexedDB): SessionKeyStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB is not available"));
    });
  async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest | void): Promise<T | undefined> {
    const db = await open();
    try {
      return await new Promise<T | undefined>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = action(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request ? (request.result as T) : undefined);
        tx.onerror = () => reject(tx.error ?? new Error("IndexedDB request failed"));
        tx.onabort = () => reject(tx.error ?? new Error("IndexedDB request aborted"));
      });
    } finally {
      db.close();
    }
  }
  return {
    get: async (id) => (await run<StoredKey>("readonly", (s) => s.get(id)))?.key,
    put: async (id, key) => {
      await run("readwrite", (s) => s.put({ key, createdAt: Date.now() } satisfies StoredKey, id));
    },
    delete: async (id) => {
      await run("readwrite", (s) => s.delete(id));
    },
    prune: async (before) => {
      await run("readwrite", (s) => {
        const cursor = s.openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          if (!((c.value as StoredKey).createdAt >= before)) c.delete();
          c.continue();
        };
      });
    },
  };
}
