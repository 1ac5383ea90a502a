/**
 * /spend: what the connected wallet or a team spends, from the chain alone: burn, reserved vs available, runway,
 * month to date and forecast, the range against the period before, daily history (chart and table) and a table per
 * deployment, with CSV export of exact amounts.
 */
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from "react";
import { formatCoin, shortenAddress } from "@/lib/format/coins";
import { formatDuration } from "@/lib/pricing/runway";
import { addDays } from "@/lib/spend/days";
import { dailySpendCsv, leaseSpendCsv } from "@/lib/spend/csv";
import type { SpendNow, TeamSpend } from "@/lib/spend/load";
import { wholeMicro, type DenomAmounts } from "@/lib/spend/money";
import { teamFromLink, type Team } from "@/lib/spend/teams";
import { getErrorMessage } from "@/lib/errors";
import { Page } from "@/components/ui/page";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { inputClasses } from "@/components/ui/field";
import { useWallet } from "@/shared/wallet";
import { useNetwork } from "@/shared/network";
import { useDeploymentNamesOf } from "@/shared/chain-data";
import { chartRows, spentDenoms, type SplitBy } from "./chart-data";
import { DeploymentsTable } from "./deployments-table";
import { downloadText } from "./download";
import { TeamActions, TeamEditor } from "./team-editor";
import { useTeams } from "./teams-store";
import { useTeamSpend } from "./use-team-spend";
import { AlertCentre } from "./alert-centre";
import { useAlerts } from "./use-alerts";
import { teamScope, walletScope } from "./alert-store";
import { readAllDeploymentLabels, useDeploymentLabels } from "./deployment-labels-store";
import { deploymentNameOf, teamDeploymentLabels, type DeploymentName } from "./deployment-names";
import { adoptTeam, storedTeam, teamForExport } from "./team-transfer";

const SpendChart = lazy(() => import("./spend-chart"));
// Top-up-all signs transactions (chain-sdk messages, the mint): loaded after the page's own code, so the spend reads
// start without waiting for it.
const TopUpAll = lazy(() => import("./top-up-all").then((m) => ({ default: m.TopUpAll })));

const utcToday = (): string => new Date().toISOString().slice(0, 10);
const money = (a: DenomAmounts, fallbackDenom = "uact"): string => {
  const entries = Object.entries(a).filter(([, v]) => v !== 0n);
  // Up to 6 decimals (whole micro-units): small devnet or per-hour amounts must not read as 0.
  return entries.length ? entries.map(([d, v]) => formatCoin(wholeMicro(v), d, 6)).join("\n") : formatCoin(0n, fallbackDenom);
};
const when = (ms: number | null): string => (ms === null ? "—" : new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="text-lg font-semibold break-words whitespace-pre-line tabular-nums">
        {value}
      </dd>
      {detail && <dd className="text-xs text-muted">{detail}</dd>}
    </div>
  );
}

