/**
 * What the deployment pages change (closing is shared with the auction page: src/shared/deployment-actions): top up, update (and importing an SDL made elsewhere). Each is a
 * mutation factory (`xMutation(deps)` → `{ mutationFn, onSuccess }`) that owns its cache effects through the
 * shared key factories, and a hook that supplies the deps; components only call `mutate` and read
 * `isPending`/`error`/`data`.
 *
 * A mutation resolves `null` when the wallet's transaction was cancelled or failed: the wallet has already
 * told the user why, so that is not an error to show again, and nothing changed on chain.
 */
import { useQueryClient, useMutation, type MutationOptions } from "@tanstack/react-query";
import { getDeployment, type Deployment } from "@/lib/chain/deployment";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { sumOf } from "@/lib/chain/coins";
import { deploymentStore, type DeploymentRecord, type DeploymentStore } from "@/lib/deployment/local-store";
import { prepareManifest, type PreparedManifest } from "@/lib/deployment/manifest";
import type { ManifestTarget } from "@/lib/provider-proxy/manifest-sender";
import { accountKeys, deploymentKeys, leaseKeys, recordKeys, useAuditedProviders } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { useProviderSession, type ProviderSession } from "@/shared/provider-session";
import { invalidate, useMutationDeps, type MutationDeps } from "@/shared/deployment-actions";
import { activeLeases, activeProviders } from "./leases";
import { chainVersionHex } from "./manifest-version";
import { buildDepositMsg, buildUpdateDeploymentMsg } from "@/lib/deployment/messages";
import type { TxMove } from "@/lib/wallet/tx-moves";
import { formatCoinShort } from "@/lib/format/coins";

// --------------------------------------------------------------------------------------------- top up

export interface TopUpRequest {
  owner: string;
  dseq: string;
  denom: string;
  /** Micro-units. */
  amount: bigint;
  /** How long the escrow lasts after the top up ("about 3 d 4 h at the current rate"), for the signing dialog. */
  newRunway?: string;
  /** Draw on deposit authorizations granted to the signer (who must own the deployment), then the balance. */
  fromGrant?: { label: string; remaining: bigint } | null;
}

/** The signing dialog's line: the amount, where it comes from, and how long the escrow then lasts. */
export function topUpMoves({ denom, amount, newRunway, fromGrant }: Pick<TopUpRequest, "denom" | "amount" | "newRunway" | "fromGrant">): TxMove[] {
  const source = fromGrant
    ? `From ${fromGrant.label}'s deposit authorization (${formatCoinShort(fromGrant.remaining, denom)} left on it), then your balance for any rest, into the deployment's escrow; on close, what is left goes back to whoever paid it.`
    : "From your wallet's balance into the deployment's escrow.";
  return [{ label: "Top up", amount: { denom, base: amount }, note: newRunway ? `${source} The escrow then lasts ${newRunway}.` : source }];
}

/** "confirmed": the wallet saw it included; "landed": the confirmation was lost but the chain has the deposit. */
export type TopUpOutcome = { status: "confirmed" | "landed" };

/** Whether `after` holds a deposit `before` did not (more deposits, or more deposited). */
export function depositLanded(before: Deployment | null, after: Deployment | null, denom: string): boolean {
  if (!before || !after) return false;
  const deposits = (d: Deployment) => d.escrow?.deposits ?? [];
  const funded = (d: Deployment) => sumOf(deposits(d).map((x) => x.balance), denom);
  return deposits(after).length > deposits(before).length || funded(after) > funded(before);
}

export interface TopUpDeps extends MutationDeps {
  /** The deployment as the chain has it now (null when missing); read around the transaction. */
  readDeployment: (owner: string, dseq: string) => Promise<Deployment | null>;
}

