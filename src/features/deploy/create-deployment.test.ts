import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { Deployment } from "@/lib/chain/deployment";
import { DeploymentStore } from "@/lib/deployment/local-store";
import { PENDING_EXPIRY_MS } from "@/lib/deployment/phase";
import { testSdl } from "@/lib/sdl/test-sdl";
import { MemoryStorage } from "@/lib/storage/memory-storage";
import type { TxResult } from "@/lib/tx/signing";
import { createDeployment, reconcileCreate, type CreateDeps } from "./create-deployment";

const owner = "akash1owner";
const request = { owner, sdl: testSdl(), name: "web", deposit: { denom: "uact", amount: 500_000n }, templateId: "nginx-static-site" };
const tx: TxResult = { hash: "ABCDEF", height: 101, gasUsed: 1, gasWanted: 1, events: [] };
const onChain: Deployment = { owner, dseq: "100", state: "active", hashB64: "", createdAt: 100, groups: [], escrow: null };

describe("createDeployment", () => {
  it("keeps the record before anything is signed, then the transaction hash; dseq is the latest height", async () => {
    const { deps, store } = setup();
    deps.send = vi.fn(async () => {
      // The wallet is asking: the SDL is already on this device, not yet marked as sent.
      const saved = await store.load("devnet", owner, "100");
      expect(saved).toMatchObject({ sdl: request.sdl, name: "web", templateId: "nginx-static-site", deposit: { denom: "uact", amount: "500000" } });
      expect(saved).not.toHaveProperty("txHash");
      expect(saved).not.toHaveProperty("status");
      return tx;
    });
    expect(await createDeployment(deps, request)).toEqual({ ok: true, dseq: "100" });
    expect(await store.load("devnet", owner, "100")).toMatchObject({ txHash: "ABCDEF" });
    expect(deps.send).toHaveBeenCalledWith([expect.objectContaining({ typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment" })], {
      title: "Create deployment web",
      // The signing dialog states the deposit and where it comes from.
      moves: [{ label: "Deposit into escrow", amount: { denom: "uact", base: 500_000n }, note: expect.stringContaining("From your wallet's balance") }],
      onApproved: expect.any(Function),
    });
  });

  it("starts following the auction's bids when the user approves, and lets go of them when nothing was created", async () => {
    const { deps } = setup();
    const released: string[] = [];
    const following: string[] = [];
    deps.onSending = (o, dseq) => {
      following.push(`${o}/${dseq}`);
      return () => released.push(dseq);
    };
    // Approved (twice: a retry after a refused fee grant approves again) and in a block: one feed, kept.
    deps.send = vi.fn(async (_messages, options) => {
      expect(following).toEqual([]);
      options.onApproved?.();
      options.onApproved?.();
      return tx;
    });
    expect(await createDeployment(deps, request)).toEqual({ ok: true, dseq: "100" });
    expect(following).toEqual([`${owner}/100`]);
    expect(released).toEqual([]);

    // Approved, then failed, and the chain does not have it: let go.
    deps.latestHeight = async () => 200;
    deps.send = vi.fn(async (_messages, options) => {
      options.onApproved?.();
      return null;
    });
    expect(await createDeployment(deps, request)).toEqual({ ok: false });
    expect(released).toEqual(["200"]);

    // Rejected in the wallet: nothing was followed.
    deps.latestHeight = async () => 300;
    deps.send = vi.fn(async () => null);
    await createDeployment(deps, request);
    expect(following).toEqual([`${owner}/100`, `${owner}/200`]);
  });

  it("a record forgotten while the wallet was asking is saved again once the transaction is in", async () => {
    const { deps, store } = setup();
    deps.send = async () => {
      await store.remove("devnet", owner, "100");
      return tx;
    };
    expect(await createDeployment(deps, request)).toEqual({ ok: true, dseq: "100" });
    expect(await store.load("devnet", owner, "100")).toMatchObject({ sdl: request.sdl, txHash: "ABCDEF" });
  });

  it("sends nothing when the SDL is invalid or the node cannot say the latest height", async () => {
    const { deps, store } = setup();
    expect(await createDeployment(deps, { ...request, sdl: "services: [" })).toMatchObject({ ok: false, error: expect.stringContaining("not valid YAML") });
    deps.latestHeight = () => Promise.reject(new Error("connection refused"));
    expect(await createDeployment(deps, request)).toEqual({ ok: false, error: "Cannot read the latest block from the node (connection refused). Check the network status and try again." });
    expect(deps.send).not.toHaveBeenCalled();
    expect(store.list("devnet", owner)).toEqual([]);
  });

  it("cancelled or failed: asks the chain; on chain is a success, not there keeps the record (it may still land)", async () => {
    const { deps, store } = setup();
    deps.readDeployment = async () => onChain;
    expect(await createDeployment(deps, request)).toEqual({ ok: true, dseq: "100" });

    deps.readDeployment = async () => null;
    deps.latestHeight = async () => 200;
    expect(await createDeployment(deps, request)).toEqual({ ok: false });
    expect(await store.load("devnet", owner, "200")).toBeDefined();

    deps.readDeployment = () => Promise.reject(new Error("node down"));
    deps.latestHeight = async () => 300;
    expect(await createDeployment(deps, request)).toMatchObject({ ok: false, dseq: "300", unknown: true });
    expect(await store.load("devnet", owner, "300")).toBeDefined();
  });

  it("a record whose transaction can no longer land is forgotten when the chain still lacks it", async () => {
    const { deps, store } = setup();
    const old = Date.now() - PENDING_EXPIRY_MS - 1;
    await store.save({ networkId: "devnet", owner, dseq: "50", name: "old", sdl: "x", manifestJson: "[]", manifestVersion: "ab", createdAt: old, updatedAt: old });
    deps.readDeployment = async () => null;
    expect(await reconcileCreate(deps, owner, "50")).toEqual({ ok: false });
    expect(await store.load("devnet", owner, "50")).toBeUndefined();
  });
});

function setup() {
  const store = new DeploymentStore(new MemoryStorage(), null);
  const deps: CreateDeps = {
    queryClient: new QueryClient(),
    networkId: "devnet",
    send: vi.fn(async () => null),
    requireUact: true,
    store,
    latestHeight: async () => 100,
    readDeployment: async () => null,
  };
  return { deps, store };
}
