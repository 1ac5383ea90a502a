import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Page } from "@/components/ui/page";
import { Skeleton } from "@/components/ui/skeleton";
import { useNetwork } from "@/features/network";
import { useWallet } from "@/features/wallet";
import { getDeployments } from "@/lib/chain/queries";
import { formatCoin } from "@/lib/format/coins";

export function DeploymentsPage() {
  const { network } = useNetwork();
  const { wallet, openConnectDialog } = useWallet();
  const deployments = useQuery({
    queryKey: ["chain", network.id, "account", wallet?.address ?? "", "deployments"],
    queryFn: ({ signal }) => getDeployments(network.restUrl, wallet!.address, signal),
    enabled: Boolean(wallet),
    refetchInterval: 15_000,
  });
  const deploy = (
    <Link to="/templates" className={buttonClasses("primary", "sm")}>
      New deployment
    </Link>
  );
  return (
    <Page title="Deployments" description={`Your deployments on ${network.label}.`} actions={deploy}>
      <Card>
        {!wallet ? (
          <EmptyState title="Connect a wallet to see your deployments" action={<Button onClick={openConnectDialog}>Connect wallet</Button>} />
        ) : deployments.isPending ? (
          <div className="flex flex-col gap-3 p-5">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-3/4" />
          </div>
        ) : deployments.isError ? (
          <div className="p-5">
            <Alert tone="error" title="Could not load deployments">
              {deployments.error.message}
            </Alert>
          </div>
        ) : deployments.data.length === 0 ? (
          <EmptyState title="No deployments yet" action={deploy}>
            Start from a template: you review the cost, pick a provider's bid, and your app runs on Akash.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Deployments</caption>
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th className="px-5 py-2 font-medium">DSEQ</th>
                  <th className="px-5 py-2 font-medium">State</th>
                  <th className="px-5 py-2 font-medium">Created at block</th>
                  <th className="px-5 py-2 font-medium">Escrow</th>
                </tr>
              </thead>
              <tbody>
                {deployments.data.map((d) => (
                  <tr key={d.dseq} className="border-t border-border">
                    <td className="px-5 py-2 font-mono text-xs">{d.dseq}</td>
                    <td className="px-5 py-2 capitalize">{d.state}</td>
                    <td className="px-5 py-2 tabular-nums">{d.createdAt || "—"}</td>
                    <td className="px-5 py-2 tabular-nums">{d.escrowFunds.map((c) => formatCoin(c.amount.split(".")[0] ?? "0", c.denom, 2)).join(", ") || "—"}</td>
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

export default DeploymentsPage;
