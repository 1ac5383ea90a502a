/**
 * Read-only x/oracle and x/take (akash.oracle.v1, akash.take.v1) for the devnet.
 *
 * Oracle: the devnet's only price source is config.aktPriceUsd, which is the price x/bme mints
 * with. The queries report it the way the node's oracle reports an aggregated price: one
 * source, TWAP = median = min = max, healthy, zero deviation, timestamped at the block. ACT is
 * 1 USD. There is no Pyth feed, so PriceFeedConfig answers `enabled: false`.
 *
 * Take: escrow payouts on the devnet keep no take fee, so the params report a 0% rate.
 */
import {
  Oracle_Params,
  Oracle_QueryParamsRequest,
  Oracle_QueryParamsResponse,
  QueryAggregatedPriceRequest,
  QueryAggregatedPriceResponse,
  QueryPriceFeedConfigRequest,
  QueryPriceFeedConfigResponse,
  QueryPricesRequest,
  QueryPricesResponse,
  Take_Params,
  Take_QueryParamsRequest,
  Take_QueryParamsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainConfig, Module, QueryContext } from "../chain/types.ts";
import { priceDec } from "./bme.ts";
import { DEC_ONE, Grpc, formatDec, registerErrors } from "./util.ts";

const oracleErrors = registerErrors("oracle", {
  priceNotFound: [2, Grpc.NotFound, "price not found"],
});

/** USD price (18-dec) of a denom the devnet prices, or undefined. */
function usdPrice(config: ChainConfig, denom: string): bigint | undefined {
  const d = denom.toLowerCase();
  if (d === config.bondDenom || d === "akt") return priceDec(config.aktPriceUsd);
  if (d === config.actDenom || d === "act") return DEC_ONE;
  return undefined;
}

export function oracleModule(): Module {
  return {
    name: "oracle",
    msgs: [],
    queries: [
      {
        path: "/akash.oracle.v1.Query/Params",
        request: Oracle_QueryParamsRequest,
        response: Oracle_QueryParamsResponse,
        handle: () =>
          Oracle_QueryParamsResponse.fromPartial({
            params: Oracle_Params.fromPartial({ sources: ["devnet-config"], minPriceSources: 1, maxPriceStalenessBlocks: "0", twapWindow: "1", maxPriceDeviationBps: "0", feedContractsParams: [] }),
          }),
      },
      {
        path: "/akash.oracle.v1.Query/AggregatedPrice",
        request: QueryAggregatedPriceRequest,
        response: QueryAggregatedPriceResponse,
        handle(ctx: QueryContext, req: QueryAggregatedPriceRequest) {
          const price = usdPrice(ctx.config, req.denom);
          if (price === undefined) throw oracleErrors.priceNotFound(`no price for denom "${req.denom}"`);
          const p = formatDec(price);
          return QueryAggregatedPriceResponse.fromPartial({
            aggregatedPrice: { denom: req.denom, twap: p, medianPrice: p, minPrice: p, maxPrice: p, timestamp: ctx.time, numSources: 1, deviationBps: "0" },
            priceHealth: { denom: req.denom, isHealthy: true, hasMinSources: true, deviationOk: true, totalSources: 1, totalHealthySources: 1, failureReason: [] },
          });
        },
      },
      {
        path: "/akash.oracle.v1.Query/Prices",
        request: QueryPricesRequest,
        response: QueryPricesResponse,
        handle(ctx: QueryContext, req: QueryPricesRequest) {
          const asset = req.filters?.assetDenom || ctx.config.bondDenom;
          const price = usdPrice(ctx.config, asset);
          const prices =
            price === undefined
              ? []
              : [{ id: { source: 0, denom: asset, baseDenom: req.filters?.baseDenom || "usd", height: String(ctx.height) }, state: { price: formatDec(price), timestamp: ctx.time } }];
          return QueryPricesResponse.fromPartial({ prices, pagination: { nextKey: new Uint8Array(), total: String(prices.length) } });
        },
      },
      {
        path: "/akash.oracle.v1.Query/PriceFeedConfig",
        request: QueryPriceFeedConfigRequest,
        response: QueryPriceFeedConfigResponse,
        handle: () => QueryPriceFeedConfigResponse.fromPartial({ priceFeedId: "", pythContractAddress: "", enabled: false }),
      },
    ],
  };
}

export function takeModule(): Module {
  return {
    name: "take",
    msgs: [],
    queries: [
      {
        path: "/akash.take.v1.Query/Params",
        request: Take_QueryParamsRequest,
        response: Take_QueryParamsResponse,
        handle: () => Take_QueryParamsResponse.fromPartial({ params: Take_Params.fromPartial({ denomTakeRates: [], defaultTakeRate: 0 }) }),
      },
    ],
  };
}
