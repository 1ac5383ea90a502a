/**
 * The alert centre's record per watched scope (a team or one wallet): its rules, the dedup state that lib/spend/alerts
 * steps, the height the watch began at (leases closed before it are history, not news) and a bounded history of what
 * fired and resolved, each with its acknowledgement. Pure; alert-store.ts keeps it in localStorage.
 */
import { alertRulesSchema, emptyAlertState, type AlertEvent, type AlertRules, type AlertState } from "@/lib/spend/alerts";

/** Enough to scroll back through weeks of alerts; the oldest go first. */
export const HISTORY_LIMIT = 200;

export interface AlertHistoryItem {
  id: string;
  type: AlertEvent["type"];
  key: string;
  kind: string;
  severity: "warning" | "critical";
  title: string;
  message: string;
  atMs: number;
  acknowledged: boolean;
}

export interface AlertRecord {
  version: 1;
  rules: AlertRules;
  /** null until the first evaluation. */
  watchedFromHeight: number | null;
  state: AlertState;
  history: AlertHistoryItem[];
}

/** A new scope watches escrow below a day and closed leases; the rest is opt-in. */
export const defaultRules = (): AlertRules => alertRulesSchema.parse({ escrowHoursBelow: 24, leaseClosed: true });
export const emptyRecord = (): AlertRecord => ({ version: 1, rules: defaultRules(), watchedFromHeight: null, state: emptyAlertState(), history: [] });

function isHistoryItem(x: unknown): x is AlertHistoryItem {
  const h = x as AlertHistoryItem;
  return typeof h === "object" && h !== null && typeof h.id === "string" && typeof h.key === "string" && typeof h.title === "string" && typeof h.message === "string" && typeof h.atMs === "number" && ["fired", "reminder", "resolved"].includes(h.type);
}

/** Whatever is stored, as a valid record (unknown or broken parts fall back to their defaults). */
export function parseRecord(raw: unknown): AlertRecord {
  const r = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<AlertRecord>;
  const rules = alertRulesSchema.safeParse(r.rules);
  const entries = r.state && typeof r.state.entries === "object" && r.state.entries !== null ? r.state.entries : null;
  return {
    version: 1,
    rules: rules.success ? rules.data : defaultRules(),
    watchedFromHeight: typeof r.watchedFromHeight === "number" && Number.isSafeInteger(r.watchedFromHeight) ? r.watchedFromHeight : null,
    state: entries ? { entries } : emptyAlertState(),
    history: Array.isArray(r.history) ? r.history.filter(isHistoryItem).slice(-HISTORY_LIMIT) : [],
  };
}

/** The record after an evaluation: the stepped state, and its events appended to the history (resolutions arrive acknowledged). */
export function recordEvaluation(record: AlertRecord, step: { state: AlertState; events: ReadonlyArray<AlertEvent> }, watchedFromHeight: number): AlertRecord {
  const added = step.events.map((e, i): AlertHistoryItem => ({
    id: `${e.atMs}-${i}-${e.condition.key}`,
    type: e.type,
    key: e.condition.key,
    kind: e.condition.kind,
    severity: e.condition.severity,
    title: e.condition.title,
    message: e.condition.message,
    atMs: e.atMs,
    acknowledged: e.type === "resolved",
  }));
  return { ...record, watchedFromHeight, state: step.state, history: [...record.history, ...added].slice(-HISTORY_LIMIT) };
}

/** `id` undefined: every item. */
export function acknowledge(record: AlertRecord, id?: string): AlertRecord {
  return { ...record, history: record.history.map((h) => (id === undefined || h.id === id ? { ...h, acknowledged: true } : h)) };
}

