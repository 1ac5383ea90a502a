/**
 * Keeps the built-in wallet unlocked across reloads of one tab, never in persistent storage in a readable form.
 *
 * The mnemonic is sealed (AES-256-GCM) under a fresh WebCrypto key created non-extractable for this unlock. The
 * ciphertext lives in the tab's sessionStorage (gone when the tab closes); the key lives in IndexedDB, where no
 * script can read its bytes, only use it. Neither half alone reveals the phrase: a copy of the disk has the key's
 * store but not the tab's ciphertext, and the ciphertext without the key is noise. A session ends on lock, on
 * disconnect, after the idle timeout (checked again on reload from the last activity written) and after
 * SESSION_MAX_AGE_MS whatever happens, when the password is asked again. The mnemonic is never logged.
 */
import { fromBase64, toBase64, toHex } from "@cosmjs/encoding";

export const SESSION_VERSION = 1;
/** However active the user, the password is asked again after this long. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

export interface SessionKeyStore {
  get(id: string): Promise<CryptoKey | undefined>;
  put(id: string, key: CryptoKey): Promise<void>;
  delete(id: string): Promise<void>;
  /** Deletes keys created before `before` (ms since epoch): sessions of tabs closed long ago. */
  prune(before: number): Promise<void>;
}

export interface SessionRecord {
  version: typeof SESSION_VERSION;
  /** The key's id in the key store. */
  id: string;
  address: string;
  iv: string;
  ciphertext: string;
  createdAt: number;
  /** Last user activity seen (ms since epoch): the idle timeout counts from it, also across a reload. */
  lastActive: number;
}

const aad = (id: string, address: string) => new TextEncoder().encode(`${id}:${address}`);

export async function sealSession(mnemonic: string, address: string, keys: SessionKeyStore, now = Date.now()): Promise<SessionRecord> {
  const id = toHex(crypto.getRandomValues(new Uint8Array(16)));
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  await keys.put(id, key);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad(id, address) }, key, new TextEncoder().encode(mnemonic)));
  return { version: SESSION_VERSION, id, address, iv: toBase64(iv), ciphertext: toBase64(ciphertext), createdAt: now, lastActive: now };
}

/** Whether the session may still be opened at `now` (not idle too long, not too old). */
export function sessionAlive(record: SessionRecord, idleMs: number, now = Date.now()): boolean {
  return now - record.lastActive < idleMs && now - record.createdAt < SESSION_MAX_AGE_MS && record.lastActive <= now + 60_000;
}

/** The mnemonic, or null when the session has expired or its key is gone (the key is then deleted too). */
export async function openSession(record: SessionRecord, keys: SessionKeyStore, idleMs: number, now = Date.now()): Promise<string | null> {
  if (!sessionAlive(record, idleMs, now)) {
    await keys.delete(record.id);
    return null;
  }
  const key = await keys.get(record.id);
  if (!key) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(record.iv) as BufferSource, additionalData: aad(record.id, record.address) }, key, fromBase64(record.ciphertext) as BufferSource);
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

export function parseSessionRecord(raw: string | null): SessionRecord | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<SessionRecord>;
    if (value.version !== SESSION_VERSION || typeof value.id !== "string" || typeof value.address !== "string" || typeof value.iv !== "string" || typeof value.ciphertext !== "string") return null;
    if (typeof value.createdAt !== "number" || typeof value.lastActive !== "number") return null;
    return value as SessionRecord;
  } catch {
    return null;
  }
}
