import { describe, expect, it } from "vitest";
import { BUILTIN_NETWORKS } from "@/lib/networks/networks";
import { auditState } from "./auditors";
import { DEFAULT_FILTERS, filterOptions, filterProviders, filtersFromSearch, filtersToSearch, toProviderRow, type LiveState } from "./provider-list";
import { parseProviderStatus } from "@/lib/provider-proxy/provider-status";
import { classifyLiveFailure } from "./queries";
import { ProviderProxyError } from "@/lib/provider-proxy";

const TRUSTED = BUILTIN_NETWORKS.devnet.auditors;
const KNOWN = Object.keys(TRUSTED)[0]!;
const online = (cpu: number, gpu: number): LiveState => ({
  state: "online",
  status: parseProviderStatus({ cluster: { leases: 0, inventory: { available: { nodes: [{ available: { cpu, gpu, memory: 1 } }] } } } }),
});

const rows = [
  toProviderRow(
    { owner: "akash1west", hostUri: "https://provider-1.example:8443", email: "", website: "", attributes: [{ key: "organization", value: "Westwind Compute" }, { key: "region", value: "us-west" }] },
    [{ auditor: KNOWN, attributes: [] }],
    online(64000, 0),
    TRUSTED,
  ),
  toProviderRow(
    {
      owner: "akash1nordic",
      hostUri: "https://provider-2.example:8443",
      email: "",
      website: "",
      attributes: [
        { key: "organization", value: "Nordic GPU Cloud" },
        { key: "region", value: "eu-north" },
        { key: "capabilities/gpu/vendor/nvidia/model/a100", value: "true" },
      ],
    },
    [{ auditor: "akash1someoneelse", attributes: [] }],
    online(96000, 12),
    TRUSTED,
  ),
  toProviderRow({ owner: "akash1flaky", hostUri: "https://flaky.example:8443", email: "", website: "", attributes: [{ key: "region", value: "eu-west" }] }, [], { state: "offline", reason: "down" }, TRUSTED),
];

describe("provider list", () => {
  it("counts only known auditors as an audit", () => {
    expect(rows[0]!.audit.audited).toBe(true);
    expect(rows[0]!.audit.auditors[0]!.name).toBe(TRUSTED[KNOWN]);
    expect(rows[1]!.audit.audited).toBe(false);
    expect(rows[1]!.audit.unknown).toHaveLength(1);
    expect(auditState([], TRUSTED).audited).toBe(false);
    // The same signature on mainnet: the devnet auditor is not trusted there.
    expect(auditState([{ auditor: KNOWN, attributes: [] }], BUILTIN_NETWORKS.mainnet.auditors).audited).toBe(false);
  });

  it("filters audited only, online only, GPU model, region and search", () => {
    const names = (f: Partial<typeof DEFAULT_FILTERS>) => filterProviders(rows, { ...DEFAULT_FILTERS, ...f }).map((r) => r.name);
    expect(names({})).toEqual(["flaky.example", "Nordic GPU Cloud", "Westwind Compute"]);
    expect(names({ auditedOnly: true })).toEqual(["Westwind Compute"]);
    expect(names({ onlineOnly: true })).toEqual(["Nordic GPU Cloud", "Westwind Compute"]);
    expect(names({ gpuModel: "nvidia/a100" })).toEqual(["Nordic GPU Cloud"]);
    expect(names({ region: "eu-west" })).toEqual(["flaky.example"]);
    expect(names({ search: "akash1west" })).toEqual(["Westwind Compute"]);
    expect(names({ search: "A100" })).toEqual(["Nordic GPU Cloud"]);
    expect(names({ search: "nothing like it" })).toEqual([]);
  });

  it("sorts by available CPU and GPUs, unknown last", () => {
    const sorted = (sort: "cpu" | "gpus") => filterProviders(rows, { ...DEFAULT_FILTERS, sort }).map((r) => r.owner);
    expect(sorted("cpu")).toEqual(["akash1nordic", "akash1west", "akash1flaky"]);
    expect(sorted("gpus")).toEqual(["akash1nordic", "akash1west", "akash1flaky"]);
  });

  it("offers the GPU models and regions that exist", () => {
    const options = filterOptions(rows);
    expect(options.gpuModels.map((g) => g.model)).toEqual(["a100"]);
    expect(options.regions).toEqual(["eu-north", "eu-west", "us-west"]);
  });

  it("tells an unreachable proxy from an offline provider", () => {
    expect(classifyLiveFailure(new ProviderProxyError("offline", "The provider proxy at http://x is unreachable")).proxyUnreachable).toBe(true);
    const offline = classifyLiveFailure(new ProviderProxyError("offline", "The provider is offline", { status: 503, proxyCode: "providerUnavailable", providerMessage: "Provider https://p:8443 is temporarily unavailable (ECONNREFUSED)" }));
    expect(offline).toEqual({ proxyUnreachable: false, message: "Provider https://p:8443 is temporarily unavailable (ECONNREFUSED)" });
  });
});

describe("filters in the query string", () => {
  it("round-trips and ignores unknown sort keys", () => {
    const filters = { search: "gpu", auditedOnly: true, onlineOnly: false, gpuModel: "nvidia/a100", region: "eu-north", sort: "cpu" as const };
    expect(filtersToSearch(filters).toString()).toBe("q=gpu&audited=1&gpu=nvidia%2Fa100&region=eu-north&sort=cpu");
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
    expect(filtersFromSearch(new URLSearchParams("sort=evil"))).toEqual(DEFAULT_FILTERS);
  });
});