/** Deposits into a deployment's escrow from the wallet balance (`MsgAccountDeposit`). */
export function topUpMutation({ queryClient, networkId, send, signer, readDeployment }: TopUpDeps): MutationOptions<TopUpOutcome | null, Error, TopUpRequest> {
  return {
    mutationFn: async ({ owner, dseq, denom, amount, newRunway, fromGrant }) => {
      if (!signer) throw new Error("Connect the wallet that pays for the top up first.");
      // Read before signing: if the node drops out after broadcasting, the chain tells us whether it landed.
      const before = await readDeployment(owner, dseq).catch(() => null);
      const sources = fromGrant && signer === owner ? (["grant", "balance"] as const) : (["balance"] as const);
      const tx = await send([buildDepositMsg({ signer, owner, dseq, denom, amount, sources })], { title: `Top up deployment ${dseq}`, moves: topUpMoves({ denom, amount, newRunway, fromGrant: sources.length > 1 ? fromGrant : null }) });
      if (tx) return { status: "confirmed" };
      const after = before ? await readDeployment(owner, dseq).catch(() => null) : null;
      return depositLanded(before, after, denom) ? { status: "landed" } : null;
    },
    onSuccess: (outcome, { owner, dseq }) => {
      if (!outcome) return;
      void invalidate(queryClient, deploymentKeys.detail(networkId, owner, dseq), deploymentKeys.list(networkId, owner), accountKeys.balances(networkId, signer ?? owner));
    },
  };
}

// --------------------------------------------------------------------------------------------- update

export type ManifestSendResult = { provider: string; ok: true } | { provider: string; ok: false; error: unknown };

/** PUTs the manifest to each provider running an active lease (once per provider); never throws, one result each. */
export function sendManifestToLeases(args: {
  dseq: string;
  leases: ReadonlyArray<Pick<Lease, "state" | "provider">>;
  manifestJson: string;
  findProvider: (owner: string) => Promise<ManifestTarget | undefined>;
  sendManifest: ProviderSession["sendManifest"];
}): Promise<ManifestSendResult[]> {
  return Promise.all(
    activeProviders(args.leases).map(async (provider): Promise<ManifestSendResult> => {
      try {
        const target = await args.findProvider(provider);
        if (!target?.hostUri) return { provider, ok: false, error: new Error(`Provider ${provider} is not registered on chain any more.`) };
        await args.sendManifest(target, args.dseq, args.manifestJson);
        return { provider, ok: true };
      } catch (error) {
        return { provider, ok: false, error };
      }
    }),
  );
}

export interface UpdateRequest {
  deployment: Deployment;
  leases: Lease[];
  /** The record this browser keeps; its SDL, manifest and version are replaced. */
  record: DeploymentRecord;
  /** The SDL to run: an edit, or `record.sdl` to send the saved manifest again. */
  sdl: string;
}

export interface UpdateOutcome {
  /** Whether the manifest version changed, so MsgUpdateDeployment was signed. */
  updatedOnChain: boolean;
  results: ManifestSendResult[];
}

export interface UpdateDeps extends MutationDeps {
  requireUact: boolean;
  store: Pick<DeploymentStore, "update" | "save">;
  sendManifest: ProviderSession["sendManifest"];
  findProvider: (owner: string) => Promise<ManifestTarget | undefined>;
}

