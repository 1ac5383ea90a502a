import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { stringToPath } from "@cosmjs/crypto";
import { certificateManager } from "@akashnetwork/chain-sdk";
import * as v1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { startDevnet, type RunningDevnet } from "../index.ts";
import { getAccount } from "../chain/accounts.ts";
import { PROVIDER_MNEMONIC, providerHdPath } from "../config.ts";
import { TxSender } from "./tx-sender.ts";

let devnet: RunningDevnet;

beforeAll(async () => {
  devnet = await startDevnet({ dataDir: null, rpcPort: 0, restPort: 0, noFaucet: true, blockMs: 100, host: "127.0.0.1" });
});
afterAll(async () => {
  await devnet?.stop();
});

async function sender(index: number): Promise<TxSender> {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(PROVIDER_MNEMONIC, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(index))] });
  return TxSender.connect(devnet.rpcUrl, wallet);
}

const sequence = (address: string) => Number(getAccount(devnet.chain.app.store, address)!.sequence);
const result = (hash: string) => devnet.chain.tx(hash)!.result;
const provider = (owner: string, attributes: { key: string; value: string }[]) => ({ owner, hostUri: "https://tx-sender.devnet.test:8443", attributes, info: { email: "", website: "" } });

describe("TxSender gas", () => {
  test("a fresh account's first txs land with the standard x1.3 on a simulation, without retries", async () => {
    const tx = await sender(7);
    try {
      const owner = tx.address;
      expect(getAccount(devnet.chain.app.store, owner)!.pubKey).toBeNull();
      const pem = await certificateManager.generatePEM(owner);
      const registered = await tx.send(
        [
          { typeUrl: `/${v1.MsgCreateCertificate.$type}`, value: v1.MsgCreateCertificate.fromPartial({ owner, cert: new TextEncoder().encode(pem.cert), pubkey: new TextEncoder().encode(pem.publicKey) }) },
          { typeUrl: `/${v1beta4.MsgCreateProvider.$type}`, value: v1beta4.MsgCreateProvider.fromPartial(provider(owner, [{ key: "region", value: "devnet" }])) },
        ],
        "registration",
      );
      const updated = await tx.send([{ typeUrl: `/${v1beta4.MsgUpdateProvider.$type}`, value: v1beta4.MsgUpdateProvider.fromPartial(provider(owner, [{ key: "region", value: "elsewhere" }])) }]);
      // One tx per send: no out-of-gas attempt burnt a sequence.
      expect(sequence(owner)).toBe(2);
      for (const hash of [registered.hash, updated.hash]) {
        const r = result(hash);
        expect(r.code).toBe(0);
        // The limit is the simulation × 1.3 and the simulation is what delivery used.
        expect(r.gasWanted / r.gasUsed).toBeGreaterThan(1.25);
        expect(r.gasWanted / r.gasUsed).toBeLessThan(1.35);
      }
    } finally {
      tx.disconnect();
    }
  });

  test.each([
    // The ante alone (tx size) needs more than the reused limit: CheckTx rejects it, nothing is spent.
    { name: "rejected by CheckTx", key: 8, attributes: 80, spent: 1 },
    // The ante fits, the message's store writes do not: the tx fails in the block (fee and sequence spent).
    { name: "out of gas in the block", key: 9, attributes: 14, spent: 2 },
  ])("an estimate reused from a smaller message of the same kind is re-simulated when it is too low: $name", async ({ key, attributes, spent }) => {
    const tx = await sender(key);
    try {
      const owner = tx.address;
      await tx.send([{ typeUrl: `/${v1beta4.MsgCreateProvider.$type}`, value: v1beta4.MsgCreateProvider.fromPartial(provider(owner, [{ key: "region", value: "devnet" }])) }]);
      // Simulated, and cached per message kind.
      await tx.send([{ typeUrl: `/${v1beta4.MsgUpdateProvider.$type}`, value: v1beta4.MsgUpdateProvider.fromPartial(provider(owner, [{ key: "region", value: "a" }])) }]);
      const before = sequence(owner);
      const many = Array.from({ length: attributes }, (_, i) => ({ key: `capabilities/storage/${i}/class`, value: `beta${i}-${"x".repeat(40)}` }));
      const big = await tx.send([{ typeUrl: `/${v1beta4.MsgUpdateProvider.$type}`, value: v1beta4.MsgUpdateProvider.fromPartial(provider(owner, many)) }]);
      const r = result(big.hash);
      expect(r.code).toBe(0);
      // The retry's limit is a fresh simulation of this tx × 1.3.
      expect(r.gasWanted / r.gasUsed).toBeGreaterThan(1.25);
      expect(sequence(owner)).toBe(before + spent);
      if (spent === 2) {
        const failed = [...devnet.chain.txs("desc")].find((t) => t.height <= big.height && t.result.code === 11);
        expect(failed?.result.log).toMatch(/out of gas/);
      }
    } finally {
      tx.disconnect();
    }
  });
});
