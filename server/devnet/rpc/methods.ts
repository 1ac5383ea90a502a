/**
 * CometBFT JSON-RPC methods over the devnet chain. Transport-independent: the HTTP/URI/WebSocket
 * layers in server.ts turn requests into (method, params) and call `callMethod`.
 */
import type { ChainBackend } from "./backend.ts";
import {
  b64,
  blockSize,
  COMET_VERSION,
  emptyTxResult,
  formatBlockId,
  formatBlockResponse,
  formatBlockResults,
  formatHeader,
  formatIndexedTx,
  formatTxResult,
} from "./format.ts";
import { matchesIndexed, parseQuery, QueryParseError, type Query } from "./query.ts";
import type { IndexedTx } from "../chain/node-types.ts";

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data: string = "",
  ) {
    super(message);
    this.name = "RpcError";
  }
}

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;

export const invalidParams = (detail: string) =>
  new RpcError(INVALID_PARAMS, "Invalid params", `error converting json params to arguments: ${detail}`);
export const internalError = (detail: string) => new RpcError(INTERNAL_ERROR, "Internal error", detail);

type ParamKind = "int" | "string" | "bytes" | "bool";

/** Positional parameter names per method (Comet accepts params as an object or an array). */
const PARAM_ORDER: Record<string, string[]> = {
  abci_query: ["path", "data", "height", "prove"],
  block: ["height"],
  block_by_hash: ["hash"],
  block_results: ["height"],
  blockchain: ["minHeight", "maxHeight"],
  commit: ["height"],
  consensus_params: ["height"],
  validators: ["height", "page", "per_page"],
  tx: ["hash", "prove"],
  tx_search: ["query", "prove", "page", "per_page", "order_by"],
  block_search: ["query", "page", "per_page", "order_by"],
  broadcast_tx_sync: ["tx"],
  broadcast_tx_async: ["tx"],
  broadcast_tx_commit: ["tx"],
  check_tx: ["tx"],
  unconfirmed_txs: ["limit"],
  subscribe: ["query"],
  unsubscribe: ["query"],
};

/** Where params came from: JSON body (typed values) or URI query (strings in Comet's URI syntax). */
export type ParamSource = "json" | "uri";

export class Params {
  private readonly values: Record<string, unknown>;
  constructor(
    method: string,
    raw: unknown,
    private readonly source: ParamSource,
  ) {
    if (raw === undefined || raw === null) this.values = {};
    else if (Array.isArray(raw)) {
      const order = PARAM_ORDER[method] ?? [];
      if (raw.length > order.length) throw invalidParams(`expected at most ${order.length} parameters, got ${raw.length}`);
      this.values = Object.fromEntries(raw.map((v, i) => [order[i], v]));
    } else if (typeof raw === "object") this.values = raw as Record<string, unknown>;
    else throw invalidParams("params must be an object or an array");
  }

  private get(name: string, kind: ParamKind): unknown {
    const v = Object.hasOwn(this.values, name) ? this.values[name] : undefined;
    if (v === undefined || v === null) return undefined;
    if (this.source === "uri" && typeof v === "string") return parseUriValue(name, v, kind);
    return v;
  }

  int(name: string): number | undefined {
    const v = this.get(name, "int");
    if (v === undefined || v === "") return undefined;
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isSafeInteger(n)) throw invalidParams(`${name}: invalid integer ${JSON.stringify(v)}`);
    return n;
  }

  string(name: string): string | undefined {
    const v = this.get(name, "string");
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw invalidParams(`${name}: expected a string, got ${typeof v}`);
    return v;
  }

  requiredString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw invalidParams(`${name}: missing`);
    return v;
  }

  bool(name: string): boolean {
    const v = this.get(name, "bool");
    if (v === undefined || v === "") return false;
    if (typeof v === "boolean") return v;
    if (v === "true") return true;
    if (v === "false") return false;
    throw invalidParams(`${name}: invalid boolean ${JSON.stringify(v)}`);
  }

  /** Bytes: base64 in JSON bodies, 0x-hex or a quoted string in URIs. */
  bytes(name: string, jsonEncoding: "base64" | "hex" = "base64"): Uint8Array | undefined {
    const v = this.get(name, "bytes");
    if (v === undefined) return undefined;
    if (v instanceof Uint8Array) return v;
    if (typeof v !== "string") throw invalidParams(`${name}: expected a string, got ${typeof v}`);
    return decodeBytes(name, v, jsonEncoding);
  }
}

