/**
 * Encrypted storage of the built-in wallet's mnemonic: PBKDF2-SHA256 (600 000 iterations, OWASP 2023) derives an
 * AES-256-GCM key from the password. Only the ciphertext, salt and IV are stored; the mnemonic is never logged.
 */
import { fromBase64, toBase64 } from "@cosmjs/encoding";

export const VAULT_VERSION = 1;
export const PBKDF2_ITERATIONS = 600_000;

export interface VaultRecord {
  version: typeof VAULT_VERSION;
  kdf: "PBKDF2-SHA256";
  iterations: number;
  salt: string;
  iv: string;
  ciphertext: string;
  /** Public, for display before unlocking. */
  address: string;
  createdAt: string;
}

export class WrongPasswordError extends Error {
  constructor() {
    super("Wrong password");
    this.name = "WrongPasswordError";
  }
}

export const MIN_PASSWORD_LENGTH = 8;

export function checkPassword(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  return null;
}

async function deriveKey(password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

export async function encryptMnemonic(mnemonic: string, password: string, address: string, iterations = PBKDF2_ITERATIONS): Promise<VaultRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(password, salt, iterations);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(address) }, key, new TextEncoder().encode(mnemonic)));
  return { version: VAULT_VERSION, kdf: "PBKDF2-SHA256", iterations, salt: toBase64(salt), iv: toBase64(iv), ciphertext: toBase64(ciphertext), address, createdAt: new Date().toISOString() };
}

export async function decryptMnemonic(record: VaultRecord, password: string): Promise<string> {
  const key = await deriveKey(password, fromBase64(record.salt), record.iterations);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(record.iv) as BufferSource, additionalData: new TextEncoder().encode(record.address) },
      key,
      fromBase64(record.ciphertext) as BufferSource,
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new WrongPasswordError();
  }
}

export function parseVaultRecord(raw: string | null): VaultRecord | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<VaultRecord>;
    if (value.version !== VAULT_VERSION || value.kdf !== "PBKDF2-SHA256" || !value.ciphertext || !value.salt || !value.iv || !value.address || !value.iterations) return null;
    return value as VaultRecord;
  } catch {
    return null;
  }
}
