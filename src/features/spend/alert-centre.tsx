/**
 * The alert centre on /spend: the watched scope's rules (kept in this browser), what is firing now, the history with
 * acknowledgement, and browser notifications while the page is open. Rules are evaluated by use-alerts.ts with the
 * same code as `npm run alerts`.
 */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { formatCoin } from "@/lib/format/coins";
import type { AlertRules } from "@/lib/spend/alerts";
import type { AlertRecord } from "./alert-record";
import { acknowledge } from "./alert-record";
import { rulesFromDraft, draftFromRules, type RulesDraft } from "./alert-rules-draft";
import type { NotificationPermissionState } from "./use-alerts";

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export function AlertCentre({
  record,
  update,
  permission,
  askPermission,
  teamBudget,
}: {
  record: AlertRecord;
  update: (change: (r: AlertRecord) => AlertRecord) => void;
  permission: NotificationPermissionState;
  askPermission: () => Promise<void>;
  teamBudget?: { denom: string; monthly: string };
}) {
  const [editing, setEditing] = useState(false);
  const active = Object.values(record.state.entries).filter((e) => e.active && !e.condition.oneShot);
  const history = [...record.history].reverse();
  const unacknowledged = history.filter((h) => !h.acknowledged).length;

  return (
    <Card labelledBy="alert-centre-title">
      <CardHeader
        id="alert-centre-title"
        title={`Alerts${unacknowledged ? ` (${unacknowledged} new)` : ""}`}
        description="Rules kept in this browser for the wallet or team watched, checked each time the spend data refreshes (every minute). For alerts while the console is closed, export the team (its file carries these rules) and give it to npm run alerts as its team."
        actions={
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>
              {editing ? "Close rules" : "Edit rules"}
            </Button>
            {unacknowledged > 0 && (
              <Button size="sm" variant="secondary" onClick={() => update((r) => acknowledge(r))}>
                Acknowledge all
              </Button>
            )}
          </div>
        }
      />
      <CardBody className="flex flex-col gap-4">
        <RulesSummary record={record} teamBudget={teamBudget} />
        {editing && (
          <RulesForm
            initial={draftFromRules(record.rules)}
            teamBudget={teamBudget}
            onSave={(rules) => {
              update((r) => ({ ...r, rules }));
              setEditing(false);
            }}
          />
        )}
        <NotificationPermission permission={permission} askPermission={askPermission} />
        <section aria-labelledby="alerts-active">
          <h3 id="alerts-active" className="text-sm font-medium">
            Firing now
          </h3>
          {active.length === 0 ? (
            <p className="text-sm text-muted">Nothing: every rule is within its limit.</p>
          ) : (
            <ul className="mt-1 flex flex-col gap-1 text-sm" data-testid="alerts-active">
              {active.map((e) => (
                <li key={e.condition.key} className={e.condition.severity === "critical" ? "text-danger" : undefined}>
                  <span className="font-medium">{e.condition.title}</span> · since {when(e.firstFiredMs)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="alerts-history">
          <h3 id="alerts-history" className="text-sm font-medium">
            Alert history
          </h3>
          {history.length === 0 ? (
            <p className="text-sm text-muted">No alert yet.</p>
          ) : (
            <ul className="mt-1 flex max-h-80 flex-col gap-2 overflow-auto text-sm" data-testid="alerts-history" tabIndex={0} aria-label="Alert history">
              {history.map((h) => (
                <li key={h.id} className="flex flex-wrap items-start justify-between gap-2 border-b border-border/60 pb-2">
                  <div className="min-w-0">
                    <p className={h.type !== "resolved" && h.severity === "critical" ? "font-medium text-danger" : "font-medium"}>
                      {h.type === "resolved" ? `Resolved: ${h.title}` : h.title}
                    </p>
                    <p className="break-words text-muted">{h.message}</p>
                    <p className="text-xs text-muted">{when(h.atMs)}</p>
                  </div>
                  {h.acknowledged ? (
                    <span className="text-xs text-muted">{h.type === "resolved" ? "" : "Acknowledged"}</span>
                  ) : (
                    <Button size="sm" variant="secondary" onClick={() => update((r) => acknowledge(r, h.id))} aria-label={`Acknowledge: ${h.title}`}>
                      Acknowledge
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </CardBody>
    </Card>
  );
}

function RulesSummary({ record, teamBudget }: { record: AlertRecord; teamBudget?: { denom: string; monthly: string } }) {
  const r = record.rules;
  const budget = r.monthlyBudget ?? (teamBudget ? { denom: teamBudget.denom, amount: teamBudget.monthly } : undefined);
  const parts = [
    r.escrowHoursBelow !== undefined && `escrow time left below ${r.escrowHoursBelow} h`,
    r.walletBelow && `wallet balance below ${formatCoin(BigInt(r.walletBelow.amount), r.walletBelow.denom)}`,
    r.spendPerHourAbove && `spend above ${formatCoin(BigInt(r.spendPerHourAbove.amount), r.spendPerHourAbove.denom)} per hour`,
    budget && `forecast or spend at 80 % and 100 % of ${formatCoin(BigInt(budget.amount), budget.denom)} a month${r.monthlyBudget ? "" : " (the team's budget)"}`,
    r.leaseClosed && "a lease closed by its provider or for insufficient funds",
  ].filter(Boolean);
  return <p className="text-sm" data-testid="alert-rules-summary">{parts.length ? `Alerts when: ${parts.join("; ")}.` : "No rule is on."}</p>;
}

function NotificationPermission({ permission, askPermission }: { permission: NotificationPermissionState; askPermission: () => Promise<void> }) {
  if (permission === "unsupported") return <p className="text-sm text-muted">This browser cannot show notifications; alerts appear here.</p>;
  if (permission === "granted") return <p className="text-sm text-muted">Browser notifications are on while this page is open.</p>;
  if (permission === "denied") return <p className="text-sm text-muted">Browser notifications are blocked for this site; allow them in the browser's site settings to get them.</p>;
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span>Get a browser notification when an alert fires while this page is open.</span>
      <Button size="sm" variant="secondary" onClick={() => void askPermission()}>
        Allow notifications
      </Button>
    </div>
  );
}

function RulesForm({ initial, teamBudget, onSave }: { initial: RulesDraft; teamBudget?: { denom: string; monthly: string }; onSave: (rules: AlertRules) => void }) {
  const [draft, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const parsed = rulesFromDraft(draft);
  const errors = parsed.ok ? {} : parsed.errors;
  const set = (patch: Partial<RulesDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (parsed.ok) onSave(parsed.value);
  }

  const shown = (field: keyof RulesDraft) => (submitted ? (errors[field] ?? null) : null);
  return (
    <form onSubmit={submit} className="grid gap-3 rounded-lg border border-border p-3 sm:grid-cols-2" aria-label="Alert rules" noValidate>
      <TextField label="Escrow time left below (hours)" inputMode="decimal" value={draft.escrowHours} onChange={(e) => set({ escrowHours: e.target.value })} error={shown("escrowHours")} hint="Any deployment; empty: off" />
      <TextField label="Wallet balance below (AKT)" inputMode="decimal" value={draft.walletAkt} onChange={(e) => set({ walletAkt: e.target.value })} error={shown("walletAkt")} hint="Any watched wallet; AKT pays the fees. Empty: off" />
      <TextField label="Spend rate above (ACT per hour)" inputMode="decimal" value={draft.spendActPerHour} onChange={(e) => set({ spendActPerHour: e.target.value })} error={shown("spendActPerHour")} hint="All watched deployments together. Empty: off" />
      <TextField
        label="Monthly budget (ACT)"
        inputMode="decimal"
        value={draft.budgetAct}
        onChange={(e) => set({ budgetAct: e.target.value })}
        error={shown("budgetAct")}
        hint={teamBudget ? `Alerts at 80 % and 100 % of spend and forecast. Empty: the team's budget (${formatCoin(BigInt(teamBudget.monthly), teamBudget.denom)})` : "Alerts at 80 % and 100 % of spend and forecast. Empty: off"}
      />
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" checked={draft.leaseClosed} onChange={(e) => set({ leaseClosed: e.target.checked })} />A lease closed by its provider or for insufficient funds
      </label>
      {submitted && !parsed.ok && <Alert tone="error" className="sm:col-span-2">Fix the fields marked above.</Alert>}
      <div className="sm:col-span-2">
        <Button type="submit">Save rules</Button>
      </div>
    </form>
  );
}
