/**
 * CometBFT-compatible RPC server for the devnet: the HTTP JSON-RPC handler (http-handler.ts) and the
 * WebSocket subscription hub at `/websocket` (subscription-hub.ts) on one port, sharing one JSON-RPC
 * dispatcher (json-rpc.ts).
 */
import http from "node:http";
import type { ChainBackend, ServerHandle } from "./backend.ts";
import { createHttpHandler } from "./http-handler.ts";
import { createJsonRpcDispatcher } from "./json-rpc.ts";
import type { MethodContext } from "./methods.ts";
import { SubscriptionHub } from "./subscription-hub.ts";
import { listen } from "../../shared/listen.ts";

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

export async function startRpcServer(chain: ChainBackend, opts: RpcServerOptions): Promise<ServerHandle> {
  const maxBodyBytes = opts.maxBodyBytes ?? 1_000_000;
  const maxBatchSize = opts.maxBatchSize ?? 100;
  const ctx: MethodContext = {
    chain,
    rpcAddress: `tcp://${opts.host}:${opts.port}`,
    broadcastCommitTimeoutMs: opts.broadcastCommitTimeoutMs ?? Math.max(10_000, chain.config.blockTimeMs * 5),
  };
  const dispatch = createJsonRpcDispatcher(ctx);

  const server = http.createServer(createHttpHandler(ctx, dispatch, { maxBodyBytes, maxBatchSize }));
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  const hub = new SubscriptionHub(chain, dispatch, {
    maxPayloadBytes: maxBodyBytes,
    maxBatchSize,
    maxSubscriptionsPerClient: opts.maxSubscriptionsPerClient ?? 50,
    maxConnections: opts.maxConnections ?? 900,
    pingIntervalMs: opts.pingIntervalMs ?? 20_000,
    maxBufferedBytes: opts.maxBufferedBytes ?? 16 * 1024 * 1024,
  });
  server.on("upgrade", (req, socket, head) => hub.handleUpgrade(req, socket, head));

  const { port, url } = await listen(server, opts.host, opts.port).catch((err: unknown) => {
    hub.close();
    throw err;
  });
  ctx.rpcAddress = `tcp://${opts.host}:${port}`;

  return {
    url,
    port,
    close: async () => {
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
