/** A provider's finite inventory: what a group needs, whether it fits, and reservations per lease. */
import { gpuRequirements, gpuSatisfies, storageClassOf } from "./matching.ts";
import type { InventoryCapacity } from "./profiles.ts";
import type { GroupSpecView } from "./types.ts";

export interface Allocation {
  cpuMillis: number;
  memoryBytes: number;
  storage: Record<string, number>;
  /** GPU units by model. */
  gpus: Record<string, number>;
  ips: string[];
  /** Model chosen per resource unit id (for status/pricing). */
  gpuModelByUnit: Record<number, string>;
}

export class InsufficientCapacity extends Error {}

const emptyAlloc = (): Allocation => ({ cpuMillis: 0, memoryBytes: 0, storage: {}, gpus: {}, ips: [], gpuModelByUnit: {} });

export class Inventory {
  private readonly reservations = new Map<string, Allocation>();

  constructor(readonly capacity: InventoryCapacity) {}

  /** Totals in use across all reservations. */
  used(): Allocation {
    const u = emptyAlloc();
    for (const a of this.reservations.values()) {
      u.cpuMillis += a.cpuMillis;
      u.memoryBytes += a.memoryBytes;
      for (const [k, v] of Object.entries(a.storage)) u.storage[k] = (u.storage[k] ?? 0) + v;
      for (const [k, v] of Object.entries(a.gpus)) u.gpus[k] = (u.gpus[k] ?? 0) + v;
      u.ips.push(...a.ips);
    }
    return u;
  }

  available() {
    const u = this.used();
    const storage: Record<string, number> = {};
    for (const [cls, cap] of Object.entries(this.capacity.storage)) storage[cls] = cap - (u.storage[cls] ?? 0);
    return {
      cpuMillis: this.capacity.cpuMillis - u.cpuMillis,
      memoryBytes: this.capacity.memoryBytes - u.memoryBytes,
      storage,
      gpus: this.capacity.gpus.map((g) => ({ ...g, units: g.units - (u.gpus[g.model] ?? 0) })),
      ips: this.capacity.ips.filter((ip) => !u.ips.includes(ip)),
    };
  }

  /** Compute the allocation a group would take now, or throw InsufficientCapacity. */
  plan(spec: GroupSpecView): Allocation {
    const avail = this.available();
    const a = emptyAlloc();
    const gpuFree = new Map(avail.gpus.map((g) => [g.model, g.units]));
    const ipSeqs = new Set<number>();
    for (const ru of spec.resources) {
      a.cpuMillis += ru.cpuMillis * ru.count;
      a.memoryBytes += ru.memoryBytes * ru.count;
      for (const s of ru.storage) {
        const cls = storageClassOf(s.attributes);
        if (cls === "ram") a.memoryBytes += s.bytes * ru.count;
        else a.storage[cls] = (a.storage[cls] ?? 0) + s.bytes * ru.count;
      }
      if (ru.gpuUnits > 0) {
        const need = ru.gpuUnits * ru.count;
        const reqs = gpuRequirements(ru.gpuAttributes);
        const model = this.capacity.gpus.find(
          (g) => (reqs.length === 0 || reqs.some((r) => gpuSatisfies(g, r))) && (gpuFree.get(g.model) ?? 0) >= need,
        );
        if (!model) throw new InsufficientCapacity(`not enough free GPUs for unit ${ru.id}`);
        gpuFree.set(model.model, (gpuFree.get(model.model) ?? 0) - need);
        a.gpus[model.model] = (a.gpus[model.model] ?? 0) + need;
        a.gpuModelByUnit[ru.id] = model.model;
      }
      for (const e of ru.endpoints) if (e.kind === "LEASED_IP") ipSeqs.add(e.sequenceNumber);
    }
    if (a.cpuMillis > avail.cpuMillis) throw new InsufficientCapacity("not enough free CPU");
    if (a.memoryBytes > avail.memoryBytes) throw new InsufficientCapacity("not enough free memory");
    for (const [cls, need] of Object.entries(a.storage)) {
      const free = avail.storage[cls];
      if (free === undefined) throw new InsufficientCapacity(`storage class ${cls} not available`);
      if (need > free) throw new InsufficientCapacity(`not enough free ${cls} storage`);
    }
    if (ipSeqs.size > avail.ips.length) throw new InsufficientCapacity("not enough free leased IPs");
    a.ips = avail.ips.slice(0, ipSeqs.size);
    return a;
  }

  fits(spec: GroupSpecView): boolean {
    try {
      this.plan(spec);
      return true;
    } catch (e) {
      if (e instanceof InsufficientCapacity) return false;
      throw e;
    }
  }

  /** Reserve for a lease (idempotent per key). */
  reserve(key: string, spec: GroupSpecView): Allocation {
    const existing = this.reservations.get(key);
    if (existing) return existing;
    const a = this.plan(spec);
    this.reservations.set(key, a);
    return a;
  }

  release(key: string): boolean {
    return this.reservations.delete(key);
  }

  get(key: string): Allocation | undefined {
    return this.reservations.get(key);
  }

  get leaseCount(): number {
    return this.reservations.size;
  }
}
