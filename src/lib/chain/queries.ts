/** Typed REST reads used by the console. Everything goes through the chain's REST gateway (grpc-gateway JSON). */
import { joinUrl, requestJson, rpcCall } from "./http";

export interface Coin {
  denom: string;
  amount: string;
}

export async function getBalances(restUrl: string, address: string, signal?: AbortSignal): Promise<Coin[]> {
  const body = await requestJson<{ balances?: Coin[] }>(joinUrl(restUrl, `/cosmos/bank/v1beta1/balances/${encodeURIComponent(address)}`), { signal });
  return body.balances ?? [];
}

export function amountOf(coins: Coin[] | undefined, denom: string): bigint {
  const coin = coins?.find((c) => c.denom === denom);
  return coin ? BigInt(coin.amount.split(".")[0] || "0") : 0n;
}

export interface AccountTx {
  hash: string;
  height: number;
  code: number;
  /** Type URLs of the messages in the tx, when known. */
  messageTypes: string[];
  timestamp: string | null;
  rawLog: string;
}

interface RestTxsResponse {
  tx_responses?: Array<{ txhash: string; height: string; code: number; timestamp?: string; raw_log?: string; tx?: { body?: { messages?: Array<{ "@type"?: string }> } } }>;
}

interface RpcTxSearch {
  txs?: Array<{ hash: string; height: string; tx_result?: { code?: number; log?: string; events?: Array<{ type: string; attributes?: Array<{ key: string; value: string }> }> } }>;
}

/**
 * Recent transactions sent by an address, newest first. Uses the REST tx service; falls back to
 * CometBFT `tx_search` when the gateway does not index by event.
 */
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
    try {
      const result = await rpcCall<RpcTxSearch>(rpcUrl, "tx_search", { query, prove: false, page: "1", per_page: String(limit), order_by: "desc" }, { signal });
      return (result.txs ?? []).map((t) => ({
        hash: t.hash,
        height: Number(t.height),
        code: t.tx_result?.code ?? 0,
        messageTypes: (t.tx_result?.events ?? [])
          .filter((e) => e.type === "message")
          .flatMap((e) => e.attributes ?? [])
          .filter((a) => a.key === "action")
          .map((a) => a.value),
        timestamp: null,
        rawLog: t.tx_result?.log ?? "",
      }));
    } catch {
      throw restError;
    }
  }
}

/** BME module state, kept as the gateway returns it (snake_case) so the preview can read what the chain serves. */
export interface BmeSnapshot {
  params: Record<string, unknown> | null;
  status: Record<string, unknown> | null;
  vault: Record<string, unknown> | null;
}

export async function getBmeSnapshot(restUrl: string, signal?: AbortSignal): Promise<BmeSnapshot> {
  const get = (path: string) => requestJson<Record<string, unknown>>(joinUrl(restUrl, path), { signal }).catch(() => null);
  const [params, status, vault] = await Promise.all([get("/akash/bme/v1/params"), get("/akash/bme/v1/status"), get("/akash/bme/v1/vault")]);
  if (!params && !status && !vault) throw new Error("This node does not serve the BME module (/akash/bme/v1)");
  return { params, status, vault };
}

export interface ProviderInfo {
  owner: string;
  hostUri: string;
  attributes: Array<{ key: string; value: string }>;
  email: string;
  website: string;
}

export async function getProviders(restUrl: string, signal?: AbortSignal): Promise<ProviderInfo[]> {
  const body = await requestJson<{ providers?: Array<{ owner: string; host_uri: string; attributes?: Array<{ key: string; value: string }>; info?: { email?: string; website?: string } }> }>(
    joinUrl(restUrl, "/akash/provider/v1beta4/providers?pagination.limit=200"),
    { signal },
  );
  return (body.providers ?? []).map((p) => ({
    owner: p.owner,
    hostUri: p.host_uri,
    attributes: p.attributes ?? [],
    email: p.info?.email ?? "",
    website: p.info?.website ?? "",
  }));
}

export interface DeploymentSummary {
  owner: string;
  dseq: string;
  state: string;
  createdAt: string;
  groupCount: number;
  escrowFunds: Coin[];
}

export async function getDeployments(restUrl: string, owner: string, signal?: AbortSignal): Promise<DeploymentSummary[]> {
  const body = await requestJson<{
    deployments?: Array<{
      deployment?: { id?: { owner: string; dseq: string }; state?: string; created_at?: string };
      groups?: unknown[];
      escrow_account?: { state?: { funds?: Coin[] } };
    }>;
  }>(joinUrl(restUrl, `/akash/deployment/v1beta4/deployments/list?filters.owner=${encodeURIComponent(owner)}&pagination.limit=100&pagination.reverse=true`), { signal });
  return (body.deployments ?? []).map((d) => ({
    owner: d.deployment?.id?.owner ?? owner,
    dseq: d.deployment?.id?.dseq ?? "",
    state: d.deployment?.state ?? "unknown",
    createdAt: d.deployment?.created_at ?? "",
    groupCount: d.groups?.length ?? 0,
    escrowFunds: d.escrow_account?.state?.funds ?? [],
  }));
}