function decodeBytes(name: string, v: string, encoding: "base64" | "hex"): Uint8Array {
  if (encoding === "hex" || /^0x/i.test(v)) {
    const hex = v.replace(/^0x/i, "");
    if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw invalidParams(`${name}: invalid hex ${JSON.stringify(v)}`);
    return Buffer.from(hex, "hex");
  }
  if (!/^[A-Za-z0-9+/\-_]*={0,2}$/.test(v)) throw invalidParams(`${name}: invalid base64 ${JSON.stringify(v)}`);
  return Buffer.from(v, "base64");
}

/** Comet URI syntax: strings are "quoted", bytes are 0xHEX or "quoted", numbers bare (or quoted). */
function parseUriValue(name: string, v: string, kind: ParamKind): unknown {
  const quoted = v.length >= 2 && v.startsWith('"') && v.endsWith('"');
  const inner = quoted ? v.slice(1, -1) : v;
  switch (kind) {
    case "string":
      return inner;
    case "int":
    case "bool":
      return inner;
    case "bytes":
      if (quoted) return new TextEncoder().encode(inner);
      if (/^0x/i.test(v)) return decodeBytes(name, v, "hex");
      return decodeBytes(name, v, "base64");
  }
}

export interface MethodContext {
  chain: ChainBackend;
  /** Address the RPC listens on, for node_info.other.rpc_address. */
  rpcAddress: string;
  broadcastCommitTimeoutMs: number;
}

type Method = (ctx: MethodContext, p: Params) => unknown;

function resolveHeight(chain: ChainBackend, requested: number | undefined): number {
  const latest = chain.latestHeight();
  if (requested === undefined || requested === 0) {
    if (latest === 0) throw internalError("no blocks yet");
    return latest;
  }
  if (requested < 0) throw internalError(`height ${requested} must be greater than 0`);
  if (requested > latest) throw internalError(`height ${requested} must be less than or equal to the current blockchain height ${latest}`);
  const base = chain.earliestHeight();
  if (requested < base) throw internalError(`height ${requested} is not available, lowest height is ${base}`);
  return requested;
}

function pageParams(p: Params, total: number): { page: number; perPage: number; skip: number } {
  let perPage = p.int("per_page") ?? 30;
  if (perPage < 1) perPage = 30;
  if (perPage > 100) perPage = 100;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = p.int("page") ?? 1;
  if (page < 1 || page > pages) throw internalError(`page should be within [1, ${pages}] range, given ${page}`);
  return { page, perPage, skip: (page - 1) * perPage };
}

function orderBy(p: Params): "asc" | "desc" {
  const o = p.string("order_by") ?? "";
  if (o === "" || o === "asc") return "asc";
  if (o === "desc") return "desc";
  throw internalError(`expected order_by to be either 'asc' or 'desc' or empty, got ${JSON.stringify(o)}`);
}

function parseQueryParam(p: Params) {
  const text = p.requiredString("query");
  try {
    return parseQuery(text);
  } catch (err) {
    if (err instanceof QueryParseError) throw internalError(err.message);
    throw err;
  }
}

function requireTxBytes(p: Params): Uint8Array {
  const tx = p.bytes("tx");
  if (!tx) throw invalidParams("tx: missing");
  if (tx.length === 0) throw internalError("tx is empty");
  if (tx.length > 1024 * 1024) throw internalError("tx too large");
  return tx;
}

