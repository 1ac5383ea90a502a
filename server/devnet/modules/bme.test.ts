import { describe, expect, it } from "vitest";
import {
  LedgerRecordStatus,
  MintStatus,
  MsgMintACTResponse,
  QueryLedgerRecordsResponse,
  QueryStatusResponse,
  QueryVaultStateResponse,
  QueryParamsResponse as BmeParamsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { TestApp, errorOf, testAddress, testConfig } from "./testing.ts";
import { priceDec } from "./bme.ts";

const MINT = "/akash.bme.v1.MsgMintACT";
const BURN = "/akash.bme.v1.MsgBurnACT";
const Q = "/akash.bme.v1.Query/";
const user = testAddress("bme-user");
const friend = testAddress("bme-friend");

function app(aktPriceUsd = 2.37) {
  const a = new TestApp({ ...testConfig, aktPriceUsd });
  a.fund(user, [{ denom: "uakt", amount: "10000000" }]);
  return a;
}

describe("x/bme", () => {
  it("MsgMintACT burns AKT and mints ACT at the oracle price minus the 25 bps spread, immediately", () => {
    const a = app();
    const res = a.deliver<MsgMintACTResponse>(MINT, { owner: user, to: user, coinsToBurn: { denom: "uakt", amount: "1000000" } }, user);
    // 1 AKT × 2.37 USD × 0.9975 = 2.364075 ACT
    expect(a.balance(user, "uact")).toBe(2364075n);
    expect(a.balance(user, "uakt")).toBe(9000000n);
    expect(res.response.status).toBe(LedgerRecordStatus.ledger_record_status_executed);
    expect(res.response.id).toMatchObject({ denom: "uakt", toDenom: "uact", source: user });
    expect(res.events.map((e) => e.type)).toContain("akash.bme.v1.EventLedgerRecordExecuted");

    const vault = a.query<QueryVaultStateResponse>(`${Q}VaultState`, {});
    expect(vault.vaultState?.totalBurned).toEqual([{ denom: "uakt", amount: "1000000" }]);
    expect(vault.vaultState?.totalMinted).toEqual([{ denom: "uact", amount: "2364075" }]);
    expect(vault.vaultState?.remintCredits).toEqual([{ denom: "uakt", amount: "1000000" }]);

    const status = a.query<QueryStatusResponse>(`${Q}Status`, {});
    expect(status.status).toBe(MintStatus.mint_status_healthy);
    expect(status.mintsAllowed).toBe(true);
    // 2370000 / 2364075 = 1 / 0.9975 (the spread stays in the vault)
    expect(status.collateralRatio).toBe("1.002506265664160401");
    const json = a.queryJson(`${Q}Status`, {}) as Record<string, unknown>;
    expect(json).toMatchObject({ status: "mint_status_healthy", warn_threshold: "0.950000000000000000", halt_threshold: "0.900000000000000000" });

    const ledger = a.query<QueryLedgerRecordsResponse>(`${Q}LedgerRecords`, { filters: { source: user } });
    expect(ledger.records).toHaveLength(1);
    expect(ledger.records[0]!.executedRecord).toMatchObject({ burnedFrom: user, mintedTo: user, burned: { coin: { denom: "uakt", amount: "1000000" }, price: "2.37" }, minted: { coin: { denom: "uact", amount: "2364075" }, price: "1" } });
  });

  it("MsgBurnACT returns AKT at the oracle price", () => {
    const a = app(2);
    a.deliver(MINT, { owner: user, to: user, coinsToBurn: { denom: "uakt", amount: "1000000" } }, user);
    expect(a.balance(user, "uact")).toBe(1995000n);
    a.deliver(BURN, { owner: user, to: user, coinsToBurn: { denom: "uact", amount: "1000000" } }, user);
    expect(a.balance(user, "uact")).toBe(995000n);
    expect(a.balance(user, "uakt")).toBe(9000000n + 500000n);
    const vault = a.query<QueryVaultStateResponse>(`${Q}VaultState`, {});
    expect(vault.vaultState?.remintCredits).toEqual([{ denom: "uakt", amount: "500000" }]);
    expect(a.query<QueryLedgerRecordsResponse>(`${Q}LedgerRecords`, { filters: { denom: "uact" } }).records).toHaveLength(1);
  });

  it("validates denominations, amounts and addresses", () => {
    const a = app();
    expect(errorOf(() => a.deliver(MINT, { owner: user, to: user, coinsToBurn: { denom: "uact", amount: "10" } }))).toMatchObject({ codespace: "bme", code: 9 });
    expect(errorOf(() => a.deliver(BURN, { owner: user, to: user, coinsToBurn: { denom: "uakt", amount: "10" } }))).toMatchObject({ codespace: "bme", code: 9 });
    expect(errorOf(() => a.deliver(MINT, { owner: user, to: user, coinsToBurn: { denom: "uakt", amount: "0" } }))).toMatchObject({ codespace: "bme", code: 8 });
    expect(errorOf(() => a.deliver(MINT, { owner: user, to: "akash1bad", coinsToBurn: { denom: "uakt", amount: "5" } }))).toMatchObject({ codespace: "sdk", code: 7 });
    expect(errorOf(() => a.deliver(MINT, { owner: friend, to: friend, coinsToBurn: { denom: "uakt", amount: "1000000" } }))).toMatchObject({ codespace: "sdk", code: 5 });
    const cheap = app(0.5);
    expect(errorOf(() => cheap.deliver(MINT, { owner: user, to: user, coinsToBurn: { denom: "uakt", amount: "1" } }))).toMatchObject({ codespace: "bme", code: 8 });
    expect(errorOf(() => a.deliver(MINT, { owner: user, to: user, coinsToBurn: { denom: "uakt", amount: "5" } }, friend))).toMatchObject({ codespace: "sdk", code: 4 });
  });

  it("mints to another address (the devnet faucet's path; the node requires owner == to)", () => {
    const a = app(2);
    a.deliver(MINT, { owner: user, to: friend, coinsToBurn: { denom: "uakt", amount: "1000000" } }, user);
    expect(a.balance(friend, "uact")).toBe(1995000n);
    expect(a.balance(user, "uact")).toBe(0n);
  });

  it("the oracle reports the price BME mints with; take params report the 0% devnet take rate", () => {
    const a = app(2.37);
    const agg = a.query<{ aggregatedPrice?: { twap: string; numSources: number }; priceHealth?: { isHealthy: boolean } }>("/akash.oracle.v1.Query/AggregatedPrice", { denom: "uakt" });
    expect(agg.aggregatedPrice).toMatchObject({ twap: "2.37", numSources: 1 });
    expect(agg.priceHealth?.isHealthy).toBe(true);
    expect(a.queryJson("/akash.oracle.v1.Query/AggregatedPrice", { denom: "uact" })).toMatchObject({ aggregated_price: { median_price: "1.000000000000000000" } });
    expect(errorOf(() => a.query("/akash.oracle.v1.Query/AggregatedPrice", { denom: "ufoo" }))).toMatchObject({ codespace: "oracle" });
    const prices = a.query<{ prices: { state?: { price: string } }[] }>("/akash.oracle.v1.Query/Prices", { filters: { assetDenom: "uakt" } });
    expect(prices.prices[0]?.state?.price).toBe("2.37");
    expect(a.query<{ params?: { defaultTakeRate: number } }>("/akash.take.v1.Query/Params", {}).params?.defaultTakeRate).toBe(0);
  });

  it("reports params and converts float prices exactly", () => {
    const a = app();
    const p = a.query<BmeParamsResponse>(`${Q}Params`, {});
    expect(p.params).toMatchObject({ mintSpreadBps: 25, settleSpreadBps: 0, circuitBreakerWarnThreshold: 9500, circuitBreakerHaltThreshold: 9000 });
    expect(priceDec(0.3)).toBe(300000000000000000n);
    expect(priceDec(2.37)).toBe(2370000000000000000n);
    expect(() => priceDec(0)).toThrow();
  });
});
