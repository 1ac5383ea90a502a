import { useEffect, useId, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Page } from "@/components/ui/page";
import { Skeleton } from "@/components/ui/skeleton";
import { Term } from "@/components/ui/term";
import { useNetwork } from "@/shared/network";
import { shortenAddress } from "@/lib/format/coins";
import { gpuLabel } from "@/lib/providers/attributes";
import { AuditBadge, CopyAddress, GpuChips, HostUri, Inventory, LiveBadge, Location } from "./provider-parts";
import { DEFAULT_FILTERS, filterOptions, filterProviders, filtersFromSearch, filtersToSearch, gpuKey, type ProviderFilters, type ProviderRow, type SortKey } from "./provider-list";
import { useProviders } from "./queries";

const selectClasses = "h-9 rounded-lg border border-border bg-surface px-2 text-sm text-fg focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-fg/10";

export function ProvidersPage() {
  const { network } = useNetwork();
  const data = useProviders();
  // Filters are mirrored into the query string: they survive opening a provider and coming back, and can be
  // shared. Local state drives the inputs (URL updates are navigations, which React may defer).
  const [searchParams, setSearchParams] = useSearchParams();
  const [filters, setFilters] = useState<ProviderFilters>(() => filtersFromSearch(searchParams));
  useEffect(() => {
    const next = filtersToSearch(filters);
    if (next.toString() !== new URLSearchParams(window.location.search).toString()) setSearchParams(next, { replace: true });
  }, [filters, setSearchParams]);
  const set = <K extends keyof ProviderFilters>(key: K, value: ProviderFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const options = useMemo(() => filterOptions(data.rows), [data.rows]);
  const shown = filterProviders(data.rows, filters);
  const online = data.rows.filter((r) => r.live.state === "online").length;
  const audited = data.rows.filter((r) => r.audit.audited).length;
  const checking = data.rows.some((r) => r.live.state === "checking");
  const filtered = JSON.stringify({ ...filters, sort: "name" }) !== JSON.stringify({ ...DEFAULT_FILTERS, sort: "name" });

  return (
    <Page
      title="Providers"
      description={
        data.isPending || data.error ? `Compute providers on ${network.label}.` : `${data.rows.length} providers on ${network.label} · ${audited} audited · ${data.liveUnavailable ? "live status unavailable" : checking ? "checking live status…" : `${online} online`}`
      }
    >
      {data.liveUnavailable && data.rows.length > 0 && (
        <Alert tone="warn" title={`Live status unavailable: ${data.liveUnavailable}`}>
          Providers below are read from the chain; their online state, free resources and leases cannot be shown until the proxy answers.
        </Alert>
      )}
      {data.auditError && <Alert tone="warn" title="Audit signatures could not be read">{data.auditError.message}. Audited badges may be missing.</Alert>}

      <Card as="div" className="flex flex-col gap-3 p-4">
        <Toolbar filters={filters} set={set} options={options} />
      </Card>

      {data.isPending ? (
        <ListSkeleton />
      ) : data.error ? (
        <Card>
          <div className="p-5">
            <Alert tone="error" title="Could not load providers" actions={<Button variant="secondary" size="sm" onClick={data.refetch}>Retry</Button>}>
              {data.error.message}
            </Alert>
          </div>
        </Card>
      ) : data.rows.length === 0 ? (
        <Card>
          <EmptyState title="No providers on this network">No provider has registered on {network.label} yet.</EmptyState>
        </Card>
      ) : shown.length === 0 ? (
        <Card>
          <EmptyState title="No provider matches these filters" action={<Button variant="secondary" size="sm" onClick={() => setFilters(DEFAULT_FILTERS)}>Clear filters</Button>}>
            {filters.onlineOnly && !!data.liveUnavailable ? "Online state is unknown while live status is unavailable." : "Try fewer filters or another search."}
          </EmptyState>
        </Card>
      ) : (
        <>
          <p className="-mb-3 text-sm text-muted" aria-live="polite">
            {filtered ? `Showing ${shown.length} of ${data.rows.length} providers` : `${shown.length} providers`}
          </p>
          <ul aria-label="Providers" className="flex flex-col gap-3">
            {shown.map((row) => (
              <ProviderItem key={row.owner} row={row} />
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

function Toolbar({ filters, set, options }: { filters: ProviderFilters; set: <K extends keyof ProviderFilters>(key: K, value: ProviderFilters[K]) => void; options: ReturnType<typeof filterOptions> }) {
  const id = useId();
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={`${id}-search`} className="sr-only">
          Search providers
        </label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder="Search name, host, address, region…"
          value={filters.search}
          onChange={(e) => set("search", e.target.value)}
          className="h-9 min-w-0 flex-1 basis-64 rounded-lg border border-border bg-surface px-3 text-sm text-fg placeholder:text-muted/70 focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-fg/10"
        />
        <label className="flex items-center gap-2 text-sm">
          <span className="text-muted">Sort</span>
          <select aria-label="Sort by" className={selectClasses} value={filters.sort} onChange={(e) => set("sort", e.target.value as SortKey)}>
            <option value="name">Name</option>
            <option value="cpu">Available CPU</option>
            <option value="gpus">Available GPUs</option>
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" className="size-4 accent-brand" checked={filters.auditedOnly} onChange={(e) => set("auditedOnly", e.target.checked)} />
          Audited only
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" className="size-4 accent-brand" checked={filters.onlineOnly} onChange={(e) => set("onlineOnly", e.target.checked)} />
          Online only
        </label>
        <label className="flex items-center gap-2">
          <span className="text-muted">GPU</span>
          <select aria-label="GPU model" className={selectClasses} value={filters.gpuModel} onChange={(e) => set("gpuModel", e.target.value)}>
            <option value="">Any</option>
            {options.gpuModels.map((g) => (
              <option key={gpuKey(g)} value={gpuKey(g)}>
                {gpuLabel(g)} ({g.vendor})
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <span className="text-muted">Region</span>
          <select aria-label="Region" className={selectClasses} value={filters.region} onChange={(e) => set("region", e.target.value)}>
            <option value="">Any</option>
            {options.regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
    </>
  );
}

function ProviderItem({ row }: { row: ProviderRow }) {
  const headingId = useId();
  return (
    <li>
      <article aria-labelledby={headingId} data-provider={row.owner} className="grid gap-4 rounded-xl border border-border bg-surface p-4 shadow-sm md:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
        <div className="flex min-w-0 flex-col gap-1.5">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <h2 id={headingId} className="min-w-0 truncate text-base font-semibold">
              <Link to={`/providers/${row.owner}`} className="hover:underline">
                {row.name}
              </Link>
            </h2>
            <AuditBadge audit={row.audit} />
            {row.tier && (
              <span className="rounded-full border border-border px-2 py-0.5 text-xs text-muted capitalize">
                <Term id="providerTier">{row.tier}</Term>
              </span>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <Location region={row.region} country={row.country} />
            <HostUri hostUri={row.hostUri} className="max-w-[18rem]" />
            <span className="flex min-w-0 items-center gap-1">
              <span className="truncate font-mono text-xs text-muted" title={row.owner}>
                {shortenAddress(row.owner)}
              </span>
              <CopyAddress value={row.owner} label={`Copy address of ${row.name}`} />
            </span>
          </div>
          {(row.gpuModels.length > 0 || row.storageClasses.length > 0) && (
            <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
              <GpuChips gpus={row.gpuModels} />
              {row.storageClasses.length > 0 && (
                <p className="text-xs text-muted">
                  <Term id="storageClass">Storage</Term>: <span className="text-fg">{row.storageClasses.map((s) => s.class).join(", ")}</span>
                </p>
              )}
            </div>
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-2 md:items-stretch">
          <LiveBadge live={row.live} />
          <Inventory live={row.live} />
        </div>
      </article>
    </li>
  );
}

function ListSkeleton() {
  return (
    <ul aria-label="Loading providers" className="flex flex-col gap-3">
      {[0, 1, 2].map((i) => (
        <li key={i} className="grid gap-4 rounded-xl border border-border bg-surface p-4 md:grid-cols-[1fr_22rem]">
          <div className="flex flex-col gap-2">
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-4 w-72 max-w-full" />
            <Skeleton className="h-3 w-40" />
          </div>
          <div className="flex flex-col gap-2">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="h-8 w-full" />
          </div>
        </li>
      ))}
    </ul>
  );
}

export default ProvidersPage;
