import { describe, expect, it } from "vitest";
import { formatBytes, formatCpu, parseProviderStatus, parseProviderVersion } from "@/lib/provider-proxy/provider-status";

const GiB = 1024 ** 3;

describe("provider /status", () => {
  it("sums available and allocatable resources over nodes", () => {
    const status = parseProviderStatus({
      cluster: {
        leases: 3,
        inventory: {
          active: [],
          available: {
            nodes: [
              { name: "a", allocatable: { cpu: 64000, gpu: 4, memory: 256 * GiB, storage_ephemeral: 1 }, available: { cpu: 60000, gpu: 2, memory: 200 * GiB, storage_ephemeral: 1 } },
              { name: "b", allocatable: { cpu: "32000", gpu: "8", memory: String(128 * GiB) }, available: { cpu: "16000", gpu: "8", memory: String(64 * GiB) } },
            ],
            storage: [{ class: "beta2", size: 2 * GiB }],
          },
        },
      },
      bidengine: { orders: 1 },
      manifest: { deployments: 2 },
      cluster_public_hostname: "provider.example.com",
      address: "akash1x",
      devnet: { ignored: true },
    });
    expect(status.leases).toBe(3);
    expect(status.available).toEqual({ cpu: 76000, gpus: 10, memoryBytes: 264 * GiB, ephemeralStorageBytes: 1 });
    expect(status.allocatable?.cpu).toBe(96000);
    expect(status.nodes).toBe(2);
    expect(status.storage).toEqual([{ class: "beta2", bytes: 2 * GiB }]);
    expect(status.pendingOrders).toBe(1);
    expect(status.deployments).toBe(2);
  });

  it("tolerates leases as {active} and a status without inventory", () => {
    const status = parseProviderStatus({ cluster: { leases: { active: 7 } } });
    expect(status.leases).toBe(7);
    expect(status.available).toBeNull();
    expect(parseProviderStatus("nonsense").leases).toBeNull();
  });

  it("reads /version", () => {
    expect(parseProviderVersion({ akash: { version: "v0.6.10", commit: "abc" }, kube: { major: "1", minor: "30", gitVersion: "v1.30.2" } })).toEqual({ akash: "v0.6.10", commit: "abc", kube: "v1.30.2" });
    expect(parseProviderVersion({})).toEqual({ akash: null, commit: null, kube: null });
  });

  it("formats CPU and bytes", () => {
    expect(formatCpu(64000)).toBe("64 CPU");
    expect(formatCpu(1500)).toBe("1.5 CPU");
    expect(formatBytes(256 * GiB)).toBe("256 GiB");
    expect(formatBytes(1.5 * 1024 * GiB)).toBe("1.5 TiB");
  });
});
