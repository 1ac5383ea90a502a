import { describe, expect, it } from "vitest";
import { AminoUnsupportedError } from "./amino-grants";
import { ChainMismatchError, describeTxError, TxFailedError } from "./errors";

describe("describeTxError", () => {
  it("maps SDK codes from a failed tx", () => {
    expect(describeTxError(new TxFailedError(5, "sdk", "1uakt is smaller than 5uakt: insufficient funds")).kind).toBe("insufficient-funds");
    expect(describeTxError(new TxFailedError(32, "sdk", "account sequence mismatch, expected 3, got 2")).title).toBe("Account sequence mismatch");
    expect(describeTxError(new TxFailedError(13, "sdk", "insufficient fee")).kind).toBe("insufficient-fee");
  });
  it("names team-funding failures whatever generic code carries them", () => {
    expect(describeTxError(new TxFailedError(5, "sdk", "requested amount is more than spend limit: insufficient funds")).kind).toBe("deposit-grant");
    expect(describeTxError(new TxFailedError(2, "authz", "authorization not found for /akash.escrow.v1.MsgAccountDeposit type")).title).toBe("The deposit authorization did not cover it");
    expect(describeTxError(new Error("Query failed with (13): akash1t does not allow to pay fees for akash1m: fee limit exceeded")).kind).toBe("fee-allowance");
    expect(describeTxError(new TxFailedError(5, "sdk", "1uakt is smaller than 5uakt: insufficient funds")).kind).toBe("insufficient-funds");
  });
  it("maps simulation errors by their text", () => {
    const sim = new Error("Query failed with (6): rpc error: code = Unknown desc = 10uakt is smaller than 100uakt: insufficient funds [cosmos/cosmos-sdk@v0.53.0/x/bank/keeper/send.go:278] with gas used: '10'");
    expect(describeTxError(sim).kind).toBe("insufficient-funds");
    expect(describeTxError(new Error("Query failed with (22): rpc error: code = NotFound desc = account akash1xyz not found: key not found")).kind).toBe("account-not-found");
  });
  it("recognises wallet rejections from Keplr, Leap and Cosmostation", () => {
    expect(describeTxError(new Error("Request rejected")).kind).toBe("rejected");
    expect(describeTxError(new Error("Transaction declined")).kind).toBe("rejected");
    expect(describeTxError({ code: 4001, message: "User rejected the request." }).kind).toBe("rejected");
  });
  it("recognises locked wallets, missing chains and chain mismatch", () => {
    expect(describeTxError(new Error("Keyring is locked")).kind).toBe("wallet-locked");
    expect(describeTxError(new Error("There is no chain info for akash-devnet-1")).kind).toBe("chain-not-in-wallet");
    expect(describeTxError(new ChainMismatchError("akash-devnet-1", "akashnet-2")).kind).toBe("wrong-chain");
  });
  it("says when the wallet cannot sign a transaction in the only mode it has, before anything is sent", () => {
    const periodic = new AminoUnsupportedError("A fee allowance with a budget per period cannot be signed in Amino JSON.");
    expect(describeTxError(periodic)).toMatchObject({ kind: "wallet-cannot-sign", detail: expect.stringMatching(/Nothing was sent/) });
    const unregistered = new Error("Type URL '/cosmos.gov.v1.MsgVote' does not exist in the Amino message type register. If you need support for this message type, you can pass in additional entries to the AminoTypes constructor.");
    expect(describeTxError(unregistered)).toMatchObject({ kind: "wallet-cannot-sign", detail: expect.stringMatching(/signs directly/) });
  });
  it("falls back to the raw message, shortened", () => {
    const description = describeTxError(new Error("x".repeat(500)));
    expect(description.kind).toBe("failed");
    expect(description.detail.length).toBeLessThanOrEqual(301);
  });
});
