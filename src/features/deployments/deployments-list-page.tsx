import { useMemo, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClasses } from "@/components/ui/field";
import { Page } from "@/components/ui/page";
import { Skeleton } from "@/components/ui/skeleton";
import { persistentVolumesOf, type Deployment } from "@/lib/chain/deployment";
import { otherDepositors, summarizeEscrow, type EscrowSummary } from "@/lib/chain/escrow";
import type { Lease } from "@/lib/chain/market";
import { shortenAddress } from "@/lib/format/coins";
import { formatDuration } from "@/lib/pricing/runway";
import { describeBlockTiming } from "@/lib/pricing/time";
import { useAuditedProviders, useBlockTiming, useDeploymentNames, useDeployments, useLatestHeight, useLeases } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { ConnectWalletButton, useWallet } from "@/shared/wallet";
import { runwayClass, StateBadge } from "./badges";
import { CloseDialog, type CloseTarget } from "./close-dialog";
import { formatMicro, formatRate } from "./format";
import { activeLeases } from "./leases";
import { TopUpDialog, type TopUpTarget } from "./top-up-dialog";
import { useOfflineProviders } from "./use-offline-providers";

const PAGE_SIZE = 20;

interface Row {
  deployment: Deployment;
  leases: Lease[];
  escrow: EscrowSummary;
  name: string;
}

