/** Deployment, lease and escrow messages, built with chain-sdk codecs (never hand-encoded). */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { MsgAccountDeposit, Scope, Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { MsgCloseDeployment, MsgCreateDeployment, MsgUpdateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { MsgCreateLease } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { BidIdentity } from "../chain/market";
import type { PreparedManifest } from "./manifest";

export type { BidIdentity };

export const MSG_CREATE_DEPLOYMENT = "/akash.deployment.v1beta4.MsgCreateDeployment";
export const MSG_CLOSE_DEPLOYMENT = "/akash.deployment.v1beta4.MsgCloseDeployment";
export const MSG_CREATE_LEASE = "/akash.market.v1beta5.MsgCreateLease";
export const MSG_ACCOUNT_DEPOSIT = "/akash.escrow.v1.MsgAccountDeposit";
export const MSG_UPDATE_DEPLOYMENT = "/akash.deployment.v1beta4.MsgUpdateDeployment";

/** Where a deposit is drawn from: the signer's balance, or a deposit authorization (authz) granted to the signer. */
export type DepositSource = "balance" | "grant";

function sourcesOf(sources: readonly DepositSource[]): Source[] {
  return sources.map((source) => (source === "grant" ? Source.grant : Source.balance));
}

export function buildCreateDeploymentMsg(args: { owner: string; dseq: string; prepared: PreparedManifest; deposit: { denom: string; amount: bigint }; sources?: readonly DepositSource[] }): EncodeObject {
  return {
    typeUrl: MSG_CREATE_DEPLOYMENT,
    value: MsgCreateDeployment.fromPartial({
      id: { owner: args.owner, dseq: BigInt(args.dseq) },
      // chain-sdk's generateManifest group specs are already in codec shape.
      groups: args.prepared.groupSpecs as Parameters<typeof MsgCreateDeployment.fromPartial>[0]["groups"],
      hash: args.prepared.version,
      deposit: { amount: { denom: args.deposit.denom, amount: args.deposit.amount.toString() }, sources: sourcesOf(args.sources ?? ["balance"]) },
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

/** Top up a deployment's escrow (there is no MsgDepositDeployment any more); `signer` need not be the owner. */
export function buildDepositMsg(args: { signer: string; owner: string; dseq: string; denom: string; amount: bigint; sources?: readonly DepositSource[] }): EncodeObject {
  return {
    typeUrl: MSG_ACCOUNT_DEPOSIT,
    value: MsgAccountDeposit.fromPartial({
      signer: args.signer,
      id: { scope: Scope.deployment, xid: `${args.owner}/${args.dseq}` },
      deposit: { amount: { denom: args.denom, amount: args.amount.toString() }, sources: sourcesOf(args.sources ?? ["balance"]) },
    }),
  };
}

export function buildUpdateDeploymentMsg(owner: string, dseq: string, hash: Uint8Array): EncodeObject {
  return { typeUrl: MSG_UPDATE_DEPLOYMENT, value: MsgUpdateDeployment.fromPartial({ id: { owner, dseq: BigInt(dseq) }, hash }) };
}
