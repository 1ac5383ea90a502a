import { describe, expect, it } from "vitest";
import { GLOSSARY, messageLabel, priceSourceLabel } from "./glossary";

describe("glossary", () => {
  it("explains every term the issue names, in a sentence or two", () => {
    for (const id of ["dseq", "lease", "escrow", "audited", "maxPrice", "uact", "storageClass", "providerTier", "oracleTwap"] as const) {
      expect(GLOSSARY[id].explanation.length).toBeGreaterThan(40);
      expect(GLOSSARY[id].explanation.length).toBeLessThan(260);
    }
    expect(GLOSSARY.storageClass.explanation).toMatch(/beta2.*SSD.*beta3.*NVMe/);
  });

  it("names messages in words instead of type URLs", () => {
    expect(messageLabel("/akash.deployment.v1beta4.MsgUpdateDeployment")).toBe("Update deployment");
    expect(messageLabel("/akash.market.v1beta5.MsgCreateLease")).toBe("Accept bid");
    expect(messageLabel("/akash.bme.v1.MsgMintACT")).toBe("Mint ACT");
    expect(messageLabel("/cosmos.bank.v1beta1.MsgSend")).toBe("Send tokens");
    expect(messageLabel("/some.module.v1.MsgDoSomethingNew")).toBe("Do Something New");
  });

  it("says where a price came from in words", () => {
    expect(priceSourceLabel("oracle twap")).toBe("price oracle, time-weighted average");
    expect(priceSourceLabel("something else")).toBe("something else");
  });
});