function txResultOf(r: { code: number; codespace: string; log: string; data: Uint8Array }, hash: string) {
  return { code: r.code, data: r.data.length ? b64(r.data) : "", log: r.log, codespace: r.codespace, hash };
}

export const methods: Record<string, Method> = {
  health: () => ({}),

  status: ({ chain, rpcAddress }) => {
    const latest = chain.latestBlock();
    const earliest = chain.block(chain.earliestHeight()) ?? latest;
    const genesisTime = String((chain.genesis() as { genesis_time?: unknown }).genesis_time ?? "1970-01-01T00:00:00Z");
    return {
      node_info: {
        protocol_version: { p2p: "8", block: "11", app: "0" },
        id: chain.nodeId,
        listen_addr: "tcp://0.0.0.0:26656",
        network: chain.config.chainId,
        version: COMET_VERSION,
        channels: "40202122233038606100",
        moniker: "akash-devnet",
        other: { tx_index: "on", rpc_address: rpcAddress },
      },
      sync_info: {
        latest_block_hash: latest?.hash ?? "",
        latest_app_hash: chain.latestAppHash(),
        latest_block_height: String(chain.latestHeight()),
        latest_block_time: latest?.header.time ?? genesisTime,
        earliest_block_hash: earliest?.hash ?? "",
        earliest_app_hash: earliest?.header.appHash ?? "",
        earliest_block_height: String(earliest?.header.height ?? 0),
        earliest_block_time: earliest?.header.time ?? genesisTime,
        catching_up: false,
      },
      validator_info: {
        address: chain.validator.address,
        pub_key: { type: "tendermint/PubKeyEd25519", value: chain.validator.pubKey },
        voting_power: chain.validator.votingPower,
      },
    };
  },

  net_info: () => ({ listening: true, listeners: ["Listener(@)"], n_peers: "0", peers: [] }),

  abci_info: ({ chain }) => ({
    response: {
      data: "akash",
      version: "v2.0.1",
      app_version: "0",
      last_block_height: String(chain.latestHeight()),
      last_block_app_hash: Buffer.from(chain.latestAppHash(), "hex").toString("base64"),
    },
  }),

  abci_query: ({ chain }, p) => {
    const path = p.requiredString("path");
    const data = p.bytes("data", "hex") ?? new Uint8Array();
    const height = p.int("height");
    p.bool("prove"); // validated; the devnet has no Merkle proofs, so none are returned
    const r = chain.abciQuery(path, data, height || undefined);
    return {
      response: {
        code: r.code,
        log: r.log,
        info: "",
        index: "0",
        key: null,
        value: r.value.length ? b64(r.value) : null,
        proofOps: null,
        height: String(r.height || chain.latestHeight()),
        codespace: r.codespace,
      },
    };
  },

  block: ({ chain }, p) => {
    const h = resolveHeight(chain, p.int("height"));
    const block = chain.block(h);
    if (!block) throw internalError(`could not find block at height ${h}`);
    return formatBlockResponse(block);
  },

  block_by_hash: ({ chain }, p) => {
    const raw = p.bytes("hash");
    const hash = raw ? Buffer.from(raw).toString("hex").toUpperCase() : "";
    for (let h = chain.latestHeight(); h >= chain.earliestHeight() && h > 0; h--) {
      const b = chain.block(h);
      if (b && b.hash === hash) return formatBlockResponse(b);
    }
    return { block_id: { hash: "", parts: { total: 0, hash: "" } }, block: null };
  },

  header: ({ chain }, p) => {
    const h = resolveHeight(chain, p.int("height"));
    const block = chain.block(h);
    if (!block) throw internalError(`could not find block at height ${h}`);
    return { header: formatHeader(block) };
  },

  commit: ({ chain }, p) => {
    const h = resolveHeight(chain, p.int("height"));
    const block = chain.block(h);
    if (!block) throw internalError(`could not find block at height ${h}`);
    const next = chain.block(h + 1);
    const sigs = next?.lastCommit.signatures ?? [
      { blockIdFlag: 2, validatorAddress: chain.validator.address, timestamp: block.header.time, signature: "" },
    ];
    return {
      signed_header: {
        header: formatHeader(block),
        commit: {
          height: String(h),
          round: 0,
          block_id: formatBlockId(block),
          signatures: sigs.map((s) => ({
            block_id_flag: s.blockIdFlag,
            validator_address: s.validatorAddress,
            timestamp: s.timestamp,
            signature: s.signature || null,
          })),
        },
      },
      canonical: next !== undefined,
    };
  },

  block_results: ({ chain }, p) => {
    const h = resolveHeight(chain, p.int("height"));
    const r = chain.blockResults(h);
    if (!r) throw internalError(`could not find results for height #${h}`);
    return formatBlockResults(r);
  },

  blockchain: ({ chain }, p) => {
    const latest = chain.latestHeight();
    const base = Math.max(1, chain.earliestHeight());
    let max = p.int("maxHeight") || latest;
    let min = p.int("minHeight") || 0;
    if (min < 0 || max < 0) throw internalError("heights must be non-negative");
    max = Math.min(max, latest);
    min = Math.max(min, base);
    if (min > max && latest > 0) throw internalError(`min height ${min} can't be greater than max height ${max}`);
    min = Math.max(min, max - 20 + 1);
    const metas = [];
    for (let h = max; h >= min && h > 0; h--) {
      const b = chain.block(h);
      if (!b) continue;
      metas.push({ block_id: formatBlockId(b), block_size: String(blockSize(b)), header: formatHeader(b), num_txs: String(b.txs.length) });
    }
    return { last_height: String(latest), block_metas: metas };
  },

  validators: ({ chain }, p) => {
    const h = resolveHeight(chain, p.int("height"));
    pageParams(p, 1);
    const v = chain.validator;
    return {
      block_height: String(h),
      validators: [
        {
          address: v.address,
          pub_key: { type: "tendermint/PubKeyEd25519", value: v.pubKey },
          voting_power: v.votingPower,
          proposer_priority: v.proposerPriority,
        },
      ],
      count: "1",
      total: "1",
    };
  },

  genesis: ({ chain }) => ({ genesis: chain.genesis() }),

  consensus_params: ({ chain }, p) => {
    const h = resolveHeight(chain, p.int("height"));
    return { block_height: String(h), consensus_params: (chain.genesis() as { consensus_params?: unknown }).consensus_params ?? null };
  },

  num_unconfirmed_txs: ({ chain }) => {
    const n = String(chain.mempoolSize());
    return { n_txs: n, total: n, total_bytes: "0", txs: null };
  },

  unconfirmed_txs: ({ chain }) => {
    const n = String(chain.mempoolSize());
    return { n_txs: n, total: n, total_bytes: "0", txs: [] };
  },

  check_tx: ({ chain }, p) => {
    const tx = requireTxBytes(p);
    const sim = chain.simulate(tx);
    if (sim.error) return { ...emptyTxResult(), code: sim.error.code, log: sim.error.log, codespace: sim.error.codespace, gas_wanted: String(sim.gasWanted), gas_used: String(sim.gasUsed) };
    return { ...emptyTxResult(), gas_wanted: String(sim.gasWanted), gas_used: String(sim.gasUsed) };
  },

  broadcast_tx_sync: ({ chain }, p) => {
    const tx = requireTxBytes(p);
    const { hash, result } = chain.checkAndAddToMempool(tx);
    return txResultOf(result, hash);
  },

  broadcast_tx_async: ({ chain }, p) => {
    const tx = requireTxBytes(p);
    // Comet returns before CheckTx has run; the devnet runs it right away but reports like Comet.
    const { hash } = chain.checkAndAddToMempool(tx);
    return { code: 0, data: "", log: "", codespace: "", hash };
  },

  broadcast_tx_commit: async ({ chain, broadcastCommitTimeoutMs }, p) => {
    const tx = requireTxBytes(p);
    const { hash, result } = chain.checkAndAddToMempool(tx);
    const checkTx = formatTxResult(result);
    if (result.code !== 0) return { check_tx: checkTx, tx_result: emptyTxResult(), hash, height: "0" };
    const included = await chain.waitForTx(hash, broadcastCommitTimeoutMs);
    if (!included) throw internalError("timed out waiting for tx to be included in a block");
    return { check_tx: checkTx, tx_result: formatTxResult(included.result), hash, height: String(included.height) };
  },

  tx: ({ chain }, p) => {
    const raw = p.string("hash");
    if (raw === undefined || raw === "") throw invalidParams("hash: missing");
    // Comet takes []byte (base64 in JSON bodies, 0x-hex in URIs); accept a bare hex hash too.
    const hex = /^(0x)?[0-9a-fA-F]{64}$/.test(raw) ? raw.replace(/^0x/i, "") : Buffer.from(p.bytes("hash") ?? []).toString("hex");
    const found = chain.tx(hex.toUpperCase());
    if (!found) throw internalError(`tx (${hex.toUpperCase()}) not found`);
    return formatIndexedTx(found);
  },

  tx_search: ({ chain }, p) => {
    const query = parseQueryParam(p);
    const order = orderBy(p);
    const matches = searchTxs(chain, query, order);
    const { perPage, skip } = pageParams(p, matches.length);
    return { txs: matches.slice(skip, skip + perPage).map(formatIndexedTx), total_count: String(matches.length) };
  },

  block_search: ({ chain }, p) => {
    const query = parseQueryParam(p);
    const order = orderBy(p);
    const found = [];
    const latest = chain.latestHeight();
    const base = Math.max(1, chain.earliestHeight());
    for (let i = 0; i <= latest - base; i++) {
      const h = order === "asc" ? base + i : latest - i;
      const b = chain.block(h);
      if (!b) continue;
      if (matchesIndexed(query, "block.height", h, chain.blockResults(h)?.finalizeBlockEvents ?? [])) found.push(b);
    }
    const { perPage, skip } = pageParams(p, found.length);
    return { blocks: found.slice(skip, skip + perPage).map(formatBlockResponse), total_count: String(found.length) };
  },
};

