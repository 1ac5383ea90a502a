/**
 * One decoded JSON-RPC 2.0 request → its response, as CometBFT answers it. Shared by the HTTP handler and
 * the WebSocket hub (which also serves the subscription methods itself).
 */
import { callMethod, INVALID_REQUEST, METHOD_NOT_FOUND, RpcError, WS_ONLY_METHODS, type MethodContext } from "./methods.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export type JsonRpcId = string | number | null;

export interface JsonRpcResponse {
  jsonrpc: "2.0";
  id: JsonRpcId;
  result?: unknown;
  error?: { code: number; message: string; data: string };
}

export function errorResponse(id: JsonRpcId, err: unknown): JsonRpcResponse {
  if (err instanceof RpcError) return { jsonrpc: "2.0", id, error: { code: err.code, message: err.message, data: err.data } };
  const detail = getErrorMessage(err);
  return { jsonrpc: "2.0", id, error: { code: -32603, message: "Internal error", data: detail } };
}

export function validId(id: unknown): id is JsonRpcId {
  return id === null || typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
}

/** Handles one decoded request object; never throws. `allowWsOnly`: the request came over the WebSocket. */
export type JsonRpcDispatcher = (req: unknown, allowWsOnly: boolean) => Promise<JsonRpcResponse | undefined>;

export function createJsonRpcDispatcher(ctx: MethodContext): JsonRpcDispatcher {
  return async (req, allowWsOnly) => {
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
  };
}
