/**
 * Certificate private keys at rest: AES-256-GCM under a per-browser device key that WebCrypto created as
 * non-extractable and that lives only in IndexedDB. localStorage holds ciphertext only; no script (and
 * no copy of localStorage) can read the device key's bytes, and keys are never logged.
 */
import { fromBase64, toBase64 } from "@cosmjs/encoding";

export interface SealedKey {
  iv: string;
  ciphertext: string;
}

const DB_NAME = "akash-console-keys";
const STORE = "keys";
const DEVICE_KEY_ID = "certificate-device-key-v1";

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB is not available"));
  });
}

function idb<T>(db: IDBDatabase, mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = run(tx.objectStore(STORE));
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

let deviceKey: Promise<CryptoKey> | null = null;

/** The browser's device key, created on first use. */
export function getDeviceKey(): Promise<CryptoKey> {
  deviceKey ??= (async () => {
    const db = await openDb();
    try {
      const existing = await idb<CryptoKey | undefined>(db, "readonly", (s) => s.get(DEVICE_KEY_ID));
      if (existing) return existing;
      const created = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      await idb(db, "readwrite", (s) => s.put(created, DEVICE_KEY_ID));
      return created;
    } finally {
      db.close();
    }
  })().catch((error: unknown) => {
    deviceKey = null;
    throw error;
  });
  return deviceKey;
}

/** `aad` binds the ciphertext to its certificate (owner + serial), so records cannot be swapped. */
export async function sealKey(key: CryptoKey, plaintext: string, aad: string): Promise<SealedKey> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(aad) }, key, new TextEncoder().encode(plaintext)));
  return { iv: toBase64(iv), ciphertext: toBase64(ciphertext) };
}

export async function openKey(key: CryptoKey, sealed: SealedKey, aad: string): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(sealed.iv) as BufferSource, additionalData: new TextEncoder().encode(aad) },
    key,
    fromBase64(sealed.ciphertext) as BufferSource,
  );
  return new TextDecoder().decode(plain);
}
