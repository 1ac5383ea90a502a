import { describe, expect, it } from "vitest";
import { MsgCreateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { createAkashRegistry, akashMsgTypes } from "./akash-registry.ts";
import { codecFor } from "./chain-sdk-codecs.ts";

describe("createAkashRegistry", () => {
  const registry = createAkashRegistry();

  it("knows the mainnet Akash messages and the cosmos defaults", () => {
    for (const url of [
      "/akash.deployment.v1beta4.MsgCreateDeployment",
      "/akash.deployment.v1beta4.MsgUpdateDeployment",
      "/akash.deployment.v1beta4.MsgCloseDeployment",
      "/akash.market.v1beta5.MsgCreateBid",
      "/akash.market.v1beta5.MsgCreateLease",
      "/akash.market.v1beta5.MsgCloseLease",
      "/akash.market.v1beta5.MsgWithdrawLease",
      "/akash.escrow.v1.MsgAccountDeposit",
      "/akash.cert.v1.MsgCreateCertificate",
      "/akash.cert.v1.MsgRevokeCertificate",
      "/akash.provider.v1beta4.MsgCreateProvider",
      "/akash.audit.v1.MsgSignProviderAttributes",
      "/akash.bme.v1.MsgMintACT",
      "/akash.bme.v1.MsgBurnACT",
      "/cosmos.bank.v1beta1.MsgSend",
      "/cosmos.authz.v1beta1.MsgGrant",
    ]) {
      expect(registry.lookupType(url), url).toBeDefined();
    }
    expect(akashMsgTypes().every(([url]) => !url.endsWith("Response"))).toBe(true);
  });

  it("encodes and decodes an Any the way the chain expects (LegacyDec price scaled on the wire)", () => {
    const value = MsgCreateDeployment.fromPartial({
      id: { owner: "akash1owner", dseq: "12" },
      groups: [{ name: "g", resources: [{ count: 1, price: { denom: "uact", amount: "1.5" } }] }],
      hash: new Uint8Array(32),
      deposit: { amount: { denom: "uact", amount: "500000" }, sources: [1] },
    });
    const any = registry.encodeAsAny({ typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment", value });
    expect(Buffer.from(any.value).includes(Buffer.from("1500000000000000000"))).toBe(true);
    const back = registry.decode(any) as MsgCreateDeployment;
    expect(back.id?.dseq.toString()).toBe("12");
    expect(back.groups[0]?.resources[0]?.price?.amount).toBe("1.5");
    expect(codecFor(any.typeUrl)?.$type).toBe("akash.deployment.v1beta4.MsgCreateDeployment");
  });
});
