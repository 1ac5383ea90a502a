/** Transactions an address sent: the REST tx service, or CometBFT `tx_search` (Comet38Client) where the gateway cannot search. */
import { toHex } from "@cosmjs/encoding";
import type { Comet38Client } from "@cosmjs/tendermint-rpc";
import { joinUrl, requestJson } from "./http";

export interface AccountTx {
  hash: string;
  height: number;
  code: number;
  /** Type URLs of the messages in the tx (REST), or their `action` attributes (RPC). */
  messageTypes: string[];
  timestamp: string | null;
  rawLog: string;
}

interface RestTxsResponse {
  tx_responses?: Array<{ txhash: string; height: string; code: number; timestamp?: string; raw_log?: string; tx?: { body?: { messages?: Array<{ "@type"?: string }> } } }>;
}

const RPC_TIMEOUT_MS = 8000;

/**
 * A JSON-RPC client for one call; HTTP clients hold no connection, so nothing to pool. Loaded on demand: the cosmjs
 * RPC client brings its crypto along, which pages that only read REST (Home's balances) must not download.
 */
async function cometClient(rpcUrl: string, timeoutMs = RPC_TIMEOUT_MS): Promise<Comet38Client> {
  const { Comet38Client, HttpClient } = await import("@cosmjs/tendermint-rpc");
  return Comet38Client.create(new HttpClient(rpcUrl, timeoutMs));
}

/** Recent transactions sent by `address`, newest first. */
export async function getRecentTxs(restUrl: string, rpcUrl: string, address: string, limit = 10, signal?: AbortSignal): Promise<AccountTx[]> {
  const query = `message.sender='${address}'`;
  try {
    const url = joinUrl(restUrl, `/cosmos/tx/v1beta1/txs?query=${encodeURIComponent(query)}&order_by=ORDER_BY_DESC&page=1&limit=${limit}`);
    const body = await requestJson<RestTxsResponse>(url, { signal });
    return (body.tx_responses ?? []).map((t) => ({
      hash: t.txhash,
      height: Number(t.height),
      code: t.code,
      messageTypes: (t.tx?.body?.messages ?? []).map((m) => m["@type"] ?? "").filter(Boolean),
      timestamp: t.timestamp || null,
      rawLog: t.raw_log ?? "",
    }));
  } catch (restError) {
    if (signal?.aborted) throw restError;
    try {
      const result = await (await cometClient(rpcUrl)).txSearch({ query, prove: false, page: 1, per_page: limit, order_by: "desc" });
      return result.txs.map((t) => ({
        hash: toHex(t.hash).toUpperCase(),
        height: t.height,
        code: t.result.code,
        messageTypes: t.result.events
          .filter((e) => e.type === "message")
          .flatMap((e) => e.attributes)
          .filter((a) => a.key === "action")
          .map((a) => a.value),
        timestamp: null,
        rawLog: t.result.log ?? "",
      }));
    } catch {
      throw restError;
    }
  }
}
