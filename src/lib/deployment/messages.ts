/** Deployment and lease messages, built with chain-sdk codecs (never hand-encoded). */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { MsgCloseDeployment, MsgCreateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { MsgCreateLease } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { BidIdentity } from "../chain/market";
import type { PreparedManifest } from "./manifest";

export type { BidIdentity };

export const MSG_CREATE_DEPLOYMENT = "/akash.deployment.v1beta4.MsgCreateDeployment";
export const MSG_CLOSE_DEPLOYMENT = "/akash.deployment.v1beta4.MsgCloseDeployment";
export const MSG_CREATE_LEASE = "/akash.market.v1beta5.MsgCreateLease";

/** `akash.base.deposit.v1.Source.balance`. */
const SOURCE_BALANCE = 1;

export function buildCreateDeploymentMsg(args: { owner: string; dseq: string; prepared: PreparedManifest; deposit: { denom: string; amount: bigint } }): EncodeObject {
  return {
    typeUrl: MSG_CREATE_DEPLOYMENT,
    value: MsgCreateDeployment.fromPartial({
      id: { owner: args.owner, dseq: BigInt(args.dseq) },
      // chain-sdk's generateManifest group specs are already in codec shape.
      groups: args.prepared.groupSpecs as Parameters<typeof MsgCreateDeployment.fromPartial>[0]["groups"],
      hash: args.prepared.version,
      deposit: { amount: { denom: args.deposit.denom, amount: args.deposit.amount.toString() }, sources: [SOURCE_BALANCE] },
    }),
  };
}


export function buildCreateLeaseMsg(bid: BidIdentity): EncodeObject {
  return {
    typeUrl: MSG_CREATE_LEASE,
    value: MsgCreateLease.fromPartial({ bidId: { owner: bid.owner, dseq: BigInt(bid.dseq), gseq: bid.gseq, oseq: bid.oseq, provider: bid.provider, bseq: bid.bseq } }),
  };
}

export function buildCloseDeploymentMsg(owner: string, dseq: string): EncodeObject {
  return { typeUrl: MSG_CLOSE_DEPLOYMENT, value: MsgCloseDeployment.fromPartial({ id: { owner, dseq: BigInt(dseq) } }) };
}
