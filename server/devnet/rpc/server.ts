/**
 * CometBFT-compatible RPC server for the devnet: JSON-RPC 2.0 over HTTP POST (single and batch),
 * URI GET requests (`/status`, `/abci_query?path="..."`), and a WebSocket endpoint at `/websocket`
 * with subscribe/unsubscribe for Tx and NewBlock events.
 */
import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import type { BlockListener } from "../chain/node-types.ts";
import type { ChainBackend, ServerHandle } from "./backend.ts";
import { blockEventsMap, formatEvents, formatHeader, formatTxResult, newBlockEventData, txEventsMap, b64 } from "./format.ts";
import {
  callMethod,
  internalError,
  INVALID_REQUEST,
  METHOD_NOT_FOUND,
  methods,
  PARSE_ERROR,
  RpcError,
  WS_ONLY_METHODS,
  type MethodContext,
} from "./methods.ts";
import { parseQuery, QueryParseError, type Query } from "./query.ts";
import { listen } from "../../shared/listen.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface RpcServerOptions {
  host: string;
  port: number;
  /** Largest accepted request body (Comet's max_body_bytes, default 1 MB). */
  maxBodyBytes?: number;
  /** Largest JSON-RPC batch. */
  maxBatchSize?: number;
  /** Subscriptions per WebSocket client (Comet's max_subscriptions_per_client). */
  maxSubscriptionsPerClient?: number;
  /** WebSocket clients at once (Comet's max_open_connections). */
  maxConnections?: number;
  /** WebSocket ping interval; a client that misses a pong is dropped. */
  pingIntervalMs?: number;
  broadcastCommitTimeoutMs?: number;
  /** Unsent bytes a WebSocket client may accumulate before it is dropped. */
  maxBufferedBytes?: number;
}

type JsonRpcId = string | number | null;

interface JsonRpcResponse {
  jsonrpc: "2.0";
  id: JsonRpcId;
  result?: unknown;
  error?: { code: number; message: string; data: string };
}

const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "HEAD, GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Origin, Accept, Content-Type, X-Requested-With, X-Server-Time",
  "Access-Control-Max-Age": "600",
};

function errorResponse(id: JsonRpcId, err: unknown): JsonRpcResponse {
  if (err instanceof RpcError) return { jsonrpc: "2.0", id, error: { code: err.code, message: err.message, data: err.data } };
  const detail = getErrorMessage(err);
  return { jsonrpc: "2.0", id, error: { code: -32603, message: "Internal error", data: detail } };
}

function validId(id: unknown): id is JsonRpcId {
  return id === null || typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
}