/** `renderExtra`: what the route adds for the watched addresses (e.g. grant usage from the authorizations feature). */
export default function SpendPage({ renderExtra }: { renderExtra?: (addresses: readonly string[]) => ReactNode } = {}) {
  const { wallet } = useWallet();
  const { teams, saveTeam, removeTeam } = useTeams();
  // A shared link (#team=…) adds its team and selects it.
  const [fromLink] = useState(() => (window.location.hash.includes("team=") ? teamFromLink(window.location.hash) : null));
  const [selected, setSelected] = useState<string>(() => (fromLink?.ok ? `team:${fromLink.value.name}` : "wallet"));
  const [editing, setEditing] = useState<Team | "new" | null>(null);
  const linkNotice = fromLink ? (fromLink.ok ? `Added team "${fromLink.value.name}" from the link` : `The link's team was not added: ${fromLink.error}`) : null;
  const [days, setDays] = useState<number | "custom">(30);
  const [custom, setCustom] = useState({ from: addDays(utcToday(), -29), to: utcToday() });
  const [split, setSplit] = useState<SplitBy>("deployment");
  const [view, setView] = useState<"chart" | "table">("chart");

  useEffect(() => {
    if (!fromLink) return;
    if (fromLink.ok) adoptTeam(fromLink.value, saveTeam);
    history.replaceState(null, "", window.location.pathname);
  }, [fromLink, saveTeam]);

  // The link's team is watched from the first render (its queries start at once), before the effect above has saved it.
  const linkTeam = useMemo(() => (fromLink?.ok ? storedTeam(fromLink.value) : null), [fromLink]);
  const team = selected.startsWith("team:") ? (teams.find((t) => `team:${t.name}` === selected) ?? (linkTeam && `team:${linkTeam.name}` === selected ? linkTeam : null)) : null;
  const addresses = useMemo(() => (team ? team.members.map((m) => m.address) : wallet ? [wallet.address] : []), [team, wallet]);
  const labels = useMemo(() => {
    const map = new Map(team?.members.map((m) => [m.address, m.label || shortenAddress(m.address)]) ?? []);
    return (address: string) => map.get(address) ?? (address === wallet?.address ? "You" : shortenAddress(address));
  }, [team, wallet]);
  const to = days === "custom" ? custom.to : utcToday();
  const from = days === "custom" ? custom.from : addDays(to, 1 - days);
  const { now, period, spend } = useTeamSpend(addresses, from, to);
  // Alert rules and history belong to what is watched: a team by name, or the connected wallet.
  const alertScope = team ? teamScope(team.name) : wallet ? walletScope(wallet.address) : "none";
  const alerts = useAlerts(alertScope, addresses.length ? spend : undefined, team?.budget);
  // Deployment names: the saved SDL's for deployments this browser created, a label given here for the others.
  const { network } = useNetwork();
  const recordNames = useDeploymentNamesOf(addresses);
  const deploymentLabels = useDeploymentLabels(network.id);
  const nameOf = useMemo(() => (owner: string, dseq: string) => deploymentNameOf(recordNames, deploymentLabels.labels, owner, dseq), [recordNames, deploymentLabels.labels]);
  // What the team's file and link carry: its rules and its deployments' names, besides the team itself.
  const exportable = useMemo(
    () => (team ? teamForExport(team, alerts.record.rules, teamDeploymentLabels(team.members.map((m) => m.address), readAllDeploymentLabels().set(network.id, deploymentLabels.labels), { network: network.id, recordNames })) : null),
    [team, alerts.record.rules, network.id, recordNames, deploymentLabels.labels],
  );

  return (
    <Page title="Spend" description="Spend from the chain alone: leases, escrow and block times. For your wallet or a team of addresses.">
      {linkNotice && <Alert tone="info">{linkNotice}</Alert>}
      <Card>
        <CardHeader title="Watching" />
        <CardBody className="flex flex-col gap-4">
          <div className="flex flex-wrap items-end gap-3">
            <label className="flex min-w-48 flex-col gap-1 text-sm">
              <span className="font-medium">Wallet or team</span>
              <select className={inputClasses} value={selected} onChange={(e) => setSelected(e.target.value)}>
                <option value="wallet">{wallet ? `My wallet (${shortenAddress(wallet.address)})` : "My wallet (not connected)"}</option>
                {teams.map((t) => (
                  <option key={t.name} value={`team:${t.name}`}>
                    Team: {t.name} ({t.members.length})
                  </option>
                ))}
              </select>
            </label>
            <Button variant="secondary" onClick={() => setEditing("new")}>
              New team
            </Button>
            {team && (
              <>
                <Button variant="secondary" onClick={() => setEditing(team)}>
                  Edit team
                </Button>
                <Button
                  variant="ghost"
                  onClick={() => {
                    removeTeam(team.name);
                    setSelected("wallet");
                  }}
                >
                  Remove team
                </Button>
              </>
            )}
          </div>
          {editing && (
            <TeamEditor
              initial={editing === "new" ? undefined : editing}
              onCancel={() => setEditing(null)}
              onSave={(t) => {
                saveTeam(t, editing !== "new" && editing.name !== t.name ? editing.name : undefined);
                setSelected(`team:${t.name}`);
                setEditing(null);
              }}
            />
          )}
          <TeamActions
            team={exportable}
            onImport={(t) => {
              adoptTeam(t, saveTeam);
              setSelected(`team:${t.name}`);
            }}
          />
          <fieldset className="flex flex-wrap items-end gap-2">
            <legend className="mb-1 text-sm font-medium">Range</legend>
            {([7, 30, 90] as const).map((n) => (
              <Button key={n} size="sm" variant={days === n ? "primary" : "secondary"} aria-pressed={days === n} onClick={() => setDays(n)}>
                {n} d
              </Button>
            ))}
            <Button size="sm" variant={days === "custom" ? "primary" : "secondary"} aria-pressed={days === "custom"} onClick={() => setDays("custom")}>
              Custom
            </Button>
            {days === "custom" && (
              <>
                <label className="flex flex-col text-xs">
                  From
                  <input type="date" className={inputClasses} value={custom.from} max={custom.to} onChange={(e) => e.target.value && setCustom((c) => ({ ...c, from: e.target.value }))} />
                </label>
                <label className="flex flex-col text-xs">
                  To
                  <input type="date" className={inputClasses} value={custom.to} min={custom.from} onChange={(e) => e.target.value && setCustom((c) => ({ ...c, to: e.target.value }))} />
                </label>
              </>
            )}
          </fieldset>
        </CardBody>
      </Card>

      {addresses.length === 0 ? (
        <Alert tone="info">Connect a wallet, or create or import a team of addresses to watch.</Alert>
      ) : now.isPending ? (
        <div className="flex items-center gap-2 text-sm text-muted" role="status">
          <Spinner /> Reading leases, escrow and balances…
        </div>
      ) : now.isError ? (
        <Alert tone="error" title="Spend could not be read" actions={<Button size="sm" onClick={() => void now.refetch()}>Retry</Button>}>
          {getErrorMessage(now.error)}
        </Alert>
      ) : (
        <SpendView
          spend={now.data}
          period={period.data && spend ? spend : null}
          periodError={period.isError && !period.data ? period.error : null}
          retryPeriod={() => void period.refetch()}
          team={team}
          labels={labels}
          nameOf={nameOf}
          onRename={deploymentLabels.setLabel}
          split={split}
          setSplit={setSplit}
          view={view}
          setView={setView}
          afterNow={
            <>
              <AlertCentre record={alerts.record} update={alerts.update} permission={alerts.permission} askPermission={alerts.askPermission} teamBudget={team?.budget} />
              <WhenIdle fallback={<div className="h-24" aria-busy="true" />}>
                <Suspense fallback={<div className="h-24" aria-busy="true" />}>
                  <TopUpAll spend={now.data} labels={labels} />
                </Suspense>
              </WhenIdle>
            </>
          }
        />
      )}
      {/* After "now": what the route adds reads the same deployments, which would otherwise reach the node first and
          queue the block time's reads behind a team's 1,000 deployments. */}
      {addresses.length > 0 && !now.isPending && renderExtra?.(addresses)}
    </Page>
  );
}

