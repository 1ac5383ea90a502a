import { Link, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Page } from "@/components/ui/page";
import { Skeleton } from "@/components/ui/skeleton";
import { Term } from "@/components/ui/term";
import { useNetwork } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { ChainRequestError } from "@/lib/chain/http";
import { denomInfo } from "@/lib/format/coins";
import { ATTRIBUTE_GROUPS, cityOf, groupAttributes, type Attribute } from "@/lib/providers/attributes";
import { AuditBadge, GpuChips, HostUri, Inventory, LiveBadge, Location } from "./provider-parts";
import type { ProviderRow } from "./provider-list";
import { useLeasesWithProvider, useProviderDetail, type ProviderDetailData } from "./queries";
import { formatBytes } from "@/lib/provider-proxy/provider-status";

export function ProviderDetailPage() {
  const { owner = "" } = useParams();
  const { network } = useNetwork();
  const data = useProviderDetail(owner);
  const row = data.row;

  return (
    <Page
      title={row?.name ?? "Provider"}
      description={
        <Link to="/providers" className="hover:underline">
          ← All providers
        </Link>
      }
    >
      {data.isPending ? (
        <DetailSkeleton />
      ) : data.error || !row ? (
        <Card>
          <div className="p-5">
            {data.notFound || isNotFound(data.error) ? (
              <Alert tone="error" title="Provider not found">
                No provider with the address <span className="font-mono break-all">{owner}</span> is registered on {network.label}. Check the address, or go back to the provider list.
              </Alert>
            ) : (
              <Alert tone="error" title="Could not load this provider">
                {data.error?.message ?? "Unknown provider."}
              </Alert>
            )}
          </div>
        </Card>
      ) : (
        <ProviderDetail row={row} data={data} />
      )}
    </Page>
  );
}

function ProviderDetail({ row, data }: { row: ProviderRow; data: ProviderDetailData }) {
  const groups = groupAttributes(row.attributes);
  return (
    <>
      <Card as="div" className="flex flex-col gap-2 p-5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <LiveBadge live={row.live} />
          <AuditBadge audit={row.audit} />
          {row.tier && (
            <span className="rounded-full border border-border px-2 py-0.5 text-xs text-muted capitalize">
              <Term id="providerTier">{row.tier}</Term>
            </span>
          )}
          <span className="text-sm">
            <Location region={row.region} country={row.country} city={cityOf(row.attributes)} />
          </span>
        </div>
        <dl className="grid items-center gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
          <dt className="text-muted">Address</dt>
          <dd className="flex min-w-0 items-center gap-2">
            <span className="truncate font-mono text-xs" data-testid="provider-address">
              {row.owner}
            </span>
            <CopyButton value={row.owner} label="Copy provider address" className="h-6 px-2 text-xs" />
          </dd>
          <dt className="text-muted">Host</dt>
          <dd className="min-w-0">
            <HostUri hostUri={row.hostUri} muted={false} />
          </dd>
          {row.website && (
            <>
              <dt className="text-muted">Website</dt>
              <dd className="min-w-0 truncate">{/^https?:\/\//.test(row.website) ? <a className="text-brand hover:underline" href={row.website} target="_blank" rel="noreferrer noopener">{row.website}</a> : row.website}</dd>
            </>
          )}
          {row.email && (
            <>
              <dt className="text-muted">Contact</dt>
              <dd className="min-w-0 truncate">{row.email}</dd>
            </>
          )}
        </dl>
      </Card>

      {data.liveUnavailable && <Alert tone="warn" title={`Live status unavailable: ${data.liveUnavailable}`}>The details below are read from the chain.</Alert>}
      {row.live.state === "offline" && (
        <Alert tone="error" title="This provider is offline">
          {row.live.reason} On-chain details are still shown; leases on it may be unreachable until it is back.
        </Alert>
      )}

      <Card labelledBy="provider-live">
        <CardHeader id="provider-live" title="Live status" description="Read from the provider through the provider proxy; refreshed every 30 s." />
        <CardBody className="flex flex-col gap-4">
          <Inventory live={row.live} showTotals />
          {row.live.state === "online" && (
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              <Fact label="Nodes" value={String(row.live.status.nodes)} />
              <Fact label="Orders being bid on" value={row.live.status.pendingOrders?.toString() ?? "—"} />
              <Fact label="Deployments" value={row.live.status.deployments?.toString() ?? "—"} />
              <Fact label="Persistent storage free" value={row.live.status.storage.length ? row.live.status.storage.map((s) => `${s.class} ${formatBytes(s.bytes)}`).join(", ") : "—"} />
            </dl>
          )}
          <dl className="grid grid-cols-2 gap-3 border-t border-border pt-3 text-sm sm:grid-cols-4">
            <Fact label="Provider version" value={data.version.data?.akash ?? (data.version.isPending ? "…" : data.version.error ? "unavailable" : "—")} />
            <Fact label="Kubernetes" value={data.version.data?.kube ?? (data.version.isPending ? "…" : "—")} />
          </dl>
        </CardBody>
      </Card>

      <Card labelledBy="provider-audit">
        <CardHeader id="provider-audit" title="Audit" description="Auditors sign a provider's attributes on chain after checking them." />
        <CardBody className="flex flex-col gap-3 text-sm">
          {data.auditError && <Alert tone="warn" title="Audit signatures could not be read">{data.auditError.message}</Alert>}
          {row.audit.auditors.length === 0 && !data.auditError && <p className="text-muted">Not audited by a known auditor.</p>}
          {row.audit.auditors.map((a) => (
            <div key={a.address} className="flex flex-col gap-1">
              <p>
                Audited by <span className="font-medium">{a.name}</span> <span className="font-mono text-xs break-all text-muted">{a.address}</span>
              </p>
              <AttributeList attributes={a.attributes} label={`Attributes signed by ${a.name}`} />
            </div>
          ))}
          {row.audit.unknown.length > 0 && (
            <p className="text-muted">
              Also signed by {row.audit.unknown.length} unknown {row.audit.unknown.length === 1 ? "account" : "accounts"} (not counted as an audit):{" "}
              <span className="font-mono text-xs break-all">{row.audit.unknown.map((u) => u.auditor).join(", ")}</span>
            </p>
          )}
        </CardBody>
      </Card>

      <Card labelledBy="provider-attributes">
        <CardHeader id="provider-attributes" title="Attributes" description={`${row.attributes.length} attributes published on chain.`} />
        <CardBody className="flex flex-col gap-4">
          {row.gpuModels.length > 0 && <GpuChips gpus={row.gpuModels} />}
          <div className="grid gap-4 md:grid-cols-2">
            {ATTRIBUTE_GROUPS.filter((g) => groups[g.name].length > 0).map((g) => (
              <section key={g.name} aria-label={`${g.label} attributes`} className="min-w-0">
                <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-muted uppercase">{g.label}</h3>
                <AttributeList attributes={groups[g.name]} />
              </section>
            ))}
          </div>
          {row.attributes.length === 0 && <p className="text-sm text-muted">This provider publishes no attributes.</p>}
        </CardBody>
      </Card>

      <MyLeases provider={row.owner} />
    </>
  );
}

function isNotFound(error: Error | null): boolean {
  if (!error) return true;
  return error instanceof ChainRequestError && (error.status === 404 || (error.status !== undefined && error.status < 500 && /not found/i.test(error.message)));
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="font-medium break-words" title={value}>
        {value}
      </dd>
    </div>
  );
}

