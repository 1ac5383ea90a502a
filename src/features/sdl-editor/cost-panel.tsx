import { formatMoney } from "@/lib/format/money";
import { useMemo, useState } from "react";
import { estimateCost, type Periods } from "@/lib/pricing/estimate";
import { depositFor, depositRunway } from "@/lib/pricing/deposit";
import { MICRO } from "@/lib/pricing/denoms";
import { describeEvidence } from "@/lib/pricing/market";
import { formatDuration } from "@/lib/pricing/runway";
import { blocksPerHour, describeBlockTiming, SECONDS_PER_MONTH } from "@/lib/pricing/time";
import type { SdlSummary } from "@/lib/sdl/resources";
import { useBlockTiming, type MarketSnapshot } from "@/shared/chain-data";

interface Props {
  summary?: SdlSummary;
  /** True while the editor text has errors and `summary` is from the last valid version. */
  stale: boolean;
  snapshot?: MarketSnapshot;
  loadingMarket: boolean;
  /** The deposit typed here (display units, "" for the default): the page hands it to the review. */
  deposit: string;
  onDepositChange: (deposit: string) => void;
}

const AKT_PRICE_KEY = "akash-console:akt-price-usd";

/** The console's one money display: ACT with its USD value; AKT with USD at the typed or on-chain price. */
const money = formatMoney;

export function CostPanel({ summary, stale, snapshot, loadingMarket, deposit: depositAct, onDepositChange }: Props) {
  const [aktInput, setAktInput] = useState(() => localStorage.getItem(AKT_PRICE_KEY) ?? "");
  const timing = useBlockTiming();
  const { secondsPerBlock } = timing;
  const typedAkt = Number(aktInput);
  const aktPriceUsd = typedAkt > 0 ? typedAkt : snapshot?.aktPriceUsd;
  const estimate = useMemo(() => (summary ? estimateCost(summary, secondsPerBlock, snapshot?.market) : undefined), [summary, snapshot, secondsPerBlock]);

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
  const runwayMax = depositRunway(depositMicro, estimate.totalMax.perBlock, secondsPerBlock);
  const runwayTypical = typical ? depositRunway(depositMicro, typical, secondsPerBlock) : undefined;
  const monthAtMax = depositFor(SECONDS_PER_MONTH, estimate.totalMax.perBlock, secondsPerBlock, minDeposit ?? 0);
  const range = (r: { low: Periods; high: Periods; typical: Periods } | undefined, k: keyof Periods) => {
    if (!r) return "—";
    const low = money(r.low[k], denom, aktPriceUsd);
    const high = money(r.high[k], denom, aktPriceUsd);
    return low === high ? low : `${low} – ${high}`;
  };
  const estimated = timing.measured ? "" : " (estimated block time)";

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
            <div className={estimate.market.confidence === "thin" ? "text-xs text-warn" : "text-xs text-muted"} data-testid="cost-market-evidence">
              {describeEvidence(estimate.market)}
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
            <th className="py-1 pr-3 font-normal">Service</th>
            <th className="py-1 pr-3 font-normal">Max / month</th>
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
          <input className="w-24 rounded border border-border bg-surface text-fg px-2 py-1 text-right" inputMode="decimal" value={depositAct} placeholder={String(defaultDeposit)} onChange={(e) => onDepositChange(e.target.value)} aria-label="Deposit amount" />
        </label>
        <div className="text-muted" data-testid="deposit-runway">
          {runwayMax ? `Lasts at least ${formatDuration(runwayMax.seconds)} at the max price` : "—"}
          {runwayTypical ? `, about ${formatDuration(runwayTypical.seconds)} at the likely price` : ""}
          {estimated}.
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
        <p className="text-xs text-muted" data-testid="cost-block-time">
          Per block prices × {blocksPerHour(secondsPerBlock).toLocaleString("en-US", { maximumFractionDigits: 1 })} blocks/hour ({describeBlockTiming(timing)}), 30.437-day months. 1 ACT = 1 USD.
        </p>
      </div>
    </aside>
  );
}
