import { describe, expect, it } from "vitest";
import { loadDevnetSettings } from "./config.ts";
import { DevnetEnvError, loadChainEnv, loadDevnetEnv } from "./env.ts";

describe("devnet environment", () => {
  it("uses the documented defaults when nothing (or an empty string) is set", () => {
    const expected = {
      chain: { host: "127.0.0.1", rpcPort: 26657, restPort: 1317, faucetPort: 8000, blockMs: 1000, aktPriceUsd: 3, uaktPricing: false, dataDir: ".devnet" },
      providers: { count: 5, basePort: 8443, adminPort: 8440, bidDelayMs: 500, withdrawIntervalMs: 60_000 },
    };
    expect(loadDevnetEnv({})).toEqual(expected);
    expect(loadDevnetEnv({ DEVNET_RPC_PORT: "", DEVNET_PROVIDERS: "", DEVNET_HOST: "" })).toEqual(expected);
  });

  it("reads every variable", () => {
    const env = loadDevnetEnv({
      DEVNET_HOST: "0.0.0.0",
      DEVNET_RPC_PORT: "0",
      DEVNET_REST_PORT: "2317",
      DEVNET_FAUCET_PORT: "9000",
      DEVNET_BLOCK_MS: "200",
      DEVNET_AKT_PRICE: "1.25",
      DEVNET_UAKT_PRICING: "true",
      DEVNET_DATA_DIR: "/tmp/chain",
      DEVNET_PROVIDERS: "0",
      DEVNET_PROVIDER_BASE_PORT: "0",
      DEVNET_PROVIDER_ADMIN_PORT: "0",
      DEVNET_BID_DELAY_MS: "50",
      DEVNET_WITHDRAW_INTERVAL_MS: "1000",
    });
    expect(env).toEqual({
      chain: { host: "0.0.0.0", rpcPort: 0, restPort: 2317, faucetPort: 9000, blockMs: 200, aktPriceUsd: 1.25, uaktPricing: true, dataDir: "/tmp/chain" },
      providers: { count: 0, basePort: 0, adminPort: 0, bidDelayMs: 50, withdrawIntervalMs: 1000 },
    });
    expect(loadDevnetEnv({ DEVNET_UAKT_PRICING: "1" }).chain.uaktPricing).toBe(true);
    expect(loadDevnetEnv({ DEVNET_UAKT_PRICING: "0" }).chain.uaktPricing).toBe(false);
  });

  it("lists every bad variable in one error, with what was expected and what was given", () => {
    const error = errorOf(() =>
      loadDevnetEnv({ DEVNET_RPC_PORT: "abc", DEVNET_BLOCK_MS: "5", DEVNET_AKT_PRICE: "-1", DEVNET_UAKT_PRICING: "yes", DEVNET_PROVIDERS: "11", DEVNET_PROVIDER_BASE_PORT: "65530", DEVNET_BID_DELAY_MS: "fast" }),
    );
    expect(error.problems).toEqual([
      'DEVNET_RPC_PORT: expected a port number from 0 to 65535 (0 = any free port), got "abc"',
      'DEVNET_BLOCK_MS: expected a block interval of at least 10 ms, got "5"',
      'DEVNET_AKT_PRICE: expected a positive AKT price in USD, got "-1"',
      'DEVNET_UAKT_PRICING: expected 1, true, 0 or false, got "yes"',
      'DEVNET_PROVIDERS: expected a number of providers from 0 to 10, got "11"',
      'DEVNET_PROVIDER_BASE_PORT: expected a port number from 0 to 65515 (0 = free ports), got "65530"',
      'DEVNET_BID_DELAY_MS: expected a delay from 0 to 600000 ms, got "fast"',
    ]);
    expect(error.message).toBe(`Invalid devnet environment:\n${error.problems.map((p) => `  ${p}`).join("\n")}`);
  });

  it("refuses fractional ports and counts, and blank values that are not empty", () => {
    expect(errorOf(() => loadDevnetEnv({ DEVNET_FAUCET_PORT: "80.5", DEVNET_PROVIDERS: "2.5", DEVNET_REST_PORT: " " })).problems.map((p) => p.split(":")[0])).toEqual([
      "DEVNET_REST_PORT",
      "DEVNET_FAUCET_PORT",
      "DEVNET_PROVIDERS",
    ]);
  });

  it("names a command-line flag instead of the variable it overrides", () => {
    expect(errorOf(() => loadDevnetEnv({ DEVNET_PROVIDERS: "many" }, { DEVNET_PROVIDERS: "--providers" })).problems).toEqual([
      '--providers: expected a number of providers from 0 to 10, got "many"',
    ]);
  });

  it("the chain alone ignores the providers' variables", () => {
    expect(loadChainEnv({ DEVNET_PROVIDERS: "many", DEVNET_BLOCK_MS: "250" }).blockMs).toBe(250);
    expect(() => loadChainEnv({ DEVNET_BLOCK_MS: "slow" })).toThrow(/DEVNET_BLOCK_MS: expected a block interval of at least 10 ms, got "slow"/);
  });

  it("becomes the chain's settings", () => {
    const settings = loadDevnetSettings({ DEVNET_BLOCK_MS: "250", DEVNET_AKT_PRICE: "2", DEVNET_UAKT_PRICING: "1" });
    expect(settings).toMatchObject({ blockMs: 250, rpcPort: 26657, chain: { blockTimeMs: 250, aktPriceUsd: 2, legacyUaktPricing: true, chainId: "akash-devnet-1" } });
  });
});

function errorOf(fn: () => unknown): DevnetEnvError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DevnetEnvError) return error;
    throw error;
  }
  throw new Error("expected a DevnetEnvError");
}
