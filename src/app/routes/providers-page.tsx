import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Page } from "@/components/ui/page";
import { Skeleton } from "@/components/ui/skeleton";
import { useNetwork } from "@/features/network";
import { getProviders } from "@/lib/chain/queries";
import { shortenAddress } from "@/lib/format/coins";

export function ProvidersPage() {
  const { network } = useNetwork();
  const providers = useQuery({
    queryKey: ["chain", network.id, "providers"],
    queryFn: ({ signal }) => getProviders(network.restUrl, signal),
    refetchInterval: 30_000,
  });
  return (
    <Page title="Providers" description={`Providers registered on ${network.label}.`}>
      <Card>
        {providers.isPending ? (
          <div className="flex flex-col gap-3 p-5">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-3/4" />
          </div>
        ) : providers.isError ? (
          <div className="p-5">
            <Alert tone="error" title="Could not load providers">
              {providers.error.message}
            </Alert>
          </div>
        ) : providers.data.length === 0 ? (
          <EmptyState title="No providers on this network">No provider has registered on {network.label} yet.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Providers</caption>
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th className="px-5 py-2 font-medium">Provider</th>
                  <th className="px-5 py-2 font-medium">Host</th>
                  <th className="px-5 py-2 font-medium">Attributes</th>
                </tr>
              </thead>
              <tbody>
                {providers.data.map((p) => (
                  <tr key={p.owner} className="border-t border-border align-top">
                    <td className="px-5 py-3 font-mono text-xs" title={p.owner}>
                      {shortenAddress(p.owner)}
                      {p.website && <div className="mt-1 font-sans text-muted">{p.website}</div>}
                    </td>
                    <td className="px-5 py-3 font-mono text-xs break-all">{p.hostUri}</td>
                    <td className="px-5 py-3">
                      <ul className="flex flex-wrap gap-1">
                        {p.attributes.slice(0, 8).map((a) => (
                          <li key={`${a.key}=${a.value}`} className="rounded bg-surface-2 px-1.5 py-0.5 text-xs">
                            {a.key}: {a.value}
                          </li>
                        ))}
                        {p.attributes.length > 8 && <li className="text-xs text-muted">+{p.attributes.length - 8} more</li>}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </Page>
  );
}

export default ProvidersPage;
