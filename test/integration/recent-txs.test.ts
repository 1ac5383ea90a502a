/**
 * An account's recent transactions (lib/chain/txs) against the real devnet: from the REST tx service, and from
 * CometBFT `tx_search` when the REST gateway cannot answer (the RPC client loaded on demand).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { startDevnet, type RunningDevnet } from "../../server/devnet/index.ts";
import { closedPortUrl } from "./closed-port.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC, FAUCET_ADDRESS } from "../../server/devnet/config.ts";
import { createAkashRegistry } from "../../server/shared/akash-registry.ts";
import { getRecentTxs } from "../../src/lib/chain/txs.ts";

let devnet: RunningDevnet;
let txHash = "";

beforeAll(async () => {
  devnet = await startDevnet({ dataDir: null, host: "127.0.0.1", rpcPort: 0, restPort: 0, noFaucet: true, blockMs: 250 });
  while (devnet.chain.latestHeight() < 1) await new Promise((r) => setTimeout(r, 50));
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  const signer = await SigningStargateClient.connectWithSigner(devnet.rpcUrl, wallet, { registry: createAkashRegistry(), gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 200 });
  const result = await signer.sendTokens(DEVNET_ADDRESS, FAUCET_ADDRESS, [{ denom: "uakt", amount: "1000" }], "auto");
  expect(result.code).toBe(0);
  txHash = result.transactionHash;
  signer.disconnect();
});

afterAll(async () => {
  await devnet?.stop();
});


describe("getRecentTxs", () => {
  it("lists the sender's transaction from the REST tx service", async () => {
    const txs = await getRecentTxs(devnet.restUrl, devnet.rpcUrl, DEVNET_ADDRESS);
    expect(txs.map((t) => t.hash)).toContain(txHash);
    expect(txs.find((t) => t.hash === txHash)).toMatchObject({ code: 0, messageTypes: ["/cosmos.bank.v1beta1.MsgSend"] });
  });

  it("falls back to the RPC's tx_search when REST does not answer", async () => {
    const txs = await getRecentTxs(await closedPortUrl(), devnet.rpcUrl, DEVNET_ADDRESS);
    const tx = txs.find((t) => t.hash === txHash);
    expect(tx).toMatchObject({ code: 0, timestamp: null });
    expect(tx?.height).toBeGreaterThan(0);
  });

  it("reports the REST error when neither answers", async () => {
    const down = await closedPortUrl();
    await expect(getRecentTxs(down, down, DEVNET_ADDRESS)).rejects.toThrow(/Cannot reach 127\.0\.0\.1/);
  });
});
