/**
 * A cosmjs Registry that knows every Akash message type from chain-sdk (deployment v1beta4,
 * market v1beta5, escrow v1, cert v1, provider v1beta4, audit v1, bme v1, take v1, ...) plus the
 * cosmos-sdk defaults, for SigningStargateClient in Node tools (faucet, simulated providers).
 *
 *   const client = await SigningStargateClient.connectWithSigner(rpcUrl, wallet, { registry: createAkashRegistry() });
 *   await client.signAndBroadcast(addr, [{ typeUrl: "/akash.bme.v1.MsgMintACT", value: MsgMintACT.fromPartial({...}) }], fee);
 */
import { Registry, type GeneratedType } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import { allCodecs } from "./chain-sdk-codecs.ts";

/** Type URLs of all `Msg*` request types chain-sdk ships for akash.* packages. */
export function akashMsgTypes(): Array<[string, GeneratedType]> {
  return allCodecs()
    .filter((c) => c.$type.startsWith("akash.") && /\.Msg[A-Z]\w*$/.test(c.$type) && !c.$type.endsWith("Response"))
    .map((c) => [`/${c.$type}`, c as unknown as GeneratedType]);
}

export function createAkashRegistry(): Registry {
  return new Registry([...defaultRegistryTypes, ...akashMsgTypes()]);
}
