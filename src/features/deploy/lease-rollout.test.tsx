// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { leaseKey, type Lease } from "@/lib/chain/market";
import type { AuditedProvider } from "@/lib/chain/provider";
import { deploymentStore, type DeploymentRecord } from "@/lib/deployment/local-store";
import { BUILTIN_NETWORKS } from "@/lib/networks/networks";
import { ProviderProxyError, type LeaseStatus, type SessionFrame } from "@/lib/provider-proxy";
import { leaseKeys } from "@/shared/chain-data";
import type { SocketTarget } from "@/shared/provider-session";
import { LeaseRollout } from "./lease-rollout";
import { renderWithCache, testQueryClient } from "./test-render";

const network = BUILTIN_NETWORKS.devnet;
const owner = "akash1owner";
const dseq = "42";

type SendManifest = (provider: { owner: string; hostUri: string }, dseq: string, manifest: string | (() => Promise<string>), options?: { onAttempt?: (attempt: number, error: ProviderProxyError | null) => void }) => Promise<void>;

const session = vi.hoisted(() => ({
  client: { proxyUrl: "http://127.0.0.1:3040" },
  leaseStatus: vi.fn<(provider: unknown, lease: unknown) => Promise<unknown>>(),
  sendManifest: vi.fn<SendManifest>(),
  getAuth: vi.fn(async () => ({ type: "jwt", token: "t" })),
  credentials: { preferMtls: false, serial: null, renew: vi.fn(async () => true) },
}));
const socket = vi.hoisted(() => ({ target: null as SocketTarget | null, onFrame: null as ((frame: SessionFrame) => void) | null }));

vi.mock("@/shared/network/network-context", async (importOriginal) => {
  const { BUILTIN_NETWORKS } = await import("@/lib/networks/networks");
  return { ...(await importOriginal<typeof import("@/shared/network/network-context")>()), useNetwork: () => ({ network: BUILTIN_NETWORKS.devnet }) };
});
vi.mock("@/shared/provider-session/session", () => ({ useProviderSession: () => session }));
vi.mock("@/shared/provider-session/provider-socket", () => ({
  useProviderSocket: (target: SocketTarget, onFrame: (frame: SessionFrame) => void) => {
    socket.target = target;
    socket.onFrame = onFrame;
    return { state: target.url ? "open" : "idle", close: null, error: null, send: () => undefined };
  },
}));

const provider: AuditedProvider = { owner: "akash1westwind", hostUri: "https://westwind.example:8443", name: "Westwind Compute", attributes: [], email: "", website: "", gpuModels: [], auditors: [] };
const lease: Lease = { owner, dseq, gseq: 1, oseq: 1, provider: provider.owner, bseq: 0, state: "active", price: { denom: "uact", amount: "2" }, createdAt: 50, closedOn: 0, reason: "", payment: null };
const statusKey = leaseKeys.status(network.id, owner, dseq, leaseKey(lease));
const starting: LeaseStatus = { services: { web: { name: "web", available: 0, total: 1, uris: null } } };
const ready: LeaseStatus = { services: { web: { name: "web", available: 1, total: 1, uris: ["web.ingress.localhost"] } } };

