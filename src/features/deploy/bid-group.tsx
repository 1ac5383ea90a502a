import type { BidRow } from "@/lib/deployment/bids";
import { formatMoney } from "@/lib/format/money";
import { blocksPerHour, blocksPerMonth, describeBlockTiming } from "@/lib/pricing/time";
import { useBlockTiming } from "@/shared/chain-data";
import { cn } from "@/components/ui/cn";
import { countOf } from "@/lib/format/words";
import { compareBid, type GroupEstimate } from "./bid-insight";
import { formatBytes } from "./resources-table";
import type { BidderStatus } from "./use-bidder-status";

/** Bids in the console's one money display (ACT with USD beside), like every other price. */
function price(amountPerBlock: number, denom: string, blocks: number): string {
  return formatMoney(amountPerBlock * blocks, denom);
}

/** One order group's bids: provider, audit, region, whether it answers, what it offers and the price. */
export function BidGroup({
  title,
  rows,
  selected,
  onSelect,
  estimate,
  online,
  disabled,
}: {
  title: string;
  rows: BidRow[];
  selected: string | undefined;
  onSelect: (key: string) => void;
  estimate: GroupEstimate;
  online: ReadonlyMap<string, BidderStatus>;
  disabled: boolean;
}) {
  // Per month and per hour at the network's measured block time, like the editor's estimate and the deployment page.
  const timing = useBlockTiming();
  const perMonth = blocksPerMonth(timing.secondsPerBlock);
  const perHour = blocksPerHour(timing.secondsPerBlock);
  const denom = rows[0]?.bid.price.denom ?? "uact";
  return (
    <fieldset className="rounded-xl border border-border" aria-label={title}>
      <legend className="ml-3 px-1 text-sm font-semibold">{title}</legend>
      {estimate.lowPerBlock !== undefined && estimate.highPerBlock !== undefined && (
        <p className="px-3 pb-1 text-xs text-muted" data-testid="bid-estimate-range" title={describeBlockTiming(timing)}>
          Estimated range {price(estimate.lowPerBlock, denom, perMonth)} – {price(estimate.highPerBlock, denom, perMonth)}/mo
          {timing.measured ? "" : " (estimated block time)"}. {estimate.evidence}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-muted">
            <tr>
              <th className="px-3 py-1.5 font-medium">
                <span className="sr-only">Select</span>
              </th>
              <th className="px-3 py-1.5 font-medium">Provider</th>
              <th className="px-3 py-1.5 font-medium">Region</th>
              <th className="px-3 py-1.5 font-medium">Status</th>
              <th className="px-3 py-1.5 font-medium">Offered</th>
              <th className="px-3 py-1.5 text-right font-medium">Price</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const { bid, provider, audited } = row;
              const state = online.get(bid.provider);
              const vs = compareBid(bid.price.amount, estimate);
              const name = provider?.name ?? bid.provider;
              const open = bid.state === "open";
              return (
                <tr key={bid.key} data-bid-key={bid.key} data-provider={bid.provider} className={cn("border-t border-border", selected === bid.key && "bg-brand/5", !open && "opacity-60")}>
                  <td className="px-3 py-2">
                    <input
                      type="radio"
                      name={`bid-${title}`}
                      aria-label={`Select ${name} at ${price(bid.price.amount, bid.price.denom, perMonth)} per month`}
                      checked={selected === bid.key}
                      onChange={() => onSelect(bid.key)}
                      disabled={disabled || !open}
                    />
                  </td>
                  <td className="px-3 py-2">
                    <div className="font-medium">{name}</div>
                    <div className="flex flex-wrap gap-1 text-xs">
                      {audited ? (
                        <span className="rounded bg-ok/15 px-1.5 py-0.5 text-ok" title={`Audited by ${row.auditedBy.join(", ")}`}>
                          Audited
                        </span>
                      ) : (
                        <span className="rounded bg-surface-2 px-1.5 py-0.5 text-muted">Not audited</span>
                      )}
                      {provider?.gpuModels.map((m) => (
                        <span key={m} className="rounded bg-surface-2 px-1.5 py-0.5">
                          {m}
                        </span>
                      ))}
                      {!open && <span className="rounded bg-surface-2 px-1.5 py-0.5">{bid.state}</span>}
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    {provider?.region ?? "—"}
                    {provider?.country && <span className="text-muted"> · {provider.country}</span>}
                  </td>
                  <td className="px-3 py-2">
                    {state?.online === undefined ? (
                      state?.error ? (
                        <span className="text-muted" title={state.error}>
                          Unknown
                        </span>
                      ) : (
                        <span className="text-muted">Checking…</span>
                      )
                    ) : state.online ? (
                      <span className="text-ok">Online{typeof state.leases === "number" ? ` · ${countOf(state.leases, "lease")}` : ""}</span>
                    ) : (
                      <span className="text-danger" title={state.error}>
                        Offline
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs text-muted">
                    {bid.resources?.length
                      ? bid.resources.map((r, i) => (
                          <div key={i}>
                            {r.count}× {r.cpuMillis / 1000} vCPU, {formatBytes(r.memoryBytes)}
                            {r.gpuUnits ? `, ${r.gpuUnits} GPU` : ""}
                          </div>
                        ))
                      : "as requested"}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <div className="font-medium" data-testid="bid-price-month">
                      {price(bid.price.amount, bid.price.denom, perMonth)}/mo
                    </div>
                    <div className="text-xs" data-testid="bid-price-hour">{price(bid.price.amount, bid.price.denom, perHour)}/h</div>
                    <div className={cn("text-xs", vs.tone === "ok" ? "text-ok" : vs.tone === "warn" ? "text-warn" : "text-muted")} data-testid="bid-versus-estimate">{vs.text}</div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
