/**
 * Amino-signed (SIGN_MODE_LEGACY_AMINO_JSON, as a Ledger signs) authz and feegrant txs through the
 * DevnetApp pipeline: grant a DepositAuthorization with an expiry and an AllowedMsgAllowance over a
 * PeriodicAllowance, MsgExec a bank send with the fee paid by the granter, then revoke both.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { stringToPath } from "@cosmjs/crypto";
import { Registry, type GeneratedType } from "@cosmjs/proto-signing";
import { SigningStargateClient, defaultRegistryTypes } from "@cosmjs/stargate";
import Long from "long";
import {
  AllowedMsgAllowance,
  MsgExec,
  MsgGrant,
  MsgGrantAllowance,
  MsgRevoke,
  MsgRevokeAllowance,
  MsgSend,
  PeriodicAllowance,
  SendAuthorization,
  TxRaw,
  QueryGranteeGrantsRequest,
  QueryGranteeGrantsResponse,
  QueryAllowancesRequest,
  QueryAllowancesResponse,
} from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { DepositAuthorization, DepositAuthorization_Scope } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { DevnetApp } from "./app.ts";
import { getAccount } from "./accounts.ts";
import { defaultChainConfig, DEVNET_ADDRESS, DEVNET_MNEMONIC, GENESIS_BALANCES, PROVIDER_ADDRESSES, PROVIDER_MNEMONIC, providerHdPath } from "../config.ts";
import { akashMsgTypes } from "../../shared/akash-registry.ts";
import { akashModules } from "../modules/index.ts";

const config = defaultChainConfig();
const treasury = DEVNET_ADDRESS;
const member = PROVIDER_ADDRESSES[0]!;
const other = PROVIDER_ADDRESSES[1]!;
// The converters return chain-sdk message objects, so the client encodes authz/feegrant with chain-sdk codecs.
const registry = new Registry([
  ...defaultRegistryTypes,
  ...akashMsgTypes(),
  ...[MsgGrant, MsgRevoke, MsgExec, MsgGrantAllowance, MsgRevokeAllowance].map((c) => [`/${c.$type}`, c as unknown as GeneratedType] as [string, GeneratedType]),
]);
let app: DevnetApp;
let treasuryClient: SigningStargateClient;
let memberClient: SigningStargateClient;
let height = 0;
let time = new Date("2026-03-01T00:00:00Z");

beforeAll(async () => {
  app = new DevnetApp({ config, modules: akashModules() });
  app.initChain(GENESIS_BALANCES, time);
  treasuryClient = await SigningStargateClient.offline(await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), { registry, aminoTypes: app.aminoTypes });
  memberClient = await SigningStargateClient.offline(await Secp256k1HdWallet.fromMnemonic(PROVIDER_MNEMONIC, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(0))] }), { registry, aminoTypes: app.aminoTypes });
});

async function tx(client: SigningStargateClient, signer: string, msgs: { typeUrl: string; value: unknown }[], granter?: string) {
  height++;
  time = new Date(time.getTime() + 6000);
  app.beginBlock(height, time);
  const acc = getAccount(app.store, signer)!;
  const fee = { amount: [{ denom: "uakt", amount: "20000" }], gas: "800000", ...(granter ? { granter } : {}) };
  const raw = await client.sign(signer, msgs, fee, "", { accountNumber: Number(acc.accountNumber), sequence: Number(acc.sequence), chainId: config.chainId });
  const res = app.deliverTx(TxRaw.encode(TxRaw.fromPartial(raw)).finish(), height, time);
  app.endBlock(height, time);
  app.commit();
  return res;
}

describe("authz and feegrant in amino JSON", () => {
  it("grant, exec with a granter-paid fee, and revoke, all amino-signed", async () => {
    const expiration = new Date("2026-12-31T00:00:00Z");
    const deposit = DepositAuthorization.encode(DepositAuthorization.fromPartial({ spendLimit: { denom: "uact", amount: "5000000" }, scopes: [DepositAuthorization_Scope.deployment, DepositAuthorization_Scope.bid] })).finish();
    const send = SendAuthorization.encode(SendAuthorization.fromPartial({ spendLimit: [{ denom: "uakt", amount: "700" }], allowList: [other] })).finish();
    const periodic = PeriodicAllowance.encode(
      PeriodicAllowance.fromPartial({ basic: { spendLimit: [{ denom: "uakt", amount: "100000" }], expiration }, period: { seconds: Long.fromNumber(3600), nanos: 0 }, periodSpendLimit: [{ denom: "uakt", amount: "50000" }], periodCanSpend: [{ denom: "uakt", amount: "50000" }] }),
    ).finish();
    const allowance = AllowedMsgAllowance.encode({ allowance: { typeUrl: "/cosmos.feegrant.v1beta1.PeriodicAllowance", value: periodic }, allowedMessages: ["/cosmos.authz.v1beta1.MsgExec"] }).finish();

    const granted = await tx(treasuryClient, treasury, [
      { typeUrl: "/cosmos.authz.v1beta1.MsgGrant", value: MsgGrant.fromPartial({ granter: treasury, grantee: member, grant: { authorization: { typeUrl: "/akash.escrow.v1.DepositAuthorization", value: deposit }, expiration } }) },
      { typeUrl: "/cosmos.authz.v1beta1.MsgGrant", value: MsgGrant.fromPartial({ granter: treasury, grantee: member, grant: { authorization: { typeUrl: "/cosmos.bank.v1beta1.SendAuthorization", value: send } } }) },
      { typeUrl: "/cosmos.feegrant.v1beta1.MsgGrantAllowance", value: MsgGrantAllowance.fromPartial({ granter: treasury, grantee: member, allowance: { typeUrl: "/cosmos.feegrant.v1beta1.AllowedMsgAllowance", value: allowance } }) },
    ]);
    expect(granted.code, granted.log).toBe(0);
    const grants = QueryGranteeGrantsResponse.decode(app.query("/cosmos.authz.v1beta1.Query/GranteeGrants", QueryGranteeGrantsRequest.encode({ grantee: member, pagination: undefined }).finish()).value);
    expect(grants.grants.map((g) => g.expiration)).toContainEqual(expiration);

    const treasuryBefore = app.bank.balance(app.store, treasury, "uakt");
    const memberBefore = app.bank.balance(app.store, member, "uakt");
    const inner = MsgSend.encode(MsgSend.fromPartial({ fromAddress: treasury, toAddress: other, amount: [{ denom: "uakt", amount: "700" }] })).finish();
    const exec = await tx(memberClient, member, [{ typeUrl: "/cosmos.authz.v1beta1.MsgExec", value: MsgExec.fromPartial({ grantee: member, msgs: [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: inner }] }) }], treasury);
    expect(exec.code, exec.log).toBe(0);
    expect(app.bank.balance(app.store, treasury, "uakt")).toBe(treasuryBefore - 700n - 20000n);
    expect(app.bank.balance(app.store, member, "uakt")).toBe(memberBefore);

    const revoked = await tx(treasuryClient, treasury, [
      { typeUrl: "/cosmos.authz.v1beta1.MsgRevoke", value: MsgRevoke.fromPartial({ granter: treasury, grantee: member, msgTypeUrl: "/akash.escrow.v1.MsgAccountDeposit" }) },
      { typeUrl: "/cosmos.feegrant.v1beta1.MsgRevokeAllowance", value: MsgRevokeAllowance.fromPartial({ granter: treasury, grantee: member }) },
    ]);
    expect(revoked.code, revoked.log).toBe(0);
    const left = QueryAllowancesResponse.decode(app.query("/cosmos.feegrant.v1beta1.Query/Allowances", QueryAllowancesRequest.encode({ grantee: member, pagination: undefined }).finish()).value);
    expect(left.allowances).toEqual([]);
  });

  it("the amino JSON of a grant names the nested authorization as the SDK registers it", () => {
    const deposit = DepositAuthorization.encode(DepositAuthorization.fromPartial({ spendLimit: { denom: "uact", amount: "5" }, scopes: [DepositAuthorization_Scope.deployment] })).finish();
    const amino = app.aminoTypes.toAmino({ typeUrl: "/cosmos.authz.v1beta1.MsgGrant", value: MsgGrant.fromPartial({ granter: treasury, grantee: member, grant: { authorization: { typeUrl: "/akash.escrow.v1.DepositAuthorization", value: deposit }, expiration: new Date("2027-01-01T00:00:00Z") } }) });
    expect(amino).toEqual({
      type: "cosmos-sdk/MsgGrant",
      value: { granter: treasury, grantee: member, grant: { authorization: { type: "akash/DepositAuthorization", value: { spend_limit: { denom: "uact", amount: "5" }, scopes: [1] } }, expiration: "2027-01-01T00:00:00Z" } },
    });
  });
});