async function prepared(sdl: string, requireUact: boolean): Promise<PreparedManifest> {
  const result = await prepareManifest(sdl, { requireUact });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/**
 * Update: MsgUpdateDeployment when the manifest version changes (none when it does not), then the record gets
 * the new SDL and manifest (before any provider is called, so a provider failure loses nothing), then the
 * manifest goes to every active lease's provider.
 */
export function updateDeploymentMutation({ queryClient, networkId, send, requireUact, store, sendManifest, findProvider }: UpdateDeps): MutationOptions<UpdateOutcome | null, Error, UpdateRequest> {
  return {
    mutationFn: async ({ deployment, leases, record, sdl }) => {
      const { owner, dseq } = deployment;
      const manifest = await prepared(sdl, requireUact);
      const updatedOnChain = manifest.versionHex !== chainVersionHex(deployment.hashB64);
      if (updatedOnChain) {
        const tx = await send([buildUpdateDeploymentMsg(owner, dseq, manifest.version)], { title: `Update deployment ${dseq}`, moves: [] });
        if (!tx) return null;
      }
      const patch = { sdl, manifestJson: manifest.manifestJson, manifestVersion: manifest.versionHex };
      // `update` re-reads the stored record, so what another page wrote meanwhile is kept; gone (another tab
      // removed it): the SDL now on chain must still be kept.
      let saved = await store.update(networkId, owner, dseq, patch);
      if (!saved) {
        saved = { ...record, ...patch, updatedAt: Date.now() };
        await store.save(saved);
      }
      queryClient.setQueryData(recordKeys.one(networkId, owner, dseq), saved);
      const results = await sendManifestToLeases({ dseq, leases, manifestJson: manifest.manifestJson, findProvider, sendManifest });
      return { updatedOnChain, results };
    },
    onSuccess: (outcome, { deployment, leases }) => {
      if (!outcome) return;
      const { owner, dseq } = deployment;
      void invalidate(queryClient, recordKeys.list(networkId, owner));
      if (outcome.updatedOnChain) void invalidate(queryClient, deploymentKeys.detail(networkId, owner, dseq), deploymentKeys.list(networkId, owner), accountKeys.balances(networkId, owner));
      // The providers now run the new manifest: their services, URIs and replicas change.
      for (const lease of activeLeases(leases)) void invalidate(queryClient, leaseKeys.status(networkId, owner, dseq, leaseKey(lease)));
    },
  };
}

// ---------------------------------------------------------------------------------------------- import

export interface ImportRequest {
  deployment: Deployment;
  sdl: string;
}

export type ImportDeps = Pick<UpdateDeps, "queryClient" | "networkId" | "requireUact" | "store">;

/**
 * Keeps the SDL of a deployment made elsewhere (CLI, another browser), once its manifest version is the one on
 * chain. The record holds only what the chain cannot tell: SDL, name and manifest.
 */
export function importSdlMutation({ queryClient, networkId, requireUact, store }: ImportDeps): MutationOptions<DeploymentRecord, Error, ImportRequest> {
  return {
    mutationFn: async ({ deployment, sdl }) => {
      const manifest = await prepared(sdl, requireUact);
      const onChain = chainVersionHex(deployment.hashB64);
      if (manifest.versionHex !== onChain) {
        throw new Error(
          `This SDL does not match the deployment on chain: its manifest version is ${manifest.versionHex.slice(0, 12)}…, the chain has ${onChain.slice(0, 12) || "none"}…. Import the exact SDL the deployment runs (same images, env, resources and prices).`,
        );
      }
      const now = Date.now();
      const record: DeploymentRecord = {
        networkId,
        owner: deployment.owner,
        dseq: deployment.dseq,
        name: "",
        sdl,
        manifestJson: manifest.manifestJson,
        manifestVersion: manifest.versionHex,
        createdAt: now,
        updatedAt: now,
      };
      await store.save(record);
      queryClient.setQueryData(recordKeys.one(networkId, deployment.owner, deployment.dseq), record);
      return record;
    },
    onSuccess: (record) => invalidate(queryClient, recordKeys.list(networkId, record.owner)),
  };
}

// ----------------------------------------------------------------------------------------------- hooks

export function useTopUp() {
  const deps = useMutationDeps();
  const { network } = useNetwork();
  return useMutation(topUpMutation({ ...deps, readDeployment: (owner, dseq) => getDeployment(network.restUrl, owner, dseq) }));
}

export function useUpdateDeployment() {
  const deps = useMutationDeps();
  const { network } = useNetwork();
  const session = useProviderSession();
  const { byOwner, refetch } = useAuditedProviders();
  return useMutation(
    updateDeploymentMutation({
      ...deps,
      requireUact: network.denoms.compute === "uact",
      store: deploymentStore(),
      sendManifest: session.sendManifest,
      // A provider registered after the list was read: read it again once.
      findProvider: async (owner) => byOwner.get(owner) ?? (await refetch()).data?.find((p) => p.owner === owner),
    }),
  );
}

export function useImportSdl() {
  const queryClient = useQueryClient();
  const { network } = useNetwork();
  return useMutation(importSdlMutation({ queryClient, networkId: network.id, requireUact: network.denoms.compute === "uact", store: deploymentStore() }));
}