export async function startRpcServer(chain: ChainBackend, opts: RpcServerOptions): Promise<ServerHandle> {
  const maxBodyBytes = opts.maxBodyBytes ?? 1_000_000;
  const maxBatchSize = opts.maxBatchSize ?? 100;
  const maxSubs = opts.maxSubscriptionsPerClient ?? 50;
  const maxConnections = opts.maxConnections ?? 900;
  const pingIntervalMs = opts.pingIntervalMs ?? 20_000;
  const maxBufferedBytes = opts.maxBufferedBytes ?? 16 * 1024 * 1024;
  const ctx: MethodContext = {
    chain,
    rpcAddress: `tcp://${opts.host}:${opts.port}`,
    broadcastCommitTimeoutMs: opts.broadcastCommitTimeoutMs ?? Math.max(10_000, chain.config.blockTimeMs * 5),
  };

  /** Handles one decoded JSON-RPC request object; never throws. */
  async function handleRequest(req: unknown, allowWsOnly: boolean): Promise<JsonRpcResponse | undefined> {
    if (typeof req !== "object" || req === null || Array.isArray(req)) {
      return errorResponse(null, new RpcError(INVALID_REQUEST, "Invalid Request", "request must be a JSON object"));
    }
    const r = req as Record<string, unknown>;
    const id = validId(r.id) ? r.id : null;
    if (r.jsonrpc !== "2.0") return errorResponse(id, new RpcError(INVALID_REQUEST, "Invalid Request", 'jsonrpc must be "2.0"'));
    if (typeof r.method !== "string") return errorResponse(id, new RpcError(INVALID_REQUEST, "Invalid Request", "method must be a string"));
    if (r.id === undefined) {
      // A notification: Comet does not reply. Still run it (e.g. a broadcast).
      await callMethod(ctx, r.method, r.params, "json").catch(() => undefined);
      return undefined;
    }
    if (!validId(r.id)) return errorResponse(null, new RpcError(INVALID_REQUEST, "Invalid Request", "id must be a string, a number or null"));
    if (!allowWsOnly && WS_ONLY_METHODS.has(r.method)) {
      return errorResponse(id, new RpcError(METHOD_NOT_FOUND, "Method not found", `${r.method} is only available over the WebSocket endpoint /websocket`));
    }
    try {
      const result = await callMethod(ctx, r.method, r.params, "json");
      return { jsonrpc: "2.0", id, result };
    } catch (err) {
      return errorResponse(id, err);
    }
  }

  function send(res: http.ServerResponse, status: number, body: unknown, contentType = "application/json") {
    if (res.headersSent) return;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { ...CORS_HEADERS, "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  }

  function readBody(req: http.IncomingMessage): Promise<Buffer | "too-large"> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = Number(req.headers["content-length"] ?? 0) > maxBodyBytes;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Drain a modestly oversized body so the client gets its 413; cut off a flood.
        if (size > maxBodyBytes * 8) {
          req.destroy();
          return;
        }
        if (tooLarge) return;
        if (size > maxBodyBytes) {
          tooLarge = true;
          chunks.length = 0;
          return;
        }
        chunks.push(chunk);
      });
      req.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks)));
      req.on("error", reject);
    });
  }

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "POST") {
      const body = await readBody(req);
      if (body === "too-large") {
        send(res, 413, errorResponse(null, new RpcError(INVALID_REQUEST, "Invalid Request", `request body is larger than ${maxBodyBytes} bytes`)));
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch (err) {
        send(res, 200, errorResponse(null, new RpcError(PARSE_ERROR, "Parse error. Invalid JSON", getErrorMessage(err))));
        return;
      }
      if (Array.isArray(parsed)) {
        if (parsed.length === 0) {
          send(res, 200, errorResponse(null, new RpcError(INVALID_REQUEST, "Invalid Request", "empty batch")));
          return;
        }
        if (parsed.length > maxBatchSize) {
          send(res, 200, errorResponse(null, new RpcError(INVALID_REQUEST, "Invalid Request", `batch of ${parsed.length} requests exceeds the maximum of ${maxBatchSize}`)));
          return;
        }
        const responses = [];
        for (const item of parsed) {
          const r = await handleRequest(item, false);
          if (r) responses.push(r);
        }
        send(res, 200, responses);
        return;
      }
      const response = await handleRequest(parsed, false);
      if (response) send(res, 200, response);
      else send(res, 200, "");
      return;
    }
    if (req.method === "GET" || req.method === "HEAD") {
      const method = url.pathname.replace(/^\/+/, "");
      if (method === "") {
        const list = Object.keys(methods).sort().map((m) => `<a href="/${m}">/${m}</a>`).join("<br>");
        send(res, 200, `<html><body><br>Available endpoints:<br>${list}</body></html>`, "text/html");
        return;
      }
      if (!Object.hasOwn(methods, method)) {
        send(res, 404, errorResponse(-1, new RpcError(METHOD_NOT_FOUND, "Method not found", `unknown endpoint /${method}`)));
        return;
      }
      const params: Record<string, string> = {};
      for (const [k, v] of url.searchParams) params[k] = v;
      try {
        const result = await callMethod(ctx, method, params, "uri");
        send(res, 200, { jsonrpc: "2.0", id: -1, result });
      } catch (err) {
        // Comet answers every failed URI request with HTTP 500 and the JSON-RPC error.
        send(res, 500, errorResponse(-1, err));
      }
      return;
    }
    send(res, 405, errorResponse(null, new RpcError(INVALID_REQUEST, "Invalid Request", `HTTP method ${req.method} is not supported`)));
  }

  const server = http.createServer((req, res) => {
    handleHttp(req, res).catch((err) => {
      try {
        send(res, 500, errorResponse(null, internalError(getErrorMessage(err))));
      } catch {
        res.destroy();
      }
    });
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  // ---- WebSocket ----
  interface Client {
    ws: WebSocket;
    subs: Map<string, { query: Query; id: JsonRpcId }>;
    alive: boolean;
  }
  const clients = new Set<Client>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes });

  server.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/websocket" && path !== "/websocket/") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    if (clients.size >= maxConnections) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function wsSend(client: Client, message: unknown) {
    if (client.ws.readyState !== client.ws.OPEN) return;
    // Like Comet, drop a subscriber that does not read its events (bounded memory per client).
    if (client.ws.bufferedAmount > maxBufferedBytes) {
      client.ws.terminate();
      clients.delete(client);
      return;
    }
    client.ws.send(JSON.stringify(message), (err) => {
      if (err) client.ws.terminate();
    });
  }

  function onConnection(ws: WebSocket) {
    const client: Client = { ws, subs: new Map(), alive: true };
    clients.add(client);
    ws.on("pong", () => {
      client.alive = true;
    });
    ws.on("close", () => clients.delete(client));
    ws.on("error", () => {
      clients.delete(client);
      ws.terminate();
    });
    ws.on("message", (data) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      void handleWsMessage(client, bytes).catch((err) => {
        wsSend(client, errorResponse(null, internalError(getErrorMessage(err))));
      });
    });
  }

  async function handleWsMessage(client: Client, data: Buffer) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString("utf8"));
    } catch (err) {
      wsSend(client, errorResponse(null, new RpcError(PARSE_ERROR, "Parse error. Invalid JSON", getErrorMessage(err))));
      return;
    }
    const items = Array.isArray(parsed) ? parsed.slice(0, maxBatchSize) : [parsed];
    for (const item of items) {
      const r = item as Record<string, unknown> | null;
      const method = r && typeof r === "object" ? r.method : undefined;
      if (typeof method === "string" && WS_ONLY_METHODS.has(method) && r) {
        const id = validId(r.id) ? r.id : null;
        try {
          wsSend(client, { jsonrpc: "2.0", id, result: subscriptionCall(client, method, r.params, id) });
        } catch (err) {
          wsSend(client, errorResponse(id, err));
        }
        continue;
      }
      const response = await handleRequest(item, true);
      if (response) wsSend(client, response);
    }
  }

  function queryParam(params: unknown): string {
    const q = Array.isArray(params) ? params[0] : params && typeof params === "object" ? (params as Record<string, unknown>).query : undefined;
    if (typeof q !== "string") throw new RpcError(-32602, "Invalid params", "error converting json params to arguments: query: expected a string");
    return q;
  }

  function subscriptionCall(client: Client, method: string, params: unknown, id: JsonRpcId): Record<string, never> {
    if (method === "unsubscribe_all") {
      if (client.subs.size === 0) throw internalError("subscription not found");
      client.subs.clear();
      return {};
    }
    const text = queryParam(params);
    if (method === "unsubscribe") {
      if (!client.subs.delete(text)) throw internalError("subscription not found");
      return {};
    }
    if (client.subs.has(text)) throw internalError("failed to subscribe: already subscribed");
    if (client.subs.size >= maxSubs) throw internalError(`max_subscriptions_per_client ${maxSubs} reached`);
    let query: Query;
    try {
      query = parseQuery(text);
    } catch (err) {
      if (err instanceof QueryParseError) throw internalError(`failed to parse query: ${err.message}`);
      throw err;
    }
    client.subs.set(text, { query, id });
    return {};
  }

  const onBlock: BlockListener = (block, txs, results) => {
    if (clients.size === 0) return;
    try {
      const newBlockEvents = blockEventsMap(block, results, "NewBlock");
      const headerEvents = blockEventsMap(block, results, "NewBlockHeader");
      const blockEventsEvents = blockEventsMap(block, results, "NewBlockEvents");
      let newBlockData: unknown;
      let blockEventsData: unknown;
      let headerData: unknown;
      const txData = txs.map((t) => ({ t, events: txEventsMap(t) }));
      for (const client of clients) {
        for (const [text, sub] of client.subs) {
          if (sub.query.matches(newBlockEvents)) {
            newBlockData ??= newBlockEventData(block, results);
            wsSend(client, { jsonrpc: "2.0", id: sub.id, result: { query: text, data: newBlockData, events: newBlockEvents } });
          }
          if (sub.query.matches(blockEventsEvents)) {
            blockEventsData ??= {
              type: "tendermint/event/NewBlockEvents",
              value: { height: String(block.header.height), events: formatEvents(results.finalizeBlockEvents), num_txs: String(txs.length) },
            };
            wsSend(client, { jsonrpc: "2.0", id: sub.id, result: { query: text, data: blockEventsData, events: blockEventsEvents } });
          }
          if (sub.query.matches(headerEvents)) {
            headerData ??= { type: "tendermint/event/NewBlockHeader", value: { header: formatHeader(block) } };
            wsSend(client, { jsonrpc: "2.0", id: sub.id, result: { query: text, data: headerData, events: headerEvents } });
          }
          for (const { t, events } of txData) {
            if (!sub.query.matches(events)) continue;
            const data = {
              type: "tendermint/event/Tx",
              value: { TxResult: { height: String(t.height), index: t.index, tx: b64(t.tx), result: formatTxResult(t.result) } },
            };
            wsSend(client, { jsonrpc: "2.0", id: sub.id, result: { query: text, data, events } });
          }
        }
      }
    } catch (err) {
      console.error("rpc: failed to publish block events:", err);
    }
  };
  chain.on("block", onBlock);

  const pinger = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.ws.terminate();
        clients.delete(client);
        continue;
      }
      client.alive = false;
      try {
        client.ws.ping();
      } catch {
        client.ws.terminate();
      }
    }
  }, pingIntervalMs);
  pinger.unref();

  const { port, url } = await listen(server, opts.host, opts.port);
  ctx.rpcAddress = `tcp://${opts.host}:${port}`;

  return {
    url,
    port,
    close: async () => {
      clearInterval(pinger);
      chain.off("block", onBlock);
      for (const c of clients) c.ws.terminate();
      clients.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
