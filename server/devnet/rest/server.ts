/**
 * Cosmos REST (grpc-gateway) server for the devnet. Routes come from chain-sdk's service metadata
 * (routes.ts); requests are built like grpc-gateway v1 builds them (request.ts); module queries go
 * to the chain's QueryHandlers, node services to node-services.ts; responses are rendered as
 * gateway JSON (gateway-json.ts). Errors are `{code, message, details: []}` with the gRPC code
 * mapped to an HTTP status as runtime.HTTPStatusFromCode does.
 */
import http from "node:http";
import type { ProtoCodec } from "../../shared/chain-sdk-codecs.ts";
import type { ChainBackend, ServerHandle } from "../rpc/backend.ts";
import { toGatewayJSON } from "../../shared/gateway-json.ts";
import { nodeServices, type NodeServiceResult } from "./node-services.ts";
import { buildRequest, GatewayError, invalidArgument } from "./request.ts";
import { loadRoutes, matchRoutes, type CompiledRoute } from "./routes.ts";
import { listen } from "../../shared/listen.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface RestServerOptions {
  host: string;
  port: number;
  maxBodyBytes?: number;
}

/** runtime.HTTPStatusFromCode (grpc-gateway v1). */
export function httpStatusFromGrpc(code: number): number {
  const table: Record<number, number> = {
    0: 200,
    1: 499,
    2: 500,
    3: 400,
    4: 504,
    5: 404,
    6: 409,
    7: 403,
    8: 429,
    9: 400,
    10: 409,
    11: 400,
    12: 501,
    13: 500,
    14: 503,
    15: 500,
    16: 401,
  };
  return table[code] ?? 500;
}

const GRPC_CODE_BY_NAME: Record<string, number> = {
  OK: 0,
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
};

/** Maps an error from a QueryHandler to a gRPC status (code + message). */
export function grpcStatusOf(err: unknown): { code: number; message: string } {
  if (err instanceof GatewayError) return { code: err.grpcCode, message: err.message };
  const message = getErrorMessage(err);
  const m = /rpc error: code = (\w+) desc = ([\s\S]*)$/.exec(message);
  if (m) {
    const desc = m[2]!.replace(/: (key not found|invalid request|unknown request)$/, "");
    return { code: GRPC_CODE_BY_NAME[m[1]!] ?? 2, message: desc };
  }
  const e = err as { codespace?: unknown; code?: unknown };
  if (typeof e?.codespace === "string" && typeof e.code === "number") {
    if (e.codespace === "sdk" && (e.code === 22 || e.code === 38)) return { code: 5, message };
    if (/not found/i.test(message)) return { code: 5, message };
    if (e.codespace === "sdk" && [2, 3, 7, 8, 10, 18, 29].includes(e.code)) return { code: 3, message };
    return { code: 3, message };
  }
  return { code: 2, message };
}

const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "*",
  "Access-Control-Expose-Headers": "Grpc-Metadata-X-Cosmos-Block-Height",
  "Access-Control-Max-Age": "600",
};

export async function startRestServer(chain: ChainBackend, opts: RestServerOptions): Promise<ServerHandle> {
  const maxBodyBytes = opts.maxBodyBytes ?? 2_000_000;
  const routes = await loadRoutes();

  function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
    if (res.headersSent) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { ...CORS_HEADERS, ...extra, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  }

  function sendError(res: http.ServerResponse, code: number, message: string) {
    send(res, httpStatusFromGrpc(code), { code, message, details: [] });
  }

  function readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes * 8) req.destroy(); // a flood: stop reading
        if (failed) return;
        if (size > maxBodyBytes) {
          failed = true;
          chunks.length = 0;
          reject(invalidArgument(`request body is larger than ${maxBodyBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      req.on("end", () => {
        if (!failed) resolve(Buffer.concat(chunks));
      });
      req.on("error", reject);
    });
  }

  async function execute(route: CompiledRoute, request: unknown): Promise<{ codec: ProtoCodec; message: unknown }> {
    const special = nodeServices[route.grpcPath];
    if (special) return await (special as (c: ChainBackend, r: unknown) => NodeServiceResult | Promise<NodeServiceResult>)(chain, request);
    const handler = chain.queryHandler(route.grpcPath);
    if (!handler) throw new GatewayError(12, `unknown service ${route.service}`);
    const response = handler.handle(chain.queryContext(), request);
    const codec = route.output;
    // Normalise whatever the handler built (plain numbers, strings for 64-bit ints, missing fields) into the full
    // message a gRPC client would decode, unless the handler says its answer is complete (QueryHandler.complete).
    // With one codec that is fromPartial; a handler answering for another version of the message goes through the
    // wire format (encoding a list of 1,000 deployments and decoding it again costs four times as much, and this is
    // the node's heaviest answer).
    if (handler.response === codec) return { codec, message: handler.complete ? response : codec.fromPartial(response as object) };
    const wire = (handler.response as ProtoCodec).encode(response).finish();
    return { codec, message: codec.decode(wire) };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    const candidates = matchRoutes(routes, method, url.pathname);
    // Prefer a route the devnet actually serves when several templates match (e.g. duplicated epochs paths).
    const match = candidates.find((c) => nodeServices[c.route.grpcPath] || chain.queryHandler(c.route.grpcPath)) ?? candidates[0];
    if (!match) {
      // grpc-gateway v1: a path served for another method is Unimplemented "Method Not Allowed".
      const otherMethod = matchRoutes(routes, method === "GET" ? "POST" : "GET", url.pathname).length > 0;
      sendError(res, 12, otherMethod ? "Method Not Allowed" : "Not Implemented");
      return;
    }
    try {
      let request: unknown;
      if (match.route.httpMethod === "POST") {
        const body = await readBody(req);
        let json: unknown = {};
        if (body.length) {
          try {
            json = JSON.parse(body.toString("utf8"));
          } catch (err) {
            throw invalidArgument(`invalid JSON body: ${getErrorMessage(err)}`);
          }
        }
        if (typeof json !== "object" || json === null || Array.isArray(json)) throw invalidArgument("request body must be a JSON object");
        try {
          request = match.route.input.fromJSON(json);
        } catch (err) {
          throw invalidArgument(`invalid request body: ${getErrorMessage(err)}`);
        }
        const withVars = buildRequest(match.route.input, match.vars, new URLSearchParams());
        request = { ...(request as object), ...pickSet(withVars as Record<string, unknown>, Object.keys(match.vars)) };
      } else {
        request = buildRequest(match.route.input, match.vars, url.searchParams);
      }
      const height = chain.latestHeight();
      const { codec, message } = await execute(match.route, request);
      // The SDK's gateway reports the height a query was served at in this header.
      send(res, 200, toGatewayJSON(codec, message), { "Grpc-Metadata-X-Cosmos-Block-Height": String(height) });
    } catch (err) {
      const status = grpcStatusOf(err);
      if (status.code === 2 && !(err instanceof GatewayError)) console.error(`rest: ${match.route.grpcPath} failed:`, err);
      sendError(res, status.code, status.message);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      try {
        sendError(res, 13, getErrorMessage(err));
      } catch {
        res.destroy();
      }
    });
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  const { port, url } = await listen(server, opts.host, opts.port);
  return {
    url,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Keeps the fields of `obj` whose ts names correspond to path variables (proto names, snake_case). */
function pickSet(obj: Record<string, unknown>, protoNames: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of protoNames) {
    const ts = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (Object.hasOwn(obj, ts)) out[ts] = obj[ts];
  }
  return out;
}
