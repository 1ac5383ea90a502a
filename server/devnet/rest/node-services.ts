/**
 * Gateway services the node itself serves (not module QueryHandlers): cosmos.tx.v1beta1.Service,
 * cosmos.base.tendermint.v1beta1.Service and cosmos.base.node.v1beta1.Service.
 * Each handler returns a chain-sdk response message; server.ts renders it as gateway JSON.
 */
import { toBech32 } from "@cosmjs/encoding";
import Long from "long";
import * as cosmos from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { PubKey as Ed25519PubKey } from "@akashnetwork/chain-sdk/private-types/cosmos.ed25519";
import type { DevnetBlock, IndexedTx } from "../chain/node-types.ts";
import type { ChainBackend } from "../rpc/backend.ts";
import { COMET_VERSION } from "../rpc/format.ts";
import { searchTxs } from "../rpc/methods.ts";
import { parseQuery, QueryParseError } from "../rpc/query.ts";
import { GatewayError, invalidArgument } from "./request.ts";
import type { ProtoCodec } from "../../shared/chain-sdk-codecs.ts";

export interface NodeServiceResult {
  codec: ProtoCodec;
  message: unknown;
}

type Handler = (chain: ChainBackend, req: never) => NodeServiceResult | Promise<NodeServiceResult>;

const hex = (s: string) => Buffer.from(s, "hex");
const res = <T>(codec: { fromPartial(o: unknown): T } & ProtoCodec<T>, partial: unknown): NodeServiceResult => ({
  codec: codec as ProtoCodec,
  message: codec.fromPartial(partial),
});

function blockIdPartial(hash: string, partsTotal: number, partsHash: string) {
  return { hash: hex(hash), partSetHeader: { total: partsTotal, hash: hex(partsHash) } };
}

function headerPartial(b: DevnetBlock, proposer: Uint8Array | string) {
  const h = b.header;
  return {
    version: { block: Long.fromString(h.version.block || "0", true), app: Long.fromString(h.version.app || "0", true) },
    chainId: h.chainId,
    height: Long.fromNumber(h.height),
    time: new Date(h.time),
    lastBlockId: blockIdPartial(h.lastBlockHash, h.lastBlockHash ? 1 : 0, h.lastBlockPartsHash),
    lastCommitHash: hex(h.lastCommitHash),
    dataHash: hex(h.dataHash),
    validatorsHash: hex(h.validatorsHash),
    nextValidatorsHash: hex(h.nextValidatorsHash),
    consensusHash: hex(h.consensusHash),
    appHash: hex(h.appHash),
    lastResultsHash: hex(h.lastResultsHash),
    evidenceHash: hex(h.evidenceHash),
    proposerAddress: proposer,
  };
}

function blockPartial(b: DevnetBlock, proposer: Uint8Array | string) {
  const c = b.lastCommit;
  return {
    header: headerPartial(b, proposer),
    data: { txs: b.txs },
    evidence: { evidence: [] },
    lastCommit: {
      height: Long.fromNumber(c.height),
      round: c.round,
      blockId: blockIdPartial(c.blockHash, c.blockHash ? 1 : 0, c.partsHash),
      signatures: c.signatures.map((s) => ({
        blockIdFlag: s.blockIdFlag,
        validatorAddress: hex(s.validatorAddress),
        timestamp: new Date(s.timestamp),
        signature: Buffer.from(s.signature || "", "base64"),
      })),
    },
  };
}

function valconsAddress(chain: ChainBackend): string {
  return toBech32("akashvalcons", hex(chain.validator.address));
}

function blockResponse(chain: ChainBackend, b: DevnetBlock) {
  return {
    blockId: blockIdPartial(b.hash, b.partsTotal, b.partsHash),
    block: blockPartial(b, hex(b.header.proposerAddress)),
    sdkBlock: blockPartial(b, valconsAddress(chain)),
  };
}

function txResponsePartial(chain: ChainBackend, t: IndexedTx, withTx: boolean) {
  const time = chain.block(t.height)?.header.time ?? "";
  return {
    height: Long.fromNumber(t.height),
    txhash: t.hash,
    codespace: t.result.codespace,
    code: t.result.code,
    data: Buffer.from(t.result.data).toString("hex").toUpperCase(),
    rawLog: t.result.log,
    logs: [],
    info: t.result.info,
    gasWanted: Long.fromNumber(t.result.gasWanted),
    gasUsed: Long.fromNumber(t.result.gasUsed),
    tx: withTx ? { typeUrl: "/cosmos.tx.v1beta1.Tx", value: t.tx } : undefined,
    // The SDK formats the block time with time.RFC3339 (whole seconds).
    timestamp: time ? new Date(time).toISOString().replace(/\.\d+Z$/, "Z") : "",
    events: t.result.events.map((e) => ({ type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })) })),
  };
}

function decodeTx(bytes: Uint8Array) {
  try {
    return cosmos.Tx.decode(bytes);
  } catch {
    return undefined;
  }
}

