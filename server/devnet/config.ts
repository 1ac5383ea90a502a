/**
 * Devnet configuration: chain parameters, the well-known devnet keys and the genesis balances.
 *
 * The mnemonics below are PUBLIC, devnet-only test keys (generated once for this project).
 * Never use them on any real network.
 */
import type { ChainConfig, Coin } from "./chain/types.ts";
import { loadChainEnv, type ChainEnv } from "./env.ts";

export const DEVNET_CHAIN_ID = "akash-devnet-1";
export const BOND_DENOM = "uakt";
export const ACT_DENOM = "uact";
export const MIN_GAS_PRICE = 0.025;

/** The user's account (the console's built-in devnet wallet). m/44'/118'/0'/0/0. */
export const DEVNET_MNEMONIC =
  "isolate egg camera oxygen pulp bar post universe breeze guitar arrow device inherit own home damage middle tomato reunion float myself bird crater search";
export const DEVNET_ADDRESS = "akash1m8pac3yj90xahz8lnl3nauth3agactsvslfgjf";

/** The faucet's account. m/44'/118'/0'/0/0. */
export const FAUCET_MNEMONIC =
  "oven donor barely fiscal thank guide warm parent pet also library vibrant egg mass green muffin quarter episode pair virus wild marriage slow will";
export const FAUCET_ADDRESS = "akash1e2mvh058v9lf2gcv3a73kl4at7g465kfl3x6na";

/** The auditor whose provider attributes are trusted. m/44'/118'/0'/0/0. */
export const AUDITOR_MNEMONIC =
  "lens behind chalk impose share axis length south unfair author about cheap feed agree gym beef goose execute claim action faith flip rose fiction";
export const AUDITOR_ADDRESS = "akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx";

/** Simulated providers: provider i uses HD path m/44'/118'/0'/0/i, i = 0..9. */
export const PROVIDER_MNEMONIC =
  "avocado liquid message cliff news stadium fruit fiber mean pave receive forest frost pepper cute electric equal devote twin lonely life increase category mule";
export const PROVIDER_ADDRESSES = [
  "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5",
  "akash10ryhttgwhf2d69qhev2jjkntq2hwq57g84wtpz",
  "akash1r7qqslll85jt57ucpykg73q99mk3xs0ln8fynu",
  "akash1zfd0afu0ecf20sud34yp5wjwez9ugrpn46nkv9",
  "akash1zajz8hysdc0kgqcs7kz62kdxhqq90kd50frhmr",
  "akash18xmae38xmnshawcv3jnw8p9vkgc7sk5czhrdjn",
  "akash159ynjv6amhpm9k42l4fxarg2kk2m98uq07fpu0",
  "akash1n40nyvkg943qwtz2yf2ltswr6dxk8m2mv38jeu",
  "akash18dy86zg7zyxcvq0cy64npvfrp0fpn6a7w3rwfr",
  "akash19n8y0u5phglrxzx53xha0la3zkkvft9lcsmg7y",
] as const;

export function providerHdPath(i: number): string {
  return `m/44'/118'/0'/0/${i}`;
}

/** Genesis balances. */
export const GENESIS_BALANCES: { address: string; coins: Coin[] }[] = [
  // 1,000,000 AKT and 10,000 ACT for the user.
  { address: DEVNET_ADDRESS, coins: [{ denom: BOND_DENOM, amount: "1000000000000" }, { denom: ACT_DENOM, amount: "10000000000" }] },
  // 1,000,000,000 AKT for the faucet.
  { address: FAUCET_ADDRESS, coins: [{ denom: BOND_DENOM, amount: "1000000000000000" }] },
  { address: AUDITOR_ADDRESS, coins: [{ denom: BOND_DENOM, amount: "10000000000" }] },
  // 100,000 AKT and 1,000 ACT per provider (bid deposits, fees).
  ...PROVIDER_ADDRESSES.map((address) => ({ address, coins: [{ denom: BOND_DENOM, amount: "100000000000" }, { denom: ACT_DENOM, amount: "1000000000" }] })),
];

export interface DevnetSettings {
  chain: ChainConfig;
  blockMs: number;
  host: string;
  rpcPort: number;
  restPort: number;
  faucetPort: number;
  dataDir: string;
}

/** Settings from the environment (DEVNET_* variables, see env.ts), with the documented defaults. */
export function loadDevnetSettings(env: NodeJS.ProcessEnv = process.env): DevnetSettings {
  return devnetSettings(loadChainEnv(env));
}

function devnetSettings(e: ChainEnv): DevnetSettings {
  return {
    chain: {
      chainId: DEVNET_CHAIN_ID,
      bondDenom: BOND_DENOM,
      actDenom: ACT_DENOM,
      aktPriceUsd: e.aktPriceUsd,
      minGasPrice: MIN_GAS_PRICE,
      blockTimeMs: e.blockMs,
      auditorAddress: AUDITOR_ADDRESS,
      legacyUaktPricing: e.uaktPricing,
    },
    blockMs: e.blockMs,
    host: e.host,
    rpcPort: e.rpcPort,
    restPort: e.restPort,
    faucetPort: e.faucetPort,
    dataDir: e.dataDir,
  };
}

/** The ChainConfig with defaults, for tests and tools. */
export function defaultChainConfig(overrides: Partial<ChainConfig> = {}): ChainConfig {
  return { ...loadDevnetSettings({}).chain, ...overrides };
}