describe("a lease's rollout", () => {
  afterEach(() => {
    vi.clearAllMocks();
    localStorage.clear();
    socket.target = null;
    socket.onFrame = null;
  });

  it("sends the manifest when the provider does not know the lease, shows each retry, then follows the workload to ready", async () => {
    let release: () => void = () => undefined;
    session.sendManifest.mockImplementation(async (_provider, _dseq, manifest, options) => {
      options?.onAttempt?.(1, null);
      expect(typeof manifest === "function" ? await manifest() : manifest).toBe('[{"name":"dcloud"}]');
      options?.onAttempt?.(2, new ProviderProxyError("offline", "The provider is offline or unreachable"));
      await new Promise<void>((resolve) => (release = resolve));
    });
    let manifestIn = false;
    session.leaseStatus.mockImplementation(async () => (manifestIn ? starting : null));
    const { view, queryClient, step } = await setup();

    await view.waitFor(() => expect(view.container.querySelector('[data-testid="rollout-error"]')?.textContent).toBe("The provider is offline or unreachable"));
    expect(view.container.textContent).toContain("Retrying…");
    expect(view.container.textContent).toContain("attempt 2");
    expect(session.sendManifest).toHaveBeenCalledOnce();
    expect(session.sendManifest.mock.calls[0]!.slice(0, 2)).toEqual([provider, dseq]);

    manifestIn = true;
    await view.act(() => release());
    await view.waitFor(() => expect(step("manifest")).toBe(true));
    expect(view.container.querySelector('[data-testid="rollout-error"]')).toBeNull();
    // Kube events over the provider socket move it on.
    await view.waitFor(() => expect(socket.target?.url).toBe(`${provider.hostUri}/lease/${dseq}/1/1/kubeevents?follow=true`));
    expect(socket.target?.scope).toEqual(["events"]);
    await view.act(() => socket.onFrame!({ kind: "text", text: JSON.stringify({ reason: "Pulling", note: "nginx:1.27-alpine" }) }));
    expect(step("pulling")).toBe(true);
    expect(step("started")).toBe(false);

    // The next status read (every second until ready) finds it ready: in the cache, on screen, polling stops.
    session.leaseStatus.mockResolvedValue(ready);
    await view.waitFor(() => expect(step("ready")).toBe(true), 4000);
    expect(queryClient.getQueryData(statusKey)).toEqual(ready);
    expect(view.container.querySelector('[data-testid="lease-uri"]')?.textContent).toBe("web.ingress.localhost");
    expect((await deploymentStore().load(network.id, owner, dseq))?.manifestSentAt?.[provider.owner]).toBeGreaterThan(0);
    const reads = session.leaseStatus.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(session.leaseStatus.mock.calls.length).toBe(reads);
    expect(socket.target?.url).toBeNull();
    await view.unmount();
  });

  it("a declined signature stops it (no polling, no manifest) until Renew access and retry", async () => {
    session.leaseStatus.mockRejectedValueOnce(new ProviderProxyError("credentialInvalid", "You declined to sign the provider access token.", { hint: "Approve the signature request in your wallet, then retry." }));
    session.leaseStatus.mockResolvedValue(ready);
    const { view, step } = await setup();
    await view.waitFor(() => expect(view.container.querySelector('[data-testid="rollout-error"]')?.textContent).toBe("You declined to sign the provider access token."));
    expect(view.container.textContent).toContain("Could not reach the provider");
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(session.leaseStatus).toHaveBeenCalledOnce();
    expect(session.sendManifest).not.toHaveBeenCalled();

    await view.click("Renew access and retry");
    expect(session.getAuth).toHaveBeenCalledWith(provider.owner, ["status"], { renew: true });
    await view.waitFor(() => expect(step("ready")).toBe(true));
    expect(session.sendManifest).not.toHaveBeenCalled();
    await view.unmount();
  });

  it("a lease this page just created gets the manifest at once; status is read only after it is in", async () => {
    const order: string[] = [];
    session.sendManifest.mockImplementation(async () => void order.push("manifest"));
    session.leaseStatus.mockImplementation(async () => {
      order.push("status");
      return ready;
    });
    const { view, step } = await setup({ fresh: true });
    await view.waitFor(() => expect(step("ready")).toBe(true));
    expect(order[0]).toBe("manifest");
    expect(session.sendManifest).toHaveBeenCalledOnce();
    await view.unmount();
  });

  it("a fresh lease whose status signature is declined after its manifest is in: renewing reads status, the manifest is not sent again", async () => {
    session.sendManifest.mockResolvedValue(undefined);
    session.leaseStatus.mockRejectedValueOnce(new ProviderProxyError("credentialInvalid", "You declined to sign the provider access token.", { hint: "Approve the signature request in your wallet, then retry." }));
    session.leaseStatus.mockResolvedValue(ready);
    const { view, step } = await setup({ fresh: true });
    await view.waitFor(() => expect(view.container.querySelector('[data-testid="rollout-error"]')?.textContent).toBe("You declined to sign the provider access token."));
    expect(session.sendManifest).toHaveBeenCalledOnce();

    await view.click("Renew access and retry");
    expect(session.getAuth).toHaveBeenCalledWith(provider.owner, ["status"], { renew: true });
    await view.waitFor(() => expect(step("ready")).toBe(true));
    expect(session.sendManifest).toHaveBeenCalledOnce();
    await view.unmount();
  });

  it("reads a status already in the cache: the provider has the manifest, nothing is sent", async () => {
    session.leaseStatus.mockResolvedValue(ready);
    const { view, step } = await setup({ status: ready });
    expect(step("ready")).toBe(true);
    expect(view.container.querySelector('[data-testid="lease-uri"]')?.getAttribute("href")).toBe("http://web.ingress.localhost/");
    await view.waitFor(() => expect(session.leaseStatus).toHaveBeenCalled());
    expect(session.sendManifest).not.toHaveBeenCalled();
    await view.unmount();
  });
});

async function setup(options: { status?: LeaseStatus; fresh?: boolean } = {}) {
  const record: DeploymentRecord = { networkId: network.id, owner, dseq, name: "web", sdl: "version: '2.0'", manifestJson: '[{"name":"dcloud"}]', manifestVersion: "ab", createdAt: 1, updatedAt: 1 };
  await deploymentStore().save(record);
  const queryClient = testQueryClient();
  if (options.status) queryClient.setQueryData(statusKey, options.status);
  const view = await renderWithCache(<LeaseRollout lease={lease} provider={provider} hasManifest fresh={options.fresh ?? false} />, queryClient);
  const step = (name: string) => view.container.querySelector(`[data-step="${name}"]`)?.hasAttribute("data-done") ?? false;
  return { view, queryClient, step };
}
