import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { amountOf } from "@/lib/chain/coins";
import { baseToDisplay } from "@/lib/format/coins";
import type { NetworkConfig } from "@/lib/networks/networks";
import { useBalances } from "@/shared/chain-data";

export function BalancesCard({ network, address, actions }: { network: NetworkConfig; address: string; actions?: React.ReactNode }) {
  const balances = useBalances(address);
  const akt = amountOf(balances.data, network.denoms.fee);
  const act = amountOf(balances.data, network.denoms.compute);
  return (
    <Card labelledBy="balances-title">
      <CardHeader id="balances-title" title="Balances" description="Updated with every block" actions={actions} />
      <CardBody>
        {balances.isError && !balances.data ? (
          <Alert tone="error" title="Could not load balances">
            {balances.error.message}
          </Alert>
        ) : (
          <dl className="grid grid-cols-2 gap-4">
            <Balance label="AKT" hint="Fees and minting" value={balances.data ? baseToDisplay(akt, 6) : null} testId="balance-akt" />
            <Balance label="ACT" hint="Pays for deployments" value={balances.data ? baseToDisplay(act, 6) : null} testId="balance-act" />
          </dl>
        )}
      </CardBody>
    </Card>
  );
}

function Balance({ label, hint, value, testId }: { label: string; hint: string; value: string | null; testId: string }) {
  return (
    <div className="rounded-lg bg-surface-2 px-4 py-3">
      <dt className="text-xs font-medium tracking-wide text-muted uppercase">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId} aria-label={`${label} balance`}>
        {value === null ? <Skeleton className="h-7 w-24" /> : value}
      </dd>
      <dd className="text-xs text-muted">{hint}</dd>
    </div>
  );
}
