import { fromHex, toBase64 } from "@cosmjs/encoding";
import { MutationObserver, QueryClient, type MutationOptions } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { Deployment } from "@/lib/chain/deployment";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { DeploymentStore, type DeploymentRecord } from "@/lib/deployment/local-store";
import { prepareManifest } from "@/lib/deployment/manifest";
import { MSG_CLOSE_DEPLOYMENT } from "@/lib/deployment/messages";
import { testSdl } from "@/lib/sdl/test-sdl";
import { MemoryStorage } from "@/lib/storage/memory-storage";
import type { TxResult } from "@/lib/tx/signing";
import { accountKeys, deploymentKeys, leaseKeys, recordKeys } from "@/shared/chain-data";
import { closeDeploymentsMutation } from "@/shared/deployment-actions";
import type { ProviderSession } from "@/shared/provider-session";
import type { WalletContextValue } from "@/shared/wallet";
import { MSG_ACCOUNT_DEPOSIT, MSG_UPDATE_DEPLOYMENT } from "@/lib/deployment/messages";
import { depositLanded, importSdlMutation, sendManifestToLeases, topUpMutation, updateDeploymentMutation } from "./mutations";

const NET = "devnet";
const OWNER = "akash1owner";
const OTHER = "akash1someoneelse";
const PROVIDER = "akash1provider";
const TX: TxResult = { hash: "AB12", height: 42, gasUsed: 1, gasWanted: 1, events: [] };

function deployment(over: Partial<Deployment> = {}): Deployment {
  return { owner: OWNER, dseq: "100", state: "active", hashB64: "", createdAt: 1, groups: [], escrow: null, ...over };
}

function lease(over: Partial<Lease> = {}): Lease {
  return {
    owner: OWNER,
    dseq: "100",
    gseq: 1,
    oseq: 1,
    provider: PROVIDER,
    bseq: 1,
    state: "active",
    price: { denom: "uact", amount: "10.000000000000000000" },
    createdAt: 1,
    closedOn: 0,
    reason: "",
    payment: null,
    ...over,
  };
}

function withDeposits(d: Deployment, amounts: string[]): Deployment {
  return { ...d, escrow: { state: "open", funds: [], transferred: [], settledAt: 1, deposits: amounts.map((amount, i) => ({ owner: OWNER, height: i + 1, source: "balance", balance: { denom: "uact", amount } })) } };
}

async function versionB64(sdl: string): Promise<string> {
  const prepared = await prepareManifest(sdl, { requireUact: true });
  if (!prepared.ok) throw new Error(prepared.error);
  return toBase64(fromHex(prepared.value.versionHex));
}

