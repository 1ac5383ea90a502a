/**
 * The provider's `GET /status` document: the real provider's cluster, bid engine and manifest figures,
 * plus a devnet-only `devnet` section with its published prices and a detailed inventory.
 */
import type { Allocation, Inventory } from "./inventory.ts";
import type { ProviderProfile } from "./profiles.ts";

export interface ProviderStatusInput {
  address: string;
  hostName: string;
  profile: ProviderProfile;
  online: boolean;
  inventory: Inventory;
  /** Keys of the provider's active leases (their reservations are the `active` inventory). */
  leaseKeys: string[];
  /** Reservations held by open bids (the `pending` inventory). */
  pendingBidReservations: (Allocation | undefined)[];
  ordersBeingDecided: number;
  deployedLeases: number;
  stats: Record<string, number>;
}

export function providerStatus(s: ProviderStatusInput): unknown {
  const { inventory, profile: p } = s;
  const cap = inventory.capacity;
  const avail = inventory.available();
  const used = inventory.used();
  const active = s.leaseKeys.map((k) => inventory.get(k)).filter((a) => !!a);
  const pending = s.pendingBidReservations.filter((a) => !!a);
  const unit = (a: { cpuMillis: number; memoryBytes: number; storage: Record<string, number>; gpus: Record<string, number> }) => ({
    cpu: a.cpuMillis,
    gpu: Object.values(a.gpus).reduce((n, v) => n + v, 0),
    memory: a.memoryBytes,
    storage_ephemeral: a.storage.ephemeral ?? 0,
  });
  return {
    cluster: {
      leases: s.leaseKeys.length,
      inventory: {
        active: active.map(unit),
        pending: pending.map(unit),
        available: {
          nodes: [
            {
              name: "node-1",
              allocatable: { cpu: cap.cpuMillis, gpu: cap.gpus.reduce((n, g) => n + g.units, 0), memory: cap.memoryBytes, storage_ephemeral: cap.storage.ephemeral ?? 0 },
              available: { cpu: avail.cpuMillis, gpu: avail.gpus.reduce((n, g) => n + g.units, 0), memory: avail.memoryBytes, storage_ephemeral: avail.storage.ephemeral ?? 0 },
            },
          ],
          storage: Object.entries(avail.storage)
            .filter(([cls]) => cls !== "ephemeral")
            .map(([cls, size]) => ({ class: cls, size })),
        },
      },
    },
    bidengine: { orders: s.ordersBeingDecided },
    manifest: { deployments: s.deployedLeases },
    cluster_public_hostname: s.hostName,
    address: s.address,
    // Devnet extension (not part of the real provider API): the provider's published scale-strategy prices
    // and a detailed inventory, so a console can estimate costs before bidding completes.
    devnet: {
      name: p.name,
      online: s.online,
      pricing: {
        strategy: "scale",
        units: {
          cpu: "per millicpu per block",
          memory: "per MiB per block",
          storage: "per MiB per block, by class (ephemeral = non-persistent)",
          endpoint: "per endpoint per block",
          ip: "per leased IP per block",
          gpu: "per GPU per block, by model (* = other models)",
        },
        denom: "the order's price denom",
        ...p.pricing,
      },
      inventory: {
        capacity: { cpu: cap.cpuMillis, memory: cap.memoryBytes, storage: cap.storage, gpus: cap.gpus, ips: cap.ips.length },
        used: { cpu: used.cpuMillis, memory: used.memoryBytes, storage: used.storage, gpus: used.gpus, ips: used.ips.length },
        available: { cpu: avail.cpuMillis, memory: avail.memoryBytes, storage: avail.storage, gpus: avail.gpus.map((g) => ({ model: g.model, vendor: g.vendor, ram: g.ram, interface: g.interface, units: g.units })), ips: avail.ips.length },
      },
      stats: s.stats,
    },
  };
}
