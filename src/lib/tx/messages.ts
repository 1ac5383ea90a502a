/** Message builders. Components never assemble protobuf objects themselves. */
import type { EncodeObject } from "@cosmjs/proto-signing";
import { MsgMintACT } from "@akashnetwork/chain-sdk/private-types/akash.v1";

export const MSG_MINT_ACT = "/akash.bme.v1.MsgMintACT";

/** Burn `uakt` AKT to mint ACT to the same account (ACT can only be minted to the signer). */
export function buildMintActMsg(owner: string, uakt: bigint): EncodeObject {
  return {
    typeUrl: MSG_MINT_ACT,
    value: MsgMintACT.fromPartial({ owner, to: owner, coinsToBurn: { denom: "uakt", amount: uakt.toString() } }),
  };
}