describe("closeDeploymentsMutation", () => {
  it("signs one MsgCloseDeployment per deployment, shows them closed at once and refreshes the owner's deployments, leases and balance", async () => {
    const { queryClient, send, run, invalidated } = setup();
    send.mockResolvedValue(TX);
    queryClient.setQueryData(deploymentKeys.list(NET, OWNER), [deployment({ dseq: "100" }), deployment({ dseq: "101" }), deployment({ dseq: "102" })]);
    queryClient.setQueryData(deploymentKeys.detail(NET, OWNER, "100"), deployment({ dseq: "100" }));
    queryClient.setQueryData(leaseKeys.list(NET, OWNER, "100"), [lease()]);
    queryClient.setQueryData(leaseKeys.list(NET, OWNER), [lease()]);
    queryClient.setQueryData(accountKeys.balances(NET, OWNER), []);
    queryClient.setQueryData(deploymentKeys.list(NET, OTHER), [deployment({ owner: OTHER })]);
    queryClient.setQueryData(recordKeys.list(NET, OWNER), []);

    const tx = await run(closeDeploymentsMutation, [
      { owner: OWNER, dseq: "100", refund: { denom: "uact", base: 1_500_000 } },
      { owner: OWNER, dseq: "101", refund: { denom: "uact", base: 500_000 } },
    ]);

    expect(tx).toBe(TX);
    expect(send).toHaveBeenCalledOnce();
    const [messages, options] = send.mock.calls[0]!;
    expect(messages.map((m) => m.typeUrl)).toEqual([MSG_CLOSE_DEPLOYMENT, MSG_CLOSE_DEPLOYMENT]);
    expect(options.title).toBe("Close 2 deployments");
    // The signing dialog states what comes back: the two refunds together.
    expect(options.moves).toEqual([expect.objectContaining({ label: "Refund to the depositor (about)", amount: { denom: "uact", base: 2_000_000 } })]);
    expect(queryClient.getQueryData<Deployment[]>(deploymentKeys.list(NET, OWNER))!.map((d) => d.state)).toEqual(["closed", "closed", "active"]);
    expect(queryClient.getQueryData<Deployment>(deploymentKeys.detail(NET, OWNER, "100"))!.state).toBe("closed");
    expect(invalidated(deploymentKeys.list(NET, OWNER), deploymentKeys.detail(NET, OWNER, "100"), leaseKeys.list(NET, OWNER, "100"), leaseKeys.list(NET, OWNER), accountKeys.balances(NET, OWNER))).toEqual([true, true, true, true, true]);
    expect(invalidated(deploymentKeys.list(NET, OTHER), recordKeys.list(NET, OWNER))).toEqual([false, false]);
  });

  it("changes nothing when the transaction is cancelled or fails (the wallet already said why)", async () => {
    const { queryClient, send, run, invalidated } = setup();
    send.mockResolvedValue(null);
    queryClient.setQueryData(deploymentKeys.list(NET, OWNER), [deployment()]);

    expect(await run(closeDeploymentsMutation, [{ owner: OWNER, dseq: "100", refund: { denom: "uact", base: 0 } }])).toBeNull();
    expect(send.mock.calls[0]![1].title).toBe("Close deployment 100");
    expect(queryClient.getQueryData<Deployment[]>(deploymentKeys.list(NET, OWNER))![0]!.state).toBe("active");
    expect(invalidated(deploymentKeys.list(NET, OWNER))).toEqual([false]);
  });
});

describe("topUpMutation", () => {
  it("deposits from the signer's balance and refreshes the deployment, the list and the balance", async () => {
    const { queryClient, send, run, invalidated } = setup();
    send.mockResolvedValue(TX);
    seedDeploymentAndBalance(queryClient);

    const outcome = await run((deps) => topUpMutation({ ...deps, readDeployment: async () => deployment() }), { owner: OWNER, dseq: "100", denom: "uact", amount: 2_000_000n, newRunway: "about 2 d 1 h at the current rate" });

    expect(outcome).toEqual({ status: "confirmed" });
    const [messages, options] = send.mock.calls[0]!;
    expect(messages[0]!.typeUrl).toBe(MSG_ACCOUNT_DEPOSIT);
    expect(messages[0]!.value).toMatchObject({ signer: OWNER, id: { xid: `${OWNER}/100` }, deposit: { amount: { denom: "uact", amount: "2000000" } } });
    expect(options.title).toBe("Top up deployment 100");
    expect(options.moves).toEqual([{ label: "Top up", amount: { denom: "uact", base: 2_000_000n }, note: "From your wallet's balance into the deployment's escrow. The escrow then lasts about 2 d 1 h at the current rate." }]);
    expect(invalidated(deploymentKeys.detail(NET, OWNER, "100"), deploymentKeys.list(NET, OWNER), accountKeys.balances(NET, OWNER))).toEqual([true, true, true]);
  });

  it("a lost confirmation whose deposit is on chain counts as done (so it is not sent twice)", async () => {
    const { queryClient, send, run, invalidated } = setup();
    send.mockResolvedValue(null);
    seedDeploymentAndBalance(queryClient);
    const reads = [withDeposits(deployment(), ["5000000"]), withDeposits(deployment(), ["5000000", "2000000"])];

    const outcome = await run((deps) => topUpMutation({ ...deps, readDeployment: async () => reads.shift()! }), { owner: OWNER, dseq: "100", denom: "uact", amount: 2_000_000n, newRunway: "about 2 d 1 h at the current rate" });

    expect(outcome).toEqual({ status: "landed" });
    expect(invalidated(deploymentKeys.detail(NET, OWNER, "100"), accountKeys.balances(NET, OWNER))).toEqual([true, true]);
  });

  it("a failed transaction with no new deposit resolves null and refreshes nothing", async () => {
    const { queryClient, send, run, invalidated } = setup();
    send.mockResolvedValue(null);
    seedDeploymentAndBalance(queryClient);
    const same = withDeposits(deployment(), ["5000000"]);

    expect(await run((deps) => topUpMutation({ ...deps, readDeployment: async () => same }), { owner: OWNER, dseq: "100", denom: "uact", amount: 1n })).toBeNull();
    expect(invalidated(deploymentKeys.detail(NET, OWNER, "100"), accountKeys.balances(NET, OWNER))).toEqual([false, false]);
  });

  it("without a wallet it fails before asking for a signature", async () => {
    const { send, run } = setup({ signer: undefined });
    await expect(run((deps) => topUpMutation({ ...deps, readDeployment: async () => null }), { owner: OWNER, dseq: "100", denom: "uact", amount: 1n })).rejects.toThrow(/Connect the wallet/);
    expect(send).not.toHaveBeenCalled();
  });
});

