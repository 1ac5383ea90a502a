import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet, makeCosmoshubPath } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { AminoTypes, calculateFee, createDefaultAminoConverters, GasPrice, SigningStargateClient, StargateClient, type DeliverTxResponse } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { certificateManager } from "@akashnetwork/chain-sdk";
import { startDevnet, type RunningDevnet } from "../../server/devnet/index.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC, FAUCET_ADDRESS, PROVIDER_ADDRESSES, PROVIDER_MNEMONIC, providerHdPath } from "../../server/devnet/config.ts";
import { createDevnetAminoTypes } from "../../server/devnet/chain/amino.ts";
import { createAkashRegistry } from "../../server/shared/akash-registry.ts";
import { MsgCreateProvider, MsgUpdateProvider } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { MsgCreateCertificate } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { stringToPath } from "@cosmjs/crypto";

/** The devnet over its CometBFT RPC, driven by unmodified cosmjs clients. */
let devnet: RunningDevnet;
let dataDir: string;
let client: SigningStargateClient;
const fee = { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "devnet-int-"));
  devnet = await startDevnet({ dataDir, rpcPort: 0, restPort: 0, faucetPort: 0, blockMs: 200, host: "127.0.0.1" });
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  client = await SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), wallet, { gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 200 });
});

