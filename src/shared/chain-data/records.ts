import { useQueries, useQuery } from "@tanstack/react-query";
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

/** `owner/dseq` → name over several owners' record lists (module-level: useQueries memoizes a stable `combine`). */
function namesByDeployment(results: ReadonlyArray<{ data?: ReadonlyArray<{ owner: string; dseq: string; name: string }> }>): Map<string, string> {
  return new Map(results.flatMap((r) => (r.data ?? []).filter((x) => x.name).map((x) => [`${x.owner}/${x.dseq}`, x.name] as const)));
}

/**
 * Names given in this browser to several owners' deployments (a team's members), by `owner/dseq`: records exist only
 * for the owners this browser deployed from, so the others simply have none.
 */
export function useDeploymentNamesOf(owners: readonly string[]): Map<string, string> {
  const { network } = useNetwork();
  return useQueries({
    queries: owners.map((owner) => ({
      queryKey: recordKeys.list(network.id, owner),
      queryFn: () => deploymentStore().list(network.id, owner),
      refetchInterval: 5000,
    })),
    combine: namesByDeployment,
  });
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