describe("depositLanded", () => {
  it("sees a new deposit, or more deposited, and nothing when either read is missing", () => {
    const one = withDeposits(deployment(), ["5000000"]);
    expect(depositLanded(one, withDeposits(deployment(), ["5000000", "1"]), "uact")).toBe(true);
    expect(depositLanded(one, withDeposits(deployment(), ["7000000.000000000000000000"]), "uact")).toBe(true);
    expect(depositLanded(one, one, "uact")).toBe(false);
    expect(depositLanded(one, withDeposits(deployment(), ["7000000"]), "uakt")).toBe(false);
    expect(depositLanded(null, one, "uact")).toBe(false);
    expect(depositLanded(one, null, "uact")).toBe(false);
  });
});

describe("updateDeploymentMutation", () => {
  const ORIGINAL = testSdl({ image: "nginx:1.25-alpine", comment: "update test" });
  const EDITED = testSdl({ image: "nginx:1.26-alpine", comment: "update test" });

  it("signs MsgUpdateDeployment for a new version, keeps the new SDL and manifest in the record, sends the manifest once per provider and refreshes what changed", async () => {
    const { queryClient, send, run, invalidated, store, sendManifest } = setup();
    send.mockResolvedValue(TX);
    const record = await seedRecord(store, ORIGINAL, { status: "leased", name: "web" });
    const d = deployment({ hashB64: await versionB64(ORIGINAL) });
    const leases = [lease(), lease({ gseq: 2 }), lease({ provider: "akash1gone", state: "closed" })];
    queryClient.setQueryData(recordKeys.one(NET, OWNER, "100"), record);
    queryClient.setQueryData(recordKeys.list(NET, OWNER), [record]);
    queryClient.setQueryData(deploymentKeys.detail(NET, OWNER, "100"), d);
    for (const l of leases) queryClient.setQueryData(leaseKeys.status(NET, OWNER, "100", leaseKey(l)), { services: {} });

    const outcome = await run(updateDeploymentMutation, { deployment: d, leases, record, sdl: EDITED });

    expect(outcome).toEqual({ updatedOnChain: true, results: [{ provider: PROVIDER, ok: true }] });
    const [messages, options] = send.mock.calls[0]!;
    expect(messages[0]!.typeUrl).toBe(MSG_UPDATE_DEPLOYMENT);
    expect(options.title).toBe("Update deployment 100");
    const edited = await prepareManifest(EDITED, { requireUact: true });
    if (!edited.ok) throw new Error(edited.error);
    const saved = await store.load(NET, OWNER, "100");
    expect(saved).toMatchObject({ sdl: EDITED, manifestJson: edited.value.manifestJson, manifestVersion: edited.value.versionHex, name: "web" });
    // Fields the update does not own (here the deprecated status another page may still write) are kept.
    expect(saved!.status).toBe("leased");
    expect(queryClient.getQueryData(recordKeys.one(NET, OWNER, "100"))).toEqual(saved);
    expect(sendManifest).toHaveBeenCalledOnce();
    expect(sendManifest).toHaveBeenCalledWith({ owner: PROVIDER, hostUri: "https://provider.example:8443" }, "100", edited.value.manifestJson);
    expect(invalidated(recordKeys.list(NET, OWNER), deploymentKeys.detail(NET, OWNER, "100"), leaseKeys.status(NET, OWNER, "100", leaseKey(leases[0]!)), leaseKeys.status(NET, OWNER, "100", leaseKey(leases[1]!)))).toEqual([true, true, true, true]);
    expect(invalidated(leaseKeys.status(NET, OWNER, "100", leaseKey(leases[2]!)))).toEqual([false]);
  });

  it("the same version needs no transaction: the manifest is only sent again", async () => {
    const { queryClient, send, run, invalidated, store, sendManifest } = setup();
    const record = await seedRecord(store, ORIGINAL);
    const d = deployment({ hashB64: await versionB64(ORIGINAL) });
    queryClient.setQueryData(deploymentKeys.detail(NET, OWNER, "100"), d);

    const outcome = await run(updateDeploymentMutation, { deployment: d, leases: [lease()], record, sdl: ORIGINAL });

    expect(outcome).toEqual({ updatedOnChain: false, results: [{ provider: PROVIDER, ok: true }] });
    expect(send).not.toHaveBeenCalled();
    expect(sendManifest).toHaveBeenCalledOnce();
    expect(invalidated(deploymentKeys.detail(NET, OWNER, "100"))).toEqual([false]);
  });

  it("a cancelled transaction keeps the record as it was and calls no provider", async () => {
    const { send, run, store, sendManifest, queryClient, invalidated } = setup();
    send.mockResolvedValue(null);
    const record = await seedRecord(store, ORIGINAL);
    queryClient.setQueryData(recordKeys.list(NET, OWNER), [record]);
    const d = deployment({ hashB64: await versionB64(ORIGINAL) });

    expect(await run(updateDeploymentMutation, { deployment: d, leases: [lease()], record, sdl: EDITED })).toBeNull();
    expect((await store.load(NET, OWNER, "100"))!.sdl).toBe(ORIGINAL);
    expect(sendManifest).not.toHaveBeenCalled();
    expect(invalidated(recordKeys.list(NET, OWNER))).toEqual([false]);
  });

  it("an invalid SDL is an error before anything is signed", async () => {
    const { send, run, store } = setup();
    const record = await seedRecord(store, ORIGINAL);
    await expect(run(updateDeploymentMutation, { deployment: deployment(), leases: [lease()], record, sdl: "services: [" })).rejects.toThrow(/not valid YAML/);
    await expect(run(updateDeploymentMutation, { deployment: deployment(), leases: [lease()], record, sdl: testSdl({ denom: "uakt" }) })).rejects.toThrow(/uakt/);
    expect(send).not.toHaveBeenCalled();
  });

  it("a provider that refuses the manifest is reported, and the update is kept", async () => {
    const { send, run, store, sendManifest } = setup();
    send.mockResolvedValue(TX);
    const refusal = new Error("manifest rejected");
    sendManifest.mockRejectedValue(refusal);
    const record = await seedRecord(store, ORIGINAL);
    const outcome = await run(updateDeploymentMutation, { deployment: deployment({ hashB64: await versionB64(ORIGINAL) }), leases: [lease()], record, sdl: EDITED });
    expect(outcome).toEqual({ updatedOnChain: true, results: [{ provider: PROVIDER, ok: false, error: refusal }] });
    expect((await store.load(NET, OWNER, "100"))!.sdl).toBe(EDITED);
  });
});

