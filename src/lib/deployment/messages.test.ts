import { describe, expect, it } from "vitest";
import { MsgAccountDeposit, Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { createRegistry } from "../tx/registry";
import { buildDepositMsg, MSG_ACCOUNT_DEPOSIT } from "./messages";

describe("buildDepositMsg", () => {
  it("tops up from the balance by default, and names a grant first when funding from a deposit authorization", () => {
    const registry = createRegistry();
    const decode = (msg: ReturnType<typeof buildDepositMsg>) => MsgAccountDeposit.decode(registry.encode(msg));
    const own = decode(buildDepositMsg({ signer: "akash1me", owner: "akash1me", dseq: "9", denom: "uact", amount: 5n }));
    expect(own.deposit?.sources).toEqual([Source.balance]);
    expect(own.id?.xid).toBe("akash1me/9");
    const granted = decode(buildDepositMsg({ signer: "akash1member", owner: "akash1member", dseq: "9", denom: "uact", amount: 7n, sources: ["grant", "balance"] }));
    expect(granted.deposit?.sources).toEqual([Source.grant, Source.balance]);
    expect(granted.deposit?.amount).toEqual({ denom: "uact", amount: "7" });
    expect(buildDepositMsg({ signer: "a", owner: "a", dseq: "1", denom: "uact", amount: 1n }).typeUrl).toBe(MSG_ACCOUNT_DEPOSIT);
  });
});
