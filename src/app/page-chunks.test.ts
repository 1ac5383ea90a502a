import { describe, expect, it, vi } from "vitest";
import { chunkForPath, pageChunk, pageChunks } from "./page-chunks";

describe("pageChunk", () => {
  it("imports once and keeps the module, so the router can render it without suspending", async () => {
    const module = { default: "page" };
    const importModule = vi.fn(async () => module);
    const chunk = pageChunk(importModule);
    expect(chunk.loaded).toBeUndefined();
    const [a, b] = await Promise.all([chunk.load(), chunk.load()]);
    expect(a).toBe(module);
    expect(b).toBe(module);
    expect(chunk.loaded).toBe(module);
    await chunk.load();
    expect(importModule).toHaveBeenCalledTimes(1);
  });

  it("tries again after a failed download", async () => {
    const importModule = vi.fn<() => Promise<{ default: string }>>().mockRejectedValueOnce(new Error("Failed to fetch dynamically imported module")).mockResolvedValueOnce({ default: "page" });
    const chunk = pageChunk(importModule);
    await expect(chunk.load()).rejects.toThrow("Failed to fetch");
    expect(chunk.loaded).toBeUndefined();
    expect(await chunk.load()).toEqual({ default: "page" });
    expect(importModule).toHaveBeenCalledTimes(2);
  });
});

describe("chunkForPath", () => {
  it("finds the chunk of the page a first visit opens", () => {
    expect(chunkForPath("/spend")).toBe(pageChunks.spend);
    expect(chunkForPath("/deployments")).toBe(pageChunks.deployments);
    expect(chunkForPath("/deployments/1234")).toBe(pageChunks.deployments);
    // The auction is its own page, though its path starts like a deployment's.
    expect(chunkForPath("/deployments/1234/bids")).toBe(pageChunks.auction);
    expect(chunkForPath("/providers/akash1xyz")).toBe(pageChunks.providerDetail);
  });

  it("has none for Home (in the shell) or an unknown path (nothing to wait for)", () => {
    expect(chunkForPath("/")).toBeUndefined();
    expect(chunkForPath("/no-such-page")).toBeUndefined();
  });
});
