/** Forgetting a local record whose create transaction can no longer land (nothing on chain to recover). */
import { useMutation, useQueryClient, type MutationOptions, type QueryClient } from "@tanstack/react-query";
import { deploymentStore, type DeploymentStore } from "@/lib/deployment/local-store";
import { recordKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";

export interface ForgetRequest {
  owner: string;
  dseq: string;
}

export function forgetRecordMutation(deps: { queryClient: QueryClient; networkId: string; store: Pick<DeploymentStore, "remove"> }): MutationOptions<void, Error, ForgetRequest> {
  const { queryClient, networkId, store } = deps;
  return {
    mutationFn: ({ owner, dseq }) => store.remove(networkId, owner, dseq),
    onSuccess: (_void, { owner, dseq }) => {
      queryClient.setQueryData(recordKeys.one(networkId, owner, dseq), null);
      void queryClient.invalidateQueries({ queryKey: recordKeys.list(networkId, owner) });
    },
  };
}

export function useForgetRecord() {
  const queryClient = useQueryClient();
  const { network } = useNetwork();
  return useMutation(forgetRecordMutation({ queryClient, networkId: network.id, store: deploymentStore() }));
}