/** While the period's block headers are read (or could not be), in place of its figures. */
/**
 * Renders `children` once the browser is idle after the first paint: top-up-all's code (chain-sdk's messages) would
 * otherwise load and run while a team's table is first drawn.
 */
function WhenIdle({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (typeof window.requestIdleCallback === "function") {
      const id = window.requestIdleCallback(() => setReady(true), { timeout: 1000 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(() => setReady(true), 200);
    return () => clearTimeout(timer);
  }, []);
  return ready ? children : fallback;
}

function PeriodPending({ error, retry }: { error: unknown; retry: () => void }) {
  return error ? (
    <Alert tone="error" title="The history could not be read" actions={<Button size="sm" onClick={retry}>Retry</Button>}>
      {getErrorMessage(error)}
    </Alert>
  ) : (
    <div className="flex items-center gap-2 text-sm text-muted" role="status">
      <Spinner /> Reading the block headers that bound each day…
    </div>
  );
}

/**
 * `afterNow`: shown after the "Now" card (the alert centre and top-up-all act on what it shows). `period`: the whole
 * spend once the range's history is read (null until then: the period and history cards say they are loading, the
 * deployments table shows everything but the spend in range).
 */
function SpendView({
  spend,
  period,
  periodError,
  retryPeriod,
  team,
  labels,
  nameOf,
  onRename,
  split,
  setSplit,
  view,
  setView,
  afterNow,
}: {
  spend: SpendNow;
  period: TeamSpend | null;
  periodError: unknown;
  retryPeriod: () => void;
  team: Team | null;
  labels: (a: string) => string;
  nameOf: (owner: string, dseq: string) => DeploymentName | null;
  onRename: (owner: string, dseq: string, label: string) => void;
  split: SplitBy;
  setSplit: (s: SplitBy) => void;
  view: "chart" | "table";
  setView: (v: "chart" | "table") => void;
  afterNow?: ReactNode;
}) {
  const r = period?.range ?? null;
  const seriesLabel = (name: string) => {
    if (split === "member") return labels(name);
    if (split === "provider") return shortenAddress(name);
    const [owner, dseq] = name.split("/");
    return owner && dseq ? `${labels(owner)} · ${nameOf(owner, dseq)?.name ?? dseq}` : name;
  };
  const attention = spend.runways.filter((x) => x.secondsLeft !== null && x.secondsLeft < 7 * 86_400).slice(0, 5);

  return (
    <>
      <Card labelledBy="spend-now">
        <CardHeader id="spend-now" title="Now" description={`At block ${spend.latest.height.toLocaleString()}, ${spend.secondsPerBlock.toFixed(2)} s per block (measured).`} />
        <CardBody>
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Figure label="Burn per hour" value={money(spend.burn.perHour)} detail={`${money(spend.burn.perDay)} per day · ${money(spend.burn.perMonth)} per 30 d`} />
            <Figure label="Reserved in escrow" value={money(spend.escrowReserved)} />
            <Figure label="Available in wallets" value={money(spend.walletAvailable)} />
            <Figure
              label="Runway"
              value={spend.firstDry ? formatDuration(spend.firstDry.secondsLeft ?? 0) : "Nothing running"}
              detail={spend.firstDry ? `First dry ${when(spend.firstDry.dryAtMs)} (${spend.firstDry.dseq}); all dry ${when(spend.allDry?.dryAtMs ?? null)}` : undefined}
            />
          </dl>
          {attention.length > 0 && (
            <div className="mt-4">
              <h3 className="text-sm font-medium">Needs attention first</h3>
              <ul className="mt-1 text-sm">
                {attention.map((x) => (
                  <li key={`${x.owner}/${x.dseq}`}>
                    {labels(x.owner)} · deployment {x.dseq}
                    {nameOf(x.owner, x.dseq) ? ` (${nameOf(x.owner, x.dseq)!.name})` : ""}: {formatDuration(x.secondsLeft ?? 0)} left ({formatCoin(wholeMicro(x.escrowLeft), x.denom, 2)})
                  </li>
                ))}
              </ul>
            </div>
          )}
        </CardBody>
      </Card>
      {afterNow}

      {period ? (
        <PeriodCards spend={period} team={team} split={split} setSplit={setSplit} view={view} setView={setView} seriesLabel={seriesLabel} />
      ) : (
        <>
          <Card labelledBy="spend-period">
            <CardHeader id="spend-period" title="Period" />
            <CardBody>
              <PeriodPending error={periodError} retry={retryPeriod} />
            </CardBody>
          </Card>
          <Card labelledBy="spend-history">
            <CardHeader id="spend-history" title="History" />
            <CardBody>
              <PeriodPending error={periodError} retry={retryPeriod} />
            </CardBody>
          </Card>
        </>
      )}

      <Card labelledBy="spend-deployments">
        <CardHeader
          id="spend-deployments"
          title="Deployments"
          actions={
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" disabled={!r} onClick={() => r && downloadText(`spend-${r.from}-${r.to}-leases.csv`, leaseSpendCsv(r, (owner, dseq) => nameOf(owner, dseq)?.name), "text/csv")}>
                CSV per lease
              </Button>
              <Button size="sm" variant="secondary" disabled={!r} onClick={() => r && downloadText(`spend-${r.from}-${r.to}-daily.csv`, dailySpendCsv(r), "text/csv")}>
                CSV per day
              </Button>
            </div>
          }
        />
        <CardBody>
          <DeploymentsTable spend={spend} range={r} labels={labels} nameOf={nameOf} onRename={onRename} />
        </CardBody>
      </Card>
    </>
  );
}

/** The period figures and the daily history, once the range's history is read. */
function PeriodCards({ spend, team, split, setSplit, view, setView, seriesLabel }: { spend: TeamSpend; team: Team | null; split: SplitBy; setSplit: (s: SplitBy) => void; view: "chart" | "table"; setView: (v: "chart" | "table") => void; seriesLabel: (name: string) => string }) {
  const r = spend.range;
  const cmp = spend.comparison;
  const budget = team?.budget;
  const budgetAtoms = budget ? BigInt(budget.monthly) * 10n ** 18n : null;
  const forecast = spend.month.forecast[budget?.denom ?? "uact"] ?? 0n;
  const denoms = spentDenoms(r);
  const denom = denoms[0] ?? "uact";
  const { rows, series } = chartRows(r, denom, split);
  const unit = denom === "uakt" ? "AKT" : "ACT";
  const change = Object.entries(cmp.changePercent).map(([d, p]) => `${d === "uakt" ? "AKT" : "ACT"} ${p === null ? "new" : `${p > 0 ? "+" : ""}${p.toFixed(1)} %`}`).join(", ");

  return (
    <>
      <Card labelledBy="spend-period">
        <CardHeader id="spend-period" title="Period" description={`${r.from} … ${r.to} (blocks ${r.fromHeight.toLocaleString()}–${(r.toHeight - 1).toLocaleString()})`} />
        <CardBody>
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Figure label="Spent in range" value={money(r.total)} detail={Object.keys(r.errorBound).length ? `± ${money(r.errorBound)} at interpolated day boundaries` : "Exact"} />
            <Figure label="Previous period" value={money(cmp.previousTotal)} detail={`${cmp.previousFrom} … ${cmp.previousTo}${change ? ` · ${change}` : ""}`} />
            <Figure label="Month to date" value={money(spend.month.monthToDate)} />
            <Figure
              label="Forecast to month end"
              value={money(spend.month.forecast)}
              detail={budgetAtoms ? `Budget ${formatCoin(BigInt(budget!.monthly), budget!.denom, 2)} · ${budgetAtoms > 0n ? Number((forecast * 1000n) / budgetAtoms) / 10 : 0} %` : "At today's burn"}
            />
          </dl>
        </CardBody>
      </Card>

      <Card labelledBy="spend-history">
        <CardHeader
          id="spend-history"
          title="History"
          description={`Daily spend in ${unit}${denoms.length > 1 ? ` (also spent: ${denoms.slice(1).join(", ")}, in the table and CSV)` : ""}`}
          actions={
            <div className="flex flex-wrap gap-2">
              <select aria-label="Split by" className={inputClasses} value={split} onChange={(e) => setSplit(e.target.value as SplitBy)}>
                <option value="deployment">By deployment</option>
                <option value="provider">By provider</option>
                <option value="member">By member</option>
              </select>
              <Button size="sm" variant="secondary" aria-pressed={view === "table"} onClick={() => setView(view === "chart" ? "table" : "chart")}>
                {view === "chart" ? "Table view" : "Chart view"}
              </Button>
            </div>
          }
        />
        <CardBody>
          {view === "chart" ? (
            <Suspense fallback={<div className="h-72" aria-busy="true" />}>
              <SpendChart rows={rows} series={series} unit={unit} label={seriesLabel} />
            </Suspense>
          ) : (
            <div className="max-h-96 overflow-auto" tabIndex={0} role="region" aria-label="Daily spend table">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-border text-muted">
                    <th scope="col" className="py-1 pr-3">
                      Day
                    </th>
                    {series.map((s) => (
                      <th key={s} scope="col" className="py-1 pr-3 text-right">
                        {seriesLabel(s)}
                      </th>
                    ))}
                    <th scope="col" className="py-1 pr-3 text-right">
                      Total
                    </th>
                    <th scope="col" className="py-1 text-right">
                      Cumulative
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.day} className="border-b border-border/60 tabular-nums">
                      <th scope="row" className="py-1 pr-3 font-normal">
                        {row.day}
                      </th>
                      {series.map((s) => (
                        <td key={s} className="py-1 pr-3 text-right">
                          {(row.values[s] ?? 0).toLocaleString(undefined, { maximumFractionDigits: 6 })}
                        </td>
                      ))}
                      <td className="py-1 pr-3 text-right">{row.total.toLocaleString(undefined, { maximumFractionDigits: 6 })}</td>
                      <td className="py-1 text-right">{row.cumulative.toLocaleString(undefined, { maximumFractionDigits: 6 })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </CardBody>
      </Card>
    </>
  );
}
