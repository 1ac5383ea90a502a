import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../storage/memory-storage";
import { DeploymentStore, INLINE_LIMIT, type BlobStore, type DeploymentRecord } from "./local-store";

function memoryBlobs(): BlobStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: async (k) => map.get(k), put: async (k, v) => void map.set(k, v), delete: async (k) => void map.delete(k) };
}

const record = (over: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  networkId: "devnet",
  owner: "akash1owner",
  dseq: "42",
  name: "web",
  sdl: "version: '2.0'\n",
  manifestJson: "[]",
  manifestVersion: "ab",
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe("DeploymentStore", () => {
  it("round-trips a small record through localStorage and lists it per network and owner", async () => {
    const storage = new MemoryStorage();
    const store = new DeploymentStore(storage, memoryBlobs());
    await store.save(record());
    await store.save(record({ dseq: "43", createdAt: 2 }));
    await store.save(record({ owner: "akash1other", dseq: "44" }));
    await store.save(record({ networkId: "sandbox", dseq: "45" }));
    expect((await store.load("devnet", "akash1owner", "42"))?.sdl).toBe("version: '2.0'\n");
    expect(store.list("devnet", "akash1owner").map((r) => r.dseq)).toEqual(["43", "42"]);
    expect(store.list("devnet", "akash1owner")[0]).not.toHaveProperty("sdl");
    expect(await store.load("devnet", "akash1owner", "44")).toBeUndefined();
  });

  it("keeps large SDLs in the blob store and finds them again", async () => {
    const blobs = memoryBlobs();
    const store = new DeploymentStore(new MemoryStorage(), blobs);
    const big = "x".repeat(INLINE_LIMIT + 1);
    await store.save(record({ sdl: big }));
    expect(blobs.map.size).toBe(1);
    expect((await store.load("devnet", "akash1owner", "42"))?.sdl).toBe(big);
    await store.remove("devnet", "akash1owner", "42");
    expect(blobs.map.size).toBe(0);
    expect(await store.load("devnet", "akash1owner", "42")).toBeUndefined();
  });

  it("falls back to the blob store when localStorage is full", async () => {
    const blobs = memoryBlobs();
    const store = new DeploymentStore(new MemoryStorage(2000), blobs);
    await store.save(record({ sdl: "y".repeat(3000) }));
    expect((await store.load("devnet", "akash1owner", "42"))?.sdl).toHaveLength(3000);
  });

  it("updates a record without losing the SDL, and touches updatedAt", async () => {
    const store = new DeploymentStore(new MemoryStorage(), null);
    await store.save(record());
    const updated = await store.update("devnet", "akash1owner", "42", { txHash: "ABC", manifestSentAt: { akash1p: 5 } });
    expect(updated).toMatchObject({ txHash: "ABC", manifestSentAt: { akash1p: 5 } });
    expect(updated!.updatedAt).toBeGreaterThan(1);
    expect((await store.load("devnet", "akash1owner", "42"))?.sdl).toBe("version: '2.0'\n");
    expect(await store.update("devnet", "akash1owner", "99", { txHash: "DEF" })).toBeUndefined();
  });

  it("refuses (rejects) rather than silently dropping a large SDL without IndexedDB", async () => {
    const store = new DeploymentStore(new MemoryStorage(), null);
    await expect(store.save(record({ sdl: "z".repeat(INLINE_LIMIT + 1) }))).rejects.toThrow(/too large/);
  });
});
