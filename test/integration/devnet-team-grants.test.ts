/**
 * Team funding on the devnet with real cosmjs clients: a treasury grants a member a deposit
 * authorization (chain-sdk's DepositAuthorization inside cosmjs's MsgGrant) and a fee allowance
 * (MsgGrantAllowance); the member, holding no tokens at all, deploys with `sources: [grant]` and pays
 * fees through `fee.granter`, leases, closes, and the refund returns to the treasury. Every authz and
 * feegrant REST route is read, and the ABCI query paths through cosmjs's query extensions.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet, type EncodeObject } from "@cosmjs/proto-signing";
import { GasPrice, QueryClient, SigningStargateClient, calculateFee, setupAuthzExtension, setupFeegrantExtension, type StdFee } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { DepositAuthorization, DepositAuthorization_Scope } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { BasicAllowance } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { startStack, type RunningStack } from "../../server/stack.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC } from "../../server/devnet/config.ts";
import { prepareManifest } from "../../src/lib/deployment/manifest.ts";
import { buildCloseDeploymentMsg, buildCreateDeploymentMsg, buildCreateLeaseMsg } from "../../src/lib/deployment/messages.ts";
import { getLatestBlock } from "../../src/lib/chain/blocks.ts";
import { listBids } from "../../src/lib/chain/market.ts";
import { createRegistry } from "../../src/lib/tx/registry.ts";

const SDL = fs.readFileSync(path.join(import.meta.dirname, "../../src/features/templates/builtin/nginx-static-site/deploy.yaml"), "utf8");
const DEPOSIT_URL = "/akash.escrow.v1.MsgAccountDeposit";
const GAS_PRICE = GasPrice.fromString("0.025uakt");
let stack: RunningStack;
let treasury: SigningStargateClient;
let member: SigningStargateClient;
let memberAddress: string;
let stranger: SigningStargateClient;
let strangerAddress: string;
let dataDir: string;

async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function rest<T = Record<string, unknown>>(route: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.restUrl}${route}`);
  return { status: res.status, body: (await res.json()) as T };
}

/** The console's way: simulate, × 1.3, then the same fee paid by the granter. */
async function grantedFee(client: SigningStargateClient, signer: string, msgs: EncodeObject[]): Promise<StdFee> {
  const gas = await client.simulate(signer, msgs, "");
  return { ...calculateFee(Math.ceil(gas * 1.3), GAS_PRICE), granter: DEVNET_ADDRESS };
}

function depositGrant(limit: bigint): EncodeObject {
  return {
    typeUrl: "/cosmos.authz.v1beta1.MsgGrant",
    value: {
      granter: DEVNET_ADDRESS,
      grantee: memberAddress,
      grant: {
        authorization: {
          typeUrl: "/akash.escrow.v1.DepositAuthorization",
          value: DepositAuthorization.encode(DepositAuthorization.fromPartial({ spendLimit: { denom: "uact", amount: limit.toString() }, scopes: [DepositAuthorization_Scope.deployment] })).finish(),
        },
        expiration: { seconds: BigInt(Math.floor(Date.now() / 1000) + 86_400), nanos: 0 },
      },
    },
  };
}

function feeAllowance(limit: bigint): EncodeObject {
  return {
    typeUrl: "/cosmos.feegrant.v1beta1.MsgGrantAllowance",
    value: {
      granter: DEVNET_ADDRESS,
      grantee: memberAddress,
      allowance: { typeUrl: "/cosmos.feegrant.v1beta1.BasicAllowance", value: BasicAllowance.encode(BasicAllowance.fromPartial({ spendLimit: [{ denom: "uakt", amount: limit.toString() }] })).finish() },
    },
  };
}

