// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Deployment } from "@/lib/chain/deployment";
import { bidKey, type Bid } from "@/lib/chain/market";
import type { AuditSignature, Provider } from "@/lib/chain/provider";
import type { BidFeedOptions } from "@/lib/deployment/bid-feed";
import { deploymentStore, type DeploymentRecord } from "@/lib/deployment/local-store";
import { BUILTIN_NETWORKS, DEVNET_AUDITOR } from "@/lib/networks/networks";
import { ProviderProxyError } from "@/lib/provider-proxy";
import type { ProviderStatusSummary } from "@/lib/provider-proxy/provider-status";
import { testSdl } from "@/lib/sdl/test-sdl";
import { bidKeys, chainKeys, deploymentKeys, leaseKeys, marketKeys, providerKeys, recordKeys } from "@/shared/chain-data";
import { LiveAuction } from "./live-auction";
import { renderWithCache, testQueryClient } from "./test-render";
import { useAuction } from "./use-auction";

const network = BUILTIN_NETWORKS.devnet;
const owner = "akash1owner";
const dseq = "7";

const feeds = vi.hoisted(() => [] as Array<{ options: BidFeedOptions; started: boolean; stopped: boolean }>);
const statusRequest = vi.hoisted(() => ({ fn: (_provider: string): Promise<unknown> => Promise.reject(new Error("unset")) }));

vi.mock("@/shared/network/network-context", async (importOriginal) => {
  const { BUILTIN_NETWORKS } = await import("@/lib/networks/networks");
  return { ...(await importOriginal<typeof import("@/shared/network/network-context")>()), useNetwork: () => ({ network: BUILTIN_NETWORKS.devnet }) };
});
vi.mock("@/shared/wallet/wallet-context", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/shared/wallet/wallet-context")>()),
  useWallet: () => ({ wallet: { address: "akash1owner" }, send: async () => null, openConnectDialog: () => {} }),
}));
vi.mock("@/shared/provider-session/session", () => ({
  useProviderSession: () => ({
    client: { proxyUrl: "http://127.0.0.1:3040", request: (args: { providerAddress: string }) => statusRequest.fn(args.providerAddress) },
  }),
}));
// The live feed is the node's WebSocket: the test plays its part, through the options the page gave it.
vi.mock("@/lib/deployment/bid-feed", () => ({
  BidFeed: class {
    readonly entry: (typeof feeds)[number];
    constructor(options: BidFeedOptions) {
      this.entry = { options, started: false, stopped: false };
      feeds.push(this.entry);
    }
    start() {
      this.entry.started = true;
      this.entry.options.onStatus?.("live");
      this.entry.options.onHeight?.(120);
    }
    stop() {
      this.entry.stopped = true;
    }
  },
}));

const westwind: Provider = { owner: "akash1westwind", hostUri: "https://westwind.example:8443", name: "Westwind Compute", region: "us-west", attributes: [], email: "", website: "", gpuModels: [] };
const generic: Provider = { owner: "akash1generic", hostUri: "https://generic.example:8443", name: "Generic Compute", region: "eu-north", attributes: [], email: "", website: "", gpuModels: [] };

function bid(provider: string, amount: number, state = "open"): Bid {
  const id = { owner, dseq, gseq: 1, oseq: 1, provider, bseq: 0 };
  return { ...id, key: bidKey(id), state, price: { denom: "uact", amount }, resources: [{ cpuMillis: 500, memoryBytes: 512 * 1024 * 1024, storage: [], gpuUnits: 0, endpoints: 1, leasedIps: 0, count: 1 }] };
}

