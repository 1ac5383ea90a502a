import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import type { ChainConfig, Module, QueryContext, QueryHandler } from "./types.ts";
import type {
  AbciQueryResult,
  BlockHeader,
  BlockListener,
  BlockResults,
  DevnetBlock,
  DevnetChainApi,
  IndexedTx,
  SimulateResult,
  TxResult,
  ValidatorInfo,
} from "./node-types.ts";
import { DevnetApp, type GenesisAccount } from "./app.ts";
import { RootStore } from "./stores.ts";
import { ChainPersistence } from "./persistence.ts";
import { txHash, type DecodedTx } from "./tx-decode.ts";
import { denomMetadata } from "./auth-bank.ts";
import { iterateAccounts } from "./accounts.ts";

export interface DevnetChainOptions {
  config: ChainConfig;
  modules: Module[];
  genesisAccounts: GenesisAccount[];
  /** Data directory; omit for an in-memory chain (tests). */
  dataDir?: string;
  /** Start from genesis, deleting persisted state. */
  reset?: boolean;
  /** Block interval; defaults to config.blockTimeMs. */
  blockMs?: number;
  /** Upper bound of txs per block (the rest wait for the next block). */
  maxTxsPerBlock?: number;
  maxMempoolTxs?: number;
}

interface MempoolEntry {
  hash: string;
  bytes: Uint8Array;
  tx: DecodedTx;
}

const hex = (u: Uint8Array) => bytesToHex(u).toUpperCase();
const EMPTY_HASH = hex(sha256(new Uint8Array()));

function rejected(code: number, log: string): TxResult {
  return { code, codespace: "sdk", log, data: new Uint8Array(), gasWanted: 0, gasUsed: 0, events: [], info: "" };
}

/**
 * The devnet node: a single-validator chain that produces a block every `blockMs`, with a mempool,
 * block store, tx index and persistence. The RPC/REST/faucet servers use it through DevnetChainApi.
 */
export class DevnetChain implements DevnetChainApi {
  readonly config: ChainConfig;
  readonly validator: ValidatorInfo;
  readonly nodeId: string;
  readonly app: DevnetApp;

  private readonly validatorKey: Uint8Array;
  private blockMs: number;
  private readonly maxTxsPerBlock: number;
  private readonly maxMempoolTxs: number;
  private readonly persistence: ChainPersistence | undefined;
  private genesisDoc: Record<string, unknown> = {};

  private readonly blocks: DevnetBlock[] = [];
  private readonly results: BlockResults[] = [];
  private readonly txList: IndexedTx[] = [];
  private readonly txIndex = new Map<string, IndexedTx>();
  private mempool: MempoolEntry[] = [];
  private readonly mempoolHashes = new Set<string>();
  private readonly waiters = new Map<string, Set<(tx: IndexedTx) => void>>();
  private readonly listeners = new Set<BlockListener>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastTimeMs = 0;

  constructor(opts: DevnetChainOptions) {
    this.config = opts.config;
    this.blockMs = opts.blockMs ?? opts.config.blockTimeMs;
    this.maxTxsPerBlock = opts.maxTxsPerBlock ?? 2_000;
    this.maxMempoolTxs = opts.maxMempoolTxs ?? 50_000;
    // A fixed validator key per chain id: the devnet is one validator and its identity never changes.
    this.validatorKey = sha256(new TextEncoder().encode(`${opts.config.chainId}/validator`));
    const valPub = ed25519.getPublicKey(this.validatorKey);
    this.validator = {
      address: hex(sha256(valPub).slice(0, 20)),
      pubKey: Buffer.from(valPub).toString("base64"),
      votingPower: "10",
      proposerPriority: "0",
    };
    const nodePub = ed25519.getPublicKey(sha256(new TextEncoder().encode(`${opts.config.chainId}/node`)));
    this.nodeId = bytesToHex(sha256(nodePub).slice(0, 20));

    const store = new RootStore();
    this.app = new DevnetApp({ config: opts.config, modules: opts.modules, store });
    this.persistence = opts.dataDir === undefined ? undefined : new ChainPersistence(opts.dataDir);
    this.persistence?.lock();
    if (this.persistence && opts.reset) this.persistence.reset();

    if (this.persistence?.exists()) this.loadFromDisk(store);
    else this.initGenesis(opts.genesisAccounts);
  }

