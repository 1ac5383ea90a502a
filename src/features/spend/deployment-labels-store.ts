/** Deployment labels given on /spend, in localStorage per network (deployment-names.ts); validated on read. */
import { useCallback, useSyncExternalStore } from "react";
import { NETWORK_IDS, type NetworkId } from "@/lib/networks/networks";
import type { DeploymentLabel } from "@/lib/spend/teams";
import { networkKey, readJson, subscribeStorage, writeJson } from "@/shared/network";
import { mergeImportedLabels, parseLabelMap, withLabel, type LabelMap } from "./deployment-names";

const storageKey = (network: NetworkId) => networkKey(network, "spend-deployment-labels");

const EMPTY: LabelMap = new Map();
let cache = new Map<NetworkId, { text: string | null; labels: LabelMap }>();

function snapshot(network: NetworkId): LabelMap {
  const key = storageKey(network);
  const text = localStorage.getItem(key);
  const hit = cache.get(network);
  if (hit && hit.text === text) return hit.labels;
  const labels = parseLabelMap(readJson<unknown>(key));
  cache = new Map(cache).set(network, { text, labels });
  return labels;
}

const write = (network: NetworkId, labels: LabelMap) => writeJson(storageKey(network), Object.fromEntries(labels));

/** Every network's labels (what a team's export carries). */
export function readAllDeploymentLabels(): Map<NetworkId, LabelMap> {
  return new Map(NETWORK_IDS.map((n) => [n, snapshot(n)]));
}

/** Sets the labels a team brought (file or link), each on its own network. */
export function importDeploymentLabels(labels: ReadonlyArray<DeploymentLabel>): void {
  for (const [network, merged] of mergeImportedLabels(labels, snapshot)) write(network, merged);
}

/** The network's labels, live across tabs; `setLabel` with a blank label removes it. */
export function useDeploymentLabels(network: NetworkId) {
  const labels = useSyncExternalStore(subscribeStorage, () => snapshot(network), () => EMPTY);
  const setLabel = useCallback((owner: string, dseq: string, label: string) => write(network, withLabel(snapshot(network), owner, dseq, label)), [network]);
  return { labels, setLabel };
}
