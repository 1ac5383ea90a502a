/** Which providers do not answer their `/status` (through the proxy): address → why. A proxy outage flags nobody. */
import type { AuditedProvider } from "@/lib/chain/provider";
import { classifyLiveFailure, useProviderStatuses } from "@/shared/provider-session";

export function useOfflineProviders(providers: ReadonlyArray<Pick<AuditedProvider, "owner" | "hostUri">>): ReadonlyMap<string, string> {
  const { results } = useProviderStatuses(providers);
  const offline = new Map<string, string>();
  providers.forEach((p, i) => {
    const error = results[i]?.error;
    if (!error) return;
    const failure = classifyLiveFailure(error);
    if (!failure.proxyUnreachable) offline.set(p.owner, failure.message);
  });
  return offline;
}