const balance = async (client: SigningStargateClient, address: string, denom: string) => BigInt((await client.getBalance(address, denom)).amount);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "team-grants-int-"));
  stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0, proxy: 0 }, blockMs: 400, log: () => {} });
  const options = { registry: createRegistry(), gasPrice: GAS_PRICE, broadcastPollIntervalMs: 100 };
  treasury = await SigningStargateClient.createWithSigner(await connectComet(stack.rpcUrl), await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), options);
  const memberWallet = await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" });
  memberAddress = (await memberWallet.getAccounts())[0]!.address;
  member = await SigningStargateClient.createWithSigner(await connectComet(stack.rpcUrl), memberWallet, options);
  const strangerWallet = await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" });
  strangerAddress = (await strangerWallet.getAccounts())[0]!.address;
  stranger = await SigningStargateClient.createWithSigner(await connectComet(stack.rpcUrl), strangerWallet, options);
}, 120_000);

afterAll(async () => {
  treasury?.disconnect();
  member?.disconnect();
  stranger?.disconnect();
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("team funding: deposit authorizations and fee allowances", () => {
  it("a member with no tokens deploys from the treasury's grant, pays fees through the allowance, and the refund returns to the treasury", async () => {
    const granted = await treasury.signAndBroadcast(DEVNET_ADDRESS, [depositGrant(5_000_000n), feeAllowance(2_000_000n)], "auto");
    expect(granted.code, granted.rawLog).toBe(0);
    expect(granted.events.map((e) => e.type)).toEqual(expect.arrayContaining(["cosmos.authz.v1beta1.EventGrant", "set_feegrant"]));
    expect(await balance(member, memberAddress, "uakt")).toBe(0n);
    expect(await balance(member, memberAddress, "uact")).toBe(0n);

    const prepared = await prepareManifest(SDL, { requireUact: true });
    if (!prepared.ok) throw new Error(prepared.error);
    const dseq = String((await getLatestBlock(stack.restUrl)).height);
    const treasuryActBefore = await balance(treasury, DEVNET_ADDRESS, "uact");
    const treasuryAktBefore = await balance(treasury, DEVNET_ADDRESS, "uakt");
    const create = [buildCreateDeploymentMsg({ owner: memberAddress, dseq, prepared: prepared.value, deposit: { denom: "uact", amount: 3_000_000n }, sources: ["grant", "balance"] })];
    const createFee = await grantedFee(member, memberAddress, create);
    const created = await member.signAndBroadcast(memberAddress, create, createFee);
    expect(created.code, created.rawLog).toBe(0);
    const feeTx = created.events.find((e) => e.type === "tx" && e.attributes.some((a) => a.key === "fee_payer"))!;
    expect(feeTx.attributes).toContainEqual({ key: "fee_payer", value: DEVNET_ADDRESS });
    expect(created.events.map((e) => e.type)).toEqual(expect.arrayContaining(["use_feegrant", "update_feegrant"]));
    expect(await balance(treasury, DEVNET_ADDRESS, "uact")).toBe(treasuryActBefore - 3_000_000n);
    expect(await balance(treasury, DEVNET_ADDRESS, "uakt")).toBe(treasuryAktBefore - BigInt(createFee.amount[0]!.amount));

    // The grant and the allowance show what is left, on every route.
    const grants = await rest<{ grants: { authorization: Record<string, unknown>; expiration: string }[]; pagination: unknown }>(
      `/cosmos/authz/v1beta1/grants?granter=${DEVNET_ADDRESS}&grantee=${memberAddress}&msg_type_url=${encodeURIComponent(DEPOSIT_URL)}`,
    );
    expect(grants.status).toBe(200);
    expect(grants.body.grants[0]!.authorization).toEqual({ "@type": "/akash.escrow.v1.DepositAuthorization", spend_limit: { denom: "uact", amount: "2000000" }, scopes: ["deployment"] });
    expect(grants.body.grants[0]!.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const route of [`/cosmos/authz/v1beta1/grants/granter/${DEVNET_ADDRESS}`, `/cosmos/authz/v1beta1/grants/grantee/${memberAddress}`]) {
      const r = await rest<{ grants: { granter: string; grantee: string }[]; pagination: { total: string } }>(route);
      expect(r.status, route).toBe(200);
      expect(r.body.grants).toEqual([expect.objectContaining({ granter: DEVNET_ADDRESS, grantee: memberAddress })]);
      expect(r.body.pagination.total).toBe("1");
    }
    const allowance = await rest<{ allowance: { granter: string; grantee: string; allowance: { "@type": string; spend_limit: { amount: string }[]; expiration: null } } }>(
      `/cosmos/feegrant/v1beta1/allowance/${DEVNET_ADDRESS}/${memberAddress}`,
    );
    expect(allowance.status).toBe(200);
    expect(allowance.body.allowance).toMatchObject({ granter: DEVNET_ADDRESS, grantee: memberAddress, allowance: { "@type": "/cosmos.feegrant.v1beta1.BasicAllowance", expiration: null } });
    expect(BigInt(allowance.body.allowance.allowance.spend_limit[0]!.amount)).toBe(2_000_000n - BigInt(createFee.amount[0]!.amount));
    for (const route of [`/cosmos/feegrant/v1beta1/allowances/${memberAddress}`, `/cosmos/feegrant/v1beta1/issued/${DEVNET_ADDRESS}`]) {
      const r = await rest<{ allowances: { granter: string; grantee: string }[]; pagination: { total: string } }>(route);
      expect(r.status, route).toBe(200);
      expect(r.body.allowances).toEqual([expect.objectContaining({ granter: DEVNET_ADDRESS, grantee: memberAddress })]);
    }
    const missing = await rest<{ code: number }>(`/cosmos/feegrant/v1beta1/allowance/${DEVNET_ADDRESS}/${strangerAddress}`);
    expect(missing.status).toBe(404);

    // The same state through abci_query (cosmjs's authz and feegrant extensions).
    const qc = QueryClient.withExtensions(await connectComet(stack.rpcUrl), setupAuthzExtension, setupFeegrantExtension);
    const byGrantee = await qc.authz.granteeGrants(memberAddress);
    expect(byGrantee.grants.map((g) => g.authorization?.typeUrl)).toEqual(["/akash.escrow.v1.DepositAuthorization"]);
    expect((await qc.feegrant.allowances(memberAddress)).allowances.map((a) => a.granter)).toEqual([DEVNET_ADDRESS]);
    expect((await qc.feegrant.allowance(DEVNET_ADDRESS, memberAddress)).allowance?.grantee).toBe(memberAddress);

    const bids = await waitFor("bids", async () => {
      const list = await listBids(stack.restUrl, { owner: memberAddress, dseq });
      return list.length > 0 && list;
    }, 30_000);
    const lease = [buildCreateLeaseMsg(bids[0]!)];
    const leased = await member.signAndBroadcast(memberAddress, lease, await grantedFee(member, memberAddress, lease));
    expect(leased.code, leased.rawLog).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));

    const beforeClose = await balance(treasury, DEVNET_ADDRESS, "uact");
    const close = [buildCloseDeploymentMsg(memberAddress, dseq)];
    const closed = await member.signAndBroadcast(memberAddress, close, await grantedFee(member, memberAddress, close));
    expect(closed.code, closed.rawLog).toBe(0);
    const refund = (await balance(treasury, DEVNET_ADDRESS, "uact")) - beforeClose;
    // All but what the provider earned in a few blocks comes back to the treasury; none to the member.
    expect(refund > 2_900_000n && refund < 3_000_000n).toBe(true);
    expect(await balance(member, memberAddress, "uact")).toBe(0n);
    expect(await balance(member, memberAddress, "uakt")).toBe(0n);
    // The refund grows the grant back (the node's saveAccount), so the member can deploy again.
    const after = await rest<{ grants: { authorization: { spend_limit: { amount: string } } }[] }>(`/cosmos/authz/v1beta1/grants?granter=${DEVNET_ADDRESS}&grantee=${memberAddress}`);
    expect(BigInt(after.body.grants[0]!.authorization.spend_limit.amount)).toBe(2_000_000n + refund);
  }, 120_000);

  it("errors: a fee granter without an allowance, a deposit beyond the grant, a revoked grant and allowance", async () => {
    const create = (dseq: string, amount: bigint) => [
      buildCreateDeploymentMsg({ owner: memberAddress, dseq, prepared: preparedOrThrow(), deposit: { denom: "uact", amount }, sources: ["grant"] }),
    ];
    // A stranger (an account with a little uakt) names the treasury as fee granter: CheckTx refuses it.
    expect((await treasury.sendTokens(DEVNET_ADDRESS, strangerAddress, [{ denom: "uakt", amount: "1000" }], "auto")).code).toBe(0);
    const send = [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: strangerAddress, toAddress: DEVNET_ADDRESS, amount: [{ denom: "uakt", amount: "1" }] } }];
    await expect(stranger.signAndBroadcast(strangerAddress, send, { ...calculateFee(200_000, GAS_PRICE), granter: DEVNET_ADDRESS })).rejects.toThrow(
      new RegExp(`${DEVNET_ADDRESS} does not allow to pay fees for ${strangerAddress}: fee-grant not found: not found`),
    );

    const grantLeft = async () => {
      const r = await rest<{ grants: { authorization: { spend_limit: { amount: string } } }[] }>(`/cosmos/authz/v1beta1/grants?granter=${DEVNET_ADDRESS}&grantee=${memberAddress}`);
      return BigInt(r.body.grants[0]!.authorization.spend_limit.amount);
    };
    const left = await grantLeft();
    const tooMuch = create(String((await getLatestBlock(stack.restUrl)).height), left + 1n);
    const failed = await member.signAndBroadcast(memberAddress, tooMuch, { ...calculateFee(400_000, GAS_PRICE), granter: DEVNET_ADDRESS });
    expect(failed.code).toBe(28);
    expect(failed.rawLog).toContain("insufficient balance");
    expect(await grantLeft()).toBe(left);

    const revoked = await treasury.signAndBroadcast(
      DEVNET_ADDRESS,
      [
        { typeUrl: "/cosmos.authz.v1beta1.MsgRevoke", value: { granter: DEVNET_ADDRESS, grantee: memberAddress, msgTypeUrl: DEPOSIT_URL } },
        { typeUrl: "/cosmos.feegrant.v1beta1.MsgRevokeAllowance", value: { granter: DEVNET_ADDRESS, grantee: memberAddress } },
      ],
      "auto",
    );
    expect(revoked.code, revoked.rawLog).toBe(0);
    expect(revoked.events.map((e) => e.type)).toEqual(expect.arrayContaining(["cosmos.authz.v1beta1.EventRevoke", "revoke_feegrant"]));
    expect((await rest<{ grants: unknown[] }>(`/cosmos/authz/v1beta1/grants/grantee/${memberAddress}`)).body.grants).toEqual([]);
    const noGrant = await rest<{ code: number; message: string }>(`/cosmos/authz/v1beta1/grants?granter=${DEVNET_ADDRESS}&grantee=${memberAddress}&msg_type_url=${encodeURIComponent(DEPOSIT_URL)}`);
    expect(noGrant.status).toBe(404);
    expect(noGrant.body.message).toContain("authorization not found");
    await expect(member.signAndBroadcast(memberAddress, create("999999", 1n), { ...calculateFee(400_000, GAS_PRICE), granter: DEVNET_ADDRESS })).rejects.toThrow(/does not allow to pay fees/);
  }, 60_000);
});

let prepared: Awaited<ReturnType<typeof prepareManifest>> | undefined;
function preparedOrThrow() {
  if (!prepared?.ok) throw new Error("manifest not prepared");
  return prepared.value;
}
beforeAll(async () => {
  prepared = await prepareManifest(SDL, { requireUact: true });
});