describe("the live auction's bid tables", () => {
  afterEach(() => {
    feeds.length = 0;
    localStorage.clear();
  });

  it("draws the bids in the cache with provider, audit, liveness and price; the live feed's bids join them", async () => {
    const { queryClient, view } = await setup();
    const rows = () => [...view.container.querySelectorAll("[data-bid-key]")];
    await view.waitFor(() => expect(rows()).toHaveLength(1));
    const first = rows()[0]!;
    expect(first.getAttribute("data-provider")).toBe(westwind.owner);
    expect(first.textContent).toContain("Westwind Compute");
    expect(first.textContent).toContain("Audited");
    expect(first.textContent).toContain("us-west");
    expect(first.textContent).toContain("1× 0.5 vCPU, 512 MiB");
    await view.waitFor(() => expect(first.textContent).toContain("Online · 3 leases"));
    expect(view.container.querySelector('[data-testid="auction-status"]')?.textContent).toBe("Live: bids appear as soon as their block is committed · block 120");
    expect(view.container.querySelector('[data-testid="bid-countdown"]')?.textContent).toMatch(/Bid window closes in [45]:\d\d/);

    // A bid committed in a block: the feed hands over the batch, the page merges it into the same cache entry.
    const feed = feeds.find((f) => f.started && !f.stopped)!;
    expect(feed.options).toMatchObject({ owner, dseq, rpcUrl: network.rpcUrl });
    const cheaper = { ...bid(generic.owner, 1), resources: undefined };
    feed.options.onBids([bid(westwind.owner, 2), cheaper], "event", [cheaper]);
    await view.waitFor(() => expect(rows()).toHaveLength(2));
    expect(queryClient.getQueryData<Bid[]>(bidKeys.list(network.id, owner, dseq))?.map((b) => b.provider)).toEqual([westwind.owner, generic.owner]);
    // Sorted by price; the newcomer is not audited, and its provider does not answer through the proxy.
    expect(rows().map((r) => r.getAttribute("data-provider"))).toEqual([generic.owner, westwind.owner]);
    expect(rows()[0]!.textContent).toContain("Not audited");
    expect(rows()[0]!.textContent).toContain("as requested");
    await view.waitFor(() => expect(rows()[0]!.textContent).toContain("Offline"));

    // "Audited only" leaves Westwind.
    await view.clickLabel("Audited only");
    expect(rows().map((r) => r.getAttribute("data-provider"))).toEqual([westwind.owner]);
    expect(view.buttonNamed("Accept cheapest audited").disabled).toBe(false);
    // Leaving the page lets go of the feed: it stops a few seconds later (a page opened again finds it live).
    vi.useFakeTimers();
    try {
      await view.unmount();
      expect(feed.stopped).toBe(false);
      vi.advanceTimersByTime(5_001);
      expect(feed.stopped).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits without bids, and a closed bid cannot be picked", async () => {
    const { view } = await setup({ bids: [] });
    await view.waitFor(() => expect(view.container.querySelector('[data-testid="no-bids-yet"]')).not.toBeNull());
    expect(view.buttonNamed("Accept cheapest audited").disabled).toBe(true);
    await view.unmount();

    const again = await setup({ bids: [bid(westwind.owner, 2, "closed"), bid(generic.owner, 3)] });
    await again.view.waitFor(() => expect(again.view.container.querySelectorAll("[data-bid-key]")).toHaveLength(2));
    const radio = (provider: string) => again.view.container.querySelector<HTMLInputElement>(`[data-provider="${provider}"] input[type="radio"]`)!;
    expect(radio(westwind.owner).disabled).toBe(true);
    expect(radio(generic.owner).disabled).toBe(false);
    await again.view.unmount();
  });
});

async function setup(options: { bids?: Bid[] } = {}) {
  const queryClient = testQueryClient();
  const record: DeploymentRecord = { networkId: network.id, owner, dseq, name: "web", sdl: testSdl(), manifestJson: "[]", manifestVersion: "ab", createdAt: Date.now(), updatedAt: Date.now() };
  const deployment: Deployment = {
    owner,
    dseq,
    state: "active",
    hashB64: "",
    createdAt: 100,
    groups: [{ gseq: 1, name: "dcloud", state: "open", resources: [] }],
    escrow: null,
  };
  const audits = new Map<string, AuditSignature[]>([[westwind.owner, [{ auditor: DEVNET_AUDITOR, attributes: [] }]]]);
  const status: ProviderStatusSummary = { leases: 3, available: null, allocatable: null, storage: [], nodes: 1, pendingOrders: null, deployments: null, publicHostname: null };
  // The record lives in this browser's store (read again on mount); the rest is seeded through the production key
  // factories, as the chain and the proxy would have filled them.
  await deploymentStore().save(record);
  queryClient.setQueryData(recordKeys.one(network.id, owner, dseq), record);
  queryClient.setQueryData(deploymentKeys.detail(network.id, owner, dseq), deployment);
  queryClient.setQueryData(leaseKeys.list(network.id, owner, dseq), []);
  queryClient.setQueryData(bidKeys.list(network.id, owner, dseq), options.bids ?? [bid(westwind.owner, 2)]);
  queryClient.setQueryData(providerKeys.list(network.id), [westwind, generic]);
  queryClient.setQueryData(providerKeys.audits(network.id), audits);
  queryClient.setQueryData(providerKeys.status(network.id, network.proxyUrl, westwind.owner, westwind.hostUri), status);
  queryClient.setQueryData(marketKeys.snapshot(network.id), { market: { providers: [], bids: [] }, minDeposits: {}, problems: [] });
  queryClient.setQueryData(chainKeys.block(network.id, 100), Date.now());
  statusRequest.fn = (provider) => Promise.reject(new ProviderProxyError("offline", `Provider ${provider} is offline`, { status: 503, providerMessage: "connection refused" }));

  function Harness() {
    return <LiveAuction auction={useAuction(dseq)} closeButton={null} />;
  }
  const view = await renderWithCache(<Harness />, queryClient);
  return {
    queryClient,
    view: {
      ...view,
      clickLabel: async (text: string) => {
        const label = [...view.container.querySelectorAll("label")].find((l) => l.textContent?.trim() === text);
        if (!label) throw new Error(`no label "${text}"`);
        await view.act(() => label.querySelector("input")!.click());
      },
    },
  };
}
