import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { openSession, parseSessionRecord, sealSession, SESSION_MAX_AGE_MS, type SessionKeyStore } from "./session";
import { indexedDbSessionKeyStore } from "./session-key-store";

const MNEMONIC = "test test test test test test test test test test test junk";
const IDLE = 15 * 60_000;

function memoryKeys(): SessionKeyStore & { size: () => number } {
  const keys = new Map<string, CryptoKey>();
  return {
    get: async (id) => keys.get(id),
    put: async (id, key) => void keys.set(id, key),
    delete: async (id) => void keys.delete(id),
    prune: async () => undefined,
    size: () => keys.size,
  };
}

describe("wallet session", () => {
  it("reopens within the idle timeout; the stored record holds no readable phrase", async () => {
    const keys = memoryKeys();
    const record = await sealSession(MNEMONIC, "akash1me", keys, 1_000);
    const stored = JSON.stringify(record);
    expect(stored).not.toContain("test");
    expect(await openSession(parseSessionRecord(stored)!, keys, IDLE, 1_000 + IDLE - 1)).toBe(MNEMONIC);
  });

  it("stays locked after the idle timeout, and deletes its key", async () => {
    const keys = memoryKeys();
    const record = await sealSession(MNEMONIC, "akash1me", keys, 1_000);
    expect(await openSession(record, keys, IDLE, 1_000 + IDLE)).toBeNull();
    expect(keys.size()).toBe(0);
  });

  it("stays locked after the maximum age however active the user was", async () => {
    const keys = memoryKeys();
    const record = await sealSession(MNEMONIC, "akash1me", keys, 1_000);
    expect(await openSession({ ...record, lastActive: 1_000 + SESSION_MAX_AGE_MS }, keys, IDLE, 1_000 + SESSION_MAX_AGE_MS + 1)).toBeNull();
  });

  it("cannot be opened without its key, nor moved to another address", async () => {
    const keys = memoryKeys();
    const record = await sealSession(MNEMONIC, "akash1me", keys, 1_000);
    expect(await openSession({ ...record, address: "akash1other" }, keys, IDLE, 2_000)).toBeNull();
    await keys.delete(record.id);
    expect(await openSession(record, keys, IDLE, 2_000)).toBeNull();
  });

  it("rejects records that are not a session", () => {
    expect(parseSessionRecord("{")).toBeNull();
    expect(parseSessionRecord(JSON.stringify({ version: 1, id: "x" }))).toBeNull();
  });
});

describe("indexedDbSessionKeyStore", () => {
  it("keeps non-extractable keys, deletes them, and prunes old ones", async () => {
    const store = indexedDbSessionKeyStore("test", new IDBFactory());
    const record = await sealSession(MNEMONIC, "akash1me", store, Date.now());
    const key = await store.get(record.id);
    expect(key?.extractable).toBe(false);
    expect(await openSession(record, store, IDLE)).toBe(MNEMONIC);
    await store.prune(Date.now() - 60_000);
    expect(await store.get(record.id)).toBeDefined();
    await store.prune(Date.now() + 1);
    expect(await store.get(record.id)).toBeUndefined();
  });
});
