/**
 * Per-deployment table: name (the saved SDL's, or a label given here), owner, provider, price per hour and month, spent
 * in range, escrow and time left; sortable, filterable.
 */
import { useMemo, useState, type FormEvent } from "react";
import { formatCoin, shortenAddress } from "@/lib/format/coins";
import { formatDuration } from "@/lib/pricing/runway";
import { deploymentKey, leaseId, type SpendHistory } from "@/lib/spend/history";
import type { SpendNow } from "@/lib/spend/load";
import { wholeMicro } from "@/lib/spend/money";
import { ratePer } from "@/lib/spend/overview";
import { inputClasses } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { DEPLOYMENT_LABEL_MAX } from "@/lib/spend/teams";
import type { DeploymentName } from "./deployment-names";

interface Row {
  key: string;
  owner: string;
  dseq: string;
  /** "" when the deployment has no name. */
  name: string;
  nameSource: DeploymentName["source"] | null;
  provider: string;
  state: string;
  denom: string;
  perHour: bigint;
  perMonth: bigint;
  /** null while the range's history is read. */
  spent: bigint | null;
  escrowLeft: bigint | null;
  secondsLeft: number | null;
}

type SortKey = "dseq" | "name" | "owner" | "provider" | "perHour" | "spent" | "escrowLeft" | "secondsLeft" | "state";

const money = (atoms: bigint | null, denom: string): string => (atoms === null ? "—" : formatCoin(wholeMicro(atoms), denom, 6));

/** One row per lease; `range` null while its history is read (spent in range unknown then). */
export function buildRows(spend: SpendNow, range: SpendHistory | null, nameOf: (owner: string, dseq: string) => DeploymentName | null = () => null): Row[] {
  const runways = new Map(spend.runways.map((r) => [`${r.owner}/${r.dseq}`, r]));
  const spentIn = new Map(range?.leases.map((x) => [leaseId(x.lease), x.spent]));
  return spend.leases.map((l) => {
    const r = runways.get(deploymentKey(l));
    const running = l.state === "active";
    const name = nameOf(l.owner, l.dseq);
    return {
      key: `${l.owner}/${l.dseq}/${l.gseq}/${l.oseq}/${l.provider}`,
      owner: l.owner,
      dseq: l.dseq,
      name: name?.name ?? "",
      nameSource: name?.source ?? null,
      provider: l.provider,
      state: l.state,
      denom: l.denom,
      perHour: running ? ratePer(l.priceAtoms, 3600, spend.secondsPerBlock) : 0n,
      perMonth: running ? ratePer(l.priceAtoms, 30 * 86_400, spend.secondsPerBlock) : 0n,
      spent: range ? (spentIn.get(leaseId(l)) ?? 0n) : null,
      escrowLeft: running && r ? r.escrowLeft : null,
      secondsLeft: running && r ? r.secondsLeft : null,
    };
  });
}

function compare(a: Row, b: Row, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
  if (y === null || y === undefined) return -1;
  if (typeof x === "bigint" && typeof y === "bigint") return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x).localeCompare(String(y), undefined, { numeric: true });
}

const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: "dseq", label: "Deployment" },
  { key: "name", label: "Name" },
  { key: "owner", label: "Owner" },
  { key: "provider", label: "Provider" },
  { key: "perHour", label: "Per hour / month", numeric: true },
  { key: "spent", label: "Spent in range", numeric: true },
  { key: "escrowLeft", label: "Escrow left", numeric: true },
  { key: "secondsLeft", label: "Time left", numeric: true },
  { key: "state", label: "State" },
];

