/** Message builders for managing a deployment (closing is `buildCloseDeploymentMsg` in lib/deployment/messages). */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { MsgAccountDeposit, Scope, Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { MsgUpdateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";

export const MSG_ACCOUNT_DEPOSIT = "/akash.escrow.v1.MsgAccountDeposit";
export const MSG_UPDATE_DEPLOYMENT = "/akash.deployment.v1beta4.MsgUpdateDeployment";

/** Top up a deployment's escrow from the signer's balance (there is no MsgDepositDeployment any more). */
export function buildDepositMsg(signer: string, owner: string, dseq: string, denom: string, amount: bigint): EncodeObject {
  return {
    typeUrl: MSG_ACCOUNT_DEPOSIT,
    value: MsgAccountDeposit.fromPartial({
      signer,
      id: { scope: Scope.deployment, xid: `${owner}/${dseq}` },
      deposit: { amount: { denom, amount: amount.toString() }, sources: [Source.balance] },
    }),
  };
}

export function buildUpdateDeploymentMsg(owner: string, dseq: string, hash: Uint8Array): EncodeObject {
  return { typeUrl: MSG_UPDATE_DEPLOYMENT, value: MsgUpdateDeployment.fromPartial({ id: { owner, dseq: BigInt(dseq) }, hash }) };
}
