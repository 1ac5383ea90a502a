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
}

export interface NetworkContextValue {
  network: NetworkConfig;
  /** All selectable networks; `custom` is null until its URLs are set. */
  networks: Record<NetworkId, NetworkConfig | null>;
  customSettings: CustomNetworkSettings | null;
  selectNetwork: (id: NetworkId) => void;
  saveCustomNetwork: (settings: CustomNetworkSettings, select?: boolean) => void;
  /** Problem with `/config.json`, shown in Settings. */
  runtimeConfigError: string | null;
}

const NetworkContext = createContext<NetworkContextValue | null>(null);
const SETTINGS_KEY = globalKey("network");

function loadStored(): { networkId: NetworkId | null; custom: CustomNetworkSettings | null } {
  const stored = readJson<StoredNetworkSettings>(SETTINGS_KEY);
  const custom = customNetworkSchema.safeParse(stored?.custom ?? null);
  const id = stored?.networkId;
  const valid = id === "devnet" || id === "sandbox" || id === "mainnet" || (id === "custom" && custom.success);
  return { networkId: valid ? id : null, custom: custom.success ? custom.data : null };
}

export function NetworkProvider({ runtimeConfig, runtimeConfigError, children }: { runtimeConfig: RuntimeConfig | null; runtimeConfigError: string | null; children: ReactNode }) {
  const queryClient = useQueryClient();
  const builtins = useMemo(() => applyNetworkOverrides(BUILTIN_NETWORKS, runtimeConfig), [runtimeConfig]);
  const [state, setState] = useState(() => {
    const stored = loadStored();
    return { networkId: stored.networkId ?? runtimeConfig?.defaultNetwork ?? ("devnet" as NetworkId), custom: stored.custom };
  });

  const persist = useCallback((next: { networkId: NetworkId; custom: CustomNetworkSettings | null }) => {
    writeJson(SETTINGS_KEY, { networkId: next.networkId, custom: next.custom });
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
        const next = { networkId: select ? ("custom" as NetworkId) : current.networkId, custom: settings };
        if (next.networkId === "custom") queryClient.clear();
        persist(next);
        return next;
      });
    },
    [persist, queryClient],
  );

  const value = useMemo<NetworkContextValue>(() => {
    const networks: Record<NetworkId, NetworkConfig | null> = { ...builtins, custom: state.custom ? customNetwork(state.custom) : null };
    const network = networks[state.networkId] ?? builtins.devnet;
    return { network, networks, customSettings: state.custom, selectNetwork, saveCustomNetwork, runtimeConfigError };
  }, [builtins, state, selectNetwork, saveCustomNetwork, runtimeConfigError]);

  return <NetworkContext.Provider value={value}>{children}</NetworkContext.Provider>;
}

export function useNetwork(): NetworkContextValue {
  const value = useContext(NetworkContext);
  if (!value) throw new Error("useNetwork must be used inside NetworkProvider");
  return value;
}
