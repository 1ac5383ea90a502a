import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Page } from "@/components/ui/page";
import { Spinner } from "@/components/ui/spinner";
import { useProviderCredentials } from "@/shared/certificates";
import { useNetwork, NoProxyNotice, useTrustedAuditors } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { cheapestPerGroup, filterRows, groupRows, sortRows, toRows, type BidSort, type BidView } from "@/lib/deployment/bids";
import { deploymentStore } from "@/lib/deployment/local-store";
import { buildCloseDeploymentMsg, buildCreateLeaseMsg } from "@/lib/deployment/messages";
import { likelyNoBidReasons, requirementsOf } from "@/lib/deployment/no-bid-reasons";
import { getBlockTime, getDeployment, listLeases } from "@/lib/deployment/queries";
import { formatCoin } from "@/lib/format/coins";
import { estimateCost } from "@/lib/pricing/estimate";
import { checkSdl } from "@/lib/sdl/validate";
import { BidGroup, type GroupEstimate } from "./bid-group";
import { useProviderAuth } from "./provider-auth";
import { useMarket, useProviders } from "./queries";
import { RolloutTimeline } from "./rollout-timeline";
import { useBidFeed } from "./use-bid-feed";
import { useLeaseRollout } from "./use-lease-rollout";
import { useProviderOnline } from "./use-provider-online";

/** Providers bid for 5 minutes after an order opens (provider default bid timeout). */
const BID_WINDOW_MS = 5 * 60_000;
/** With no bid after this long (and reasons to suspect the SDL), say so instead of "waiting". */
const NO_BID_HINT_MS = 20_000;

