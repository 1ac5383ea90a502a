import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { shortenAddress } from "@/lib/format/coins";
import { messageLabel } from "@/lib/glossary";
import { useRecentTxs } from "@/shared/chain-data";
import { BlockHeight } from "@/shared/chain-data/block-height";


export function RecentTxsCard({ address }: { address: string }) {
  const txs = useRecentTxs(address);
  return (
    <Card labelledBy="txs-title">
      <CardHeader id="txs-title" title="Recent transactions" description="Sent from this account" />
      {txs.isPending ? (
        <div className="flex flex-col gap-2 px-5 py-4">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      ) : txs.isError ? (
        <div className="px-5 py-4">
          <Alert tone="warn" title="Transaction history unavailable">
            {txs.error.message}
          </Alert>
        </div>
      ) : txs.data.length === 0 ? (
        <EmptyState title="No transactions yet">Transactions you sign from this account appear here.</EmptyState>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Recent transactions">
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-muted">
              <tr>
                <th className="px-5 py-2 font-medium">Type</th>
                <th className="px-5 py-2 font-medium">Block</th>
                <th className="px-5 py-2 font-medium">Hash</th>
                <th className="px-5 py-2 font-medium">Result</th>
              </tr>
            </thead>
            <tbody>
              {txs.data.map((tx) => (
                <tr key={tx.hash} className="border-t border-border">
                  <td className="px-5 py-2">{tx.messageTypes.length ? tx.messageTypes.map(messageLabel).join(", ") : "Transaction"}</td>
                  <td className="px-5 py-2">
                    <BlockHeight height={tx.height} prefix="" />
                  </td>
                  <td className="px-5 py-2 font-mono text-xs" title={tx.hash}>
                    {shortenAddress(tx.hash, 8, 6)}
                  </td>
                  <td className="px-5 py-2">{tx.code === 0 ? <span className="text-ok">Success</span> : <span className="text-danger" title={tx.rawLog}>Failed ({tx.code})</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
