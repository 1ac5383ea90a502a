import { useMemo, useState } from "react";
import { estimateCost, type Periods } from "@/lib/pricing/estimate";
import { depositFor, depositRunway } from "@/lib/pricing/deposit";
import { microToAkt, microToUsd, MICRO, formatUsd } from "@/lib/pricing/denoms";
import type { SdlSummary } from "@/lib/sdl/resources";
import type { MarketSnapshot } from "@/shared/chain-data";

interface Props {
  summary?: SdlSummary;
  /** True while the editor text has errors and `summary` is from the last valid version. */
  stale: boolean;
  snapshot?: MarketSnapshot;
  loadingMarket: boolean;
}

const AKT_PRICE_KEY = "akash-console:akt-price-usd";

function money(amountMicro: number, denom: string, aktPriceUsd?: number): string {
  const usd = microToUsd(amountMicro, denom, aktPriceUsd);
  const akt = microToAkt(amountMicro, denom, aktPriceUsd);
  const parts: string[] = [];
  if (usd !== undefined) parts.push(`${formatUsd(usd).replace("$", "")} ACT`);
  if (akt !== undefined) parts.push(`${akt.toLocaleString("en-US", { maximumFractionDigits: akt < 1 ? 4 : 2 })} AKT`);
  return parts.join(" · ") || `${(amountMicro / MICRO).toFixed(4)} ${denom}`;
}

function days(d: number): string {
  if (d >= 365) return `${(d / 365).toFixed(1)} years`;
  if (d >= 2) return `${d.toFixed(1)} days`;
  return `${(d * 24).toFixed(1)} hours`;
}

