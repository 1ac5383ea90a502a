/** Closing a deployment from the auction page (no provider suits it, or the user changed their mind). */
import { useMutation, type MutationOptions } from "@tanstack/react-query";
import type { Deployment } from "@/lib/chain/deployment";
import { buildCloseDeploymentMsg } from "@/lib/deployment/messages";
import type { TxResult } from "@/lib/tx/signing";
import { accountKeys, bidKeys, deploymentKeys, leaseKeys } from "@/shared/chain-data";
import { invalidate, useMutationDeps, type MutationDeps } from "./mutation-deps";

export interface CloseRequest {
  owner: string;
  dseq: string;
}

export function closeDeploymentMutation({ queryClient, networkId, send }: MutationDeps): MutationOptions<TxResult | null, Error, CloseRequest> {
  return {
    mutationFn: ({ owner, dseq }) => send([buildCloseDeploymentMsg(owner, dseq)], { title: `Close deployment ${dseq}` }),
    onSuccess: (tx, { owner, dseq }) => {
      if (!tx) return;
      // The transaction is in a block: the deployment is closed, whatever a refetch in flight says.
      queryClient.setQueryData<Deployment | null>(deploymentKeys.detail(networkId, owner, dseq), (d) => (d ? { ...d, state: "closed" } : d));
      return invalidate(queryClient, deploymentKeys.all(networkId, owner), leaseKeys.all(networkId, owner), bidKeys.list(networkId, owner, dseq), accountKeys.balances(networkId, owner));
    },
  };
}

export function useCloseDeployment() {
  return useMutation(closeDeploymentMutation(useMutationDeps()));
}
