import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { deploymentStore } from "@/lib/deployment/local-store";
import { useNetwork } from "@/shared/network";
import { recordKeys } from "./keys";

/** Records this browser keeps (SDL, name, manifest: what the chain cannot tell), for one owner. */
export function useDeploymentRecords(owner: string | undefined) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: recordKeys.list(network.id, owner ?? ""),
    queryFn: () => deploymentStore().list(network.id, owner!),
    enabled: Boolean(owner),
    // Another tab may create or rename one.
    refetchInterval: 5000,
  });
}

/** Names given to deployments in this browser (the chain has none), by dseq. */
export function useDeploymentNames(owner: string | undefined): Map<string, string> {
  const records = useDeploymentRecords(owner);
  return useMemo(() => new Map((records.data ?? []).filter((r) => r.name).map((r) => [r.dseq, r.name])), [records.data]);
}

/** The full local record (SDL + manifest) of one deployment; null when this browser has none. */
export function useDeploymentRecord(owner: string | undefined, dseq: string) {
  const { network } = useNetwork();
  return useQuery({
    queryKey: recordKeys.one(network.id, owner ?? "", dseq),
    queryFn: async () => (await deploymentStore().load(network.id, owner!, dseq)) ?? null,
    enabled: Boolean(owner && dseq),
  });
}