export function CostPanel({ summary, stale, snapshot, loadingMarket }: Props) {
  const [aktInput, setAktInput] = useState(() => localStorage.getItem(AKT_PRICE_KEY) ?? "");
  const [depositAct, setDepositAct] = useState("");
  const typedAkt = Number(aktInput);
  const aktPriceUsd = typedAkt > 0 ? typedAkt : snapshot?.aktPriceUsd;
  const estimate = useMemo(() => (summary ? estimateCost(summary, snapshot?.market) : undefined), [summary, snapshot]);

  if (!summary || !estimate) {
    return (
      <aside className="rounded-lg border border-border p-4 text-sm" data-testid="cost-panel">
        <h2 className="mb-1 font-semibold">Cost estimate</h2>
        <p className="text-muted">The estimate appears as soon as the SDL is valid.</p>
      </aside>
    );
  }
  const denom = estimate.denom ?? "uact";
  const minDeposit = snapshot?.minDeposits[denom];
  const defaultDeposit = minDeposit !== undefined ? minDeposit / MICRO : 5;
  const depositMicro = (Number(depositAct) > 0 ? Number(depositAct) : defaultDeposit) * MICRO;
  const typical = estimate.totalMarket?.typical.perBlock;
  const runwayMax = depositRunway(depositMicro, estimate.totalMax.perBlock);
  const runwayTypical = typical ? depositRunway(depositMicro, typical) : undefined;
  const monthAtMax = depositFor(30.437 * 86_400, estimate.totalMax.perBlock, minDeposit ?? 0);
  const range = (r: { low: Periods; high: Periods; typical: Periods } | undefined, k: keyof Periods) =>
    r ? `${money(r.low[k], denom, aktPriceUsd)} – ${money(r.high[k], denom, aktPriceUsd)}` : "—";

  return (
    <aside className="space-y-3 rounded-lg border border-border p-4 text-sm" data-testid="cost-panel" aria-live="polite">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="font-semibold">Cost estimate</h2>
        {stale && <span className="text-xs text-amber-700">from the last valid SDL</span>}
      </div>
      <div>
        <div className="text-xs uppercase tracking-wide text-muted">Max you pay (SDL price)</div>
        <div className="text-lg font-semibold" data-testid="cost-max-month">
          {money(estimate.totalMax.perMonth, denom, aktPriceUsd)} <span className="text-sm font-normal text-muted">/ month</span>
        </div>
        <div className="text-muted" data-testid="cost-max-hour">{money(estimate.totalMax.perHour, denom, aktPriceUsd)} / hour</div>
      </div>
      <div>
        <div className="text-xs uppercase tracking-wide text-muted">Likely market price</div>
        {estimate.totalMarket ? (
          <>
            <div className="font-semibold" data-testid="cost-market-month">
              ~{money(estimate.totalMarket.typical.perMonth, denom, aktPriceUsd)} / month
            </div>
            <div className="text-muted">range {range(estimate.totalMarket, "perMonth")} / month</div>
            <div className="text-muted">range {range(estimate.totalMarket, "perHour")} / hour</div>
            <div className="text-xs text-muted">
              From {estimate.market.providersUsed} provider price list(s) and {estimate.market.bidsUsed} recent comparable bid(s).
            </div>
          </>
        ) : (
          <div className="text-muted" data-testid="cost-market-none">
            {loadingMarket ? "Reading provider prices and recent bids…" : "No provider prices or recent bids known: SDL max price only."}
          </div>
        )}
        {estimate.market.notes
          .filter((n) => estimate.totalMarket || !n.includes("max price only"))
          .map((n) => (
            <div key={n} className="text-xs text-muted">{n}</div>
          ))}
      </div>
      <table className="w-full text-left text-xs">
        <thead className="text-muted">
          <tr>
            <th className="py-1 font-normal">Service</th>
            <th className="py-1 font-normal">Max / month</th>
            <th className="py-1 font-normal">Likely / month</th>
          </tr>
        </thead>
        <tbody>
          {estimate.lines.map((l) => (
            <tr key={`${l.service}/${l.placement}`} className="border-t border-border">
              <td className="py-1">
                {l.service}
                {l.count > 1 ? ` ×${l.count}` : ""}
              </td>
              <td className="py-1">
                {money(l.max.perMonth, l.denom, aktPriceUsd)}
                <div className="text-muted">{money(l.max.perHour, l.denom, aktPriceUsd)}/h</div>
              </td>
              <td className="py-1">
                {l.market ? `~${money(l.market.typical.perMonth, l.denom, aktPriceUsd)}` : "—"}
                {l.market && <div className="text-muted">~{money(l.market.typical.perHour, l.denom, aktPriceUsd)}/h</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="space-y-1 border-t border-border pt-2">
        <label className="flex items-center justify-between gap-2">
          <span>Deposit ({denom === "uakt" ? "AKT" : "ACT"})</span>
          <input className="w-24 rounded border border-border bg-surface text-fg px-2 py-1 text-right" inputMode="decimal" value={depositAct} placeholder={String(defaultDeposit)} onChange={(e) => setDepositAct(e.target.value)} aria-label="Deposit amount" />
        </label>
        <div className="text-muted" data-testid="deposit-runway">
          {runwayMax ? `Lasts at least ${days(runwayMax.days)} at the max price` : "—"}
          {runwayTypical ? `, about ${days(runwayTypical.days)} at the likely price` : ""}.
        </div>
        <div className="text-muted">
          A month at the max price needs {money(monthAtMax, denom, aktPriceUsd)}
          {minDeposit !== undefined ? ` (chain minimum deposit ${money(minDeposit, denom, aktPriceUsd)})` : ""}.
        </div>
        <label className="flex items-center justify-between gap-2">
          <span>AKT price (USD)</span>
          <input
            className="w-24 rounded border border-border bg-surface text-fg px-2 py-1 text-right"
            inputMode="decimal"
            value={aktInput}
            placeholder={snapshot?.aktPriceUsd ? String(snapshot.aktPriceUsd) : "unknown"}
            onChange={(e) => {
              setAktInput(e.target.value);
              localStorage.setItem(AKT_PRICE_KEY, e.target.value);
            }}
            aria-label="AKT price in USD"
          />
        </label>
        <p className="text-xs text-muted">Per block prices × 590.4 blocks/hour (6.098 s blocks), 30.437-day months. 1 ACT = 1 USD.</p>
      </div>
    </aside>
  );
}
