/**
 * Everything the auction page shows and does for one deployment: the local record, the deployment and its leases
 * (where it stands: `deploymentPhase`), the live bids with their providers and whether those answer, the user's
 * filters and picks, and the accept and close mutations. The rollout after a lease is per lease (LeaseRollout).
 */
import { useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { leaseKey, type Bid } from "@/lib/chain/market";
import { getErrorMessage } from "@/lib/errors";
import { cheapestPerGroup, filterRows, groupRows, sortRows, toRows, type BidSort } from "@/lib/deployment/bids";
import { deploymentPhase } from "@/lib/deployment/phase";
import { baseToDisplay, formatCoin } from "@/lib/format/coins";
import { useAuditedProviders, useBlockTiming, useDeployment, useDeploymentRecord, useLeases, useMarketSnapshot } from "@/shared/chain-data";
import { useTrustedAuditors } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { groupEstimates, noBidReasons, sdlInsight, type GroupEstimate } from "./bid-insight";
import { useAcceptBids } from "./use-accept-bids";
import { useBidWindow } from "./use-bid-window";
import { useBidderStatus } from "./use-bidder-status";
import { useBids } from "./use-bids";
import { useManifestHandoff } from "./use-manifest-handoff";
import { excludedProviders, redeployPath, useCloseDeployments } from "@/shared/deployment-actions";
import { usePreparedManifest } from "./use-prepared-manifest";

/** With no bid after this long (and reasons to suspect the SDL), say so instead of "waiting". */
export const NO_BID_HINT_MS = 20_000;

export interface BidFilters {
  sort: BidSort;
  region: string;
  gpuModel: string;
  auditedOnly: boolean;
}

export const NO_FILTERS: BidFilters = { sort: "price", region: "", gpuModel: "", auditedOnly: false };

export interface OrderGroup {
  gseq: number;
  oseq: number;
  name: string;
}

export const orderKey = (g: { gseq: number; oseq: number }) => `${g.gseq}/${g.oseq}`;

const NO_ESTIMATES = new Map<string, GroupEstimate>();

export function useAuction(dseq: string) {
  const { wallet, openConnectDialog } = useWallet();
  const owner = wallet?.address;
  const record = useDeploymentRecord(owner, dseq);
  const deployment = useDeployment(owner, dseq);
  const leases = useLeases(owner, dseq);
  const phase = deploymentPhase(record.data, deployment.data, leases.data, deployment.dataUpdatedAt);
  const activeLeases = useMemo(() => (leases.data ?? []).filter((l) => l.state === "active"), [leases.data]);

  // Follow bids while the deployment may take them (also while it is still being read).
  const live = Boolean(owner) && deployment.data !== null && (phase === "open" || phase === "unknown");
  const { bids, feed } = useBids({ owner, dseq, live });
  const { providers, byOwner } = useAuditedProviders();
  const bidders = useMemo(() => (providers ?? []).filter((p) => bids.some((b) => b.provider === p.owner)), [providers, bids]);
  const online = useBidderStatus(bidders);
  const { trusted } = useTrustedAuditors();
  // Providers left out of this auction (a redeploy after one failed to start the same SDL): their bids are not offered.
  const [params] = useSearchParams();
  const excludeKey = excludedProviders(params).join(",");
  const excluded = useMemo(() => new Set(excludeKey ? excludeKey.split(",") : []), [excludeKey]);
  const offered = excluded.size ? bids.filter((b) => !excluded.has(b.provider)) : bids;
  const rows = toRows(offered, byOwner, new Map([...online].map(([k, v]) => [k, v.online])), trusted);

  const [filters, setFilters] = useState<BidFilters>(NO_FILTERS);
  const visible = sortRows(filterRows(rows, { region: filters.region || undefined, gpuModel: filters.gpuModel || undefined, auditedOnly: filters.auditedOnly }), filters.sort);
  const orderGroups = useMemo<OrderGroup[]>(() => (deployment.data?.groups ?? []).filter((g) => g.state !== "closed").map((g) => ({ gseq: g.gseq, oseq: 1, name: g.name })), [deployment.data]);

  const market = useMarketSnapshot();
  const prepared = usePreparedManifest(record.data?.sdl);
  const insight = useMemo(() => (prepared.data?.ok ? sdlInsight(prepared.data.value) : null), [prepared.data]);
  const estimates = useMemo(() => (insight ? groupEstimates(insight, market.data?.market) : NO_ESTIMATES), [insight, market.data]);
  const reasons = useMemo(() => (insight && providers ? noBidReasons(insight, providers, market.data?.market) : []), [insight, providers, market.data]);
  const bidWindow = useBidWindow(deployment.data?.createdAt || undefined, record.data?.createdAt);
  const noBids = !bids.some((b) => b.state === "open");
  const hopeless = noBids && ((reasons.length > 0 && bidWindow.elapsed > NO_BID_HINT_MS) || bidWindow.remaining === 0);

  const [selected, setSelected] = useState<Record<string, string>>({});
  const selection = orderGroups.map((g) => bids.find((b) => b.key === selected[orderKey(g)]));
  const complete = orderGroups.length > 0 && selection.every(Boolean);

  const acceptBids = useAcceptBids();
  const handoff = useManifestHandoff(byOwner, Boolean(record.data));
  const closeDeployment = useCloseDeployments();
  const timing = useBlockTiming();
  // Bids from providers shown offline wait for the user to say "accept anyway" (a lease with them may never start).
  const [offlinePicks, setOfflinePicks] = useState<{ bids: Bid[]; providers: string[] } | null>(null);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  // Leases this page creates: their providers cannot hold the manifest yet, so it goes out without a status read.
  const [freshLeases, setFreshLeases] = useState<ReadonlySet<string>>(new Set());
  // One click, one transaction: a double click lands before the pending state re-renders the buttons.
  const inFlight = useRef(false);
  async function once(action: () => Promise<unknown>) {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await action();
    } finally {
      inFlight.current = false;
    }
  }

  const providerName = (address: string) => byOwner.get(address)?.name ?? address;
  const navigate = useNavigate();

  function accept(picked: Bid[], { offlineConfirmed = false } = {}) {
    if (!owner) return;
    const offline = [...new Set(picked.filter((b) => online.get(b.provider)?.online === false).map((b) => b.provider))];
    if (offline.length > 0 && !offlineConfirmed) {
      setOfflinePicks({ bids: picked, providers: offline.map(providerName) });
      return;
    }
    setOfflinePicks(null);
    const first = picked[0]!;
    const title = picked.length === 1 ? `Accept bid from ${byOwner.get(first.provider)?.name ?? first.provider}` : `Accept ${picked.length} bids`;
    setAcceptError(null);
    // Marked before the transaction: the leases reach the cache (and the rollout mounts) before mutateAsync returns.
    setFreshLeases((keys) => new Set([...keys, ...picked.map(leaseKey)]));
    // The manifests go out the moment the leases' block is confirmed (their rollouts follow those sends).
    return once(() => {
      handoff.prepare(picked);
      return acceptBids.mutateAsync({ owner, dseq, bids: picked, title, secondsPerBlock: timing.secondsPerBlock, onLeases: handoff.start }).catch((error: unknown) => setAcceptError(getErrorMessage(error)));
    });
  }

  return {
    connected: Boolean(wallet),
    openConnectDialog,
    record,
    deployment,
    leases,
    phase,
    activeLeases,
    freshLeases,
    /** By owner; undefined while the provider list is read. */
    providers: providers ? byOwner : undefined,
    name: record.data?.name || `Deployment ${dseq}`,
    escrow: deployment.data?.escrow?.funds.map((c) => formatCoin(c.amount.split(".")[0] ?? "0", c.denom)).join(", "),
    feed,
    bidWindow,
    bids: {
      all: rows,
      groups: groupRows(visible),
      orderGroups,
      estimates,
      online,
      noBids,
      hopeless,
      reasons,
      regions: [...new Set(rows.map((r) => r.provider?.region).filter((r): r is string => Boolean(r)))].sort(),
      gpuModels: [...new Set(rows.flatMap((r) => r.provider?.gpuModels ?? []))].sort(),
    },
    filters,
    setFilters,
    selected,
    select: (group: string, key: string) => setSelected((s) => ({ ...s, [group]: key })),
    selectedCount: selection.filter(Boolean).length,
    complete,
    accepting: acceptBids.isPending,
    closing: closeDeployment.isPending,
    acceptError,
    /** Picked bids from providers shown offline, waiting for "accept anyway" or another choice. */
    offlinePicks,
    acceptOfflineAnyway: () => (offlinePicks ? accept(offlinePicks.bids, { offlineConfirmed: true }) : undefined),
    cancelOfflinePicks: () => setOfflinePicks(null),
    acceptSelected: () => (complete ? accept(selection as Bid[]) : undefined),
    acceptCheapestAudited: () => {
      const picks = cheapestPerGroup(rows, orderGroups, { auditedOnly: true });
      const missing = orderGroups.filter((g) => !picks.get(orderKey(g)));
      if (missing.length) {
        setAcceptError(`No audited provider that is online has bid on ${missing.map((g) => g.name || `group ${g.gseq}`).join(", ")} yet. Wait for more bids or pick one yourself.`);
        return;
      }
      const picked = orderGroups.map((g) => picks.get(orderKey(g))!.bid);
      setSelected(Object.fromEntries(picked.map((b) => [orderKey(b), b.key])));
      return accept(picked);
    },
    /** Providers whose bids are left out, by name. */
    excluded: [...excluded].map(providerName),
    /**
     * After a failed start: close this deployment (its escrow comes back) and open a new one with the same SDL and
     * deposit, reviewed at once, with `provider` left out of its auction. Needs the SDL on this device.
     */
    closeAndRedeploy: record.data
      ? (provider: string) =>
          owner
            ? once(async () => {
                const tx = await closeDeployment.mutateAsync([{ owner, dseq, refund: escrowLeft(deployment.data) }]).catch(() => null);
                if (!tx) return;
                const deposit = record.data?.deposit;
                void navigate(redeployPath({ dseq, deposit: deposit ? baseToDisplay(deposit.amount, 6) : undefined, exclude: [...excluded, provider], review: true }));
              })
            : undefined
      : undefined,
    close: () => (owner ? once(() => closeDeployment.mutateAsync([{ owner, dseq, refund: escrowLeft(deployment.data) }]).catch(() => undefined)) : undefined),
  };
}

export type Auction = ReturnType<typeof useAuction>;

/** What a close returns: the escrow's funds as last read (the chain settles first, so a little less may come back). */
function escrowLeft(deployment: { escrow: { funds: ReadonlyArray<{ denom: string; amount: string }> } | null } | null | undefined) {
  const funds = deployment?.escrow?.funds[0];
  return { denom: funds?.denom ?? "uact", base: funds ? Math.floor(Number(funds.amount)) : 0 };
}
