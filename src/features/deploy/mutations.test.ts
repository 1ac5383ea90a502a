import { QueryClient, type MutationOptions } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { Deployment } from "@/lib/chain/deployment";
import { bidKey, leaseKey, type Bid, type Lease } from "@/lib/chain/market";
import { DeploymentStore } from "@/lib/deployment/local-store";
import { MemoryStorage } from "@/lib/storage/memory-storage";
import type { TxResult } from "@/lib/tx/signing";
import { accountKeys, bidKeys, deploymentKeys, leaseKeys, recordKeys } from "@/shared/chain-data";
import { closeDeploymentsMutation, mintActMutation } from "@/shared/deployment-actions";
import { acceptBidsMutation } from "./use-accept-bids";
import { forgetRecordMutation } from "./use-forget-record";
import { handoffKey, ManifestHandoffs } from "./manifest-handoff";
import { sendManifestMutation } from "./use-send-manifest";

const net = "devnet";
const owner = "akash1owner";
const dseq = "7";
const tx: TxResult = { hash: "H", height: 1, gasUsed: 1, gasWanted: 1, events: [] };
const id = { owner, dseq, gseq: 1, oseq: 1, provider: "akash1p", bseq: 0 };
const bid: Bid = { ...id, key: bidKey(id), state: "open", price: { denom: "uact", amount: 2 } };
const deployment: Deployment = { owner, dseq, state: "active", hashB64: "", createdAt: 1, groups: [], escrow: null };

/** Runs a mutation's function and success effect as useMutation would. */
async function run<T, V>(options: MutationOptions<T, Error, V>, variables: V): Promise<T> {
  const result = await options.mutationFn!(variables, undefined as never);
  await options.onSuccess?.(result, variables, undefined, undefined as never);
  await options.onSettled?.(result, null, variables, undefined, undefined as never);
  return result;
}

