/**
 * What a deployment is called on /spend. The chain has no names: a deployment this browser created has the name its
 * local record keeps (given with its SDL in the deploy flow); any other (a teammate's) can be given a label here.
 * Labels are kept per network (a dseq is only unique on its network) as `owner/dseq` → label. Pure: the store is
 * deployment-labels-store.ts.
 */
import type { NetworkId } from "@/lib/networks/networks";
import { DEPLOYMENT_LABEL_MAX, isAkashAddress, type DeploymentLabel } from "@/lib/spend/teams";

/** `owner/dseq` → label, for one network. */
export type LabelMap = ReadonlyMap<string, string>;

export const deploymentRef = (owner: string, dseq: string): string => `${owner}/${dseq}`;

/** Whatever is stored, as labels (storage can be edited by hand: entries that are not a valid label are dropped). */
export function parseLabelMap(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return out;
  for (const [ref, label] of Object.entries(raw)) {
    const [owner = "", dseq = "", extra] = ref.split("/");
    if (extra !== undefined || !isAkashAddress(owner) || !/^\d{1,20}$/.test(dseq) || typeof label !== "string") continue;
    const text = label.trim();
    if (text && text.length <= DEPLOYMENT_LABEL_MAX) out.set(ref, text);
  }
  return out;
}

/** The map after naming one deployment; an empty (blank) label removes its name. */
export function withLabel(labels: LabelMap, owner: string, dseq: string, label: string): Map<string, string> {
  const next = new Map(labels);
  const text = label.trim().slice(0, DEPLOYMENT_LABEL_MAX);
  if (text) next.set(deploymentRef(owner, dseq), text);
  else next.delete(deploymentRef(owner, dseq));
  return next;
}

export interface DeploymentName {
  name: string;
  /** `record`: the name kept with the deployment's saved SDL in this browser; `label`: given on /spend. */
  source: "record" | "label";
}

/** The saved SDL's name when this browser has the deployment's record, the user's label otherwise. */
export function deploymentNameOf(recordNames: LabelMap, labels: LabelMap, owner: string, dseq: string): DeploymentName | null {
  const ref = deploymentRef(owner, dseq);
  const fromRecord = recordNames.get(ref);
  if (fromRecord) return { name: fromRecord, source: "record" };
  const label = labels.get(ref);
  return label ? { name: label, source: "label" } : null;
}

/**
 * The names a team's file or link carries: for its members' deployments, every label on every network, and on the
 * current network the names of the deployments this browser created (so teammates see them too). Where a deployment
 * has both, the saved SDL's name goes (as the table shows it).
 */
export function teamDeploymentLabels(members: ReadonlyArray<string>, labelsByNetwork: ReadonlyMap<NetworkId, LabelMap>, current: { network: NetworkId; recordNames: LabelMap }): DeploymentLabel[] {
  const watched = new Set(members);
  const byRef = new Map<string, DeploymentLabel>();
  const add = (network: NetworkId, ref: string, label: string) => {
    const [owner = "", dseq = ""] = ref.split("/");
    if (watched.has(owner)) byRef.set(`${network}/${ref}`, { network, owner, dseq, label: label.slice(0, DEPLOYMENT_LABEL_MAX) });
  };
  for (const [network, labels] of labelsByNetwork) for (const [ref, label] of labels) add(network, ref, label);
  for (const [ref, name] of current.recordNames) add(current.network, ref, name);
  return [...byRef.values()].sort((a, b) => a.network.localeCompare(b.network) || a.owner.localeCompare(b.owner) || a.dseq.localeCompare(b.dseq, undefined, { numeric: true }));
}

/** Imported labels grouped per network, each merged over what is stored (an imported name replaces the old one). */
export function mergeImportedLabels(imported: ReadonlyArray<DeploymentLabel>, stored: (network: NetworkId) => LabelMap): Map<NetworkId, Map<string, string>> {
  const out = new Map<NetworkId, Map<string, string>>();
  for (const l of imported) {
    const current = out.get(l.network) ?? new Map(stored(l.network));
    out.set(l.network, withLabel(current, l.owner, l.dseq, l.label));
  }
  return out;
}
