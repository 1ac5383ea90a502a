export { NetworkProvider, useNetwork, type NetworkContextValue } from "./network-context";
export { useNodeHealth, networkKeys } from "./use-node-health";
export { NetworkStatus, NodeProblemBanner } from "./network-status";
export { NetworkSwitcher } from "./network-switcher";
export { networkKey, globalKey, readJson, writeJson, removeJson, clearNetworkData, subscribeStorage } from "./storage";
export { NoProxyNotice } from "./no-proxy-notice";
export { useTrustedAuditors } from "./trusted-auditors";
