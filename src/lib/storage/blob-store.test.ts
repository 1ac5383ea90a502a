import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { indexedDbBlobStore } from "./blob-store";

describe("indexedDbBlobStore", () => {
  it("stores, reads and deletes strings", async () => {
    const store = indexedDbBlobStore("db", "blobs", new IDBFactory());
    expect(await store.get("k")).toBeUndefined();
    await store.put("k", "v".repeat(1_000_000));
    expect((await store.get("k"))?.length).toBe(1_000_000);
    await store.delete("k");
    expect(await store.get("k")).toBeUndefined();
  });

  it("runs operations in call order even when nobody awaits them", async () => {
    const store = indexedDbBlobStore("db", "blobs", new IDBFactory());
    // Fired together: without ordering the small put could land before the large one, or the delete first.
    const writes = [store.put("k", "a".repeat(3_000_000)), store.put("k", "small"), store.delete("k"), store.put("k", "last")];
    const read = store.get("k");
    await Promise.all(writes);
    expect(await read).toBe("last");
  });

  it("keeps going after a failed operation", async () => {
    const store = indexedDbBlobStore("db", "blobs", new IDBFactory());
    // A function cannot be cloned into IndexedDB: that put fails, the next one still runs.
    const failing = store.put("k", (() => "x") as unknown as string);
    const next = store.put("k", "ok");
    await expect(failing).rejects.toThrow();
    await next;
    expect(await store.get("k")).toBe("ok");
  });
});