function requireHeight(chain: ChainBackend, height: Long | number): DevnetBlock {
  const h = Number(height.toString());
  const latest = chain.latestHeight();
  if (h > latest) throw invalidArgument(`requested block height is bigger then the chain length`);
  if (h <= 0) throw invalidArgument("height must be greater than 0");
  const b = chain.block(h);
  if (!b) throw new GatewayError(5, `block ${h} not found`);
  return b;
}

function validatorSet(chain: ChainBackend, height: number) {
  const v = chain.validator;
  return {
    blockHeight: Long.fromNumber(height),
    validators: [
      {
        address: valconsAddress(chain),
        pubKey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: Buffer.from(v.pubKey, "base64") }).finish() },
        votingPower: Long.fromString(v.votingPower),
        proposerPriority: Long.fromString(v.proposerPriority || "0"),
      },
    ],
    pagination: { nextKey: new Uint8Array(), total: Long.fromNumber(1, true) },
  };
}

function txBytesFrom(req: { txBytes?: Uint8Array; tx?: unknown }): Uint8Array {
  if (req.txBytes && req.txBytes.length) return req.txBytes;
  if (req.tx) return cosmos.Tx.encode(req.tx as cosmos.Tx).finish();
  throw invalidArgument("empty txBytes is not allowed");
}

