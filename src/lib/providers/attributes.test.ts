import { describe, expect, it } from "vitest";
import { attributeGroup, compactHostUri, displayName, gpuModelsOf, groupAttributes, regionOf, storageClassesOf } from "./attributes";

// Shaped like real provider attributes (mainnet conventions, as the devnet also publishes them).
const NORDIC = [
  { key: "capabilities/gpu/vendor/nvidia", value: "true" },
  { key: "capabilities/gpu/vendor/nvidia/model/a100", value: "true" },
  { key: "capabilities/gpu/vendor/nvidia/model/a100/interface/sxm", value: "true" },
  { key: "capabilities/gpu/vendor/nvidia/model/a100/ram/80Gi", value: "true" },
  { key: "capabilities/gpu/vendor/nvidia/model/rtx4090", value: "true" },
  { key: "capabilities/gpu/vendor/nvidia/model/rtx4090/ram/24Gi", value: "true" },
  { key: "capabilities/gpu/vendor/nvidia/model/t4", value: "false" },
  { key: "capabilities/storage/1/class", value: "beta2" },
  { key: "capabilities/storage/1/persistent", value: "true" },
  { key: "capabilities/storage/2/class", value: "beta3" },
  { key: "capabilities/storage/2/persistent", value: "true" },
  { key: "country", value: "SE" },
  { key: "host", value: "akash" },
  { key: "organization", value: "Nordic GPU Cloud" },
  { key: "region", value: "eu-north" },
  { key: "tier", value: "community" },
  { key: "network-speed-up", value: "1000" },
  { key: "ip-lease", value: "true" },
  { key: "capabilities/cpu", value: "amd" },
];

describe("provider attributes", () => {
  it("names a provider by its organization, else by its host", () => {
    expect(displayName(NORDIC, "https://provider.nordic.example:8443")).toBe("Nordic GPU Cloud");
    expect(displayName([{ key: "region", value: "us-west" }], "https://provider.europlots.com:8443")).toBe("provider.europlots.com");
    expect(displayName([{ key: "organization", value: "  " }], "not a url")).toBe("not a url");
  });

  it("reads region from region or location-region", () => {
    expect(regionOf(NORDIC)).toBe("eu-north");
    expect(regionOf([{ key: "location-region", value: "na-us-west" }])).toBe("na-us-west");
    expect(regionOf([])).toBeUndefined();
  });

  it("shows host URIs compactly, keeping non-default ports", () => {
    expect(compactHostUri("https://provider.nordic.example:8443")).toBe("provider.nordic.example:8443");
    expect(compactHostUri("https://provider.example.com")).toBe("provider.example.com");
    expect(compactHostUri("garbage")).toBe("garbage");
  });

  it("parses GPU models with their memory and interface, ignoring disabled ones", () => {
    expect(gpuModelsOf(NORDIC)).toEqual([
      { vendor: "nvidia", model: "a100", ram: ["80Gi"], interfaces: ["sxm"] },
      { vendor: "nvidia", model: "rtx4090", ram: ["24Gi"], interfaces: [] },
    ]);
    expect(gpuModelsOf([{ key: "capabilities/gpu/vendor/amd/model/mi300x/ram/192Gi", value: "true" }])).toEqual([{ vendor: "amd", model: "mi300x", ram: ["192Gi"], interfaces: [] }]);
  });

  it("parses storage classes in slot order", () => {
    expect(storageClassesOf(NORDIC)).toEqual([
      { class: "beta2", persistent: true },
      { class: "beta3", persistent: true },
    ]);
    expect(storageClassesOf([{ key: "capabilities/storage/1/persistent", value: "true" }])).toEqual([]);
  });

  it("groups attributes into location, hardware, storage, network and other", () => {
    const groups = groupAttributes(NORDIC);
    expect(groups.location.map((a) => a.key)).toEqual(["country", "region"]);
    expect(groups.storage).toHaveLength(4);
    expect(groups.network.map((a) => a.key)).toEqual(["network-speed-up", "ip-lease"]);
    expect(groups.hardware.map((a) => a.key)).toContain("capabilities/gpu/vendor/nvidia/model/a100");
    expect(groups.hardware.map((a) => a.key)).toContain("capabilities/cpu");
    expect(groups.other.map((a) => a.key)).toEqual(["host", "organization", "tier"]);
    expect(attributeGroup("location-region")).toBe("location");
    expect(attributeGroup("feat-persistent-storage")).toBe("storage");
    expect(attributeGroup("feat-endpoint-ip")).toBe("network");
    expect(attributeGroup("hardware-gpu-model")).toBe("hardware");
  });
});
