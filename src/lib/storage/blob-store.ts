/**
 * Async key/value store for values too large for localStorage (IndexedDB in the browser).
 *
 * Operations run strictly in the order they were called: a `put` called before a `delete` lands
 * before it, whatever the event loop does meanwhile. Callers that keep a small localStorage record
 * pointing at a blob rely on this to reason about which write is the newest.
 */
export interface BlobStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface IndexedDbBlobStore extends BlobStore {
  /** The stored value whatever its type (older versions stored objects). */
  getRaw(key: string): Promise<unknown>;
}

export function indexedDbBlobStore(dbName: string, storeName: string, factory: IDBFactory = globalThis.indexedDB): IndexedDbBlobStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      request.onsuccess = () => {
        const connection = request.result;
        // Another tab upgrading the schema, or the browser closing the connection: reopen next time.
        connection.onversionchange = () => {
          connection.close();
          db = null;
        };
        connection.onclose = () => {
          db = null;
        };
        resolve(connection);
      };
      request.onerror = () => reject(request.error ?? new Error("IndexedDB is unavailable"));
    });
    db.catch(() => {
      db = null;
    });
    return db;
  };

  let tail: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest): Promise<T> => {
    const run = async (): Promise<T> => {
      const connection = await open();
      return new Promise<T>((resolve, reject) => {
        const tx = connection.transaction(storeName, mode);
        const request = op(tx.objectStore(storeName));
        // Resolve on commit, not on the request's success: only then is the write durable.
        tx.oncomplete = () => resolve(request.result as T);
        tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
        tx.onerror = () => reject(tx.error ?? new Error("IndexedDB write failed"));
      });
    };
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };

  return {
    getRaw: (key) => enqueue<unknown>("readonly", (s) => s.get(key)),
    get: async (key) => {
      const value = await enqueue<unknown>("readonly", (s) => s.get(key));
      return typeof value === "string" ? value : undefined;
    },
    put: async (key, value) => {
      await enqueue<unknown>("readwrite", (s) => s.put(value, key));
    },
    delete: async (key) => {
      await enqueue<unknown>("readwrite", (s) => s.delete(key));
    },
  };
}
