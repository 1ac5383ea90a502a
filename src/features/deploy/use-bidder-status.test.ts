import { describe, expect, it } from "vitest";
import { ProviderProxyError } from "@/lib/provider-proxy";
import { bidderStatuses } from "./use-bidder-status";

const status = { leases: 4, available: null, allocatable: null, storage: [], nodes: 1, pendingOrders: null, deployments: null, publicHostname: null };

describe("bidderStatuses", () => {
  it("online with its leases, offline with the provider's reason, unknown while checking or when the proxy is down", () => {
    const providers = [{ owner: "a" }, { owner: "b" }, { owner: "c" }, { owner: "d" }];
    const results = [
      { data: status, error: null, isPending: false, isError: false },
      { data: undefined, error: new ProviderProxyError("offline", "Provider b is offline", { status: 503, providerMessage: "connection refused" }), isPending: false, isError: true },
      { data: undefined, error: new ProviderProxyError("offline", "The provider proxy at http://x is unreachable"), isPending: false, isError: true },
      { data: undefined, error: null, isPending: true, isError: false },
    ];
    const map = bidderStatuses(providers, results, true);
    expect(map.get("a")).toEqual({ online: true, leases: 4 });
    expect(map.get("b")).toEqual({ online: false, error: "connection refused" });
    expect(map.get("c")).toEqual({ online: undefined, error: "The provider proxy at http://x is unreachable" });
    expect(map.get("d")).toEqual({ online: undefined });
  });

  it("without a proxy nothing can be known", () => {
    expect(bidderStatuses([{ owner: "a" }], [], false).get("a")).toMatchObject({ online: undefined, error: expect.stringContaining("No provider proxy") });
  });
});
