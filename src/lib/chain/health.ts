/** Node health: is the node answering, on the expected chain, and producing blocks? */
import { getLatestBlock } from "./blocks";
import { ChainRequestError, joinUrl, requestJson } from "./http";
import { getErrorMessage } from "../errors";

export type NodeState = "ok" | "lagging" | "down" | "wrong-chain" | "rpc-down";

export interface NodeHealth {
  state: NodeState;
  chainId: string | null;
  height: number | null;
  blockTime: string | null;
  /** Short, user-facing explanation when not ok. */
  message: string | null;
  checkedAt: number;
}

export interface HealthTarget {
  chainId: string;
  rpcUrl: string;
  restUrl: string;
  blockTimeMs: number;
}

/** A node is lagging when its last block is older than this many block times (and at least 20 s). */
export function lagThresholdMs(blockTimeMs: number): number {
  return Math.max(20_000, blockTimeMs * 10);
}

export interface HealthInputs {
  target: HealthTarget;
  now: number;
  rest: { chainId: string; height: number; time: string } | { error: string };
  rpc: { chainId: string; catchingUp: boolean } | { error: string };
}

export function assessHealth({ target, now, rest, rpc }: HealthInputs): NodeHealth {
  const base = { checkedAt: now };
  if ("error" in rest) {
    return { ...base, state: "down", chainId: null, height: null, blockTime: null, message: `Node unreachable: ${rest.error}` };
  }
  const { chainId, height, time } = rest;
  if (target.chainId && chainId !== target.chainId) {
    return { ...base, state: "wrong-chain", chainId, height, blockTime: time, message: `This node is on chain "${chainId}", expected "${target.chainId}"` };
  }
  if ("error" in rpc) {
    return { ...base, state: "rpc-down", chainId, height, blockTime: time, message: `RPC unreachable (signing will fail): ${rpc.error}` };
  }
  if (rpc.chainId && rpc.chainId !== chainId) {
    return { ...base, state: "wrong-chain", chainId, height, blockTime: time, message: `RPC is on "${rpc.chainId}" but REST is on "${chainId}"` };
  }
  const age = now - Date.parse(time);
  if (rpc.catchingUp) {
    return { ...base, state: "lagging", chainId, height, blockTime: time, message: "Node is catching up with the network" };
  }
  if (Number.isFinite(age) && age > lagThresholdMs(target.blockTimeMs)) {
    return { ...base, state: "lagging", chainId, height, blockTime: time, message: `No new block for ${Math.round(age / 1000)} s` };
  }
  return { ...base, state: "ok", chainId, height, blockTime: time, message: null };
}

/** What the health check needs from CometBFT's `/status`: the chain the RPC serves and whether it is catching up. */
export function parseRpcStatus(body: unknown, rpcUrl: string): { chainId: string; catchingUp: boolean } {
  const result = (body as { result?: { node_info?: { network?: unknown }; sync_info?: { catching_up?: unknown } } } | null)?.result;
  const network = result?.node_info?.network;
  const catchingUp = result?.sync_info?.catching_up;
  if (typeof network !== "string" || typeof catchingUp !== "boolean") throw new ChainRequestError("invalid-response", rpcUrl, "The RPC's /status answer has no chain id or sync state");
  return { chainId: network, catchingUp };
}

/**
 * The RPC's `/status` as a plain GET (CometBFT's URI form, served by every node): the check runs on every page load,
 * and a JSON read must not pull the cosmjs RPC client and its crypto onto the first load.
 */
export async function getRpcStatus(rpcUrl: string, signal?: AbortSignal, timeoutMs?: number): Promise<{ chainId: string; catchingUp: boolean }> {
  return parseRpcStatus(await requestJson(joinUrl(rpcUrl, "/status"), { signal, timeoutMs }), rpcUrl);
}

export async function checkNodeHealth(target: HealthTarget, signal?: AbortSignal): Promise<NodeHealth> {
  const [restResult, rpcResult] = await Promise.allSettled([getLatestBlock(target.restUrl, signal, 5000), getRpcStatus(target.rpcUrl, signal, 5000)]);
  let rest: HealthInputs["rest"];
  if (restResult.status === "fulfilled") {
    const { chainId, height, time } = restResult.value;
    rest = chainId && time ? { chainId, height, time } : { error: "unexpected answer from REST" };
  } else {
    rest = { error: describe(restResult.reason) };
  }
  let rpc: HealthInputs["rpc"];
  if (rpcResult.status === "fulfilled") {
    rpc = rpcResult.value;
  } else {
    rpc = { error: describe(rpcResult.reason) };
  }
  return assessHealth({ target, now: Date.now(), rest, rpc });
}

function describe(error: unknown): string {
  if (error instanceof ChainRequestError) return error.message;
  return getErrorMessage(error);
}
