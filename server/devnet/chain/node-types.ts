/**
 * The devnet node's public surface, for the RPC/REST/faucet servers and tools.
 * Stable contract: extend compatibly, never rename or remove fields.
 *
 * Conventions: hashes and addresses in hex are UPPER case without 0x (as CometBFT prints them);
 * times are RFC3339 strings in UTC; heights are plain numbers.
 */
import type { ChainConfig, ChainEvent, QueryContext, QueryHandler } from "./types.ts";

/** Result of CheckTx / DeliverTx (ExecTxResult in CometBFT 0.38). */
export interface TxResult {
  code: number; // 0 = ok
  codespace: string; // "" when ok, "sdk" or a module name otherwise
  log: string; // error message when code != 0, "" when ok (SDK 0.50 behaviour)
  /** Encoded cosmos.base.abci.v1beta1.TxMsgData (msg_responses) when ok; empty otherwise. */
  data: Uint8Array;
  gasWanted: number;
  gasUsed: number;
  events: ChainEvent[];
  info: string;
}

export interface IndexedTx {
  /** sha256(tx bytes), upper-case hex. */
  hash: string;
  height: number;
  /** Position of the tx in its block. */
  index: number;
  tx: Uint8Array;
  result: TxResult;
}

export interface BlockHeader {
  chainId: string;
  height: number;
  /** RFC3339 UTC, e.g. "2026-11-21T16:45:58.123Z". */
  time: string;
  /** Hash of the previous block ("" at height 1). */
  lastBlockHash: string;
  /** Part-set hash of the previous block ("" at height 1). */
  lastBlockPartsHash: string;
  lastCommitHash: string;
  /** Hash over the block's txs (sha256 of tx hashes; sha256("") for an empty block, like Comet). */
  dataHash: string;
  validatorsHash: string;
  nextValidatorsHash: string;
  consensusHash: string;
  /** App hash after the PREVIOUS block (CometBFT semantics). */
  appHash: string;
  lastResultsHash: string;
  evidenceHash: string;
  /** Validator address, upper hex (20 bytes). */
  proposerAddress: string;
  /** Block protocol version (11 for Comet 0.38) and app version. */
  version: { block: string; app: string };
}

export interface DevnetBlock {
  /** Block hash, upper hex. */
  hash: string;
  /** Part-set header of this block (Comet: total ≥ 1). */
  partsHash: string;
  partsTotal: number;
  header: BlockHeader;
  txs: Uint8Array[];
  /** Commit for the previous block (what Comet puts in block.last_commit). Empty at height 1. */
  lastCommit: {
    height: number;
    round: number;
    blockHash: string;
    partsHash: string;
    signatures: { blockIdFlag: number; validatorAddress: string; timestamp: string; signature: string /* base64 */ }[];
  };
}

export interface BlockResults {
  height: number;
  txResults: TxResult[];
  /** Events of BeginBlock + EndBlock hooks (finalize_block_events in 0.38). */
  finalizeBlockEvents: ChainEvent[];
  /** App hash after this block. */
  appHash: string;
}

export interface AbciQueryResult {
  code: number;
  codespace: string;
  log: string;
  value: Uint8Array;
  height: number;
}

export interface SimulateResult {
  gasWanted: number;
  gasUsed: number;
  /** Present when the tx would succeed. */
  result?: { data: Uint8Array; log: string; events: ChainEvent[]; msgResponses: { typeUrl: string; value: Uint8Array }[] };
  /** Present when the tx would fail. */
  error?: { code: number; codespace: string; log: string };
}

export interface ValidatorInfo {
  /** 20-byte address, upper hex. */
  address: string;
  /** ed25519 public key, base64. */
  pubKey: string;
  votingPower: string;
  proposerPriority: string;
}

export type BlockListener = (block: DevnetBlock, txs: IndexedTx[], results: BlockResults) => void;

/** What the servers use. Implemented by DevnetChain in ./node.ts. */
export interface DevnetChainApi {
  readonly config: ChainConfig;
  readonly validator: ValidatorInfo;
  /** Comet node id, lower hex (20 bytes). */
  readonly nodeId: string;
  /** 0 before the first block. */
  latestHeight(): number;
  earliestHeight(): number;
  latestBlock(): DevnetBlock | undefined;
  block(height: number): DevnetBlock | undefined;
  blockResults(height: number): BlockResults | undefined;
  /** App hash after the latest block, upper hex. */
  latestAppHash(): string;
  /** CheckTx; code≠0 means rejected and not added. `hash` is upper hex. */
  checkAndAddToMempool(txBytes: Uint8Array): { hash: string; result: TxResult };
  mempoolSize(): number;
  /** Resolves when the tx is in a block, or undefined after timeoutMs. */
  waitForTx(hash: string, timeoutMs: number): Promise<IndexedTx | undefined>;
  tx(hashHex: string): IndexedTx | undefined;
  txs(order: "asc" | "desc"): Iterable<IndexedTx>;
  /** ABCI query; `height` is accepted but state is served at the latest height (no history). */
  abciQuery(path: string, data: Uint8Array, height?: number): AbciQueryResult;
  queryHandler(path: string): QueryHandler | undefined;
  queryContext(): QueryContext;
  simulate(txBytes: Uint8Array): SimulateResult;
  /** The genesis document (CometBFT genesis.json shape with app_state). */
  genesis(): Record<string, unknown>;
  on(event: "block", cb: BlockListener): void;
  off(event: "block", cb: BlockListener): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}