/** A deployment's name: the saved SDL's as it is; any other can be given (or changed, or cleared) here. */
function NameCell({ row, onRename }: { row: Row; onRename: (owner: string, dseq: string, label: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(row.name);
  if (row.nameSource === "record") {
    return <span title="The name saved with this deployment's SDL in this browser">{row.name}</span>;
  }
  if (!editing) {
    return (
      <span className="inline-flex flex-wrap items-center gap-x-2">
        {row.name && <span>{row.name}</span>}
        <Button
          size="sm"
          variant="ghost"
          aria-label={row.name ? `Rename deployment ${row.dseq}` : `Add name to deployment ${row.dseq}`}
          onClick={() => {
            setText(row.name);
            setEditing(true);
          }}
        >
          {row.name ? "Rename" : "Add name"}
        </Button>
      </span>
    );
  }
  const save = (e: FormEvent) => {
    e.preventDefault();
    onRename(row.owner, row.dseq, text);
    setEditing(false);
  };
  return (
    <form className="flex flex-wrap items-center gap-1" onSubmit={save} onKeyDown={(e) => e.key === "Escape" && setEditing(false)}>
      <input
        className={`${inputClasses} w-40`}
        aria-label={`Name for deployment ${row.dseq}`}
        maxLength={DEPLOYMENT_LABEL_MAX}
        value={text}
        autoFocus
        onChange={(e) => setText(e.target.value)}
      />
      <Button size="sm" type="submit">
        Save
      </Button>
      <Button size="sm" variant="ghost" type="button" onClick={() => setEditing(false)}>
        Cancel
      </Button>
    </form>
  );
}

/** Rows drawn at once: a team's 1,000 deployments in one table took longer to draw than the data took to read. */
const PAGE_SIZE = 50;

/** `onRename`: gives a deployment (without a saved SDL here) a label; a blank one removes it. */
export function DeploymentsTable({ spend, range, labels, nameOf, onRename }: { spend: SpendNow; range: SpendHistory | null; labels: (address: string) => string; nameOf: (owner: string, dseq: string) => DeploymentName | null; onRename: (owner: string, dseq: string, label: string) => void }) {
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "spent", desc: true });
  const [page, setPage] = useState(0);
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    // Until the range's history is read, the running deployments (closed ones show once their spend in range is known).
    const all = buildRows(spend, range, nameOf).filter((r) => (r.spent !== null && r.spent > 0n) || r.state === "active");
    const shown = q ? all.filter((r) => [r.dseq, r.name, r.owner, r.provider, r.state, labels(r.owner)].some((v) => v.toLowerCase().includes(q))) : all;
    return shown.sort((a, b) => (sort.desc ? -1 : 1) * compare(a, b, sort.key));
  }, [spend, range, filter, sort, labels, nameOf]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  // A filter or a refresh may leave fewer pages than the one shown.
  const current = Math.min(page, pages - 1);
  const pageRows = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  return (
    <div className="flex flex-col gap-3">
      <label className="flex max-w-xs flex-col gap-1 text-sm">
        <span className="font-medium">Filter</span>
        <input className={inputClasses} value={filter} onChange={(e) => {
            setFilter(e.target.value);
            setPage(0);
          }} placeholder="name, dseq, owner, provider, state" />
      </label>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[720px] text-left text-sm">
          <thead>
            <tr className="border-b border-border text-muted">
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? "py-2 pr-3 text-right" : "py-2 pr-3"} aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : "none"}>
                  <button type="button" className="font-medium hover:text-fg" onClick={() => {
                      setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.numeric === true }));
                      setPage(0);
                    }}>
                    {c.label}
                    {sort.key === c.key ? (sort.desc ? " ↓" : " ↑") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pageRows.map((r) => (
              <tr key={r.key} className="border-b border-border/60">
                <td className="py-2 pr-3 font-mono">{r.dseq}</td>
                <td className="py-2 pr-3">
                  <NameCell key={`${r.key}:${r.name}`} row={r} onRename={onRename} />
                </td>
                <td className="py-2 pr-3" title={r.owner}>
                  {labels(r.owner)}
                </td>
                <td className="py-2 pr-3 font-mono" title={r.provider}>
                  {shortenAddress(r.provider)}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {r.state === "active" ? (
                    <>
                      {money(r.perHour, r.denom)}
                      <br />
                      <span className="text-muted">{money(r.perMonth, r.denom)}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {r.spent === null ? (
                    <span className="text-muted" aria-busy="true" title="Reading the block headers that bound the range">
                      …
                    </span>
                  ) : (
                    money(r.spent, r.denom)
                  )}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{money(r.escrowLeft, r.denom)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.secondsLeft === null ? "—" : formatDuration(r.secondsLeft)}</td>
                <td className="py-2 pr-3">{r.state.replace(/_/g, " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {pages > 1 && (
          <nav className="flex flex-wrap items-center gap-2 py-2 text-sm" aria-label="Deployments table pages">
            <span className="text-muted" aria-live="polite">
              {current * PAGE_SIZE + 1}–{current * PAGE_SIZE + pageRows.length} of {rows.length.toLocaleString("en-US")}
            </span>
            <Button size="sm" variant="ghost" type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
              Previous
            </Button>
            <Button size="sm" variant="ghost" type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              Next
            </Button>
          </nav>
        )}
        {rows.length === 0 && <p className="py-4 text-sm text-muted">{range ? "No deployment spent anything in this range." : "No deployment running; the spend in range is being read."}</p>}
      </div>
    </div>
  );
}