  private initGenesis(accounts: GenesisAccount[]): void {
    const genesisTime = new Date();
    this.app.initChain(accounts, genesisTime);
    this.lastTimeMs = genesisTime.getTime();
    this.genesisDoc = {
      genesis_time: genesisTime.toISOString(),
      chain_id: this.config.chainId,
      initial_height: "1",
      consensus_params: {
        block: { max_bytes: "22020096", max_gas: "-1" },
        evidence: { max_age_num_blocks: "100000", max_age_duration: "172800000000000", max_bytes: "1048576" },
        validator: { pub_key_types: ["ed25519"] },
        version: { app: "0" },
        abci: { vote_extensions_enable_height: "0" },
      },
      validators: [
        { address: this.validator.address, pub_key: { type: "tendermint/PubKeyEd25519", value: this.validator.pubKey }, power: this.validator.votingPower, name: "devnet-validator" },
      ],
      app_hash: "",
      app_state: {
        auth: { accounts: [...iterateAccounts(this.app.store)].map((a) => ({ address: a.address, account_number: a.accountNumber, sequence: a.sequence, ...(a.module ? { name: a.module.name } : {}) })) },
        bank: {
          balances: accounts.map((a) => ({ address: a.address, coins: a.coins })),
          denom_metadata: denomMetadata(this.config).map((m) => ({ base: m.base, display: m.display, name: m.name, symbol: m.symbol })),
          send_enabled: [{ denom: this.config.actDenom, enabled: false }],
        },
        devnet: { akt_price_usd: this.config.aktPriceUsd, min_gas_price: `${this.config.minGasPrice}${this.config.bondDenom}`, legacy_uakt_pricing: this.config.legacyUaktPricing },
      },
    };
    this.persistence?.init(this.genesisDoc, { height: 0, time: genesisTime.toISOString(), appHash: this.app.appHashHex(), entries: [...this.app.store.entries()] });
  }

  private loadFromDisk(store: RootStore): void {
    const loaded = this.persistence!.load();
    this.genesisDoc = loaded.genesis;
    store.load(loaded.snapshot.entries);
    let height = loaded.snapshot.height;
    let time = loaded.snapshot.time;
    let appHash = loaded.snapshot.appHash;
    for (const l of loaded.stateLines) {
      store.replay(l.set, l.del);
      height = l.height;
      time = l.time;
      appHash = l.appHash;
    }
    store.takeChanges();
    for (const { block, results } of loaded.blocks) this.recordBlock(block, results);
    this.app.restore(height, new Date(time), hexToBytes(appHash));
    this.lastTimeMs = new Date(time).getTime();
    console.log(`[devnet] resumed ${this.config.chainId} at height ${height} from ${this.persistence!.dir}`);
  }

