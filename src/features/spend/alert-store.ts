/** The alert centre's records (alert-record.ts) in localStorage, one per scope; validated on read. */
import { useCallback, useSyncExternalStore } from "react";
import { globalKey, readJson, removeJson, subscribeStorage, writeJson } from "@/shared/network";
import { emptyRecord, parseRecord, type AlertRecord } from "./alert-record";

/** Alert scopes: a team by name, or one wallet. */
export const teamScope = (name: string): string => `team:${name}`;
export const walletScope = (address: string): string => `wallet:${address}`;

const storageKey = (scope: string) => globalKey(`spend-alerts:${scope}`);

const EMPTY = emptyRecord();
let cache = new Map<string, { text: string | null; record: AlertRecord }>();

function snapshot(scope: string): AlertRecord {
  const key = storageKey(scope);
  const text = localStorage.getItem(key);
  const hit = cache.get(scope);
  if (hit && hit.text === text) return hit.record;
  const record = parseRecord(readJson<unknown>(key));
  cache = new Map(cache).set(scope, { text, record });
  return record;
}

export function readAlertRecord(scope: string): AlertRecord {
  return snapshot(scope);
}

export function writeAlertRecord(scope: string, record: AlertRecord): void {
  writeJson(storageKey(scope), record);
}

/** A team renamed keeps its rules and alert history under its new name. */
export function moveAlertRecord(from: string, to: string): void {
  if (from === to || readJson<unknown>(storageKey(from)) === null) return;
  writeAlertRecord(to, snapshot(from));
  removeJson(storageKey(from));
}

/** A team removed takes its rules and alert history with it. */
export function forgetAlertRecord(scope: string): void {
  removeJson(storageKey(scope));
}

/** The scope's record, live across tabs; `update` applies a change to the latest stored record. */
export function useAlertRecord(scope: string) {
  const record = useSyncExternalStore(subscribeStorage, () => snapshot(scope), () => EMPTY);
  const update = useCallback((change: (r: AlertRecord) => AlertRecord) => writeAlertRecord(scope, change(snapshot(scope))), [scope]);
  return { record, update };
}
