import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNetwork } from "@/shared/network";
import { deploymentStore } from "@/lib/deployment/local-store";

export const localRecordKeys = {
  list: (networkId: string, owner: string) => ["local", networkId, "deployment-records", owner] as const,
  one: (networkId: string, owner: string, dseq: string) => ["local", networkId, "deployment-records", owner, dseq] as const,
};

/** Names given to deployments in this browser (the chain has none), by dseq. */
export function useDeploymentNames(owner: string | undefined): Map<string, string> {
  const { network } = useNetwork();
  const query = useQuery({
    queryKey: localRecordKeys.list(network.id, owner ?? ""),
    queryFn: () => deploymentStore().list(network.id, owner!),
    enabled: Boolean(owner),
    refetchInterval: 5000,
  });
  return useMemo(() => new Map((query.data ?? []).filter((r) => r.name).map((r) => [r.dseq, r.name])), [query.data]);
}

/** The full local record (SDL + manifest) of one deployment, if this browser has it. */
export function useLocalRecord(owner: string | undefined, dseq: string) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: localRecordKeys.one(network.id, owner ?? "", dseq),
    queryFn: async () => (await deploymentStore().load(network.id, owner!, dseq)) ?? null,
    enabled: Boolean(owner),
  });
}