describe("sendManifestToLeases", () => {
  it("reports a provider that is no longer registered without calling it", async () => {
    const sendManifest = vi.fn<ProviderSession["sendManifest"]>().mockResolvedValue();
    const results = await sendManifestToLeases({ dseq: "1", leases: [lease({ provider: "akash1a" }), lease({ provider: "akash1b" })], manifestJson: "[]", findProvider: async (owner) => (owner === "akash1a" ? { owner, hostUri: "https://a" } : undefined), sendManifest });
    expect(results.map((r) => [r.provider, r.ok])).toEqual([
      ["akash1a", true],
      ["akash1b", false],
    ]);
    expect(results[1]!.ok ? null : String(results[1]!.error)).toMatch(/not registered/);
    expect(sendManifest).toHaveBeenCalledOnce();
  });
});

describe("importSdlMutation", () => {
  const SDL = testSdl({ comment: "import test" });

  it("refuses an SDL whose manifest version is not the one on chain", async () => {
    const { queryClient, store } = setup();
    const d = deployment({ hashB64: await versionB64(testSdl({ image: "nginx:1.24-alpine" })) });
    await expect(new MutationObserver(queryClient, importSdlMutation({ queryClient, networkId: NET, requireUact: true, store })).mutate({ deployment: d, sdl: SDL })).rejects.toThrow(/does not match the deployment on chain/);
    expect(await store.load(NET, OWNER, "100")).toBeUndefined();
  });

  it("keeps a matching SDL and its manifest (not chain state such as leases or a lifecycle status) and shows it at once", async () => {
    const { queryClient, store, invalidated } = setup();
    queryClient.setQueryData(recordKeys.list(NET, OWNER), []);
    const d = deployment({ hashB64: await versionB64(SDL) });
    const record = await new MutationObserver(queryClient, importSdlMutation({ queryClient, networkId: NET, requireUact: true, store })).mutate({ deployment: d, sdl: SDL });
    expect(record).toMatchObject({ networkId: NET, owner: OWNER, dseq: "100", sdl: SDL });
    expect(record).not.toHaveProperty("leases");
    expect(record).not.toHaveProperty("status");
    expect(await store.load(NET, OWNER, "100")).toEqual(record);
    expect(queryClient.getQueryData(recordKeys.one(NET, OWNER, "100"))).toEqual(record);
    expect(invalidated(recordKeys.list(NET, OWNER))).toEqual([true]);
  });
});

