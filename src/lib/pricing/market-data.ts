/**
 * Reads what the cost estimate can learn from a network: providers (and their published price
 * scales: on-chain attributes, or `/status` through the provider proxy), recent bids with their
 * orders, the AKT price from the BME ledger, and the minimum deposit. Every source is optional;
 * what cannot be read is listed in `problems` and the estimate degrades to the SDL max price.
 */
import { parseAktPriceFromLedger, parseBids, parseCapabilities, parseProviderScales, parseStatusPricing, type MarketData, type ProviderPriceScale } from "./market";
import { parseMinDeposits } from "./deposit";
import { ProviderProxyClient } from "../provider-proxy/client";
import { getErrorMessage } from "../errors";
import { joinUrl, requestJson } from "../chain/http";

export interface MarketSnapshot {
  market: MarketData;
  aktPriceUsd?: number;
  minDeposits: Record<string, number>;
  /** Sources that could not be read, in words (the estimate degrades, the page does not). */
  problems: string[];
}

const TIMEOUT_MS = 5000;

/** Raw gateway JSON through the chain module's one HTTP reader (timeouts, error kinds); parsed by ./market. */
const getJson = (url: string) => requestJson<unknown>(url, { timeoutMs: TIMEOUT_MS });

/** Everything the cost estimate can learn from the chain (and providers' /status through the proxy). */
/** `proxyNetwork`: the name the proxy knows this network by (empty: its default). */
export async function fetchMarketSnapshot(restUrl: string, proxyUrl: string, proxyNetwork = ""): Promise<MarketSnapshot> {
  const proxy = proxyUrl ? new ProviderProxyClient({ proxyUrl, network: proxyNetwork }) : null;
  const rest = (path: string) => joinUrl(restUrl, path);
  const problems: string[] = [];
  const settle = async <T>(label: string, p: Promise<T>): Promise<T | undefined> => {
    try {
      return await p;
    } catch (e) {
      problems.push(`${label}: ${getErrorMessage(e)}`);
      return undefined;
    }
  };
  const [providersJson, bidsJson, ordersJson, ledgerJson, paramsJson] = await Promise.all([
    settle("providers", getJson(rest("/akash/provider/v1beta4/providers?pagination.limit=100"))),
    settle("recent bids", getJson(rest("/akash/market/v1beta5/bids/list?pagination.limit=200&pagination.reverse=true"))),
    settle("orders", getJson(rest("/akash/market/v1beta5/orders/list?pagination.limit=200&pagination.reverse=true"))),
    settle("AKT price", getJson(rest("/akash/bme/v1/ledger?pagination.limit=20&pagination.reverse=true"))),
    settle("deployment params", getJson(rest("/akash/deployment/v1beta4/params"))),
  ]);
  const providers: ProviderPriceScale[] = parseProviderScales(providersJson);
  const known = new Set(providers.map((p) => p.provider));
  const list = ((providersJson as { providers?: { owner?: unknown; host_uri?: unknown; attributes?: unknown }[] })?.providers ?? []).filter(
    (p): p is { owner: string; host_uri: string; attributes?: unknown } => typeof p?.owner === "string" && typeof p?.host_uri === "string" && !known.has(p.owner),
  );
  const capabilitiesOf = (attributes: unknown) =>
    Array.isArray(attributes) && attributes.length
      ? parseCapabilities(attributes.filter((a): a is { key: string; value: string } => typeof a?.key === "string" && typeof a?.value === "string"))
      : undefined;
  if (proxy && list.length) {
    const statuses = await Promise.all(list.slice(0, 12).map((p) => proxy.providerStatus(p.host_uri.replace(/\/$/, ""), p.owner, 4000).then((s) => {
          const scale = parseStatusPricing(p.owner, s);
          return scale && { ...scale, capabilities: capabilitiesOf(p.attributes) };
        }).catch(() => undefined)));
    for (const s of statuses) if (s) providers.push(s);
  }
  return {
    market: { providers, bids: parseBids(bidsJson, ordersJson) },
    aktPriceUsd: parseAktPriceFromLedger(ledgerJson),
    minDeposits: parseMinDeposits(paramsJson),
    problems,
  };
}

