import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import { Page } from "@/components/ui/page";
import { Skeleton } from "@/components/ui/skeleton";
import { TabList, TabPanel } from "@/components/ui/tabs";
import { Term } from "@/components/ui/term";
import { BlockHeight } from "@/shared/chain-data/block-height";
import { persistentVolumesOf, type Deployment } from "@/lib/chain/deployment";
import { otherDepositors, summarizeEscrow } from "@/lib/chain/escrow";
import type { Lease } from "@/lib/chain/market";
import type { DeploymentRecord } from "@/lib/deployment/local-store";
import { baseToDisplay } from "@/lib/format/coins";
import { redeployPath } from "@/shared/deployment-actions";
import { formatDuration, runwayLevel } from "@/lib/pricing/runway";
import { useBlockTiming, useDeployment, useDeploymentRecord, useLatestHeight, useLeases } from "@/shared/chain-data";
import { ConnectWalletButton, useWallet } from "@/shared/wallet";
import { StateBadge } from "./badges";
import { CloseDialog } from "./close-dialog";
import { EscrowTab } from "./escrow-tab";
import { EventsTab } from "./events-tab";
import { formatRate, leaseCloseReason } from "./format";
import { activeLeases } from "./leases";
import { LeasesTab } from "./leases-tab";
import { LogsTab } from "./logs-tab";
import { ShellTab } from "./shell-tab";
import { TopUpDialog } from "./top-up-dialog";
import { UpdateTab } from "./update-tab";