function seedDeploymentAndBalance(queryClient: QueryClient) {
  queryClient.setQueryData(deploymentKeys.detail(NET, OWNER, "100"), deployment());
  queryClient.setQueryData(deploymentKeys.list(NET, OWNER), [deployment()]);
  queryClient.setQueryData(accountKeys.balances(NET, OWNER), [{ denom: "uact", amount: "9000000" }]);
}

async function seedRecord(store: DeploymentStore, sdl: string, over: Partial<DeploymentRecord> = {}): Promise<DeploymentRecord> {
  const prepared = await prepareManifest(sdl, { requireUact: true });
  if (!prepared.ok) throw new Error(prepared.error);
  const record: DeploymentRecord = { networkId: NET, owner: OWNER, dseq: "100", name: "", sdl, manifestJson: prepared.value.manifestJson, manifestVersion: prepared.value.versionHex, createdAt: 1, updatedAt: 1, ...over };
  await store.save(record);
  return record;
}

/** A QueryClient seeded through the production key factories, a mocked wallet `send`, a store and a provider session. */
function setup(options: { signer?: string | undefined } = { signer: OWNER }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const send = vi.fn<WalletContextValue["send"]>();
  const store = new DeploymentStore(new MemoryStorage(), null);
  const sendManifest = vi.fn<ProviderSession["sendManifest"]>().mockResolvedValue();
  const deps = {
    queryClient,
    networkId: NET,
    send,
    signer: options.signer,
    requireUact: true,
    store,
    sendManifest,
    findProvider: async (owner: string) => (owner === PROVIDER ? { owner, hostUri: "https://provider.example:8443" } : undefined),
  };
  function run<TData, TVars>(factory: (d: typeof deps) => MutationOptions<TData, Error, TVars>, vars: TVars): Promise<TData> {
    return new MutationObserver(queryClient, factory(deps)).mutate(vars);
  }
  const invalidated = (...keys: ReadonlyArray<readonly unknown[]>) => keys.map((queryKey) => queryClient.getQueryState(queryKey)?.isInvalidated ?? false);
  return { queryClient, send, store, sendManifest, run, invalidated };
}
