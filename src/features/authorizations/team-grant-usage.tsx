/** Grant usage for a team on the spend dashboard: the deposit authorizations its members hold and what they funded. */
import { useQueries } from "@tanstack/react-query";
import { listGrantsByGrantee } from "@/lib/chain/authz";
import { grantKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { GrantUsageCard } from "./grant-usage-card";

export function TeamGrantUsage({ addresses }: { addresses: readonly string[] }) {
  const { network } = useNetwork();
  const reads = useQueries({
    queries: addresses.map((grantee) => ({
      queryKey: grantKeys.authzReceived(network.id, grantee),
      queryFn: ({ signal }: { signal: AbortSignal }) => listGrantsByGrantee(network.restUrl, grantee, signal),
      refetchInterval: 15_000,
    })),
  });
  const grants = reads.flatMap((r) => r.data ?? []);
  return <GrantUsageCard title="Funded by grants" grants={grants} grantees={addresses} />;
}
