/** The auditors trusted on the selected network: its own, plus the ones this user added (kept per network). */
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { mergeTrustedAuditors, type TrustedAuditors } from "@/lib/networks/auditors";
import type { NetworkId } from "@/lib/networks/networks";
import { useNetwork } from "./network-context";
import { networkKey, readJson, writeJson } from "./storage";

const listeners = new Set<() => void>();
const key = (networkId: NetworkId) => networkKey(networkId, "trusted-auditors");
/** Cached per raw value so useSyncExternalStore sees a stable snapshot. */
let cache: { raw: string | null; value: TrustedAuditors } = { raw: null, value: {} };

function readAdded(networkId: NetworkId): TrustedAuditors {
  const raw = localStorage.getItem(key(networkId));
  if (raw !== cache.raw) {
    const parsed = readJson<Record<string, unknown>>(key(networkId)) ?? {};
    const value: Record<string, string> = {};
    for (const [address, name] of Object.entries(parsed)) if (/^akash1[0-9a-z]{38}$/.test(address) && typeof name === "string" && name) value[address] = name;
    cache = { raw, value };
  }
  return cache.value;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export interface TrustedAuditorsApi {
  /** Everything trusted on this network (what "audited" means here). */
  trusted: TrustedAuditors;
  /** The network's own auditors. */
  builtIn: TrustedAuditors;
  /** The user's additions. */
  added: TrustedAuditors;
  add(address: string, name: string): void;
  remove(address: string): void;
}

export function useTrustedAuditors(): TrustedAuditorsApi {
  const { network } = useNetwork();
  const added = useSyncExternalStore(subscribe, () => readAdded(network.id));
  const trusted = useMemo(() => mergeTrustedAuditors(network.auditors, added), [network.auditors, added]);
  const write = useCallback(
    (next: TrustedAuditors) => {
      writeJson(key(network.id), next);
      for (const listener of listeners) listener();
    },
    [network.id],
  );
  const add = useCallback((address: string, name: string) => write({ ...readAdded(network.id), [address]: name }), [network.id, write]);
  const remove = useCallback(
    (address: string) => {
      const next: Record<string, string> = { ...readAdded(network.id) };
      delete next[address];
      write(next);
    },
    [network.id, write],
  );
  return { trusted, builtIn: network.auditors, added, add, remove };
}