export const nodeServices: Record<string, Handler> = {
  // ---- cosmos.tx.v1beta1.Service ----
  "/cosmos.tx.v1beta1.Service/Simulate": (chain, req: cosmos.SimulateRequest) => {
    const bytes = txBytesFrom(req);
    const sim = chain.simulate(bytes);
    // x/auth/tx Service.Simulate: a failing simulation is codes.Unknown (HTTP 500) with this text.
    if (sim.error) throw new GatewayError(2, `${sim.error.log} With gas wanted: '${sim.gasWanted}' and gas used: '${sim.gasUsed}' `);
    return res(cosmos.SimulateResponse, {
      gasInfo: { gasWanted: Long.fromNumber(sim.gasWanted, true), gasUsed: Long.fromNumber(sim.gasUsed, true) },
      result: sim.result
        ? {
            data: sim.result.data,
            log: sim.result.log,
            events: sim.result.events.map((e) => ({ type: e.type, attributes: e.attributes })),
            msgResponses: sim.result.msgResponses,
          }
        : undefined,
    });
  },

  "/cosmos.tx.v1beta1.Service/BroadcastTx": (chain, req: cosmos.BroadcastTxRequest) => {
    if (!req.txBytes || req.txBytes.length === 0) throw invalidArgument("invalid empty tx");
    if (req.mode !== cosmos.BroadcastMode.BROADCAST_MODE_SYNC && req.mode !== cosmos.BroadcastMode.BROADCAST_MODE_ASYNC) {
      throw invalidArgument(`unsupported broadcast mode ${cosmos.BroadcastMode[req.mode] ?? req.mode}; supported types: BROADCAST_MODE_SYNC, BROADCAST_MODE_ASYNC`);
    }
    const { hash, result } = chain.checkAndAddToMempool(req.txBytes);
    const sync = req.mode === cosmos.BroadcastMode.BROADCAST_MODE_SYNC;
    return res(cosmos.BroadcastTxResponse, {
      txResponse: {
        height: Long.ZERO,
        txhash: hash,
        codespace: sync ? result.codespace : "",
        code: sync ? result.code : 0,
        data: "",
        rawLog: sync ? result.log : "",
        logs: [],
        info: "",
        gasWanted: Long.fromNumber(sync ? result.gasWanted : 0),
        gasUsed: Long.fromNumber(sync ? result.gasUsed : 0),
        timestamp: "",
        events: [],
      },
    });
  },

  "/cosmos.tx.v1beta1.Service/GetTx": (chain, req: cosmos.GetTxRequest) => {
    const hash = (req.hash ?? "").trim();
    if (!hash) throw invalidArgument("tx hash cannot be empty");
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw invalidArgument(`invalid tx hash ${JSON.stringify(hash)}: expected 64 hex characters`);
    const t = chain.tx(hash.toUpperCase());
    if (!t) throw new GatewayError(5, `tx not found: ${hash}`);
    return res(cosmos.GetTxResponse, { tx: decodeTx(t.tx), txResponse: txResponsePartial(chain, t, true) });
  },

  "/cosmos.tx.v1beta1.Service/GetTxsEvent": (chain, req: cosmos.GetTxsEventRequest) => {
    // SDK 0.50+ reads only `query` (the deprecated `events` list is ignored, as on mainnet).
    const text = req.query?.trim() ?? "";
    if (!text) throw invalidArgument("query cannot be empty");
    let query;
    try {
      query = parseQuery(text);
    } catch (err) {
      if (err instanceof QueryParseError) throw invalidArgument(err.message);
      throw err;
    }
    const order = req.orderBy === cosmos.OrderBy.ORDER_BY_DESC ? "desc" : "asc";
    let limit = Number((req.limit ?? Long.ZERO).toString());
    let page = Number((req.page ?? Long.ZERO).toString());
    if (!limit && req.pagination?.limit && !req.pagination.limit.isZero()) limit = Number(req.pagination.limit.toString());
    if (limit <= 0) limit = 100;
    if (limit > 100) limit = 100;
    if (page <= 0) page = 1;
    const matches = searchTxs(chain, query, order);
    const pages = Math.max(1, Math.ceil(matches.length / limit));
    if (page > pages) throw invalidArgument(`page should be within [1, ${pages}] range, given ${page}`);
    const slice = matches.slice((page - 1) * limit, page * limit);
    return res(cosmos.GetTxsEventResponse, {
      txs: slice.map((t) => decodeTx(t.tx) ?? {}),
      txResponses: slice.map((t) => txResponsePartial(chain, t, true)),
      pagination: undefined,
      total: Long.fromNumber(matches.length, true),
    });
  },

  "/cosmos.tx.v1beta1.Service/GetBlockWithTxs": (chain, req: cosmos.GetBlockWithTxsRequest) => {
    const b = requireHeight(chain, req.height);
    return res(cosmos.GetBlockWithTxsResponse, {
      txs: b.txs.map((t) => decodeTx(t) ?? {}),
      blockId: blockIdPartial(b.hash, b.partsTotal, b.partsHash),
      block: blockPartial(b, hex(b.header.proposerAddress)),
      pagination: { nextKey: new Uint8Array(), total: Long.fromNumber(b.txs.length, true) },
    });
  },

  // ---- cosmos.base.tendermint.v1beta1.Service ----
  "/cosmos.base.tendermint.v1beta1.Service/GetNodeInfo": (chain) =>
    res(cosmos.GetNodeInfoResponse, {
      defaultNodeInfo: {
        protocolVersion: { p2p: Long.fromNumber(8, true), block: Long.fromNumber(11, true), app: Long.ZERO },
        defaultNodeId: chain.nodeId,
        listenAddr: "tcp://0.0.0.0:26656",
        network: chain.config.chainId,
        version: COMET_VERSION,
        channels: Buffer.from("40202122233038606100", "hex"),
        moniker: "akash-devnet",
        other: { txIndex: "on", rpcAddress: "tcp://0.0.0.0:26657" },
      },
      applicationVersion: {
        name: "akash",
        appName: "akash",
        version: "v2.0.1",
        gitCommit: "",
        buildTags: "devnet",
        goVersion: "go version go1.24 (devnet: TypeScript)",
        buildDeps: [],
        cosmosSdkVersion: "v0.53.4",
      },
    }),

  "/cosmos.base.tendermint.v1beta1.Service/GetSyncing": () => res(cosmos.GetSyncingResponse, { syncing: false }),

  "/cosmos.base.tendermint.v1beta1.Service/GetLatestBlock": (chain) => {
    const b = chain.latestBlock();
    if (!b) throw new GatewayError(5, "no blocks yet");
    return res(cosmos.GetLatestBlockResponse, blockResponse(chain, b));
  },

  "/cosmos.base.tendermint.v1beta1.Service/GetBlockByHeight": (chain, req: cosmos.GetBlockByHeightRequest) =>
    res(cosmos.GetBlockByHeightResponse, blockResponse(chain, requireHeight(chain, req.height))),

  "/cosmos.base.tendermint.v1beta1.Service/GetLatestValidatorSet": (chain) =>
    res(cosmos.GetLatestValidatorSetResponse, validatorSet(chain, chain.latestHeight())),

  "/cosmos.base.tendermint.v1beta1.Service/GetValidatorSetByHeight": (chain, req: cosmos.GetValidatorSetByHeightRequest) =>
    res(cosmos.GetValidatorSetByHeightResponse, validatorSet(chain, requireHeight(chain, req.height).header.height)),

  // ---- cosmos.base.node.v1beta1.Service ----
  "/cosmos.base.node.v1beta1.Service/Config": (chain) =>
    res(cosmos.ConfigResponse, {
      minimumGasPrice: `${chain.config.minGasPrice}${chain.config.bondDenom}`,
      pruningKeepRecent: "0",
      pruningInterval: "0",
      haltHeight: Long.ZERO,
    }),

  "/cosmos.base.node.v1beta1.Service/Status": (chain) => {
    const b = chain.latestBlock();
    return res(cosmos.StatusResponse, {
      earliestStoreHeight: Long.fromNumber(chain.earliestHeight(), true),
      height: Long.fromNumber(chain.latestHeight(), true),
      timestamp: b ? new Date(b.header.time) : undefined,
      appHash: hex(chain.latestAppHash()),
      validatorHash: hex(b?.header.validatorsHash ?? ""),
    });
  },
};
