/** Normalised views of on-chain data the simulated providers work with (parsed from REST JSON). */

export interface Attribute {
  key: string;
  value: string;
}

export type EndpointKind = "SHARED_HTTP" | "RANDOM_PORT" | "LEASED_IP";

export interface StorageSpec {
  name: string;
  bytes: number;
  attributes: Attribute[];
}

export interface ResourceUnitSpec {
  id: number;
  cpuMillis: number;
  cpuAttributes: Attribute[];
  memoryBytes: number;
  memoryAttributes: Attribute[];
  storage: StorageSpec[];
  gpuUnits: number;
  gpuAttributes: Attribute[];
  endpoints: { kind: EndpointKind; sequenceNumber: number }[];
  count: number;
  /** Max price per replica per block, as a decimal string. */
  price: { denom: string; amount: string };
}

export interface GroupSpecView {
  name: string;
  signedBy: { allOf: string[]; anyOf: string[] };
  attributes: Attribute[];
  resources: ResourceUnitSpec[];
}

export interface OrderIdView {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
}

export interface LeaseIdView extends OrderIdView {
  provider: string;
  bseq: number;
}

export interface OrderView {
  id: OrderIdView;
  state: string;
  spec: GroupSpecView;
}

export const leaseKey = (id: OrderIdView & { provider?: string }): string => `${id.owner}/${id.dseq}/${id.gseq}/${id.oseq}`;