const TABS = ["leases", "logs", "events", "shell", "escrow", "update"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, string> = { leases: "Leases", logs: "Logs", events: "Events", shell: "Shell", escrow: "Escrow", update: "Update" };

export function DeploymentDetailPage() {
  const { dseq = "" } = useParams();
  const validDseq = /^\d{1,20}$/.test(dseq);
  const { wallet, status: walletStatus } = useWallet();
  const owner = wallet?.address;
  // An invalid DSEQ still needs hooks called; "0" names no deployment.
  const target = validDseq ? dseq : "0";
  const deployment = useDeployment(owner, target);
  const leases = useLeases(owner, target);
  const record = useDeploymentRecord(owner, target);
  const title = record.data?.name || `Deployment ${dseq}`;

  let body;
  if (!validDseq) body = <EmptyState title="That is not a deployment sequence number">A DSEQ is a number, like the ones in your deployments list.</EmptyState>;
  else if (!wallet) body = <EmptyState title={walletStatus === "connecting" ? "Opening your wallet…" : "Connect the wallet that owns this deployment"} action={<ConnectWalletButton />} />;
  else if (deployment.data && leases.data) {
    // Once loaded, a failing refresh (node outage) keeps the page and its dialogs, with a banner.
    body = <DeploymentView deployment={deployment.data} leases={leases.data} stale={deployment.isError || leases.isError} saved={record.data ?? null} />;
  } else if (deployment.isPending || leases.isPending) {
    body = (
      <div className="flex flex-col gap-3 p-5" aria-label="Loading deployment">
        <Skeleton className="h-5 w-1/2" />
        <Skeleton className="h-4 w-full" />
      </div>
    );
  } else if (deployment.isError || leases.isError) {
    body = (
      <Alert tone="error" title="Could not load the deployment from the chain" actions={<Button size="sm" variant="secondary" onClick={() => void Promise.all([deployment.refetch(), leases.refetch()])}>Retry</Button>}>
        {(deployment.error ?? leases.error)?.message} Nothing changed on chain; this page retries by itself.
      </Alert>
    );
  } else {
    body = (
      <EmptyState title={`No deployment ${dseq} for this wallet`} action={<Link to="/deployments" className="text-brand hover:underline">Back to deployments</Link>}>
        The chain has no deployment with this DSEQ owned by {wallet.address}. It may belong to another account.
      </EmptyState>
    );
  }

  return (
    <Page title={title} description={<Link to="/deployments" className="hover:underline">← All deployments</Link>}>
      {body}
    </Page>
  );
}

/** `saved`: this device's record of the deployment (its SDL and deposit), null when there is none. */
function DeploymentView({ deployment, leases, stale, saved }: { deployment: Deployment; leases: Lease[]; stale: boolean; saved: DeploymentRecord | null }) {
  const height = useLatestHeight() ?? 0;
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "leases";
  const [topUpOpen, setTopUpOpen] = useState(false);
  const [closeOpen, setCloseOpen] = useState(false);
  const timing = useBlockTiming();
  const escrow = summarizeEscrow(deployment, leases, height, timing.secondsPerBlock);
  const active = deployment.state === "active";
  const running = activeLeases(leases);
  const level = runwayLevel(escrow.secondsLeft);
  const fundsClosed = leases.filter((l) => l.state === "insufficient_funds" || (l.state === "closed" && leaseCloseReason(l.reason).funds));
  const providerClosed = leases.filter((l) => l.state === "closed" && leaseCloseReason(l.reason).byProvider);

  return (
    <div className="flex flex-col gap-4">
      <Card className="flex flex-wrap items-center gap-x-6 gap-y-3 px-5 py-4">
        <div className="flex items-center gap-2">
          <StateBadge state={deployment.state} />
          <span className="font-mono text-xs text-muted">
            <Term id="dseq">DSEQ</Term> {deployment.dseq}
          </span>
        </div>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div>
            <dt className="inline text-muted">Cost </dt>
            <dd className="inline tabular-nums">{escrow.ratePerBlock > 0 ? formatRate(escrow.ratePerBlock, escrow.denom, timing.secondsPerBlock).month : "—"}</dd>
          </div>
          <div>
            <dt className="inline text-muted">{timing.measured ? "Time left " : "Time left (estimated) "}</dt>
            <dd className={cn("inline tabular-nums", level === "critical" || level === "empty" ? "text-danger" : level === "low" ? "text-warn" : "")}>{escrow.secondsLeft === null ? "—" : formatDuration(escrow.secondsLeft)}</dd>
          </div>
          <div>
            <dt className="inline text-muted">Created at </dt>
            <dd className="inline">
              <BlockHeight height={deployment.createdAt} />
            </dd>
          </div>
        </dl>
        {!active && saved?.sdl && (
          <div className="ml-auto flex gap-2">
            <Link to={redeployPath({ dseq: deployment.dseq, deposit: saved.deposit ? baseToDisplay(saved.deposit.amount, 6) : undefined })} className={buttonClasses("primary", "sm")}>
              Redeploy
            </Link>
          </div>
        )}
        {active && (
          <div className="ml-auto flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => setTopUpOpen(true)}>
              Top up
            </Button>
            <Button size="sm" variant="danger" onClick={() => setCloseOpen(true)}>
              Close deployment
            </Button>
          </div>
        )}
      </Card>

      {stale && <Alert tone="warn" title="Showing the last known state">The node is not answering; this page refreshes by itself when it is back.</Alert>}
      {fundsClosed.length > 0 && (
        <Alert tone="error" title="The deployment ran out of escrow">
          The chain closed {fundsClosed.length === 1 ? "its lease" : `${fundsClosed.length} leases`} for insufficient funds and the provider removed the workload. To avoid this, top up before the time left reaches zero, or deposit more when you deploy. {active ? "Close this deployment to recover anything left, then redeploy." : ""}
        </Alert>
      )}
      {providerClosed.length > 0 && running.length === 0 && active && (
        <Alert tone="warn" title="The provider closed the lease" actions={<Button size="sm" variant="danger" onClick={() => setCloseOpen(true)}>Close deployment</Button>}>
          {providerClosed.map((l) => leaseCloseReason(l.reason).text).join("; ")}. Nothing is running, but the deployment still holds its escrow: close it to get the deposit back, then redeploy with another provider.
        </Alert>
      )}
      {active && running.length === 0 && providerClosed.length === 0 && fundsClosed.length === 0 && (
        <Alert
          title="No active lease"
          actions={
            <>
              {deployment.groups.some((g) => g.state === "open") && (
                <Link to={`/deployments/${deployment.dseq}/bids`} className={buttonClasses("primary", "sm")}>
                  See bids
                </Link>
              )}
              <Button size="sm" variant="danger" onClick={() => setCloseOpen(true)}>
                Close deployment
              </Button>
            </>
          }
        >
          This deployment has no lease yet. Accept a bid to run it, or close it to get the deposit back.
        </Alert>
      )}

      <TabList
        label="Deployment"
        idPrefix="deployment"
        tabs={TABS.map((t) => ({ id: t, label: TAB_LABEL[t] }))}
        selected={tab}
        onSelect={(t) =>
          setParams((p) => {
            const next = new URLSearchParams(p);
            next.set("tab", t);
            return next;
          }, { replace: true })
        }
      />
      <TabPanel idPrefix="deployment" id={tab}>
        {tab === "leases" && <LeasesTab leases={leases} />}
        {tab === "logs" && (
          <ErrorBoundary label="Logs" hint="The deployment itself is not affected.">
            <LogsTab leases={leases} />
          </ErrorBoundary>
        )}
        {tab === "events" && <EventsTab leases={leases} />}
        {tab === "shell" && (
          <ErrorBoundary label="The shell" hint="The deployment itself is not affected; Try again opens a new session.">
            <ShellTab leases={leases} />
          </ErrorBoundary>
        )}
        {tab === "escrow" && <EscrowTab deployment={deployment} escrow={escrow} timing={timing} height={height} onTopUp={() => setTopUpOpen(true)} />}
        {tab === "update" && <UpdateTab deployment={deployment} leases={leases} />}
      </TabPanel>

      <TopUpDialog target={topUpOpen ? { owner: deployment.owner, dseq: deployment.dseq, denom: escrow.denom, ratePerBlock: escrow.ratePerBlock, balance: escrow.balance } : null} onClose={() => setTopUpOpen(false)} />
      <CloseDialog
        targets={closeOpen ? [{ owner: deployment.owner, dseq: deployment.dseq, denom: escrow.denom, refund: escrow.balance, activeLeases: running.length, persistentVolumes: persistentVolumesOf(deployment), otherDepositors: otherDepositors(deployment.escrow, deployment.owner) }] : []}
        onClose={() => setCloseOpen(false)}
      />
    </div>
  );
}

export default DeploymentDetailPage;
