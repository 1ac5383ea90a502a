/** The auditors trusted on the selected network: its own, plus the ones this user added (kept per network). */
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { mergeTrustedAuditors, type TrustedAuditors } from "@/lib/networks/auditors";
import type { NetworkId } from "@/lib/networks/networks";
import { useNetwork } from "./network-context";
import { networkKey, readJson, subscribeStorage, writeJson } from "./storage";

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
  const added = useSyncExternalStore(subscribeStorage, () => readAdded(network.id));
  const trusted = useMemo(() => mergeTrustedAuditors(network.auditors, added), [network.auditors, added]);
  const add = useCallback((address: string, name: string) => writeJson(key(network.id), { ...readAdded(network.id), [address]: name }), [network.id]);
  const remove = useCallback(
    (address: string) => {
      const next: Record<string, string> = { ...readAdded(network.id) };
      delete next[address];
      writeJson(key(network.id), next);
    },
    [network.id],
  );
  return { trusted, builtIn: network.auditors, added, add, remove };
}
