/** Message builders shared by the modules' tests. */
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { TestApp } from "./testing.ts";
import { testAddress } from "./testing.ts";

const rv = (n: number | bigint) => ({ val: new TextEncoder().encode(String(n)) });

export const owner = testAddress("owner");
export const provider = testAddress("provider");
export const provider2 = testAddress("provider2");
export const provider3 = testAddress("provider3");
export const auditor = testAddress("auditor");

export interface SpecOptions {
  name?: string;
  price?: string;
  denom?: string;
  count?: number;
  attributes?: { key: string; value: string }[];
  allOf?: string[];
  anyOf?: string[];
  storageAttributes?: { key: string; value: string }[];
  gpu?: { units: number; attributes: { key: string; value: string }[] };
}

export function resources(o: SpecOptions = {}) {
  return {
    id: 1,
    cpu: { units: rv(500), attributes: [] },
    memory: { quantity: rv(512 * 1024 * 1024), attributes: [] },
    storage: [{ name: "default", quantity: rv(1024 * 1024 * 1024), attributes: o.storageAttributes ?? [] }],
    gpu: { units: rv(o.gpu?.units ?? 0), attributes: o.gpu?.attributes ?? [] },
    endpoints: [{ kind: 0, sequenceNumber: 0 }],
  };
}

export function groupSpec(o: SpecOptions = {}) {
  return {
    name: o.name ?? "dcloud",
    requirements: { signedBy: { allOf: o.allOf ?? [], anyOf: o.anyOf ?? [] }, attributes: o.attributes ?? [] },
    resources: [{ resource: resources(o), count: o.count ?? 1, price: { denom: o.denom ?? "uact", amount: o.price ?? "100" } }],
  };
}

export const hash32 = (fill = 7) => new Uint8Array(32).fill(fill);

export function createDeploymentMsg(dseq: number | string, o: SpecOptions & { deposit?: string; groups?: ReturnType<typeof groupSpec>[] } = {}) {
  return {
    id: { owner, dseq: String(dseq) },
    groups: o.groups ?? [groupSpec(o)],
    hash: hash32(),
    deposit: { amount: { denom: o.denom ?? "uact", amount: o.deposit ?? "5000000" }, sources: [Source.grant, Source.balance] },
  };
}

export function bidId(dseq: number | string, prov = provider, gseq = 1, oseq = 1) {
  return { owner, dseq: String(dseq), gseq, oseq, provider: prov, bseq: 0 };
}

export function createBidMsg(dseq: number | string, prov = provider, price = "50", o: { denom?: string; deposit?: string; oseq?: number } = {}) {
  return {
    id: bidId(dseq, prov, 1, o.oseq ?? 1),
    price: { denom: o.denom ?? "uact", amount: price },
    deposit: { amount: { denom: o.denom ?? "uact", amount: o.deposit ?? "500000" }, sources: [Source.balance] },
    resourcesOffer: [{ resources: resources(), count: 1 }],
  };
}

export function registerProvider(app: TestApp, addr: string, attributes: { key: string; value: string }[] = [{ key: "region", value: "us-west" }]) {
  app.deliver("/akash.provider.v1beta4.MsgCreateProvider", { owner: addr, hostUri: "https://provider.example.com:8443", attributes, info: { email: "ops@example.com", website: "https://example.com" } }, addr);
}

export const T = {
  createDeployment: "/akash.deployment.v1beta4.MsgCreateDeployment",
  updateDeployment: "/akash.deployment.v1beta4.MsgUpdateDeployment",
  closeDeployment: "/akash.deployment.v1beta4.MsgCloseDeployment",
  closeGroup: "/akash.deployment.v1beta4.MsgCloseGroup",
  pauseGroup: "/akash.deployment.v1beta4.MsgPauseGroup",
  startGroup: "/akash.deployment.v1beta4.MsgStartGroup",
  createBid: "/akash.market.v1beta5.MsgCreateBid",
  closeBid: "/akash.market.v1beta5.MsgCloseBid",
  createLease: "/akash.market.v1beta5.MsgCreateLease",
  closeLease: "/akash.market.v1beta5.MsgCloseLease",
  withdrawLease: "/akash.market.v1beta5.MsgWithdrawLease",
  accountDeposit: "/akash.escrow.v1.MsgAccountDeposit",
} as const;
