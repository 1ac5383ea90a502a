/** x/deployment v1beta4 reads: deployments with their groups and escrow account, and the module params. */
import { joinUrl, requestJson } from "./http";
import { collectPages, orNull, PAGE_LIMIT, q } from "./pagination";
import { coinOf, toDecimal, type CoinJson, type DecCoin } from "./coins";
import { parseEscrowAccount, type EscrowAccount, type EscrowAccountJson } from "./escrow";

export interface ResourceUnitSummary {
  cpuMillis: number;
  memoryBytes: number;
  storageBytes: number;
  gpus: number;
  count: number;
  price: DecCoin;
  endpoints: number;
  /** Volumes that outlive container restarts but not the lease: closing the deployment deletes their data. */
  persistentStorage: PersistentVolume[];
}

export interface PersistentVolume {
  name: string;
  /** Size of one volume (each replica has its own). */
  bytes: number;
  /** Storage class (beta1 HDD, beta2 SSD, beta3 NVMe), when given. */
  storageClass?: string;
}

export interface GroupSummary {
  gseq: number;
  name: string;
  state: string;
  resources: ResourceUnitSummary[];
}

export interface Deployment {
  owner: string;
  dseq: string;
  state: "active" | "closed" | string;
  /** Manifest version hash, base64 as the gateway serves it. */
  hashB64: string;
  /** Height the deployment was created at. */
  createdAt: number;
  groups: GroupSummary[];
  escrow: EscrowAccount | null;
}

interface ResourceJson {
  resource?: {
    cpu?: { units?: { val?: string } };
    memory?: { quantity?: { val?: string } };
    storage?: Array<{ name?: string; quantity?: { val?: string }; attributes?: Array<{ key?: string; value?: string }> | null }>;
    gpu?: { units?: { val?: string } };
    endpoints?: unknown[];
  };
  count?: number;
  price?: CoinJson;
}

export interface DeploymentJson {
  deployment?: { id?: { owner?: string; dseq?: string }; state?: string; hash?: string; created_at?: string };
  groups?: Array<{ id?: { gseq?: number }; state?: string; group_spec?: { name?: string; resources?: ResourceJson[] } }>;
  escrow_account?: EscrowAccountJson;
}

export const num = (v: string | number | undefined): number => (v === undefined ? 0 : Number(v) || 0);

export function parseDeployment(json: DeploymentJson): Deployment {
  const d = json.deployment ?? {};
  return {
    owner: d.id?.owner ?? "",
    dseq: d.id?.dseq ?? "",
    state: d.state ?? "unknown",
    hashB64: d.hash ?? "",
    createdAt: num(d.created_at),
    groups: (json.groups ?? []).map((g) => ({
      gseq: num(g.id?.gseq),
      name: g.group_spec?.name ?? "",
      state: g.state ?? "unknown",
      resources: (g.group_spec?.resources ?? []).map((r) => ({
        cpuMillis: num(r.resource?.cpu?.units?.val),
        memoryBytes: num(r.resource?.memory?.quantity?.val),
        storageBytes: (r.resource?.storage ?? []).reduce((sum, s) => sum + num(s.quantity?.val), 0),
        gpus: num(r.resource?.gpu?.units?.val),
        count: r.count ?? 1,
        price: coinOf(r.price),
        endpoints: r.resource?.endpoints?.length ?? 0,
        persistentStorage: (r.resource?.storage ?? []).flatMap((s) => {
          const attr = (key: string) => (Array.isArray(s.attributes) ? s.attributes.find((a) => a?.key === key)?.value : undefined);
          if (attr("persistent") !== "true") return [];
          const storageClass = attr("class");
          return [{ name: s.name ?? "", bytes: num(s.quantity?.val), ...(storageClass ? { storageClass } : {}) }];
        }),
      })),
    })),
    escrow: parseEscrowAccount(json.escrow_account),
  };
}

/** Every persistent volume of a deployment, across its groups. */
export function persistentVolumesOf(deployment: Deployment): PersistentVolume[] {
  return deployment.groups.flatMap((g) => g.resources.flatMap((r) => r.persistentStorage ?? []));
}

/** Every deployment of `owner` (all pages). */
export function listDeployments(restUrl: string, owner: string, signal?: AbortSignal): Promise<Deployment[]> {
  const url = joinUrl(restUrl, `/akash/deployment/v1beta4/deployments/list?filters.owner=${q(owner)}&pagination.limit=${PAGE_LIMIT}`);
  return collectPages(url, (body) => ((body as { deployments?: DeploymentJson[] }).deployments ?? []).map(parseDeployment), signal);
}

/** Null when the deployment does not exist. */
export function getDeployment(restUrl: string, owner: string, dseq: string, signal?: AbortSignal): Promise<Deployment | null> {
  const url = joinUrl(restUrl, `/akash/deployment/v1beta4/deployments/info?id.owner=${q(owner)}&id.dseq=${q(dseq)}`);
  return orNull(requestJson<DeploymentJson>(url, { signal }).then(parseDeployment));
}

/** The chain's minimum deposit for `denom` in micro-units (0 when the chain names none). */
export async function getMinDeposit(restUrl: string, denom: string, signal?: AbortSignal): Promise<bigint> {
  const body = await requestJson<{ params?: { min_deposits?: CoinJson[] } }>(joinUrl(restUrl, "/akash/deployment/v1beta4/params"), { signal });
  const coin = body.params?.min_deposits?.find((c) => c.denom === denom);
  return coin ? BigInt(toDecimal(coin.amount).floor().toString()) : 0n;
}
