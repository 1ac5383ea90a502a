/**
 * Creating a deployment: prepare the manifest, take dseq = latest block height, save the local record BEFORE
 * broadcasting, send one transaction, and check the chain when the outcome is unclear (cancelled, failed, or
 * the node went away mid-flow). The record keeps what the chain cannot tell (SDL, name, manifest, deposit, tx
 * hash); where the deployment stands is read from the chain (`deploymentPhase`).
 */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import { getLatestBlock } from "@/lib/chain/blocks";
import { getDeployment, type Deployment } from "@/lib/chain/deployment";
import { getErrorMessage } from "@/lib/errors";
import { deploymentStore, type DeploymentRecord, type DeploymentStore } from "@/lib/deployment/local-store";
import { prepareManifest } from "@/lib/deployment/manifest";
import { formatCoinShort } from "@/lib/format/coins";
import { buildCreateDeploymentMsg } from "@/lib/deployment/messages";
import { deploymentPhase } from "@/lib/deployment/phase";
import type { TxMove } from "@/lib/wallet/tx-moves";
import { accountKeys, deploymentKeys, recordKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { invalidate, useMutationDeps, type MutationDeps } from "@/shared/deployment-actions";
import { warmBidFeed } from "./bid-feeds";

export type CreateOutcome =
  | { ok: true; dseq: string }
  /** `dseq` is set when a record was kept (the SDL is kept either way: it is also the editor's draft). */
  | { ok: false; error?: string; dseq?: string; unknown?: boolean };

export interface CreateRequest {
  owner: string;
  sdl: string;
  name: string;
  /** Micro-units of the network's compute denom. */
  deposit: { denom: string; amount: bigint };
  templateId?: string;
  /** What the deposit buys at the estimate, e.g. "Lasts about 3 d 4 h at the highest estimate", for the signing dialog. */
  depositNote?: string;
  /**
   * Fund the deposit from deposit authorizations granted to the owner (then the balance for the rest). The chain
   * walks the owner's grants itself; `granter` is the one expected to pay first, for the signing dialog.
   */
  fromGrant?: { granter: string; label: string; remaining: bigint } | null;
}

/** The signing dialog's one line: the deposit, where it comes from and where it goes back to. */
export function createMoves(request: Pick<CreateRequest, "deposit" | "depositNote" | "fromGrant">): TxMove[] {
  const grant = request.fromGrant;
  const source = grant
    ? `From ${grant.label}'s deposit authorization (${formatCoinShort(grant.remaining, request.deposit.denom)} left on it), then your balance for any rest, into the deployment's escrow; on close, what is left goes back to whoever paid it.`
    : "From your wallet's balance into the deployment's escrow; what is left comes back when you close it.";
  return [{ label: "Deposit into escrow", amount: { denom: request.deposit.denom, base: request.deposit.amount }, note: request.depositNote ? `${source} ${request.depositNote}` : source }];
}

export interface CreateDeps extends MutationDeps {
  requireUact: boolean;
  store: Pick<DeploymentStore, "save" | "update" | "load" | "remove">;
  latestHeight: () => Promise<number>;
  readDeployment: (owner: string, dseq: string) => Promise<Deployment | null>;
  /**
   * Called when the user approves the transaction, before it is sent (e.g. to start following the auction's bids,
   * which providers send in the very next block); the function it returns is called if nothing was created.
   */
  onSending?: (owner: string, dseq: string) => () => void;
}

/** After a create whose outcome the wallet could not confirm: what the chain says now. */
export async function reconcileCreate(deps: Pick<CreateDeps, "networkId" | "store" | "readDeployment">, owner: string, dseq: string): Promise<CreateOutcome> {
  let deployment: Deployment | null;
  try {
    deployment = await deps.readDeployment(owner, dseq);
  } catch {
    return { ok: false, dseq, unknown: true, error: "The node is not answering, so it is unknown whether the deployment was created. It is saved on this device; you will be asked to check again when the node is back." };
  }
  const record = (await deps.store.load(deps.networkId, owner, dseq)) ?? null;
  switch (deploymentPhase(record, deployment, [], Date.now())) {
    case "open":
    case "leased":
      return { ok: true, dseq };
    case "closed":
      return { ok: false, dseq };
    case "abandoned":
      // It can no longer land: forget it (the SDL stays in the editor's draft).
      await deps.store.remove(deps.networkId, owner, dseq);
      return { ok: false };
    default:
      // Not on chain yet: the wallet said why; the recovery banner offers it if it lands after all.
      return { ok: false };
  }
}

export async function createDeployment(deps: CreateDeps, request: CreateRequest): Promise<CreateOutcome> {
  const { networkId, store } = deps;
  const { owner } = request;
  const prepared = await prepareManifest(request.sdl, { requireUact: deps.requireUact });
  if (!prepared.ok) return { ok: false, error: prepared.error };
  let dseq: string;
  try {
    dseq = String(await deps.latestHeight());
  } catch (error) {
    return { ok: false, error: `Cannot read the latest block from the node (${getErrorMessage(error)}). Check the network status and try again.` };
  }
  const now = Date.now();
  const record: DeploymentRecord = {
    networkId,
    owner,
    dseq,
    name: request.name,
    sdl: request.sdl,
    manifestJson: prepared.value.manifestJson,
    manifestVersion: prepared.value.versionHex,
    createdAt: now,
    updatedAt: now,
    deposit: { denom: request.deposit.denom, amount: request.deposit.amount.toString() },
    templateId: request.templateId,
  };
  try {
    await store.save(record);
  } catch (error) {
    // Never broadcast a deployment whose SDL we could not keep: the manifest could not be sent later.
    return { ok: false, error: `Could not save the deployment locally, so nothing was sent: ${getErrorMessage(error)}` };
  }
  const message = buildCreateDeploymentMsg({ owner, dseq, prepared: prepared.value, deposit: request.deposit, sources: request.fromGrant ? ["grant", "balance"] : ["balance"] });
  let notCreated: (() => void) | undefined;
  const tx = await deps.send([message], {
    title: `Create deployment ${request.name}`,
    moves: createMoves(request),
    // A retry after a rejected fee grant approves again: one feed either way.
    onApproved: () => void (notCreated ??= deps.onSending?.(owner, dseq)),
  });
  if (tx) {
    // Another tab may have forgotten the record while the wallet was asking: the deployment exists, keep it.
    const saved = await store.update(networkId, owner, dseq, { txHash: tx.hash });
    if (!saved) await store.save({ ...record, txHash: tx.hash, updatedAt: Date.now() });
    return { ok: true, dseq };
  }
  // Cancelled or failed: the transaction may have been broadcast just now and still land, so the record counts as
  // freshly written before the chain is asked.
  await store.update(networkId, owner, dseq, {});
  const outcome = await reconcileCreate(deps, owner, dseq);
  if (!outcome.ok) notCreated?.();
  return outcome;
}

export function createDeploymentMutation(deps: CreateDeps): MutationOptions<CreateOutcome, Error, CreateRequest> {
  const { queryClient, networkId } = deps;
  return {
    mutationFn: (request) => createDeployment(deps, request),
    // A record may have been written whatever the outcome.
    onSettled: (outcome, _error, { owner }) => {
      const touched: Array<readonly unknown[]> = [recordKeys.all(networkId, owner)];
      if (outcome?.ok) touched.push(deploymentKeys.all(networkId, owner), accountKeys.balances(networkId, owner));
      void invalidate(queryClient, ...touched);
    },
  };
}

export function useCreateDeployment() {
  const deps = useMutationDeps();
  const { network } = useNetwork();
  return useMutation(
    createDeploymentMutation({
      ...deps,
      requireUact: network.denoms.compute === "uact",
      store: deploymentStore(),
      latestHeight: async () => (await getLatestBlock(network.restUrl)).height,
      readDeployment: (owner, dseq) => getDeployment(network.restUrl, owner, dseq),
      // The auction's bid feed is subscribed before the deployment's block, so no bid arrives before it is.
      onSending: (owner, dseq) => warmBidFeed(deps.queryClient, network, owner, dseq),
    }),
  );
}
