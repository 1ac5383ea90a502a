import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { SigningStargateClient } from "@cosmjs/stargate";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { DevnetChain } from "./node.ts";
import { defaultChainConfig, DEVNET_ADDRESS, DEVNET_MNEMONIC, GENESIS_BALANCES } from "../config.ts";
import { getAccount } from "./accounts.ts";

const config = defaultChainConfig();
const OTHER = "akash1qyqszqgpqyqszqgpqyqszqgpqyqszqgplgve5x";
let client: SigningStargateClient;
const dirs: string[] = [];

beforeAll(async () => {
  client = await SigningStargateClient.offline(await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }));
});
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "devnet-node-"));
  dirs.push(d);
  return d;
}

async function send(chain: DevnetChain, sequence: number, amount = "1000"): Promise<Uint8Array> {
  const acc = getAccount(chain.app.store, DEVNET_ADDRESS)!;
  const raw = await client.sign(
    DEVNET_ADDRESS,
    [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: DEVNET_ADDRESS, toAddress: OTHER, amount: [{ denom: "uakt", amount }] } }],
    { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" },
    "",
    { accountNumber: Number(acc.accountNumber), sequence, chainId: config.chainId },
  );
  return TxRaw.encode(raw).finish();
}

function open(dataDir?: string, reset = false): DevnetChain {
  return new DevnetChain({ config, modules: [], genesisAccounts: GENESIS_BALANCES, ...(dataDir ? { dataDir } : {}), reset });
}

describe("DevnetChain", () => {
  it("includes several txs of one sender in one block and indexes them", async () => {
    const chain = open();
    const a = chain.checkAndAddToMempool(await send(chain, 0));
    const b = chain.checkAndAddToMempool(await send(chain, 1));
    expect([a.result.code, b.result.code]).toEqual([0, 0]);
    expect(chain.checkAndAddToMempool(await send(chain, 0, "7")).result.code).toBe(32);
    const waiting = chain.waitForTx(b.hash, 1000);
    const block = chain.produceBlock();
    expect(block.header.height).toBe(1);
    expect(block.txs).toHaveLength(2);
    const tx = await waiting;
    expect(tx?.height).toBe(1);
    expect(tx?.index).toBe(1);
    expect(tx?.result.code).toBe(0);
    expect(chain.tx(a.hash.toLowerCase())?.hash).toBe(a.hash);
    expect([...chain.txs("desc")].map((t) => t.hash)).toEqual([b.hash, a.hash]);
    expect(chain.blockResults(1)?.appHash).toBe(chain.latestAppHash());
    const next = chain.produceBlock();
    expect(next.header.lastBlockHash).toBe(block.hash);
    expect(next.header.appHash).toBe(chain.blockResults(1)!.appHash);
    expect(chain.app.bank.balance(chain.app.store, OTHER, "uakt")).toBe(2000n);
    expect(chain.checkAndAddToMempool(await send(chain, 0)).result.code).toBe(19);
    expect(await chain.waitForTx("00", 20)).toBeUndefined();
  });

  it("persists state, blocks and the tx index across restarts", async () => {
    const dir = tmpDir();
    const chain = open(dir);
    const { hash } = chain.checkAndAddToMempool(await send(chain, 0));
    chain.produceBlock();
    chain.produceBlock();
    const appHash = chain.latestAppHash();
    await chain.stop();

    const again = open(dir);
    expect(again.latestHeight()).toBe(2);
    expect(again.latestAppHash()).toBe(appHash);
    expect(again.tx(hash)?.result.code).toBe(0);
    expect(again.app.bank.balance(again.app.store, OTHER, "uakt")).toBe(1000n);
    expect(getAccount(again.app.store, DEVNET_ADDRESS)!.sequence).toBe("1");
    // The chain continues from where it stopped.
    expect(again.checkAndAddToMempool(await send(again, 1)).result.code).toBe(0);
    expect(again.produceBlock().header.height).toBe(3);
    await again.stop();

    const fresh = open(dir, true);
    expect(fresh.latestHeight()).toBe(0);
    expect(fresh.app.bank.balance(fresh.app.store, OTHER, "uakt")).toBe(0n);
  });

  it("has block 1 as soon as start() resolves (a fresh chain), and resumes without an extra block", async () => {
    const dir = tmpDir();
    const chain = open(dir);
    expect(chain.latestHeight()).toBe(0);
    await chain.start();
    expect(chain.latestHeight()).toBe(1);
    const first = chain.latestBlock()!;
    expect(first.hash).not.toBe("");
    expect(first.header.appHash).not.toBe("");
    await chain.stop();
    const again = open(dir);
    await again.start();
    // Block 1 is on disk: no block is made just for starting.
    expect(again.latestHeight()).toBe(1);
    expect(again.latestBlock()!.hash).toBe(first.hash);
    await again.stop();
  });

  it("setBlockInterval: a faster cadence takes effect from the next block; a non-positive one is refused", async () => {
    const chain = open();
    expect(() => chain.setBlockInterval(0)).toThrow(/positive/);
    await chain.start();
    try {
      // At the configured 1 s, at most 3 blocks would come in the 3 s below; at 5 ms, hundreds.
      chain.setBlockInterval(5);
      const from = chain.latestHeight();
      const deadline = Date.now() + 3_000;
      while (chain.latestHeight() < from + 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(chain.latestHeight()).toBeGreaterThanOrEqual(from + 20);
    } finally {
      await chain.stop();
    }
  });

  it("refuses a data dir that another running process holds", async () => {
    const dir = tmpDir();
    // pid 1 (init) is always alive and is not us.
    fs.writeFileSync(path.join(dir, "LOCK"), "1");
    expect(() => open(dir)).toThrow(/in use by process 1/);
    // A lock of a dead process is taken over.
    fs.writeFileSync(path.join(dir, "LOCK"), "999999999");
    const chain = open(dir);
    expect(fs.readFileSync(path.join(dir, "LOCK"), "utf8")).toBe(String(process.pid));
    await chain.stop();
    expect(fs.existsSync(path.join(dir, "LOCK"))).toBe(false);
  });

  it("recovers from a crash mid-write (torn log lines) at the last complete block", async () => {
    const dir = tmpDir();
    const chain = open(dir);
    chain.checkAndAddToMempool(await send(chain, 0));
    chain.produceBlock();
    chain.checkAndAddToMempool(await send(chain, 1));
    chain.produceBlock();
    // No stop(): simulate a kill. Then tear the last state line and leave garbage in the block log.
    const statePath = path.join(dir, "state.jsonl");
    const state = fs.readFileSync(statePath, "utf8");
    fs.writeFileSync(statePath, state.slice(0, state.length - 20));
    fs.appendFileSync(path.join(dir, "blocks.jsonl"), '{"block":{"hea');

    const again = open(dir);
    expect(again.latestHeight()).toBe(1);
    expect(again.app.bank.balance(again.app.store, OTHER, "uakt")).toBe(1000n);
    expect(getAccount(again.app.store, DEVNET_ADDRESS)!.sequence).toBe("1");
    expect(again.produceBlock().header.height).toBe(2);
    await again.stop();
    expect(open(dir).latestHeight()).toBe(2);
  });
});
