import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import {
  applyNetworkOverrides,
  BUILTIN_NETWORKS,
  customNetwork,
  customNetworkSchema,
  type CustomNetworkSettings,
  type NetworkConfig,
  type NetworkId,
  type RuntimeConfig,
} from "@/lib/networks/networks";
import { globalKey, readJson, writeJson } from "./storage";

interface StoredNetworkSettings {
  networkId?: NetworkId;
  custom?: unknown;
  proxies?: unknown;
}

/** A user's own provider proxy for a built-in network (Settings → Provider proxy). */
export interface ProxyOverride {
  proxyUrl: string;
  /** The name that proxy knows the network by; empty = its default network. */
  proxyNetwork: string;
}
type BuiltinId = Exclude<NetworkId, "custom">;
type ProxyOverrides = Partial<Record<BuiltinId, ProxyOverride>>;

function parseOverrides(raw: unknown): ProxyOverrides {
  const out: ProxyOverrides = {};
  if (!raw || typeof raw !== "object") return out;
  for (const id of ["devnet", "sandbox", "mainnet"] as const) {
    const o = (raw as Record<string, unknown>)[id] as Partial<ProxyOverride> | undefined;
    if (o && typeof o.proxyUrl === "string" && /^https?:\/\//.test(o.proxyUrl) && typeof o.proxyNetwork === "string") out[id] = { proxyUrl: o.proxyUrl, proxyNetwork: o.proxyNetwork };
  }
  return out;
}

export interface NetworkContextValue {
  network: NetworkConfig;
  /** All selectable networks; `custom` is null until its URLs are set. */
  networks: Record<NetworkId, NetworkConfig | null>;
  customSettings: CustomNetworkSettings | null;
  selectNetwork: (id: NetworkId) => void;
  saveCustomNetwork: (settings: CustomNetworkSettings, select?: boolean) => void;
  /** The user's own proxy for a built-in network, or null to use the built-in one. */
  setProxyOverride: (id: BuiltinId, override: ProxyOverride | null) => void;
  /** A built-in network as shipped (before the user's proxy), to show what "default" means. */
  defaults: Record<BuiltinId, NetworkConfig>;
  /** Problem with `/config.json`, shown in Settings. */
  runtimeConfigError: string | null;
}

const NetworkContext = createContext<NetworkContextValue | null>(null);
const SETTINGS_KEY = globalKey("network");

function loadStored(): { networkId: NetworkId | null; custom: CustomNetworkSettings | null; proxies: ProxyOverrides } {
  const stored = readJson<StoredNetworkSettings>(SETTINGS_KEY);
  const custom = customNetworkSchema.safeParse(stored?.custom ?? null);
  const id = stored?.networkId;
  const valid = id === "devnet" || id === "sandbox" || id === "mainnet" || (id === "custom" && custom.success);
  return { networkId: valid ? id : null, custom: custom.success ? custom.data : null, proxies: parseOverrides(stored?.proxies) };
}

export function NetworkProvider({ runtimeConfig, runtimeConfigError, children }: { runtimeConfig: RuntimeConfig | null; runtimeConfigError: string | null; children: ReactNode }) {
  const queryClient = useQueryClient();
  const builtins = useMemo(() => applyNetworkOverrides(BUILTIN_NETWORKS, runtimeConfig), [runtimeConfig]);
  const [state, setState] = useState(() => {
    const stored = loadStored();
    return { networkId: stored.networkId ?? runtimeConfig?.defaultNetwork ?? ("devnet" as NetworkId), custom: stored.custom, proxies: stored.proxies };
  });

  const persist = useCallback((next: { networkId: NetworkId; custom: CustomNetworkSettings | null; proxies: ProxyOverrides }) => {
    writeJson(SETTINGS_KEY, { networkId: next.networkId, custom: next.custom, proxies: next.proxies });
  }, []);

  const selectNetwork = useCallback(
    (id: NetworkId) => {
      setState((current) => {
        if (current.networkId === id) return current;
        if (id === "custom" && !current.custom) return current;
        // Cached chain data belongs to the previous network.
        queryClient.clear();
        const next = { ...current, networkId: id };
        persist(next);
        return next;
      });
    },
    [persist, queryClient],
  );

  const saveCustomNetwork = useCallback(
    (settings: CustomNetworkSettings, select = true) => {
      setState((current) => {
        const next = { ...current, networkId: select ? ("custom" as NetworkId) : current.networkId, custom: settings };
        if (next.networkId === "custom") queryClient.clear();
        persist(next);
        return next;
      });
    },
    [persist, queryClient],
  );

  const setProxyOverride = useCallback(
    (id: BuiltinId, override: ProxyOverride | null) => {
      setState((current) => {
        const proxies = { ...current.proxies };
        if (override) proxies[id] = override;
        else delete proxies[id];
        const next = { ...current, proxies };
        // Provider data came through the other proxy.
        if (current.networkId === id) queryClient.clear();
        persist(next);
        return next;
      });
    },
    [persist, queryClient],
  );

  const value = useMemo<NetworkContextValue>(() => {
    const withProxy = (id: BuiltinId): NetworkConfig => ({ ...builtins[id], ...state.proxies[id] });
    const networks: Record<NetworkId, NetworkConfig | null> = {
      devnet: withProxy("devnet"),
      sandbox: withProxy("sandbox"),
      mainnet: withProxy("mainnet"),
      custom: state.custom ? customNetwork(state.custom) : null,
    };
    const network = networks[state.networkId] ?? networks.devnet!;
    return { network, networks, customSettings: state.custom, selectNetwork, saveCustomNetwork, setProxyOverride, defaults: builtins, runtimeConfigError };
  }, [builtins, state, selectNetwork, saveCustomNetwork, setProxyOverride, runtimeConfigError]);

  return <NetworkContext.Provider value={value}>{children}</NetworkContext.Provider>;
}

export function useNetwork(): NetworkContextValue {
  const value = useContext(NetworkContext);
  if (!value) throw new Error("useNetwork must be used inside NetworkProvider");
  return value;
}
