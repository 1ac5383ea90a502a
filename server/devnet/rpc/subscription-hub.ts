/**
 * The RPC's WebSocket side (`/websocket`): JSON-RPC over the socket, subscribe / unsubscribe /
 * unsubscribe_all with Comet queries, and every committed block's NewBlock, NewBlockHeader,
 * NewBlockEvents and Tx events pushed to the matching subscriptions. Slow readers and clients that miss a
 * pong are dropped, as Comet does.
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { BlockListener, BlockResults, DevnetBlock, IndexedTx } from "../chain/node-types.ts";
import type { ChainBackend } from "./backend.ts";
import { blockEventsMap, formatEvents, formatHeader, formatTxResult, newBlockEventData, txEventsMap, b64 } from "./format.ts";
import { errorResponse, validId, type JsonRpcDispatcher, type JsonRpcId } from "./json-rpc.ts";
import { internalError, PARSE_ERROR, RpcError, WS_ONLY_METHODS } from "./methods.ts";
import { parseQuery, QueryParseError, type Query } from "./query.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface SubscriptionHubOptions {
  /** Largest accepted message. */
  maxPayloadBytes: number;
  /** Largest JSON-RPC batch. */
  maxBatchSize: number;
  /** Subscriptions per client (Comet's max_subscriptions_per_client). */
  maxSubscriptionsPerClient: number;
  /** Clients at once (Comet's max_open_connections). */
  maxConnections: number;
  /** Ping interval; a client that misses a pong is dropped. */
  pingIntervalMs: number;
  /** Unsent bytes a client may accumulate before it is dropped. */
  maxBufferedBytes: number;
}

interface Client {
  ws: WebSocket;
  subs: Map<string, { query: Query; id: JsonRpcId }>;
  alive: boolean;
}

export class SubscriptionHub {
  private readonly clients = new Set<Client>();
  private readonly wss: WebSocketServer;
  private readonly pinger: NodeJS.Timeout;
  private readonly onBlock: BlockListener;

  constructor(
    private readonly chain: ChainBackend,
    private readonly dispatch: JsonRpcDispatcher,
    private readonly opts: SubscriptionHubOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes });
    this.onBlock = (block, txs, results) => this.publishBlock(block, txs, results);
    chain.on("block", this.onBlock);
    this.pinger = setInterval(() => this.pingAll(), opts.pingIntervalMs);
    this.pinger.unref();
  }

  /** The HTTP server's `upgrade` listener. */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/websocket" && path !== "/websocket/") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    if (this.clients.size >= this.opts.maxConnections) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  close(): void {
    clearInterval(this.pinger);
    this.chain.off("block", this.onBlock);
    for (const c of this.clients) c.ws.terminate();
    this.clients.clear();
    this.wss.close();
  }

  private send(client: Client, message: unknown) {
    if (client.ws.readyState !== client.ws.OPEN) return;
    // Like Comet, drop a subscriber that does not read its events (bounded memory per client).
    if (client.ws.bufferedAmount > this.opts.maxBufferedBytes) {
      client.ws.terminate();
      this.clients.delete(client);
      return;
    }
    client.ws.send(JSON.stringify(message), (err) => {
      if (err) client.ws.terminate();
    });
  }

  private onConnection(ws: WebSocket) {
    const client: Client = { ws, subs: new Map(), alive: true };
    this.clients.add(client);
    ws.on("pong", () => {
      client.alive = true;
    });
    ws.on("close", () => this.clients.delete(client));
    ws.on("error", () => {
      this.clients.delete(client);
      ws.terminate();
    });
    ws.on("message", (data) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      void this.handleMessage(client, bytes).catch((err) => {
        this.send(client, errorResponse(null, internalError(getErrorMessage(err))));
      });
    });
  }

  private async handleMessage(client: Client, data: Buffer) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString("utf8"));
    } catch (err) {
      this.send(client, errorResponse(null, new RpcError(PARSE_ERROR, "Parse error. Invalid JSON", getErrorMessage(err))));
      return;
    }
    const items = Array.isArray(parsed) ? parsed.slice(0, this.opts.maxBatchSize) : [parsed];
    for (const item of items) {
      const r = item as Record<string, unknown> | null;
      const method = r && typeof r === "object" ? r.method : undefined;
      if (typeof method === "string" && WS_ONLY_METHODS.has(method) && r) {
        const id = validId(r.id) ? r.id : null;
        try {
          this.send(client, { jsonrpc: "2.0", id, result: this.subscriptionCall(client, method, r.params, id) });
        } catch (err) {
          this.send(client, errorResponse(id, err));
        }
        continue;
      }
      const response = await this.dispatch(item, true);
      if (response) this.send(client, response);
    }
  }

  private subscriptionCall(client: Client, method: string, params: unknown, id: JsonRpcId): Record<string, never> {
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
    const maxSubs = this.opts.maxSubscriptionsPerClient;
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

  private publishBlock(block: DevnetBlock, txs: IndexedTx[], results: BlockResults): void {
    if (this.clients.size === 0) return;
    try {
      const newBlockEvents = blockEventsMap(block, results, "NewBlock");
      const headerEvents = blockEventsMap(block, results, "NewBlockHeader");
      const blockEventsEvents = blockEventsMap(block, results, "NewBlockEvents");
      let newBlockData: unknown;
      let blockEventsData: unknown;
      let headerData: unknown;
      const txData = txs.map((t) => ({ t, events: txEventsMap(t) }));
      for (const client of this.clients) {
        for (const [text, sub] of client.subs) {
          if (sub.query.matches(newBlockEvents)) {
            newBlockData ??= newBlockEventData(block, results);
            this.send(client, { jsonrpc: "2.0", id: sub.id, result: { query: text, data: newBlockData, events: newBlockEvents } });
          }
          if (sub.query.matches(blockEventsEvents)) {
            blockEventsData ??= {
              type: "tendermint/event/NewBlockEvents",
              value: { height: String(block.header.height), events: formatEvents(results.finalizeBlockEvents), num_txs: String(txs.length) },
            };
            this.send(client, { jsonrpc: "2.0", id: sub.id, result: { query: text, data: blockEventsData, events: blockEventsEvents } });
          }
          if (sub.query.matches(headerEvents)) {
            headerData ??= { type: "tendermint/event/NewBlockHeader", value: { header: formatHeader(block) } };
            this.send(client, { jsonrpc: "2.0", id: sub.id, result: { query: text, data: headerData, events: headerEvents } });
          }
          for (const { t, events } of txData) {
            if (!sub.query.matches(events)) continue;
            const data = {
              type: "tendermint/event/Tx",
              value: { TxResult: { height: String(t.height), index: t.index, tx: b64(t.tx), result: formatTxResult(t.result) } },
            };
            this.send(client, { jsonrpc: "2.0", id: sub.id, result: { query: text, data, events } });
          }
        }
      }
    } catch (err) {
      console.error("rpc: failed to publish block events:", err);
    }
  }

  private pingAll(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        client.ws.terminate();
        this.clients.delete(client);
        continue;
      }
      client.alive = false;
      try {
        client.ws.ping();
      } catch {
        client.ws.terminate();
      }
    }
  }
}

function queryParam(params: unknown): string {
  const q = Array.isArray(params) ? params[0] : params && typeof params === "object" ? (params as Record<string, unknown>).query : undefined;
  if (typeof q !== "string") throw new RpcError(-32602, "Invalid params", "error converting json params to arguments: query: expected a string");
  return q;
}
