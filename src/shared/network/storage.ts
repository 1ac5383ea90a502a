/** localStorage helpers. Per-network data lives under `akash-console:<networkId>:` so networks never mix. */
import type { NetworkId } from "@/lib/networks/networks";

const PREFIX = "akash-console";

export function globalKey(name: string): string {
  return `${PREFIX}:${name}`;
}

export function networkKey(networkId: NetworkId, name: string): string {
  return `${PREFIX}:${networkId}:${name}`;
}

export function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();

export function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: settings then last for this session only.
  }
  for (const listener of listeners) listener();
}

export function removeJson(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
  for (const listener of listeners) listener();
}

/**
 * For `useSyncExternalStore` over values read with `readJson`: called after every `writeJson` in this tab and
 * when another tab changes storage, so a setting shows the moment it is written (no cache in between).
 */
export function subscribeStorage(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** Removes every key stored for one network. */
export function clearNetworkData(networkId: NetworkId): number {
  const prefix = `${PREFIX}:${networkId}:`;
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  keys.forEach((key) => localStorage.removeItem(key));
  return keys.length;
}
