import { useMemo } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import { Term } from "@/components/ui/term";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { serviceHints, tcpEndpoints, type ServiceHint } from "@/lib/deployment/endpoints";
import { leaseUriHref } from "@/lib/deployment/lease-uri";
import { shortenAddress } from "@/lib/format/coins";
import type { LeaseStatus } from "@/lib/provider-proxy";
import { BlockHeight } from "@/shared/chain-data/block-height";
import { useDeploymentRecord } from "@/shared/chain-data/records";
import { useAuditedProviders, useBlockTiming } from "@/shared/chain-data";
import { NoProxyNotice, useNetwork } from "@/shared/network";
import { TcpEndpointList } from "@/shared/lease-endpoints";
import { useLeaseStatus } from "@/shared/provider-session";
import { StateBadge } from "./badges";
import { ProviderProblem } from "./credential-prompt";
import { formatRate, leaseCloseReason } from "./format";

export function LeasesTab({ leases }: { leases: Lease[] }) {
  if (leases.length === 0) {
    return (
      <Card>
        <CardBody>
          <p className="text-sm text-muted">No leases yet. A <Term id="lease">lease</Term> is created when you accept a provider's <Term id="bid">bid</Term>.</p>
        </CardBody>
      </Card>
    );
  }
  const sorted = [...leases].sort((a, b) => (a.state === "active" ? -1 : 0) - (b.state === "active" ? -1 : 0) || a.gseq - b.gseq);
  return (
    <div className="flex flex-col gap-4">
      {sorted.map((l) => (
        <LeaseCard key={leaseKey(l)} lease={l} />
      ))}
    </div>
  );
}

function LeaseCard({ lease }: { lease: Lease }) {
  // The saved SDL (when this browser has it) names each service's image and database user for its connection command.
  const record = useDeploymentRecord(lease.owner, lease.dseq);
  const recordSdl = record.data?.sdl;
  const hints = useMemo(() => serviceHints(recordSdl), [recordSdl]);
  const { byOwner } = useAuditedProviders();
  const org = byOwner.get(lease.provider)?.organization;
  const active = lease.state === "active";
  const status = useLeaseStatus(lease, { enabled: active });
  const { network } = useNetwork();
  const timing = useBlockTiming();
  const rate = formatRate(Number(lease.price.amount), lease.price.denom, timing.secondsPerBlock);
  const closed = !active ? leaseCloseReason(lease.reason) : null;
  return (
    <Card labelledBy={`lease-${leaseKey(lease)}`} className="overflow-hidden">
      <CardHeader
        id={`lease-${leaseKey(lease)}`}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {org || shortenAddress(lease.provider)} <StateBadge state={lease.state} />
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-x-2 font-mono text-xs">
            {lease.provider} <CopyButton value={lease.provider} label="Copy provider address" />
          </span>
        }
      />
      <CardBody className="flex flex-col gap-4">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-xs text-muted">Group / order</dt>
            <dd className="tabular-nums">
              {lease.gseq} / {lease.oseq}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted">Price</dt>
            <dd className="tabular-nums" title={rate.block}>
              {rate.month}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted">Per hour</dt>
            <dd className="tabular-nums">{rate.hour}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted">{active ? "Since" : "Closed at"}</dt>
            <dd>
              <BlockHeight height={active ? lease.createdAt : lease.closedOn} />
            </dd>
          </div>
        </dl>
        {closed && <p className="text-sm text-muted">This lease was {closed.text}.</p>}
        {active &&
          (!network.proxyUrl ? (
            <NoProxyNotice />
          ) : status.isPending ? (
            <div className="flex flex-col gap-2" aria-label="Loading lease status">
              <Skeleton className="h-4 w-1/2" />
              <Skeleton className="h-4 w-1/3" />
            </div>
          ) : status.isError ? (
            <ProviderProblem error={status.error} provider={org || shortenAddress(lease.provider)} onRetry={() => void status.refetch()} />
          ) : status.data === null ? (
            <Alert tone="warn" title="The provider does not know this lease (yet)">
              It has not received the manifest yet; if that lasts more than a few blocks, resend it from the Update tab.
            </Alert>
          ) : (
            <ServicesList status={status.data} hints={hints} />
          ))}
      </CardBody>
    </Card>
  );
}

function ServicesList({ status, hints }: { status: LeaseStatus; hints: Record<string, ServiceHint> }) {
  const services = Object.values(status.services ?? {});
  return (
    <div className="flex flex-col gap-3">
      {status.errors?.length ? <p className="text-sm text-danger">{status.errors.join("; ")}</p> : null}
      {services.map((s) => {
        const ready = s.ready_replicas ?? s.available;
        const total = s.replicas ?? s.total;
        // Forwarded ports and leased IPs are not HTTP: host:port with a connection command, never a link.
        const endpoints = tcpEndpoints({ services: {}, forwarded_ports: { [s.name]: status.forwarded_ports?.[s.name] ?? [] }, ips: { [s.name]: status.ips?.[s.name] ?? [] } }, hints);
        return (
          <section key={s.name} aria-label={`Service ${s.name}`} className="rounded-lg border border-border px-4 py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-medium">{s.name}</h3>
              <span className={cn("text-xs font-medium", ready >= total && total > 0 ? "text-ok" : "text-warn")} data-testid={`replicas-${s.name}`}>
                {ready}/{total} replicas ready
              </span>
            </div>
            {(s.uris?.length ?? 0) > 0 && (
              <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label={`${s.name} URIs`}>
                {s.uris!.map((uri) => (
                  <li key={uri} className="flex items-center gap-2">
                    {leaseUriHref(uri) ? (
                      <a href={leaseUriHref(uri)!} target="_blank" rel="noopener noreferrer" className="break-all text-brand hover:underline">
                        {uri}
                      </a>
                    ) : (
                      <span className="break-all" title="Not an http(s) address: not linked">{uri}</span>
                    )}
                    <CopyButton value={uri} label={`Copy ${uri}`} />
                  </li>
                ))}
              </ul>
            )}
            {endpoints.length > 0 && (
              <div className="mt-2">
                <TcpEndpointList endpoints={endpoints} label={`${s.name} TCP/UDP endpoints`} />
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