export function AuctionPage() {
  const { dseq = "" } = useParams();
  const { network } = useNetwork();
  const { wallet, send, openConnectDialog } = useWallet();
  const queryClient = useQueryClient();
  const owner = wallet?.address;

  const record = useQuery({
    queryKey: ["deploy-record", network.id, owner ?? "", dseq],
    queryFn: async () => (await deploymentStore().load(network.id, owner!, dseq)) ?? null,
    enabled: Boolean(owner),
  });
  const deployment = useQuery({
    queryKey: ["chain", network.id, "deployment", owner ?? "", dseq],
    queryFn: ({ signal }) => getDeployment(network.restUrl, owner!, dseq, signal),
    enabled: Boolean(owner),
    refetchInterval: 10_000,
  });
  const leases = useQuery({
    queryKey: ["chain", network.id, "leases", owner ?? "", dseq],
    queryFn: ({ signal }) => listLeases(network.restUrl, owner!, dseq, signal),
    enabled: Boolean(owner),
    refetchInterval: (q) => (q.state.data?.some((l) => l.state === "active") ? 30_000 : 5_000),
  });
  const providers = useProviders(network);
  const market = useMarket(network);
  const active = deployment.data?.state === "active";
  const hasLease = Boolean(leases.data?.some((l) => l.state === "active"));
  const feed = useBidFeed(network, owner, dseq, Boolean(owner) && deployment.data !== null && deployment.data?.state !== "closed" && !hasLease);
  const credentials = useProviderCredentials();
  const auth = useProviderAuth(wallet, credentials);
  const rollout = useLeaseRollout({ network, record: record.data ?? null, leases: leases.data ?? [], providers: providers.data, auth });

  // Keep the local record in step with the chain (a deployment created from a recovered tab, or closed elsewhere).
  useEffect(() => {
    if (!owner || !record.data || !deployment.data) return;
    const status = deployment.data.state === "closed" ? "closed" : hasLease ? "leased" : "created";
    if (record.data.status !== status) void deploymentStore().update(network.id, owner, dseq, { status }).then(() => record.refetch());
  }, [owner, record, deployment.data, hasLease, network.id, dseq]);

  const createdHeight = deployment.data?.createdAt;
  const windowStart = useQuery({
    queryKey: ["chain", network.id, "block-time", createdHeight ?? ""],
    queryFn: ({ signal }) => getBlockTime(network.restUrl, createdHeight!, signal),
    enabled: Boolean(createdHeight),
    staleTime: Infinity,
  });
  const now = useNow(1000);
  const windowEnd = windowStart.data ? windowStart.data + BID_WINDOW_MS : record.data ? record.data.createdAt + BID_WINDOW_MS : undefined;
  const remaining = windowEnd ? Math.max(0, windowEnd - now) : undefined;
  const elapsed = windowStart.data ? now - windowStart.data : record.data ? now - record.data.createdAt : 0;

  const providerList = useMemo(() => providers.data ?? [], [providers.data]);
  const providerMap = useMemo(() => new Map(providerList.map((p) => [p.address, p])), [providerList]);
  const bidders = useMemo(() => providerList.filter((p) => feed.bids.some((b) => b.provider === p.address)), [providerList, feed.bids]);
  const online = useProviderOnline(network, bidders);
  const onlineFlags = useMemo(() => new Map([...online].map(([k, v]) => [k, v.online])), [online]);

  const [sort, setSort] = useState<BidSort>("price");
  const [region, setRegion] = useState("");
  const [gpuModel, setGpuModel] = useState("");
  const [auditedOnly, setAuditedOnly] = useState(false);
  const [selected, setSelected] = useState<Record<string, string>>({});
  const [accepting, setAccepting] = useState(false);
  const [closing, setClosing] = useState(false);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const busy = useRef(false);

  const { trusted: trustedAuditors } = useTrustedAuditors();
  const allRows = useMemo(() => toRows(feed.bids, providerMap, onlineFlags, trustedAuditors), [feed.bids, providerMap, onlineFlags, trustedAuditors]);
  const visible = useMemo(() => sortRows(filterRows(allRows, { region: region || undefined, gpuModel: gpuModel || undefined, auditedOnly }), sort), [allRows, region, gpuModel, auditedOnly, sort]);
  const groupsOnChain = useMemo(() => (deployment.data?.groups ?? []).filter((g) => g.state !== "closed"), [deployment.data]);
  const orderGroups = useMemo(() => groupsOnChain.map((g) => ({ gseq: g.gseq, oseq: 1, name: g.name })), [groupsOnChain]);
  const grouped = groupRows(visible);
  const regions = [...new Set(allRows.map((r) => r.provider?.region).filter((r): r is string => Boolean(r)))].sort();
  const gpuModels = [...new Set(allRows.flatMap((r) => r.provider?.gpuModels ?? []))].sort();

  const sdlInfo = useMemo(() => {
    if (!record.data) return null;
    const checked = checkSdl(record.data.sdl);
    return checked.summary && checked.manifest ? { summary: checked.summary, groups: requirementsOf(checked.manifest.groupSpecs) } : null;
  }, [record.data]);
  const estimates = useMemo(() => {
    const map = new Map<string, GroupEstimate>();
    if (!sdlInfo) return map;
    const cost = estimateCost(sdlInfo.summary, market.data?.market);
    for (const g of sdlInfo.groups) {
      const lines = cost.lines.filter((l) => l.placement === g.name);
      const typical = lines.every((l) => l.market) ? lines.reduce((n, l) => n + (l.market?.typical.perBlock ?? 0), 0) : undefined;
      map.set(g.name, { typicalPerBlock: typical || undefined, maxPerBlock: lines.reduce((n, l) => n + l.max.perBlock, 0), usesGpu: sdlInfo.summary.services.some((s) => s.placement === g.name && s.gpuUnits > 0) });
    }
    return map;
  }, [sdlInfo, market.data]);
  const reasons = useMemo(() => {
    if (!sdlInfo || !providers.data) return [];
    const estimatedMinPerBlock: Record<string, number> = {};
    if (market.data) {
      const cost = estimateCost(sdlInfo.summary, market.data.market);
      for (const line of cost.lines) if (line.market) estimatedMinPerBlock[line.placement] = (estimatedMinPerBlock[line.placement] ?? 0) + line.market.low.perBlock;
    }
    return likelyNoBidReasons({ summary: sdlInfo.summary, groups: sdlInfo.groups, providers: providers.data, estimatedMinPerBlock });
  }, [sdlInfo, providers.data, market.data]);

  if (!wallet) {
    return (
      <Page title={`Deployment ${dseq}`}>
        <Alert title="Connect your wallet" actions={<Button onClick={openConnectDialog}>Connect wallet</Button>}>
          Bids and leases belong to the deployment's owner. Connect the wallet that created deployment {dseq}.
        </Alert>
      </Page>
    );
  }

  const closed = deployment.data?.state === "closed";
  const openBids = feed.bids.filter((b) => b.state === "open");
  const selection = orderGroups.map((g) => {
    const key = selected[`${g.gseq}/${g.oseq}`];
    return feed.bids.find((b) => b.key === key);
  });
  const complete = orderGroups.length > 0 && selection.every(Boolean);
  const noBids = openBids.length === 0;
  const hopeless = noBids && ((reasons.length > 0 && elapsed > NO_BID_HINT_MS) || remaining === 0);

  async function accept(bids: BidView[]) {
    if (busy.current || !owner) return;
    busy.current = true;
    setAccepting(true);
    setAcceptError(null);
    try {
      const result = await send(bids.map(buildCreateLeaseMsg), { title: bids.length === 1 ? `Accept bid from ${providerMap.get(bids[0]!.provider)?.name ?? bids[0]!.provider}` : `Accept ${bids.length} bids` });
      if (result) {
        await deploymentStore().update(network.id, owner, dseq, { status: "leased", leases: bids.map((b) => ({ gseq: b.gseq, oseq: b.oseq, provider: b.provider })) });
      }
      await Promise.all([leases.refetch(), record.refetch()]);
    } finally {
      busy.current = false;
      setAccepting(false);
    }
  }

  function acceptCheapestAudited() {
    const picks = cheapestPerGroup(allRows, orderGroups, { auditedOnly: true });
    const missing = orderGroups.filter((g) => !picks.get(`${g.gseq}/${g.oseq}`));
    if (missing.length) {
      setAcceptError(`No audited provider has bid on ${missing.map((g) => g.name || `group ${g.gseq}`).join(", ")} yet. Wait for more bids or pick one yourself.`);
      return;
    }
    const bids = orderGroups.map((g) => picks.get(`${g.gseq}/${g.oseq}`)!.bid);
    setSelected(Object.fromEntries(bids.map((b) => [`${b.gseq}/${b.oseq}`, b.key])));
    void accept(bids);
  }

  async function closeDeployment() {
    if (busy.current || !owner) return;
    busy.current = true;
    setClosing(true);
    try {
      const result = await send([buildCloseDeploymentMsg(owner, dseq)], { title: `Close deployment ${dseq}` });
      if (result) {
        await deploymentStore().update(network.id, owner, dseq, { status: "closed" });
        await queryClient.invalidateQueries({ queryKey: ["chain", network.id] });
      }
    } finally {
      busy.current = false;
      setClosing(false);
    }
  }

  const name = record.data?.name ?? `Deployment ${dseq}`;
  const escrow = deployment.data?.escrowFunds.map((c) => formatCoin(c.amount.split(".")[0] ?? "0", c.denom)).join(", ");
  const closeButton = active && (
    <Button variant="danger" onClick={() => void closeDeployment()} loading={closing} disabled={accepting || closing}>
      Close deployment
    </Button>
  );

  return (
    <Page title={name} description={`dseq ${dseq}${escrow ? ` · escrow ${escrow}` : ""}`} actions={closeButton}>
      <div className="flex flex-col gap-4">
        {deployment.isError && <Alert tone="error" title="The node is not answering">{deployment.error.message}. Bids keep arriving on chain; this page catches up when the node is back.</Alert>}
        {deployment.data === null && record.data?.status === "pending" && (
          <Alert tone="warn" title="This deployment is not on chain yet">
            The transaction was not confirmed. If it was never sent, <Link className="underline" to="/deploy">deploy again from the editor</Link>.
          </Alert>
        )}
        {deployment.data === null && record.data?.status !== "pending" && <Alert tone="error" title="Deployment not found">No deployment {dseq} is owned by this wallet on {network.label}.</Alert>}
        {record.isSuccess && !record.data && deployment.data && (
          <Alert tone="warn" title="No SDL on this device">This deployment was created elsewhere; its manifest cannot be sent from here. You can still close it to get the deposit back.</Alert>
        )}
        {closed && (
          <Alert tone="success" title="Deployment closed">
            The remaining deposit was returned to your wallet. <Link className="underline" to="/deploy">Create another deployment</Link>
          </Alert>
        )}

        {hasLease && (
          <Card>
            <CardBody>
              <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-base font-semibold">Starting your deployment</h2>
                <Link to={`/deployments/${dseq}`} className={buttonClasses("secondary", "sm")}>
                  Open deployment
                </Link>
              </div>
              {!network.proxyUrl && <NoProxyNotice pending />}
              {!record.data && record.isSuccess && <p className="text-sm text-muted">The manifest is not on this device, so progress cannot be followed here.</p>}
              <div className="grid gap-3 md:grid-cols-2">
                {rollout.rollouts.map((r) => (
                  <RolloutTimeline
                    key={r.key}
                    rollout={r}
                    onRetry={rollout.retry}
                    usingCertificate={credentials.preferMtls && Boolean(credentials.serial)}
                    onRenewCertificate={async () => {
                      if (await credentials.renew()) rollout.retry(false);
                    }}
                  />
                ))}
              </div>
            </CardBody>
          </Card>
        )}

        {active && !hasLease && (
          <Card>
            <CardBody>
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div>
                  <h2 className="text-base font-semibold">Live auction</h2>
                  <p className="text-sm text-muted" role="status" aria-live="polite" data-testid="auction-status">
                    {feed.status.status === "live" ? "Live: bids appear as soon as their block is committed" : feed.status.status === "polling" ? "Live updates interrupted; checking for bids every few seconds" : "Connecting…"}
                    {feed.height ? ` · block ${feed.height}` : ""}
                  </p>
                </div>
                {remaining !== undefined && (
                  <p className="text-sm" data-testid="bid-countdown">
                    {remaining > 0 ? (
                      <>
                        Bid window closes in <span className="font-mono">{formatDuration(remaining)}</span>
                      </>
                    ) : (
                      "The bid window has ended"
                    )}
                  </p>
                )}
              </div>

              <div className="mt-4 flex flex-wrap items-end gap-3 text-sm">
                <label className="flex flex-col gap-1">
                  <span className="text-xs text-muted">Sort by</span>
                  <select className="h-8 rounded-md border border-border bg-surface px-2" value={sort} onChange={(e) => setSort(e.target.value as BidSort)}>
                    <option value="price">Price</option>
                    <option value="region">Region</option>
                    <option value="provider">Provider</option>
                  </select>
                </label>
                <label className="flex flex-col gap-1">
                  <span className="text-xs text-muted">Region</span>
                  <select className="h-8 rounded-md border border-border bg-surface px-2" value={region} onChange={(e) => setRegion(e.target.value)}>
                    <option value="">All regions</option>
                    {regions.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </label>
                {gpuModels.length > 0 && (
                  <label className="flex flex-col gap-1">
                    <span className="text-xs text-muted">GPU model</span>
                    <select className="h-8 rounded-md border border-border bg-surface px-2" value={gpuModel} onChange={(e) => setGpuModel(e.target.value)}>
                      <option value="">Any GPU</option>
                      {gpuModels.map((m) => (
                        <option key={m}>{m}</option>
                      ))}
                    </select>
                  </label>
                )}
                <label className="flex h-8 items-center gap-2">
                  <input type="checkbox" checked={auditedOnly} onChange={(e) => setAuditedOnly(e.target.checked)} />
                  Audited only
                </label>
                <div className="ml-auto flex gap-2">
                  <Button variant="secondary" onClick={acceptCheapestAudited} disabled={accepting || noBids || !record.data} loading={accepting && !complete}>
                    Accept cheapest audited
                  </Button>
                  <Button onClick={() => void accept(selection as BidView[])} disabled={accepting || !complete || !record.data} loading={accepting && complete}>
                    Accept selected {orderGroups.length > 1 ? `(${selection.filter(Boolean).length}/${orderGroups.length})` : "bid"}
                  </Button>
                </div>
              </div>
              {acceptError && (
                <Alert className="mt-3" tone="warn">
                  {acceptError}
                </Alert>
              )}

              <div className="mt-4 flex flex-col gap-4" data-testid="bid-groups">
                {noBids && !hopeless && (
                  <div className="flex items-center gap-2 rounded-lg border border-dashed border-border p-4 text-sm text-muted" data-testid="no-bids-yet">
                    <Spinner className="size-4" /> No bids yet. Providers usually bid within a few blocks of the deployment.
                  </div>
                )}
                {hopeless && (
                  <Alert tone="warn" title="No provider can satisfy this deployment" actions={closeButton}>
                    <span data-testid="no-bid-reasons">
                      {reasons.length ? (
                        <ul className="list-disc pl-5">
                          {reasons.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      ) : (
                        "No provider bid during the bid window. Providers may be full or the price too low."
                      )}
                    </span>
                    Close the deployment to get your deposit back, then adjust the SDL and deploy again{record.data ? "" : ""}.
                    {record.data && (
                      <Link className="ml-1 underline" to={`/deploy${record.data.templateId ? `?template=${encodeURIComponent(record.data.templateId)}` : ""}`}>
                        Back to the editor
                      </Link>
                    )}
                  </Alert>
                )}
                {orderGroups.map((g) => {
                  const group = grouped.find((x) => x.gseq === g.gseq && x.oseq === g.oseq);
                  if (!group) return noBids ? null : <p key={g.gseq} className="text-sm text-muted">No bids{auditedOnly || region || gpuModel ? " match the filters" : " yet"} for {g.name || `group ${g.gseq}`}.</p>;
                  return (
                    <BidGroup
                      key={group.group}
                      title={`${g.name || "Group"} (group ${g.gseq})`}
                      rows={group.rows}
                      selected={selected[group.group]}
                      onSelect={(key) => setSelected((s) => ({ ...s, [group.group]: key }))}
                      estimate={estimates.get(g.name) ?? { usesGpu: false }}
                      online={online}
                      disabled={accepting}
                    />
                  );
                })}
              </div>
            </CardBody>
          </Card>
        )}
        {deployment.isPending && (
          <p className="flex items-center gap-2 text-sm text-muted">
            <Spinner className="size-4" /> Loading deployment…
          </p>
        )}
      </div>
    </Page>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function formatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

export default AuctionPage;