describe("deploy mutations own their cache effects", () => {
  it("accepting bids signs one MsgCreateLease per bid and refreshes the leases, bids, deployment and balance", async () => {
    const { queryClient, stale } = setup();
    const send = vi.fn(async () => tx);
    await run(acceptBidsMutation({ queryClient, networkId: net, send }), { owner, dseq, bids: [bid], title: "Accept bid from P", secondsPerBlock: 6 });
    // The signing dialog states the lease price per hour and per month (2 uact per 6 s block: 1200 uact/h).
    expect(send).toHaveBeenCalledWith([expect.objectContaining({ typeUrl: "/akash.market.v1beta5.MsgCreateLease" })], {
      title: "Accept bid from P",
      moves: [
        { label: "Lease price", amount: { denom: "uact", base: expect.closeTo(1200, 9) }, per: "hour" },
        { label: "Per month", amount: { denom: "uact", base: expect.closeTo(1200 * 24 * 30.437, 6) }, per: "month", note: expect.stringContaining("escrow") },
      ],
      onConfirmed: expect.any(Function),
    });
    expect(stale()).toEqual(["balances", "bids", "deployment", "leases"]);
  });

  it("the accepted leases are in the cache on return, so the rollout starts without a read", async () => {
    const { queryClient } = setup();
    await run(acceptBidsMutation({ queryClient, networkId: net, send: async () => ({ ...tx, height: 42 }) }), { owner, dseq, bids: [bid], title: "t", secondsPerBlock: 6 });
    const leases = queryClient.getQueryData<Lease[]>(leaseKeys.list(net, owner, dseq));
    expect(leases?.map(leaseKey)).toEqual([leaseKey(bid)]);
    expect(leases?.[0]).toMatchObject({ state: "active", createdAt: 42, bseq: 0, price: { denom: "uact", amount: "2" } });
  });

  it("the leases are in the cache and handed on the moment their block is confirmed, before the wallet's send returns", async () => {
    const { queryClient } = setup();
    let finish: () => void = () => undefined;
    const seen: Array<{ leases: string[]; cached: string[] | undefined }> = [];
    const send = vi.fn(async (_messages: unknown, options: { onConfirmed?: (result: TxResult) => void }) => {
      options.onConfirmed?.({ ...tx, height: 43 });
      // The wallet goes on refetching the chain queries before it returns.
      await new Promise<void>((resolve) => (finish = resolve));
      return { ...tx, height: 43 };
    });
    const accepting = run(acceptBidsMutation({ queryClient, networkId: net, send }), {
      owner,
      dseq,
      bids: [bid],
      title: "t",
      secondsPerBlock: 6,
      onLeases: (leases) => {
        seen.push({ leases: leases.map(leaseKey), cached: queryClient.getQueryData<Lease[]>(leaseKeys.list(net, owner, dseq))?.map(leaseKey) });
      },
    });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toEqual({ leases: [leaseKey(bid)], cached: [leaseKey(bid)] });
    finish();
    await accepting;
    // Written once: the success effect keeps the same lease.
    expect(queryClient.getQueryData<Lease[]>(leaseKeys.list(net, owner, dseq))?.map(leaseKey)).toEqual([leaseKey(bid)]);
    expect(seen).toHaveLength(1);
  });

  it("a cancelled transaction changes nothing", async () => {
    const { queryClient, stale } = setup();
    await run(acceptBidsMutation({ queryClient, networkId: net, send: async () => null }), { owner, dseq, bids: [bid], title: "t", secondsPerBlock: 6 });
    await run(closeDeploymentsMutation({ queryClient, networkId: net, send: async () => null }), [{ owner, dseq, refund: { denom: "uact", base: 1 } }]);
    expect(stale()).toEqual([]);
    expect(queryClient.getQueryData<Deployment>(deploymentKeys.detail(net, owner, dseq))?.state).toBe("active");
  });

  it("closing reads closed at once (whatever a refetch in flight says) and refreshes the rest", async () => {
    const { queryClient, stale } = setup();
    await run(closeDeploymentsMutation({ queryClient, networkId: net, send: async () => tx }), [{ owner, dseq, refund: { denom: "uact", base: 1 } }]);
    expect(queryClient.getQueryData<Deployment>(deploymentKeys.detail(net, owner, dseq))?.state).toBe("closed");
    expect(stale()).toEqual(["balances", "bids", "deployment", "leases", "list"]);
  });

  it("minting refreshes the balance", async () => {
    const { queryClient, stale } = setup();
    await run(mintActMutation({ queryClient, networkId: net, send: async () => tx }), { owner, uakt: 5n, title: "Mint", quote: undefined });
    expect(stale()).toEqual(["balances"]);
  });

  it("forgetting a record empties its cache entry", async () => {
    const { queryClient } = setup();
    const store = new DeploymentStore(new MemoryStorage(), null);
    await store.save({ networkId: net, owner, dseq, name: "", sdl: "x", manifestJson: "[]", manifestVersion: "ab", createdAt: 1, updatedAt: 1 });
    queryClient.setQueryData(recordKeys.one(net, owner, dseq), await store.load(net, owner, dseq));
    await run(forgetRecordMutation({ queryClient, networkId: net, store }), { owner, dseq });
    expect(queryClient.getQueryData(recordKeys.one(net, owner, dseq))).toBeNull();
    expect(await store.load(net, owner, dseq)).toBeUndefined();
  });

  it("a manifest accepted refreshes the lease's status and records which provider has it", async () => {
    const { queryClient } = setup();
    const store = new DeploymentStore(new MemoryStorage(), null);
    await store.save({ networkId: net, owner, dseq, name: "", sdl: "x", manifestJson: '["m"]', manifestVersion: "ab", createdAt: 1, updatedAt: 1 });
    const statusKey = leaseKeys.status(net, owner, dseq, leaseKey(id));
    queryClient.setQueryData(statusKey, null);
    const sendManifest = vi.fn(async (_provider: unknown, _dseq: string, manifest: string | (() => Promise<string>)) => {
      expect(typeof manifest === "function" ? await manifest() : manifest).toBe('["m"]');
    });
    await run(sendManifestMutation({ queryClient, networkId: net, sendManifest, store }), { lease: id, provider: { owner: "akash1p", hostUri: "https://p:8443" } });
    expect(queryClient.getQueryState(statusKey)?.isInvalidated).toBe(true);
    const record = await store.load(net, owner, dseq);
    expect(record?.manifestSentAt?.["akash1p"]).toBeGreaterThan(0);
    expect(queryClient.getQueryData(recordKeys.one(net, owner, dseq))).toEqual(record);
  });

  it("a manifest already being sent for a lease just accepted is followed, not sent again", async () => {
    const { queryClient } = setup();
    const store = new DeploymentStore(new MemoryStorage(), null);
    await store.save({ networkId: net, owner, dseq, name: "", sdl: "x", manifestJson: '["m"]', manifestVersion: "ab", createdAt: 1, updatedAt: 1 });
    const handoffs = new ManifestHandoffs();
    let accept: () => void = () => undefined;
    handoffs.start(handoffKey(net, id), async (onAttempt) => {
      onAttempt(1, null);
      await new Promise<void>((resolve) => (accept = resolve));
    });
    const sendManifest = vi.fn(async () => undefined);
    const attempts: number[] = [];
    const sending = run(sendManifestMutation({ queryClient, networkId: net, sendManifest, store, handoffs }), { lease: id, provider: { owner: "akash1p", hostUri: "https://p:8443" }, onAttempt: (n) => attempts.push(n) });
    await vi.waitFor(() => expect(attempts).toEqual([1]));
    accept();
    await sending;
    expect(sendManifest).not.toHaveBeenCalled();
    expect((await store.load(net, owner, dseq))?.manifestSentAt?.["akash1p"]).toBeGreaterThan(0);
    // Taken once: a later send (e.g. a retry) goes out itself.
    await run(sendManifestMutation({ queryClient, networkId: net, sendManifest, store, handoffs }), { lease: id, provider: { owner: "akash1p", hostUri: "https://p:8443" } });
    expect(sendManifest).toHaveBeenCalledTimes(1);
  });
});

function setup() {
  const queryClient = new QueryClient();
  const seeded: Record<string, readonly unknown[]> = {
    leases: leaseKeys.list(net, owner, dseq),
    bids: bidKeys.list(net, owner, dseq),
    deployment: deploymentKeys.detail(net, owner, dseq),
    balances: accountKeys.balances(net, owner),
    list: deploymentKeys.list(net, owner),
  };
  for (const [name, key] of Object.entries(seeded)) queryClient.setQueryData(key, name === "deployment" ? deployment : []);
  const stale = () => Object.entries(seeded).filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated).map(([name]) => name).sort();
  return { queryClient, stale };
}
