/**
 * A small in-memory ChainBackend for the network servers' unit and fuzz tests: blocks are produced
 * on demand, txs must decode as cosmos TxRaw, queries are whatever handlers the test registers.
 * Not used by the product.
 */
import { createHash } from "node:crypto";
import { TxRaw, TxBody, AuthInfo } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import type { ChainConfig, ChainEvent, QueryContext, QueryHandler } from "../chain/types.ts";
import type { AbciQueryResult, BlockListener, BlockResults, DevnetBlock, IndexedTx, SimulateResult, TxResult } from "../chain/node-types.ts";
import { ChainError } from "../chain/errors.ts";
import type { ChainBackend } from "./backend.ts";

const sha = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex").toUpperCase();

export interface FakeTxSpec {
  tx: Uint8Array;
  code?: number;
  log?: string;
  events?: ChainEvent[];
}

export function fakeTxBytes(memo: string, messages: { typeUrl: string; value: Uint8Array }[] = []): Uint8Array {
  return TxRaw.encode(
    TxRaw.fromPartial({
      bodyBytes: TxBody.encode(TxBody.fromPartial({ messages, memo })).finish(),
      authInfoBytes: AuthInfo.encode(AuthInfo.fromPartial({ fee: { gasLimit: 200000, amount: [{ denom: "uakt", amount: "5000" }] } })).finish(),
      signatures: [new Uint8Array(64)],
    }),
  ).finish();
}

export class FakeChain implements ChainBackend {
  readonly config: ChainConfig = {
    chainId: "devnet-test-1",
    bondDenom: "uakt",
    actDenom: "uact",
    aktPriceUsd: 2,
    minGasPrice: 0.025,
    blockTimeMs: 200,
    auditorAddress: "akash1auditor",
    legacyUaktPricing: false,
  };
  readonly validator = {
    address: "A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B9",
    pubKey: Buffer.alloc(32, 7).toString("base64"),
    votingPower: "10",
    proposerPriority: "0",
  };
  readonly nodeId = "0123456789abcdef0123456789abcdef01234567";
  readonly blocks: DevnetBlock[] = [];
  readonly results: BlockResults[] = [];
  readonly indexed: IndexedTx[] = [];
  readonly mempool: FakeTxSpec[] = [];
  readonly handlers = new Map<string, QueryHandler>();
  private readonly listeners = new Set<BlockListener>();
  private readonly waiters = new Map<string, ((t: IndexedTx) => void)[]>();
  /** Txs whose bytes are accepted by CheckTx, with the result DeliverTx will give them. */
  readonly accepted = new Map<string, Omit<FakeTxSpec, "tx">>();

  latestHeight() {
    return this.blocks.length;
  }
  earliestHeight() {
    return this.blocks.length ? 1 : 0;
  }
  latestBlock() {
    return this.blocks.at(-1);
  }
  block(h: number) {
    return Number.isInteger(h) ? this.blocks[h - 1] : undefined;
  }
  blockResults(h: number) {
    return Number.isInteger(h) ? this.results[h - 1] : undefined;
  }
  latestAppHash() {
    return sha(`app-${this.blocks.length}`);
  }
  mempoolSize() {
    return this.mempool.length;
  }

  checkAndAddToMempool(txBytes: Uint8Array): { hash: string; result: TxResult } {
    const hash = sha(txBytes);
    const base = { data: new Uint8Array(), gasWanted: 200000, gasUsed: 0, events: [], info: "" };
    try {
      const raw = TxRaw.decode(txBytes);
      TxBody.decode(raw.bodyBytes);
      if (raw.signatures.length === 0) throw new Error("no signatures");
    } catch {
      return { hash, result: { ...base, code: 2, codespace: "sdk", log: "tx parse error" } };
    }
    const spec = this.accepted.get(hash);
    if (!spec) return { hash, result: { ...base, code: 4, codespace: "sdk", log: "signature verification failed; please verify account number (0) and chain-id (devnet-test-1): unauthorized" } };
    if (this.mempool.some((m) => sha(m.tx) === hash) || this.indexed.some((t) => t.hash === hash)) {
      return { hash, result: { ...base, code: 19, codespace: "sdk", log: "tx already in mempool" } };
    }
    this.mempool.push({ tx: txBytes, ...spec });
    return { hash, result: { ...base, code: 0, codespace: "", log: "" } };
  }

