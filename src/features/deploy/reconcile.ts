/** Reconciling a locally saved deployment with the chain (no SDL tooling here: the app shell loads this). */
import { deploymentStore } from "@/lib/deployment/local-store";
import { getDeployment } from "@/lib/deployment/queries";
import type { NetworkConfig } from "@/lib/networks/networks";

export type CreateOutcome =
  | { ok: true; dseq: string }
  /** `dseq` is set when a record was saved (the SDL is kept either way: it is also the editor's draft). */
  | { ok: false; error?: string; dseq?: string; unknown?: boolean };

/** A transaction not included this long after it was signed never will be (cosmjs gives up after 60 s). */
export const PENDING_EXPIRY_MS = 2 * 60_000;

/** Checks the chain for a pending record's deployment: promotes it, drops it, or leaves it pending when unknown. */
export async function reconcilePending(network: NetworkConfig, owner: string, dseq: string, savedAt: number): Promise<CreateOutcome> {
  const store = deploymentStore();
  try {
    const onChain = await getDeployment(network.restUrl, owner, dseq);
    if (onChain) {
      await store.update(network.id, owner, dseq, { status: onChain.state === "closed" ? "closed" : "created" });
      return onChain.state === "closed" ? { ok: false, dseq } : { ok: true, dseq };
    }
    // Not on chain: forget it once it can no longer land (the SDL stays in the editor's draft).
    if (Date.now() - savedAt > PENDING_EXPIRY_MS) await store.remove(network.id, owner, dseq);
    return { ok: false };
  } catch {
    return { ok: false, dseq, unknown: true, error: "The node is not answering, so it is unknown whether the deployment was created. It is saved on this device; you will be asked to check again when the node is back." };
  }
}
