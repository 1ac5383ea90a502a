/**
 * Evaluates a scope's alert rules with lib/spend/alerts (the code `npm run alerts` runs) each time its spend data
 * refreshes, records what fired or resolved, and shows fired alerts as browser notifications when the user allowed
 * them (this page open is the only time the browser can: there is no backend to push from).
 */
import { useCallback, useEffect, useState } from "react";
import { evaluateRules, stepAlerts, type AlertEvent } from "@/lib/spend/alerts";
import type { TeamSpend } from "@/lib/spend/load";
import { recordEvaluation } from "./alert-record";
import { readAlertRecord, useAlertRecord, writeAlertRecord } from "./alert-store";

export type NotificationPermissionState = NotificationPermission | "unsupported";

const notificationsSupported = () => typeof window !== "undefined" && "Notification" in window;

function notify(events: ReadonlyArray<AlertEvent>): void {
  if (!notificationsSupported() || Notification.permission !== "granted") return;
  for (const e of events) {
    if (e.type === "resolved") continue;
    try {
      // The tag replaces a still-showing notification about the same situation instead of stacking another.
      new Notification(e.condition.title, { body: e.condition.message, tag: e.condition.key });
    } catch {
      // Some browsers (Android Chrome) allow notifications only from a service worker: the in-app list still has it.
    }
  }
}

/**
 * The scope's record and its evaluation; `spend` undefined while loading (nothing is evaluated then). `budget`: the
 * team's monthly budget, checked at 80 % and 100 % unless the rules set their own.
 */
export function useAlerts(scope: string, spend: TeamSpend | undefined, budget?: { denom: string; monthly: string }) {
  const { record, update } = useAlertRecord(scope);
  const rules = record.rules;
  const budgetKey = budget ? `${budget.monthly}${budget.denom}` : "";

  useEffect(() => {
    if (!spend) return;
    // Read the stored record, not the render's: another tab or a double-run effect may have stepped it already.
    const current = readAlertRecord(scope);
    const watchedFrom = current.watchedFromHeight ?? spend.latest.height;
    const rules = current.rules.monthlyBudget || !budget ? current.rules : { ...current.rules, monthlyBudget: { denom: budget.denom, amount: budget.monthly } };
    const conditions = evaluateRules(rules, {
      nowMs: Date.now(),
      today: spend.today,
      runways: spend.runways,
      wallets: spend.wallets,
      burn: spend.burn,
      month: spend.month,
      leases: spend.leases,
      closedAfterHeight: watchedFrom,
    });
    const step = stepAlerts(current.state, conditions, Date.now());
    if (step.events.length === 0 && current.watchedFromHeight !== null && JSON.stringify(step.state) === JSON.stringify(current.state)) return;
    writeAlertRecord(scope, recordEvaluation(current, step, watchedFrom));
    notify(step.events);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- budgetKey stands for budget (a new object each render)
  }, [scope, spend, rules, budgetKey]);

  const [permission, setPermission] = useState<NotificationPermissionState>(() => (notificationsSupported() ? Notification.permission : "unsupported"));
  const askPermission = useCallback(async () => {
    if (!notificationsSupported()) return;
    setPermission(await Notification.requestPermission());
  }, []);

  return { record, update, permission, askPermission };
}