/**
 * Txs matching a tx_search query, with the kv indexer's semantics: a `tx.hash` condition is a
 * direct lookup that ignores every other condition; otherwise heights and single-event attribute
 * matches (see matchesIndexed).
 */
export function searchTxs(chain: Pick<ChainBackend, "tx" | "txs">, query: Query, order: "asc" | "desc"): IndexedTx[] {
  const hashCond = query.conditions.find((c) => c.tag === "tx.hash" && c.op === "=" && c.operand?.kind === "string");
  if (hashCond?.operand?.kind === "string") {
    const t = chain.tx(hashCond.operand.value.toUpperCase());
    return t ? [t] : [];
  }
  const out: IndexedTx[] = [];
  for (const t of chain.txs(order)) if (matchesIndexed(query, "tx.height", t.height, t.result.events)) out.push(t);
  return out;
}

/** Methods that exist only on the WebSocket endpoint. */
export const WS_ONLY_METHODS = new Set(["subscribe", "unsubscribe", "unsubscribe_all"]);

export async function callMethod(ctx: MethodContext, method: string, rawParams: unknown, source: ParamSource): Promise<unknown> {
  if (!Object.hasOwn(methods, method)) throw new RpcError(METHOD_NOT_FOUND, "Method not found", "");
  const params = new Params(method, rawParams, source);
  return await methods[method]!(ctx, params);
}
