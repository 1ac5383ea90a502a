/**
 * The console's own grant path on the devnet: the treasury signs with TxClient using lib/grants' builders; the
 * member (no tokens at all) creates a deployment funded from the grant, its fee paid through the allowance that
 * withFeeAllowance finds; lib/chain's authz and feegrant readers see the limits go down; revoking ends both.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { startStack, type RunningStack } from "../../server/stack.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC } from "../../server/devnet/config.ts";
import { listGrantsByGrantee, listGrantsByGranter, usableDepositGrants } from "../../src/lib/chain/authz.ts";
import { getBalances } from "../../src/lib/chain/bank.ts";
import { getLatestBlock } from "../../src/lib/chain/blocks.ts";
import { getAllowance, listAllowances, listIssuedAllowances } from "../../src/lib/chain/feegrant.ts";
import { prepareManifest } from "../../src/lib/deployment/manifest.ts";
import { buildCloseDeploymentMsg, buildCreateDeploymentMsg } from "../../src/lib/deployment/messages.ts";
import { buildDepositGrantMsg, buildFeeAllowanceMsg, buildRevokeAllowanceMsg, buildRevokeDepositGrantMsg } from "../../src/lib/grants/messages.ts";
import { testSdl } from "../../src/lib/sdl/test-sdl.ts";
import { describeTxError } from "../../src/lib/tx/errors.ts";
import { nodeFeeAllowances, retryWithoutGranter, withFeeAllowance, type FeeAllowanceReader } from "../../src/lib/tx/fee-granter.ts";
import { TxClient } from "../../src/lib/tx/signing.ts";

let stack: RunningStack;
let dataDir: string;
let treasury: TxClient;
let member: TxClient;
let memberAddress: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "console-grants-int-"));
  stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0, proxy: 0 }, providers: 1, blockMs: 300, log: () => {} });
  const treasuryWallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  const memberWallet = await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" });
  memberAddress = (await memberWallet.getAccounts())[0]!.address;
  treasury = await TxClient.connect({ address: DEVNET_ADDRESS, signer: treasuryWallet }, { rpcUrl: stack.rpcUrl, chainId: "" });
  member = await TxClient.connect({ address: memberAddress, signer: memberWallet }, { rpcUrl: stack.rpcUrl, chainId: "" });
}, 120_000);

afterAll(async () => {
  treasury?.disconnect();
  member?.disconnect();
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("console grants on the devnet", () => {
  it("a tokenless member deploys from the treasury's grant with fees paid by its allowance; revoking ends both", async () => {
    const grant = buildDepositGrantMsg({ granter: DEVNET_ADDRESS, grantee: memberAddress, spendLimit: { denom: "uact", amount: 20_000_000n }, scopes: ["deployment"], expiresAt: Date.now() + 86_400_000 });
    const allowance = buildFeeAllowanceMsg({ granter: DEVNET_ADDRESS, grantee: memberAddress, spendLimit: { denom: "uakt", amount: 2_000_000n }, expiresAt: null, allowedMessages: ["/akash.deployment.v1beta4.MsgCreateDeployment", "/akash.deployment.v1beta4.MsgCloseDeployment"] });
    await treasury.signAndBroadcast(await treasury.prepare([grant, allowance]));

    const received = await listGrantsByGrantee(stack.restUrl, memberAddress);
    expect(usableDepositGrants(received, "deployment", "uact")).toEqual([{ granter: DEVNET_ADDRESS, remaining: 20_000_000n, expiresAt: expect.any(Number) }]);
    expect((await listGrantsByGranter(stack.restUrl, DEVNET_ADDRESS)).map((g) => g.grantee)).toContain(memberAddress);
    expect((await listIssuedAllowances(stack.restUrl, DEVNET_ADDRESS)).map((a) => a.grantee)).toContain(memberAddress);
    expect((await getAllowance(stack.restUrl, DEVNET_ADDRESS, memberAddress))?.allowance).toMatchObject({ kind: "basic", spendLimit: [{ denom: "uakt", amount: "2000000" }] });

    const prepared = await prepareManifest(testSdl({ amount: 1000 }), { requireUact: true });
    if (!prepared.ok) throw new Error(prepared.error);
    const dseq = String((await getLatestBlock(stack.restUrl)).height);
    const create = buildCreateDeploymentMsg({ owner: memberAddress, dseq, prepared: prepared.value, deposit: { denom: "uact", amount: 5_000_000n }, sources: ["grant", "balance"] });
    const tx = await member.prepare([create]);
    const viaAllowance = await withFeeAllowance(tx, nodeFeeAllowances(stack.restUrl, memberAddress));
    expect(viaAllowance.fee.granter).toBe(DEVNET_ADDRESS);
    await member.signAndBroadcast(viaAllowance);

    expect(usableDepositGrants(await listGrantsByGrantee(stack.restUrl, memberAddress), "deployment", "uact")[0]?.remaining).toBe(15_000_000n);
    const [fee] = (await listAllowances(stack.restUrl, memberAddress)).map((a) => a.allowance.spendLimit[0]);
    expect(BigInt(fee!.amount)).toBeLessThan(2_000_000n);
    expect(await getBalances(stack.restUrl, memberAddress)).toEqual([]);

    // A message the allowance does not cover: the signer would pay (and, with no tokens, cannot).
    const send = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: memberAddress, toAddress: DEVNET_ADDRESS, amount: [{ denom: "uakt", amount: "1" }] } };
    expect((await withFeeAllowance({ ...tx, messages: [send] }, nodeFeeAllowances(stack.restUrl, memberAddress))).fee.granter).toBeUndefined();

    await member.signAndBroadcast(await withFeeAllowance(await member.prepare([buildCloseDeploymentMsg(memberAddress, dseq)]), nodeFeeAllowances(stack.restUrl, memberAddress)));
    // The unspent deposit went back to the grant.
    expect(usableDepositGrants(await listGrantsByGrantee(stack.restUrl, memberAddress), "deployment", "uact")[0]?.remaining).toBe(20_000_000n);

    const beforeRevoke = await listAllowances(stack.restUrl, memberAddress);
    await treasury.signAndBroadcast(await treasury.prepare([buildRevokeDepositGrantMsg(DEVNET_ADDRESS, memberAddress), buildRevokeAllowanceMsg(DEVNET_ADDRESS, memberAddress)]));
    expect(await listGrantsByGrantee(stack.restUrl, memberAddress)).toEqual([]);
    expect(await getAllowance(stack.restUrl, DEVNET_ADDRESS, memberAddress)).toBeNull();

    // A cached list from before the revoke still names the treasury: the chain refuses its allowance, and the retry
    // reads afresh and leaves that granter out (the member, with no tokens, would then pay and be told it cannot).
    const stale: FeeAllowanceReader = (fresh) => (fresh ? listAllowances(stack.restUrl, memberAddress) : Promise.resolve(beforeRevoke));
    const sent = await withFeeAllowance(tx, stale);
    expect(sent.fee.granter).toBe(DEVNET_ADDRESS);
    const refusal: unknown = await member.signAndBroadcast(sent).then(
      () => null,
      (error: unknown) => error,
    );
    expect(describeTxError(refusal).kind).toBe("fee-allowance");
    expect(await retryWithoutGranter(refusal, tx, sent, stale)).toBe(tx);
  });
  it("a treasury whose wallet signs only Amino JSON (a Ledger through Keplr) gives and revokes both grants", async () => {
    // Secp256k1HdWallet has no signDirect: cosmjs signs in SIGN_MODE_LEGACY_AMINO_JSON, and the devnet checks the
    // signature over its own rendering of the messages (server/devnet/chain/amino-authz.ts).
    const aminoOnly = await TxClient.connect({ address: DEVNET_ADDRESS, signer: await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }) }, { rpcUrl: stack.rpcUrl, chainId: "" });
    try {
      const grantee = (await (await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" })).getAccounts())[0]!.address;
      const expiresAt = Date.now() + 86_400_000;
      await aminoOnly.signAndBroadcast(
        await aminoOnly.prepare([
          buildDepositGrantMsg({ granter: DEVNET_ADDRESS, grantee, spendLimit: { denom: "uact", amount: 7_000_000n }, scopes: ["deployment", "bid"], expiresAt }),
          buildFeeAllowanceMsg({ granter: DEVNET_ADDRESS, grantee, spendLimit: { denom: "uakt", amount: 1_000_000n }, expiresAt, allowedMessages: ["/akash.deployment.v1beta4.MsgCreateDeployment"] }),
        ]),
      );
      expect(usableDepositGrants(await listGrantsByGrantee(stack.restUrl, grantee), "deployment", "uact")).toEqual([{ granter: DEVNET_ADDRESS, remaining: 7_000_000n, expiresAt: Math.floor(expiresAt / 1000) * 1000 }]);
      expect((await getAllowance(stack.restUrl, DEVNET_ADDRESS, grantee))?.allowance).toMatchObject({ kind: "basic", spendLimit: [{ denom: "uakt", amount: "1000000" }], allowedMessages: ["/akash.deployment.v1beta4.MsgCreateDeployment"] });

      await aminoOnly.signAndBroadcast(await aminoOnly.prepare([buildRevokeDepositGrantMsg(DEVNET_ADDRESS, grantee), buildRevokeAllowanceMsg(DEVNET_ADDRESS, grantee)]));
      expect(await listGrantsByGrantee(stack.restUrl, grantee)).toEqual([]);
      expect(await getAllowance(stack.restUrl, DEVNET_ADDRESS, grantee)).toBeNull();
    } finally {
      aminoOnly.disconnect();
    }
  });
});