afterAll(async () => {
  client?.disconnect();
  await devnet?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function freshAddress(): Promise<string> {
  const w = await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" });
  return (await w.getAccounts())[0]!.address;
}

describe("devnet chain over RPC with cosmjs", () => {
  it("answers `status` as soon as startDevnet resolves on a fresh data dir (block 1 exists)", async () => {
    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), "devnet-int-fresh-"));
    // A long block interval: nothing but the start itself can have produced a block.
    const fresh = await startDevnet({ dataDir: freshDir, rpcPort: 0, restPort: 0, noFaucet: true, blockMs: 60_000, host: "127.0.0.1" });
    try {
      const ro = await StargateClient.connect(fresh.rpcUrl);
      expect(await ro.getHeight()).toBe(1);
      expect(await ro.getChainId()).toBe("akash-devnet-1");
      const block = await ro.getBlock();
      expect(block.header.height).toBe(1);
      expect(block.id).toMatch(/^[0-9A-F]{64}$/);
      ro.disconnect();
      const comet = await connectComet(fresh.rpcUrl);
      const status = await comet.status();
      expect(status.syncInfo.latestBlockHeight).toBe(1);
      expect(status.syncInfo.latestBlockHash.length).toBe(32);
      expect(status.syncInfo.latestAppHash.length).toBe(32);
      comet.disconnect();
    } finally {
      await fresh.stop();
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it("reports chain id and height, and null for unknown accounts", async () => {
    expect(await client.getChainId()).toBe("akash-devnet-1");
    const h = await client.getHeight();
    expect(h).toBeGreaterThanOrEqual(1);
    expect(await client.getAccount(await freshAddress())).toBeNull();
    const faucet = await client.getAccount(FAUCET_ADDRESS);
    expect(faucet?.address).toBe(FAUCET_ADDRESS);
  });

  it("sends uakt (simulated gas, auto fee) and the balance arrives", async () => {
    const to = await freshAddress();
    const res: DeliverTxResponse = await client.sendTokens(DEVNET_ADDRESS, to, [{ denom: "uakt", amount: "12345" }], "auto", "integration");
    expect(res.code).toBe(0);
    expect(res.height).toBeGreaterThan(0);
    expect(res.gasUsed).toBeGreaterThan(0n);
    expect(res.events.some((e) => e.type === "transfer")).toBe(true);
    expect(await client.getBalance(to, "uakt")).toEqual({ denom: "uakt", amount: "12345" });
    const tx = await client.getTx(res.transactionHash);
    expect(tx?.height).toBe(res.height);
    const account = await client.getAccount(DEVNET_ADDRESS);
    expect(account?.pubkey).not.toBeNull();
  });

  it("delivers Akash txs with cosmjs' simulated gas x1.3 (first tx of a fresh account, then as an existing one), using what was simulated", async () => {
    const wallet = await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" });
    const owner = (await wallet.getAccounts())[0]!.address;
    expect((await client.sendTokens(DEVNET_ADDRESS, owner, [{ denom: "uakt", amount: "5000000" }], "auto")).code).toBe(0);
    const signer = await SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), wallet, { registry: createAkashRegistry(), broadcastPollIntervalMs: 200 });
    try {
      expect((await signer.getAccount(owner))?.pubkey).toBeNull();
      const pem = await certificateManager.generatePEM(owner);
      const provider = { owner, hostUri: "https://gas.devnet.test:8443", attributes: [{ key: "region", value: "devnet" }], info: { email: "ops@devnet.test", website: "" } };
      const steps = [
        { typeUrl: "/akash.cert.v1.MsgCreateCertificate", value: MsgCreateCertificate.fromPartial({ owner, cert: new TextEncoder().encode(pem.cert), pubkey: new TextEncoder().encode(pem.publicKey) }) },
        { typeUrl: "/akash.provider.v1beta4.MsgCreateProvider", value: MsgCreateProvider.fromPartial(provider) },
        { typeUrl: "/akash.provider.v1beta4.MsgUpdateProvider", value: MsgUpdateProvider.fromPartial({ ...provider, attributes: [...provider.attributes, { key: "tier", value: "community" }] }) },
      ];
      for (const msg of steps) {
        const simulated = await signer.simulate(owner, [msg], "");
        // What signAndBroadcast(…, "auto") does with the default multiplier.
        const res = await signer.signAndBroadcast(owner, [msg], calculateFee(Math.round(simulated * 1.3), GasPrice.fromString("0.025uakt")));
        expect(res.rawLog ?? "", msg.typeUrl).toBe("");
        expect(res.code, msg.typeUrl).toBe(0);
        expect(Number(res.gasUsed), `${msg.typeUrl}: used ${res.gasUsed}, simulated ${simulated}`).toBeLessThanOrEqual(simulated * 1.1);
        expect(Number(res.gasUsed), `${msg.typeUrl}: used ${res.gasUsed}, simulated ${simulated}`).toBeGreaterThanOrEqual(simulated * 0.9);
      }
      expect((await signer.getAccount(owner))?.pubkey).not.toBeNull();
    } finally {
      signer.disconnect();
    }
  });

  it("rejects a wrong sequence with code 32", async () => {
    const acc = (await client.getAccount(DEVNET_ADDRESS))!;
    const signed = await client.sign(
      DEVNET_ADDRESS,
      [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: DEVNET_ADDRESS, toAddress: FAUCET_ADDRESS, amount: [{ denom: "uakt", amount: "1" }] } }],
      fee,
      "",
      { accountNumber: acc.accountNumber, sequence: acc.sequence + 5, chainId: "akash-devnet-1" },
    );
    const { TxRaw } = await import("cosmjs-types/cosmos/tx/v1beta1/tx");
    await expect(client.broadcastTx(TxRaw.encode(signed).finish())).rejects.toThrow(/code 32.*account sequence mismatch, expected \d+, got \d+: incorrect account sequence/s);
  });

  it("rejects an insufficient fee with code 13", async () => {
    await expect(
      client.sendTokens(DEVNET_ADDRESS, FAUCET_ADDRESS, [{ denom: "uakt", amount: "1" }], { amount: [{ denom: "uakt", amount: "1" }], gas: "200000" }),
    ).rejects.toThrow(/code 13.*insufficient fees; got: 1uakt required: 5000uakt: insufficient fee/s);
  });

  it("fails insufficient funds in the block with code 5 (fee still paid)", async () => {
    const before = BigInt((await client.getBalance(DEVNET_ADDRESS, "uakt")).amount);
    const res = await client.sendTokens(DEVNET_ADDRESS, FAUCET_ADDRESS, [{ denom: "uakt", amount: (before * 10n).toString() }], fee);
    expect(res.code).toBe(5);
    expect(res.rawLog).toMatch(/insufficient funds/);
    expect(BigInt((await client.getBalance(DEVNET_ADDRESS, "uakt")).amount)).toBe(before - 5000n);
  });

  it("accepts an amino-signed (Keplr/Ledger style) MsgSend", async () => {
    const wallet = await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash", hdPaths: [makeCosmoshubPath(0)] });
    const amino = await SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), wallet, {
      aminoTypes: new AminoTypes(createDefaultAminoConverters()),
      broadcastPollIntervalMs: 200,
    });
    const to = await freshAddress();
    const res = await amino.signAndBroadcast(
      DEVNET_ADDRESS,
      [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: DEVNET_ADDRESS, toAddress: to, amount: [{ denom: "uakt", amount: "777" }] } }],
      fee,
      "amino",
    );
    expect(res.code).toBe(0);
    expect(await amino.getBalance(to, "uakt")).toEqual({ denom: "uakt", amount: "777" });
    amino.disconnect();
  });

  it("accepts an amino-signed Akash message (generic akash-sdk/x/... converter)", async () => {
    const wallet = await Secp256k1HdWallet.fromMnemonic(PROVIDER_MNEMONIC, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(9))] });
    const owner = (await wallet.getAccounts())[0]!.address;
    expect(owner).toBe(PROVIDER_ADDRESSES[9]);
    const amino = await SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), wallet, {
      registry: createAkashRegistry(),
      aminoTypes: createDevnetAminoTypes(devnet.chain.app.handlers.values()),
      broadcastPollIntervalMs: 200,
    });
    const msg = MsgCreateProvider.fromPartial({ owner, hostUri: "https://provider9.devnet.test:8443", attributes: [{ key: "region", value: "devnet" }], info: { email: "ops@example.com", website: "" } });
    const res = await amino.signAndBroadcast(owner, [{ typeUrl: "/akash.provider.v1beta4.MsgCreateProvider", value: msg }], fee);
    expect(res.rawLog ?? "").toBe("");
    expect(res.code).toBe(0);
    const action = res.events.find((e) => e.type === "message" && e.attributes.some((a) => a.key === "action"));
    expect(action?.attributes).toContainEqual({ key: "module", value: "provider" });
    amino.disconnect();
  });

  it("resumes after a restart: height, balances and the tx index survive", async () => {
    const to = await freshAddress();
    const sent = await client.sendTokens(DEVNET_ADDRESS, to, [{ denom: "uakt", amount: "4242" }], fee);
    expect(sent.code).toBe(0);
    client.disconnect();
    await devnet.stop();
    devnet = await startDevnet({ dataDir, rpcPort: 0, restPort: 0, faucetPort: 0, blockMs: 200, host: "127.0.0.1" });
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
    client = await SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), wallet, { gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 200 });
    expect(await client.getHeight()).toBeGreaterThanOrEqual(sent.height);
    expect(await client.getBalance(to, "uakt")).toEqual({ denom: "uakt", amount: "4242" });
    expect((await client.getTx(sent.transactionHash))?.height).toBe(sent.height);
    // The account sequence carried over, so the next tx signs and lands.
    expect((await client.sendTokens(DEVNET_ADDRESS, to, [{ denom: "uakt", amount: "1" }], fee)).code).toBe(0);
  });

  it("reads the same state through a read-only StargateClient", async () => {
    const ro = await StargateClient.connect(devnet.rpcUrl);
    const all = await ro.getAllBalances(DEVNET_ADDRESS);
    expect(all.map((c) => c.denom)).toEqual(["uact", "uakt"]);
    const block = await ro.getBlock();
    expect(block.header.chainId).toBe("akash-devnet-1");
    ro.disconnect();
  });
});
