import { describe, expect, it } from "vitest";
import { MsgMintACT } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { aminoTypeFor, akashMsgCodecs, createAminoTypes, createRegistry } from "./registry";
import { buildMintActMsg, MSG_MINT_ACT } from "./messages";
import { feeForSimulatedGas } from "./fee";

const owner = "akash1qy352eufqy352eufqy352eufqy352euf2ucy6c";

describe("registry", () => {
  it("registers the Akash messages the console signs", () => {
    for (const typeUrl of [
      MSG_MINT_ACT,
      "/akash.deployment.v1beta4.MsgCreateDeployment",
      "/akash.market.v1beta5.MsgCreateLease",
      "/akash.escrow.v1.MsgAccountDeposit",
      "/akash.cert.v1.MsgCreateCertificate",
    ]) {
      expect(akashMsgCodecs.has(typeUrl), typeUrl).toBe(true);
    }
    expect([...akashMsgCodecs.keys()].some((t) => t.endsWith("Response"))).toBe(false);
  });

  it("encodes a MsgMintACT round trip through Any", () => {
    const registry = createRegistry();
    const any = registry.encodeAsAny(buildMintActMsg(owner, 2_500_000n));
    expect(any.typeUrl).toBe(MSG_MINT_ACT);
    const decoded = MsgMintACT.decode(any.value);
    expect(decoded).toMatchObject({ owner, to: owner, coinsToBurn: { denom: "uakt", amount: "2500000" } });
    expect(registry.lookupType("/cosmos.bank.v1beta1.MsgSend")).toBeDefined();
  });

  it("uses akash-sdk amino names with the chain-sdk JSON as value", () => {
    expect(aminoTypeFor("/akash.deployment.v1beta4.MsgCreateDeployment")).toBe("akash-sdk/x/deployment/MsgCreateDeployment");
    expect(aminoTypeFor("/akash.escrow.v1.MsgAccountDeposit")).toBe("akash-sdk/x/escrow/MsgAccountDeposit");
    const amino = createAminoTypes();
    const msg = buildMintActMsg(owner, 10n);
    const aminoMsg = amino.toAmino(msg);
    expect(aminoMsg).toEqual({ type: "akash-sdk/x/bme/MsgMintACT", value: { owner, to: owner, coins_to_burn: { denom: "uakt", amount: "10" } } });
    expect(amino.fromAmino(aminoMsg)).toEqual(msg);
    expect(amino.toAmino({ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: owner, toAddress: owner, amount: [] } }).type).toBe("cosmos-sdk/MsgSend");
  });

  it("computes the fee as ceil(gas × 1.3) × 0.025uakt", () => {
    expect(feeForSimulatedGas(100_000)).toEqual({ amount: [{ denom: "uakt", amount: "3250" }], gas: "130000" });
  });
});
