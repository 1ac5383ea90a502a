import { describe, expect, it } from "vitest";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { SigningStargateClient } from "@cosmjs/stargate";
import { buildDepositGrantMsg, buildFeeAllowanceMsg, buildRevokeAllowanceMsg, buildRevokeDepositGrantMsg } from "../grants/messages";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { AminoUnsupportedError, rfc3339, signsAminoOnly } from "./amino-grants";
import { createAminoTypes, createRegistry } from "./registry";

const aminoTypes = createAminoTypes();
const registry = createRegistry();
const treasury = "akash1qy352eufqy352eufqy352eufqy352euf2ucy6c";
const member = "akash1zg69v7yszg69v7yszg69v7yszg69v7ys0ztv2z";
const expiresAt = Date.UTC(2027, 0, 31, 12, 0, 0, 999);

/** Amino JSON and back gives the same protobuf bytes (cosmjs re-encodes the signed amino messages into the tx). */
function expectLossless(msg: { typeUrl: string; value: unknown }) {
  const back = aminoTypes.fromAmino(aminoTypes.toAmino(msg));
  expect(back.typeUrl).toBe(msg.typeUrl);
  expect(registry.encode(back as never)).toEqual(registry.encode(msg as never));
}

describe("amino JSON of the team-funding messages", () => {
  it("a deposit grant: SDK names, snake_case, the authorization as {type, value}, scopes as numbers, expiry in RFC 3339", () => {
    const msg = buildDepositGrantMsg({ granter: treasury, grantee: member, spendLimit: { denom: "uact", amount: 50_000_000n }, scopes: ["deployment", "bid"], expiresAt });
    expect(aminoTypes.toAmino(msg)).toEqual({
      type: "cosmos-sdk/MsgGrant",
      value: {
        granter: treasury,
        grantee: member,
        grant: {
          authorization: { type: "akash/DepositAuthorization", value: { spend_limit: { denom: "uact", amount: "50000000" }, scopes: [1, 2] } },
          expiration: "2027-01-31T12:00:00Z",
        },
      },
    });
    expectLossless(msg);
    // No expiry: the field is left out.
    const open = buildDepositGrantMsg({ granter: treasury, grantee: member, spendLimit: { denom: "uact", amount: 1n }, scopes: ["deployment"], expiresAt: null });
    expect(aminoTypes.toAmino(open).value.grant).not.toHaveProperty("expiration");
    expectLossless(open);
  });

  it("a basic fee allowance, limited to some messages, and one without a limit (an empty spend_limit stays)", () => {
    const limited = buildFeeAllowanceMsg({ granter: treasury, grantee: member, spendLimit: { denom: "uakt", amount: 2_000_000n }, expiresAt, allowedMessages: ["/akash.deployment.v1beta4.MsgCreateDeployment"] });
    expect(aminoTypes.toAmino(limited)).toEqual({
      type: "cosmos-sdk/MsgGrantAllowance",
      value: {
        granter: treasury,
        grantee: member,
        allowance: {
          type: "cosmos-sdk/AllowedMsgAllowance",
          value: {
            allowance: { type: "cosmos-sdk/BasicAllowance", value: { spend_limit: [{ denom: "uakt", amount: "2000000" }], expiration: "2027-01-31T12:00:00Z" } },
            allowed_messages: ["/akash.deployment.v1beta4.MsgCreateDeployment"],
          },
        },
      },
    });
    expectLossless(limited);
    const unlimited = buildFeeAllowanceMsg({ granter: treasury, grantee: member, spendLimit: null, expiresAt: null });
    expect(aminoTypes.toAmino(unlimited).value.allowance).toEqual({ type: "cosmos-sdk/BasicAllowance", value: { spend_limit: [] } });
    expectLossless(unlimited);
  });

  it("revocations", () => {
    expect(aminoTypes.toAmino(buildRevokeDepositGrantMsg(treasury, member))).toEqual({
      type: "cosmos-sdk/MsgRevoke",
      value: { granter: treasury, grantee: member, msg_type_url: "/akash.escrow.v1.MsgAccountDeposit" },
    });
    expect(aminoTypes.toAmino(buildRevokeAllowanceMsg(treasury, member))).toEqual({ type: "cosmos-sdk/MsgRevokeAllowance", value: { granter: treasury, grantee: member } });
    expectLossless(buildRevokeDepositGrantMsg(treasury, member));
    expectLossless(buildRevokeAllowanceMsg(treasury, member));
  });

  it("refuses a periodic allowance with a way out, before anything is signed", () => {
    const periodic = buildFeeAllowanceMsg({ granter: treasury, grantee: member, spendLimit: null, expiresAt: null, period: { seconds: 86_400, limit: { denom: "uakt", amount: 1_000_000n } } });
    expect(() => aminoTypes.toAmino(periodic)).toThrow(AminoUnsupportedError);
    expect(() => aminoTypes.toAmino(periodic)).toThrow(/basic allowance/);
  });

  it("tells a wallet that signs only Amino JSON from one that signs directly", async () => {
    expect(signsAminoOnly(await Secp256k1HdWallet.generate(12, { prefix: "akash" }))).toBe(true);
    expect(signsAminoOnly(await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" }))).toBe(false);
    // Keplr's offline signer for a software key has both.
    expect(signsAminoOnly({ signAmino: () => undefined, signDirect: () => undefined })).toBe(false);
  });

  it("writes a timestamp's fraction with 0, 3, 6 or 9 digits", () => {
    const s = BigInt(Date.UTC(2027, 0, 31, 12, 0, 0) / 1000);
    expect(rfc3339(s, 0)).toBe("2027-01-31T12:00:00Z");
    expect(rfc3339(s, 500_000_000)).toBe("2027-01-31T12:00:00.500Z");
    expect(rfc3339(s, 1_000)).toBe("2027-01-31T12:00:00.000001Z");
    expect(rfc3339(s, 1)).toBe("2027-01-31T12:00:00.000000001Z");
  });

  it("an amino-only signer (as a Ledger through Keplr) signs a grant, and the tx carries the messages' own bytes", async () => {
    const wallet = await Secp256k1HdWallet.generate(12, { prefix: "akash" });
    const [account] = await wallet.getAccounts();
    const client = await SigningStargateClient.offline(wallet, { registry, aminoTypes });
    const messages = [
      buildDepositGrantMsg({ granter: account!.address, grantee: member, spendLimit: { denom: "uact", amount: 5_000_000n }, scopes: ["deployment"], expiresAt }),
      buildFeeAllowanceMsg({ granter: account!.address, grantee: member, spendLimit: { denom: "uakt", amount: 1_000_000n }, expiresAt: null }),
    ];
    const signed = await client.sign(account!.address, messages, { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" }, "", { accountNumber: 7, sequence: 0, chainId: "akashnet-2" });
    // decodeTxBody decodes each Any with its registered type; encoding them again gives the bytes that were signed.
    const signedMessages = registry.decodeTxBody(signed.bodyBytes).messages as unknown[];
    expect(signedMessages).toHaveLength(2);
    expect(signedMessages.map((value, i) => registry.encode({ typeUrl: messages[i]!.typeUrl, value }))).toEqual(messages.map((m) => registry.encode(m)));
  });
});