  waitForTx(hash: string, timeoutMs: number): Promise<IndexedTx | undefined> {
    const found = this.tx(hash);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const list = this.waiters.get(hash) ?? [];
      list.push((t) => {
        clearTimeout(timer);
        resolve(t);
      });
      this.waiters.set(hash, list);
    });
  }

  tx(hashHex: string) {
    return this.indexed.find((t) => t.hash === hashHex.toUpperCase());
  }

  *txs(order: "asc" | "desc"): Iterable<IndexedTx> {
    const list = order === "asc" ? this.indexed : [...this.indexed].reverse();
    yield* list;
  }

  abciQuery(path: string, data: Uint8Array): AbciQueryResult {
    const h = this.handlers.get(path);
    const height = this.latestHeight();
    if (!h) return { code: 6, codespace: "sdk", log: `unknown query path: ${path}`, value: new Uint8Array(), height };
    try {
      const res = h.handle(this.queryContext(), h.request.decode(data));
      return { code: 0, codespace: "", log: "", value: h.response.encode(res).finish(), height };
    } catch (err) {
      const e = err as ChainError;
      return { code: e.code ?? 1, codespace: e.codespace ?? "sdk", log: e.message, value: new Uint8Array(), height };
    }
  }

  queryHandler(path: string) {
    return this.handlers.get(path);
  }

  queryContext(): QueryContext {
    return {
      store: { get: () => undefined, has: () => false, set: () => undefined, delete: () => undefined, iterate: () => [] },
      height: this.latestHeight(),
      time: new Date(),
      config: this.config,
      keepers: {} as QueryContext["keepers"],
    };
  }

  simulate(txBytes: Uint8Array): SimulateResult {
    const { result } = this.dryCheck(txBytes);
    if (result.code !== 0) return { gasWanted: 0, gasUsed: 0, error: { code: result.code, codespace: result.codespace, log: result.log } };
    return { gasWanted: 200000, gasUsed: 81234, result: { data: new Uint8Array(), log: "", events: [], msgResponses: [] } };
  }

  private dryCheck(txBytes: Uint8Array) {
    try {
      TxBody.decode(TxRaw.decode(txBytes).bodyBytes);
      return { result: { code: 0, codespace: "", log: "" } };
    } catch {
      return { result: { code: 2, codespace: "sdk", log: "tx parse error" } };
    }
  }

  genesis() {
    return {
      genesis_time: "2026-01-01T00:00:00Z",
      chain_id: this.config.chainId,
      initial_height: "1",
      consensus_params: { block: { max_bytes: "22020096", max_gas: "-1" }, evidence: { max_age_num_blocks: "100000", max_age_duration: "172800000000000", max_bytes: "1048576" }, validator: { pub_key_types: ["ed25519"] }, version: { app: "0" } },
      validators: [{ address: this.validator.address, pub_key: { type: "tendermint/PubKeyEd25519", value: this.validator.pubKey }, power: "10", name: "devnet" }],
      app_hash: "",
      app_state: {},
    };
  }

  on(_event: "block", cb: BlockListener) {
    this.listeners.add(cb);
  }
  off(_event: "block", cb: BlockListener) {
    this.listeners.delete(cb);
  }

  /** Accept `spec.tx` in CheckTx; DeliverTx gives it `spec`'s code/log/events. */
  accept(spec: FakeTxSpec) {
    this.accepted.set(sha(spec.tx), { code: spec.code, log: spec.log, events: spec.events });
  }

  /** Commits the mempool (plus `extra` txs) as a new block and notifies listeners. */
  produceBlock(extra: FakeTxSpec[] = []): DevnetBlock {
    const specs = [...this.mempool.splice(0), ...extra];
    const height = this.blocks.length + 1;
    const prev = this.blocks.at(-1);
    const time = new Date(Date.UTC(2026, 0, 1) + height * 1000).toISOString();
    const block: DevnetBlock = {
      hash: sha(`block-${height}`),
      partsHash: sha(`parts-${height}`),
      partsTotal: 1,
      header: {
        chainId: this.config.chainId,
        height,
        time,
        lastBlockHash: prev?.hash ?? "",
        lastBlockPartsHash: prev?.partsHash ?? "",
        lastCommitHash: sha(`commit-${height - 1}`),
        dataHash: sha(specs.map((s) => sha(s.tx)).join("")),
        validatorsHash: sha("vals"),
        nextValidatorsHash: sha("vals"),
        consensusHash: sha("consensus"),
        appHash: sha(`app-${height - 1}`),
        lastResultsHash: sha(`results-${height - 1}`),
        evidenceHash: sha(""),
        proposerAddress: this.validator.address,
        version: { block: "11", app: "0" },
      },
      txs: specs.map((s) => s.tx),
      lastCommit: prev
        ? {
            height: height - 1,
            round: 0,
            blockHash: prev.hash,
            partsHash: prev.partsHash,
            signatures: [{ blockIdFlag: 2, validatorAddress: this.validator.address, timestamp: time, signature: Buffer.alloc(64, 1).toString("base64") }],
          }
        : { height: 0, round: 0, blockHash: "", partsHash: "", signatures: [] },
    };
    const txs: IndexedTx[] = specs.map((s, index) => ({
      hash: sha(s.tx),
      height,
      index,
      tx: s.tx,
      result: { code: s.code ?? 0, codespace: s.code ? "sdk" : "", log: s.log ?? "", data: new Uint8Array([10, 0]), gasWanted: 200000, gasUsed: 81234, events: s.events ?? [], info: "" },
    }));
    const results: BlockResults = { height, txResults: txs.map((t) => t.result), finalizeBlockEvents: [{ type: "mint", attributes: [{ key: "amount", value: "0", index: true }] }], appHash: sha(`app-${height}`) };
    this.blocks.push(block);
    this.results.push(results);
    this.indexed.push(...txs);
    for (const t of txs) {
      for (const w of this.waiters.get(t.hash) ?? []) w(t);
      this.waiters.delete(t.hash);
    }
    for (const l of this.listeners) l(block, txs, results);
    return block;
  }
}