  // ---------------------------------------------------------------- lifecycle

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // A real node that serves RPC already has block 1 (at height 0 `status` has empty hashes, which
    // cosmjs rejects): commit genesis into the first block before anyone can connect.
    if (this.latestHeight() === 0) this.produceBlock();
    // The cadence runs on the monotonic clock; block times come from the wall clock (Date.now).
    const tick = () => {
      if (!this.running) return;
      const started = performance.now();
      try {
        this.produceBlock();
      } catch (e) {
        console.error("[devnet] block production failed:", e);
      }
      this.timer = setTimeout(tick, Math.max(0, this.blockMs - (performance.now() - started)));
    };
    this.timer = setTimeout(tick, this.blockMs);
  }

  /** From the next block on, one block every `ms` (bench:spend makes its history with fast blocks, then slows down). */
  setBlockInterval(ms: number): void {
    if (!(ms > 0)) throw new Error(`block interval must be positive, got ${ms}`);
    this.blockMs = ms;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.persistence) {
      this.snapshot();
      this.persistence.close();
      this.persistence.unlock();
    }
  }

  private snapshot(): void {
    this.persistence?.writeSnapshot({ height: this.app.height, time: this.app.time.toISOString(), appHash: this.app.appHashHex(), entries: [...this.app.store.entries()] });
  }

  // ---------------------------------------------------------------- blocks

  /** Produces one block from the mempool (the block timer calls this; tests may call it directly). */
  produceBlock(): DevnetBlock {
    const height = this.latestHeight() + 1;
    const now = Math.max(Date.now(), this.lastTimeMs + 1);
    this.lastTimeMs = now;
    const time = new Date(now);
    const included = this.mempool.slice(0, this.maxTxsPerBlock);
    const rest = this.mempool.slice(included.length);

    const prevAppHash = this.app.appHashHex();
    const beginEvents = this.app.beginBlock(height, time);
    const txResults = included.map((e) => this.app.deliverTx(e.tx, height, time));
    const endEvents = this.app.endBlock(height, time);
    const { changes } = this.app.commit();

    const prev = this.latestBlock();
    const txHashes = included.map((e) => e.hash);
    const header: BlockHeader = {
      chainId: this.config.chainId,
      height,
      time: time.toISOString(),
      lastBlockHash: prev?.hash ?? "",
      lastBlockPartsHash: prev?.partsHash ?? "",
      lastCommitHash: prev ? hex(sha256(new TextEncoder().encode(`commit/${prev.hash}`))) : EMPTY_HASH,
      dataHash: txHashes.length === 0 ? EMPTY_HASH : hex(sha256(new TextEncoder().encode(txHashes.join("")))),
      validatorsHash: hex(sha256(new TextEncoder().encode(`validators/${this.validator.pubKey}/${this.validator.votingPower}`))),
      nextValidatorsHash: hex(sha256(new TextEncoder().encode(`validators/${this.validator.pubKey}/${this.validator.votingPower}`))),
      consensusHash: hex(sha256(new TextEncoder().encode(`consensus/${this.config.chainId}`))),
      appHash: prevAppHash,
      lastResultsHash: prev ? hex(sha256(new TextEncoder().encode(JSON.stringify(this.results[this.results.length - 1]!.txResults.map((r) => [r.code, r.gasWanted, r.gasUsed]))))) : EMPTY_HASH,
      evidenceHash: EMPTY_HASH,
      proposerAddress: this.validator.address,
      version: { block: "11", app: "0" },
    };
    const hash = hex(sha256(new TextEncoder().encode(JSON.stringify(header))));
    const block: DevnetBlock = {
      hash,
      partsHash: hex(sha256(new TextEncoder().encode(`parts/${hash}`))),
      partsTotal: 1,
      header,
      txs: included.map((e) => e.bytes),
      lastCommit: prev
        ? {
            height: prev.header.height,
            round: 0,
            blockHash: prev.hash,
            partsHash: prev.partsHash,
            signatures: [
              {
                blockIdFlag: 2,
                validatorAddress: this.validator.address,
                timestamp: time.toISOString(),
                signature: Buffer.from(ed25519.sign(hexToBytes(prev.hash), this.validatorKey)).toString("base64"),
              },
            ],
          }
        : { height: 0, round: 0, blockHash: "", partsHash: "", signatures: [] },
    };
    const results: BlockResults = { height, txResults, finalizeBlockEvents: [...beginEvents, ...endEvents], appHash: this.app.appHashHex() };

    // Persist before anyone can observe the block.
    this.persistence?.appendBlock(block, results, changes);
    if (this.persistence?.wantsSnapshot()) this.snapshot();

    const indexed = this.recordBlock(block, results);
    for (const e of included) this.mempoolHashes.delete(e.hash);
    // Recheck what is left against the new state (the SDK's recheck after Commit).
    this.mempool = [];
    for (const e of rest) {
      const r = this.app.checkTx(e.bytes);
      if (r.result.code === 0 && r.tx) this.mempool.push({ ...e, tx: r.tx });
      else this.mempoolHashes.delete(e.hash);
    }

    for (const tx of indexed) {
      const ws = this.waiters.get(tx.hash);
      if (ws) {
        this.waiters.delete(tx.hash);
        for (const w of ws) w(tx);
      }
    }
    for (const l of this.listeners) {
      try {
        l(block, indexed, results);
      } catch (e) {
        console.error("[devnet] block listener failed:", e);
      }
    }
    return block;
  }

  private recordBlock(block: DevnetBlock, results: BlockResults): IndexedTx[] {
    this.blocks.push(block);
    this.results.push(results);
    const indexed = block.txs.map((tx, index) => ({ hash: txHash(tx), height: block.header.height, index, tx, result: results.txResults[index]! }));
    for (const t of indexed) {
      this.txList.push(t);
      this.txIndex.set(t.hash, t);
    }
    return indexed;
  }

  // ---------------------------------------------------------------- DevnetChainApi

  latestHeight(): number {
    return this.blocks.length;
  }
  earliestHeight(): number {
    return this.blocks.length > 0 ? 1 : 0;
  }
  latestBlock(): DevnetBlock | undefined {
    return this.blocks[this.blocks.length - 1];
  }
  block(height: number): DevnetBlock | undefined {
    return height >= 1 ? this.blocks[height - 1] : undefined;
  }
  blockResults(height: number): BlockResults | undefined {
    return height >= 1 ? this.results[height - 1] : undefined;
  }
  latestAppHash(): string {
    return this.app.appHashHex();
  }
  genesisTime(): string {
    return String(this.genesisDoc.genesis_time ?? "");
  }

  checkAndAddToMempool(txBytes: Uint8Array): { hash: string; result: TxResult } {
    const hash = txHash(txBytes);
    if (this.mempoolHashes.has(hash) || this.txIndex.has(hash)) return { hash, result: rejected(19, "tx already exists in cache") };
    if (this.mempool.length >= this.maxMempoolTxs) return { hash, result: rejected(20, `mempool is full: number of txs ${this.mempool.length} (max: ${this.maxMempoolTxs}): mempool is full`) };
    const { result, tx } = this.app.checkTx(txBytes);
    if (result.code === 0 && tx) {
      this.mempool.push({ hash, bytes: txBytes, tx });
      this.mempoolHashes.add(hash);
    }
    return { hash, result };
  }

  mempoolSize(): number {
    return this.mempool.length;
  }

  waitForTx(hash: string, timeoutMs: number): Promise<IndexedTx | undefined> {
    const h = hash.toUpperCase();
    const found = this.txIndex.get(h);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      let set = this.waiters.get(h);
      if (!set) this.waiters.set(h, (set = new Set()));
      const done = (tx: IndexedTx | undefined) => {
        clearTimeout(timer);
        set!.delete(done);
        resolve(tx);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      set.add(done);
    });
  }

  tx(hashHex: string): IndexedTx | undefined {
    return this.txIndex.get(hashHex.toUpperCase());
  }

  *txs(order: "asc" | "desc"): Iterable<IndexedTx> {
    if (order === "asc") yield* this.txList;
    else for (let i = this.txList.length - 1; i >= 0; i--) yield this.txList[i]!;
  }

  abciQuery(path: string, data: Uint8Array, _height?: number): AbciQueryResult {
    const r = this.app.query(path, data);
    // cosmjs refuses a query result at height 0; before the first block report height 1.
    return { ...r, height: Math.max(1, r.height) };
  }

  queryHandler(path: string): QueryHandler | undefined {
    return this.app.queries.get(path);
  }

  queryContext(): QueryContext {
    return this.app.queryContext();
  }

  simulate(txBytes: Uint8Array): SimulateResult {
    return this.app.simulate(txBytes);
  }

  genesis(): Record<string, unknown> {
    return this.genesisDoc;
  }

  on(_event: "block", cb: BlockListener): void {
    this.listeners.add(cb);
  }

  off(_event: "block", cb: BlockListener): void {
    this.listeners.delete(cb);
  }
}