export function DeploymentsListPage() {
  const { network } = useNetwork();
  const { wallet } = useWallet();
  const deployments = useDeployments(wallet?.address);
  const leases = useLeases(wallet?.address);
  const { byOwner: providers } = useAuditedProviders();
  const height = useLatestHeight() ?? 0;
  const names = useDeploymentNames(wallet?.address);
  // One block time for every cost and time left on this page, so each row's escrow ÷ cost = its time left.
  const timing = useBlockTiming();
  const secondsPerBlock = timing.secondsPerBlock;
  const [filter, setFilter] = useState<"active" | "all">("active");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [topUp, setTopUp] = useState<TopUpTarget | null>(null);
  const [closing, setClosing] = useState<CloseTarget[]>([]);
  // Providers of active leases that do not answer: flagged on their rows, so a dead deployment is not paid for unseen.
  const leasedProviders = useMemo(() => [...new Set((leases.data ?? []).filter((l) => l.state === "active").map((l) => l.provider))].map((owner) => providers.get(owner)).filter((p) => p !== undefined), [leases.data, providers]);
  const offline = useOfflineProviders(leasedProviders);

  const rows = useMemo<Row[]>(() => {
    const byDseq = new Map<string, Lease[]>();
    for (const l of leases.data ?? []) byDseq.set(l.dseq, [...(byDseq.get(l.dseq) ?? []), l]);
    return (deployments.data ?? [])
      .map((d) => {
        const ls = byDseq.get(d.dseq) ?? [];
        return { deployment: d, leases: ls, escrow: summarizeEscrow(d, ls, height, secondsPerBlock), name: names.get(d.dseq) ?? "" };
      })
      .sort((a, b) => (BigInt(b.deployment.dseq) > BigInt(a.deployment.dseq) ? 1 : -1));
  }, [deployments.data, leases.data, height, secondsPerBlock, names]);

  const visible = rows.filter((r) => (filter === "all" || r.deployment.state === "active") && (!search.trim() || r.deployment.dseq.includes(search.trim()) || r.name.toLowerCase().includes(search.trim().toLowerCase())));
  const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const pageRows = visible.slice(current * PAGE_SIZE, current * PAGE_SIZE + PAGE_SIZE);
  const selectedRows = rows.filter((r) => selected.has(r.deployment.dseq) && r.deployment.state === "active");
  const totalMonthly = rows.filter((r) => r.deployment.state === "active").reduce((m, r) => m.set(r.escrow.denom, (m.get(r.escrow.denom) ?? 0) + r.escrow.ratePerBlock), new Map<string, number>());

  const closeTarget = (r: Row): CloseTarget => ({ owner: r.deployment.owner, dseq: r.deployment.dseq, name: r.name, denom: r.escrow.denom, refund: r.escrow.balance, activeLeases: activeLeases(r.leases).length, persistentVolumes: persistentVolumesOf(r.deployment), otherDepositors: otherDepositors(r.deployment.escrow, r.deployment.owner) });
  const toggle = (dseq: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(dseq)) next.delete(dseq);
      else next.add(dseq);
      return next;
    });

  const deploy = (
    <Link to="/deploy" className={buttonClasses("primary", "sm")}>
      New deployment
    </Link>
  );
  const loading = deployments.isPending || leases.isPending;
  const error = (!deployments.data && deployments.error) || (!leases.data && leases.error) || null;
  const stale = !error && (deployments.isError || leases.isError);

  return (
    <Page title="Deployments" description={`Your deployments on ${network.label}, read from the chain.`} actions={deploy}>
      {wallet && !loading && !error && rows.length > 0 && (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Stat label="Active deployments" value={String(rows.filter((r) => r.deployment.state === "active").length)} />
          <Stat label="Spending" value={[...totalMonthly].map(([d, r]) => formatRate(r, d, secondsPerBlock).month).join(" + ") || "—"} />
          <Stat label="Escrow left" value={[...rows.filter((r) => r.deployment.state === "active").reduce((m, r) => m.set(r.escrow.denom, (m.get(r.escrow.denom) ?? 0) + r.escrow.balance), new Map<string, number>())].map(([d, a]) => formatMicro(a, d)).join(" + ") || "—"} />
        </dl>
      )}
      {stale && <Alert tone="warn" title="Showing the last known state">The node is not answering; this list refreshes by itself when it is back.</Alert>}
      <Card>
        {!wallet ? (
          <EmptyState title="Connect a wallet to see your deployments" action={<ConnectWalletButton />} />
        ) : loading ? (
          <div className="flex flex-col gap-3 p-5" aria-label="Loading deployments">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-3/4" />
          </div>
        ) : error ? (
          <div className="p-5">
            <Alert tone="error" title="Could not load deployments" actions={<Button size="sm" variant="secondary" onClick={() => void Promise.all([deployments.refetch(), leases.refetch()])}>Retry</Button>}>
              {error.message}
            </Alert>
          </div>
        ) : rows.length === 0 ? (
          <EmptyState title="No deployments yet" action={deploy}>
            Start from a template: you review the cost, pick a provider's bid, and your app runs on Akash.
          </EmptyState>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-3 border-b border-border px-5 py-3">
              <div role="radiogroup" aria-label="Show" className="flex rounded-lg bg-surface-2 p-0.5 text-sm">
                {(["active", "all"] as const).map((f) => (
                  <button key={f} type="button" role="radio" aria-checked={filter === f} onClick={() => { setFilter(f); setPage(0); }} className={cn("rounded-md px-3 py-1", filter === f ? "bg-surface font-medium shadow-sm" : "text-muted")}>
                    {f === "active" ? "Active" : "All"}
                  </button>
                ))}
              </div>
              <input type="search" aria-label="Search deployments" placeholder="Search by name or DSEQ" value={search} onChange={(e) => { setSearch(e.target.value); setPage(0); }} className={cn(inputClasses, "h-8 w-56 py-1")} />
              <div className="ml-auto">
                <Button size="sm" variant="danger" disabled={selectedRows.length === 0} onClick={() => setClosing(selectedRows.map(closeTarget))}>
                  Close selected ({selectedRows.length})
                </Button>
              </div>
            </div>
            {visible.length === 0 ? (
              <EmptyState title={filter === "active" ? "No active deployments" : "No deployments match"}>{filter === "active" ? "Show all to see closed ones." : "Try another search."}</EmptyState>
            ) : (
              <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Deployments table">
                {/* relative: the header's sr-only (absolute) text is clipped by this scroller instead of widening the page. */}
                <table className="w-full text-sm">
                  <caption className="sr-only">Deployments</caption>
                  <thead className="text-left text-xs text-muted">
                    <tr>
                      <th className="w-8 py-2 pl-5"><span className="sr-only">Select</span></th>
                      <th className="px-3 py-2 font-medium">Deployment</th>
                      <th className="px-3 py-2 font-medium">State</th>
                      <th className="px-3 py-2 font-medium">Provider</th>
                      <th className="px-3 py-2 text-right font-medium">Cost</th>
                      <th className="px-3 py-2 text-right font-medium">Escrow left</th>
                      <th className="px-3 py-2 text-right font-medium" title={describeBlockTiming(timing)}>{timing.measured ? "Time left" : "Time left (estimated)"}</th>
                      <th className="px-3 py-2 pr-5"><span className="sr-only">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {pageRows.map((r) => {
                      const d = r.deployment;
                      const active = activeLeases(r.leases);
                      const isActive = d.state === "active";
                      return (
                        <tr key={d.dseq} className="border-t border-border" data-testid={`deployment-row-${d.dseq}`}>
                          <td className="py-2 pl-5">
                            {isActive && <input type="checkbox" aria-label={`Select deployment ${d.dseq}`} checked={selected.has(d.dseq)} onChange={() => toggle(d.dseq)} className="accent-[var(--brand)]" />}
                          </td>
                          <td className="px-3 py-2">
                            <Link to={`/deployments/${d.dseq}`} className="font-medium hover:underline">
                              {r.name || <span className="font-mono text-xs">{d.dseq}</span>}
                            </Link>
                            {r.name && <div className="font-mono text-xs text-muted">{d.dseq}</div>}
                          </td>
                          <td className="px-3 py-2"><StateBadge state={d.state} /></td>
                          <td className="px-3 py-2">
                            {active.length === 0 ? <span className="text-muted">{isActive ? "No lease" : "—"}</span> : active.map((l) => (
                                  <div key={`${l.gseq}/${l.oseq}`} title={l.provider} className="flex items-center gap-1.5">
                                    {providers.get(l.provider)?.organization || shortenAddress(l.provider)}
                                    {offline.has(l.provider) && (
                                      <span className="rounded bg-danger/10 px-1.5 py-0.5 text-xs font-medium text-danger" data-testid="provider-offline" title={offline.get(l.provider)}>
                                        Offline
                                      </span>
                                    )}
                                  </div>
                                ))}
                          </td>
                          <td className="px-3 py-2 text-right tabular-nums" data-testid="deployment-cost">
                            {isActive && r.escrow.ratePerBlock > 0 ? (
                              <>
                                {formatRate(r.escrow.ratePerBlock, r.escrow.denom, secondsPerBlock).month}
                                <div className="text-xs text-muted" data-testid="deployment-burn-rate">{formatRate(r.escrow.ratePerBlock, r.escrow.denom, secondsPerBlock).hour}</div>
                              </>
                            ) : (
                              "—"
                            )}
                          </td>
                          <td className="px-3 py-2 text-right tabular-nums" data-testid="deployment-escrow">{isActive ? formatMicro(r.escrow.balance, r.escrow.denom, 4) : "—"}</td>
                          <td className={cn("px-3 py-2 text-right tabular-nums", runwayClass(r.escrow.secondsLeft))} data-testid="deployment-time-left">{r.escrow.secondsLeft === null ? "—" : formatDuration(r.escrow.secondsLeft)}</td>
                          <td className="px-3 py-2 pr-5">
                            {isActive && (
                              <div className="flex justify-end gap-1.5">
                                <Button size="sm" variant="secondary" aria-label={`Top up deployment ${d.dseq}`} onClick={() => setTopUp({ owner: d.owner, dseq: d.dseq, denom: r.escrow.denom, ratePerBlock: r.escrow.ratePerBlock, balance: r.escrow.balance })}>
                                  Top up
                                </Button>
                                <Button size="sm" variant="danger" aria-label={`Close deployment ${d.dseq}`} onClick={() => setClosing([closeTarget(r)])}>
                                  Close
                                </Button>
                              </div>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {pages > 1 && (
              <nav aria-label="Pages" className="flex items-center justify-between border-t border-border px-5 py-3 text-sm">
                <span className="text-muted">
                  {current * PAGE_SIZE + 1}–{Math.min(visible.length, (current + 1) * PAGE_SIZE)} of {visible.length}
                </span>
                <div className="flex gap-2">
                  <Button size="sm" variant="secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>Previous</Button>
                  <Button size="sm" variant="secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>Next</Button>
                </div>
              </nav>
            )}
          </>
        )}
      </Card>
      <TopUpDialog target={topUp} onClose={() => setTopUp(null)} />
      <CloseDialog targets={closing} onClose={() => setClosing([])} onClosed={() => setSelected(new Set())} />
    </Page>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-border bg-surface px-4 py-3">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

export default DeploymentsListPage;
