/** CometBFT 0.38 JSON shapes for the devnet's blocks, txs and results. */
import type { ChainEvent } from "../chain/types.ts";
import type { BlockResults, DevnetBlock, IndexedTx, TxResult } from "../chain/node-types.ts";
import { eventsToMap, type EventsMap } from "./query.ts";

export const COMET_VERSION = "0.38.21";

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");

export function formatEvents(events: readonly ChainEvent[]) {
  return events.map((e) => ({
    type: e.type,
    attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })),
  }));
}

/** ExecTxResult / ResponseCheckTx JSON. */
export function formatTxResult(r: TxResult) {
  return {
    code: r.code,
    data: r.data.length ? b64(r.data) : null,
    log: r.log,
    info: r.info,
    gas_wanted: String(r.gasWanted),
    gas_used: String(r.gasUsed),
    events: formatEvents(r.events),
    codespace: r.codespace,
  };
}

export function emptyTxResult() {
  return { code: 0, data: null, log: "", info: "", gas_wanted: "0", gas_used: "0", events: [], codespace: "" };
}

export function formatIndexedTx(t: IndexedTx) {
  return { hash: t.hash, height: String(t.height), index: t.index, tx_result: formatTxResult(t.result), tx: b64(t.tx) };
}

function blockId(hash: string, partsTotal: number, partsHash: string) {
  return { hash, parts: { total: partsTotal, hash: partsHash } };
}

export function formatBlockId(b: DevnetBlock) {
  return blockId(b.hash, b.partsTotal, b.partsHash);
}

export function formatHeader(b: DevnetBlock) {
  const h = b.header;
  return {
    version: { block: h.version.block, app: h.version.app },
    chain_id: h.chainId,
    height: String(h.height),
    time: h.time,
    last_block_id: blockId(h.lastBlockHash, h.lastBlockHash ? 1 : 0, h.lastBlockPartsHash),
    last_commit_hash: h.lastCommitHash,
    data_hash: h.dataHash,
    validators_hash: h.validatorsHash,
    next_validators_hash: h.nextValidatorsHash,
    consensus_hash: h.consensusHash,
    app_hash: h.appHash,
    last_results_hash: h.lastResultsHash,
    evidence_hash: h.evidenceHash,
    proposer_address: h.proposerAddress,
  };
}

export function formatBlock(b: DevnetBlock) {
  const c = b.lastCommit;
  return {
    header: formatHeader(b),
    data: { txs: b.txs.map(b64) },
    evidence: { evidence: [] },
    last_commit: {
      height: String(c.height),
      round: c.round,
      block_id: blockId(c.blockHash, c.blockHash ? 1 : 0, c.partsHash),
      signatures: c.signatures.map((s) => ({
        block_id_flag: s.blockIdFlag,
        validator_address: s.validatorAddress,
        timestamp: s.timestamp,
        signature: s.signature || null,
      })),
    },
  };
}

export function formatBlockResponse(b: DevnetBlock) {
  return { block_id: formatBlockId(b), block: formatBlock(b) };
}

export function blockSize(b: DevnetBlock): number {
  // Approximation of the protobuf size: header + txs (Comet reports the encoded block size).
  return 600 + b.txs.reduce((n, t) => n + t.length + 4, 0);
}

export function formatBlockResults(r: BlockResults) {
  return {
    height: String(r.height),
    txs_results: r.txResults.length ? r.txResults.map(formatTxResult) : null,
    finalize_block_events: formatEvents(r.finalizeBlockEvents),
    validator_updates: [],
    consensus_param_updates: null,
    app_hash: Buffer.from(r.appHash, "hex").toString("base64"),
  };
}

const txEventsCache = new WeakMap<IndexedTx, EventsMap>();

/** The events map a Tx event and tx_search see (cached: indexed txs never change). */
export function txEventsMap(t: IndexedTx): EventsMap {
  let map = txEventsCache.get(t);
  if (!map) {
    map = eventsToMap(t.result.events, { "tm.event": "Tx", "tx.hash": t.hash, "tx.height": String(t.height) });
    txEventsCache.set(t, map);
  }
  return map;
}

/** EventDataNewBlock: the block, its id and the ResponseFinalizeBlock. */
export function newBlockEventData(b: DevnetBlock, r: BlockResults) {
  return {
    type: "tendermint/event/NewBlock",
    value: {
      block: formatBlock(b),
      block_id: formatBlockId(b),
      result_finalize_block: {
        events: formatEvents(r.finalizeBlockEvents),
        tx_results: r.txResults.map(formatTxResult),
        validator_updates: [],
        consensus_param_updates: null,
        app_hash: Buffer.from(r.appHash, "hex").toString("base64"),
      },
    },
  };
}

export function blockEventsMap(b: DevnetBlock, r: BlockResults | undefined, event: "NewBlock" | "NewBlockHeader" | "NewBlockEvents"): EventsMap {
  return eventsToMap(r?.finalizeBlockEvents ?? [], { "tm.event": event, "block.height": String(b.header.height) });
}
