import { describe, expect, test } from "vitest";
import { Inventory, InsufficientCapacity } from "./inventory.ts";
import { providerProfile } from "./profiles.ts";
import { buildSdl, sdl } from "./test-support.ts";

describe("inventory", () => {
  test("reserve takes resources, release frees them", async () => {
    const inv = new Inventory(providerProfile(1).capacity);
    const spec = (await buildSdl(sdl({ cpu: "4", memory: "8Gi", storage: "20Gi", count: 2 }))).specs[0]!;
    const before = inv.available();
    inv.reserve("a", spec);
    const during = inv.available();
    expect(before.cpuMillis - during.cpuMillis).toBe(8000);
    expect(before.memoryBytes - during.memoryBytes).toBe(16 * 1024 ** 3);
    expect(before.storage.ephemeral! - during.storage.ephemeral!).toBe(40 * 1024 ** 3);
    expect(inv.leaseCount).toBe(1);
    // idempotent per key
    inv.reserve("a", spec);
    expect(inv.available().cpuMillis).toBe(during.cpuMillis);
    expect(inv.release("a")).toBe(true);
    expect(inv.available()).toEqual(before);
  });

  test("refuses what does not fit", async () => {
    const inv = new Inventory(providerProfile(4).capacity); // 32 CPUs
    const big = (await buildSdl(sdl({ cpu: "20" }))).specs[0]!;
    inv.reserve("one", big);
    expect(inv.fits(big)).toBe(false);
    expect(() => inv.reserve("two", big)).toThrow(InsufficientCapacity);
  });

  test("GPUs are allocated by model and run out", async () => {
    const inv = new Inventory(providerProfile(2).capacity); // 4× a100, 8× rtx4090
    const a100x2 = (await buildSdl(sdl({ gpu: "a100", count: 2 }))).specs[0]!;
    const a = inv.reserve("a", a100x2);
    expect(a.gpus).toEqual({ a100: 2 });
    inv.reserve("b", a100x2);
    expect(inv.fits(a100x2)).toBe(false);
    const either = (await buildSdl(sdl({ gpu: "a100,rtx4090" }))).specs[0]!;
    expect(inv.reserve("c", either).gpus).toEqual({ rtx4090: 1 });
    inv.release("a");
    expect(inv.fits(a100x2)).toBe(true);
  });

  test("leased IPs come from the pool", async () => {
    const inv = new Inventory(providerProfile(5).capacity); // 2 IPs
    const ip = (await buildSdl(sdl({ ip: true }))).specs[0]!;
    const a = inv.reserve("a", ip);
    const b = inv.reserve("b", ip);
    expect(a.ips).toHaveLength(1);
    expect(b.ips[0]).not.toBe(a.ips[0]);
    expect(() => inv.reserve("c", ip)).toThrow(/leased IPs/);
  });
});