function AttributeList({ attributes, label }: { attributes: Attribute[]; label?: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {attributes.map((a) => (
        <div key={`${a.key}=${a.value}`} className="contents">
          <dt className="truncate font-mono text-xs leading-5 text-muted" title={a.key}>
            {a.key}
          </dt>
          <dd className="truncate leading-5" title={a.value}>
            {a.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function MyLeases({ provider }: { provider: string }) {
  const { wallet } = useWallet();
  const leases = useLeasesWithProvider(wallet?.address, provider);
  return (
    <Card labelledBy="provider-my-leases">
      <CardHeader id="provider-my-leases" title="Your leases with this provider" />
      {!wallet ? (
        <EmptyState title="Connect a wallet to see your leases with this provider" />
      ) : leases.isPending ? (
        <CardBody>
          <Skeleton className="h-4 w-1/2" />
        </CardBody>
      ) : leases.isError ? (
        <CardBody>
          <Alert tone="error" title="Could not load your leases">
            {leases.error.message}
          </Alert>
        </CardBody>
      ) : leases.data.length === 0 ? (
        <EmptyState title="You have no leases with this provider" />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Your leases with this provider</caption>
            <thead className="text-left text-xs text-muted">
              <tr>
                <th className="px-5 py-2 font-medium">Deployment</th>
                <th className="px-5 py-2 font-medium">Group / order</th>
                <th className="px-5 py-2 font-medium">State</th>
                <th className="px-5 py-2 text-right font-medium">Price per block</th>
              </tr>
            </thead>
            <tbody>
              {leases.data.map((l) => (
                <tr key={`${l.dseq}/${l.gseq}/${l.oseq}`} className="border-t border-border">
                  <td className="px-5 py-2 whitespace-nowrap">
                    <Link to={`/deployments/${l.dseq}`} className="font-mono text-brand hover:underline">
                      {l.dseq}
                    </Link>
                  </td>
                  <td className="px-5 py-2 whitespace-nowrap tabular-nums">
                    {l.gseq} / {l.oseq}
                  </td>
                  <td className="px-5 py-2 capitalize">{l.state}</td>
                  <td className="px-5 py-2 text-right whitespace-nowrap tabular-nums">{formatLeasePrice(l.price)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function formatLeasePrice(price: { denom: string; amount: string }): string {
  // Lease prices are decimal coins per block, often below one base unit: show significant digits.
  const info = denomInfo(price.denom);
  const value = Number(price.amount) / 10 ** info.exponent;
  if (!Number.isFinite(value)) return `${price.amount} ${price.denom}`;
  return `${new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 }).format(value)} ${info.symbol}`;
}

function DetailSkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-label="Loading provider">
      {[0, 1, 2].map((i) => (
        <Card key={i} as="div" className="flex flex-col gap-2 p-5">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-1/2" />
        </Card>
      ))}
    </div>
  );
}

export default ProviderDetailPage;
