/**
 * The RPC's HTTP side: JSON-RPC 2.0 over POST (single and batch), URI requests over GET (`/status`,
 * `/abci_query?path="..."`), CORS, and Comet's status codes and body limit.
 */
import type http from "node:http";
import { errorResponse, type JsonRpcDispatcher } from "./json-rpc.ts";
import { callMethod, internalError, INVALID_REQUEST, METHOD_NOT_FOUND, methods, PARSE_ERROR, RpcError, type MethodContext } from "./methods.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export interface HttpHandlerOptions {
  /** Largest accepted request body (Comet's max_body_bytes). */
  maxBodyBytes: number;
  /** Largest JSON-RPC batch. */
  maxBatchSize: number;
}

const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "HEAD, GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Origin, Accept, Content-Type, X-Requested-With, X-Server-Time",
  "Access-Control-Max-Age": "600",
};

function send(res: http.ServerResponse, status: number, body: unknown, contentType = "application/json") {
  if (res.headersSent) return;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { ...CORS_HEADERS, "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage, maxBodyBytes: number): Promise<Buffer | "too-large"> {
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

/** The `request` listener of the RPC's HTTP server. */
export function createHttpHandler(ctx: MethodContext, dispatch: JsonRpcDispatcher, opts: HttpHandlerOptions): http.RequestListener {
  const { maxBodyBytes, maxBatchSize } = opts;

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "POST") {
      const body = await readBody(req, maxBodyBytes);
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
          const r = await dispatch(item, false);
          if (r) responses.push(r);
        }
        send(res, 200, responses);
        return;
      }
      const response = await dispatch(parsed, false);
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

  return (req, res) => {
    handleHttp(req, res).catch((err) => {
      try {
        send(res, 500, errorResponse(null, internalError(getErrorMessage(err))));
      } catch {
        res.destroy();
      }
    });
  };
}
