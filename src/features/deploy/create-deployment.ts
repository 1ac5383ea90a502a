/**
 * Creating a deployment: prepare the manifest, take dseq = latest block height, save the local
 * record BEFORE broadcasting, send one transaction, and reconcile the record with the chain when the
 * outcome is unclear (cancelled, failed, or the node went away mid-flow).
 */
import type { EncodeObject } from "@cosmjs/proto-signing";
import type { SendOptions } from "@/shared/wallet";
import { deploymentStore } from "@/lib/deployment/local-store";
import { prepareManifest } from "@/lib/deployment/manifest";
import { buildCreateDeploymentMsg } from "@/lib/deployment/messages";
import { getLatestHeight } from "@/lib/deployment/queries";
import { reconcilePending, type CreateOutcome } from "./reconcile";

export type { CreateOutcome };
import type { NetworkConfig } from "@/lib/networks/networks";
import type { TxResult } from "@/lib/tx/signing";
import { getErrorMessage } from "@/lib/errors";

export interface CreateArgs {
  network: NetworkConfig;
  owner: string;
  send: (messages: EncodeObject[], options: SendOptions) => Promise<TxResult | null>;
  sdl: string;
  name: string;
  deposit: { denom: string; amount: bigint };
  templateId?: string;
}

export async function createDeployment(args: CreateArgs): Promise<CreateOutcome> {
  const { network, owner } = args;
  const prepared = await prepareManifest(args.sdl, { requireUact: network.denoms.compute === "uact" });
  if (!prepared.ok) return { ok: false, error: prepared.error };
  let height: string;
  try {
    ({ height } = await getLatestHeight(network.restUrl));
  } catch (error) {
    return { ok: false, error: `Cannot read the latest block from the node (${getErrorMessage(error)}). Check the network status and try again.` };
  }
  const dseq = height;
  const store = deploymentStore();
  const now = Date.now();
  try {
    await store.save({
      networkId: network.id,
      owner,
      dseq,
      name: args.name,
      sdl: args.sdl,
      manifestJson: prepared.value.manifestJson,
      manifestVersion: prepared.value.versionHex,
      status: "pending",
      createdAt: now,
      updatedAt: now,
      deposit: { denom: args.deposit.denom, amount: args.deposit.amount.toString() },
      templateId: args.templateId,
    });
  } catch (error) {
    // Never broadcast a deployment whose SDL we could not keep: the manifest could not be sent later.
    return { ok: false, error: `Could not save the deployment locally, so nothing was sent: ${getErrorMessage(error)}` };
  }
  const message = buildCreateDeploymentMsg({ owner, dseq, prepared: prepared.value, deposit: args.deposit });
  const result = await args.send([message], { title: `Create deployment ${args.name}` });
  if (result) {
    await store.update(network.id, owner, dseq, { status: "created", txHash: result.hash });
    return { ok: true, dseq };
  }
  // Cancelled or failed: the transaction may still have landed (e.g. the node dropped while we waited).
  return reconcilePending(network, owner, dseq, Date.now());
}

