/** Chain-registry shaped descriptions of a network, for cosmos-kit and for wallets' "suggest chain". */
import type { NetworkConfig } from "../networks/networks";

export function chainNameFor(network: NetworkConfig): string {
  return network.id === "mainnet" ? "akash" : `akash${network.id}`;
}

export function toRegistryChain(network: NetworkConfig, chainId: string) {
  return {
    $schema: "../chain.schema.json",
    chain_name: chainNameFor(network),
    chain_type: "cosmos" as const,
    chain_id: chainId,
    pretty_name: network.id === "mainnet" ? "Akash" : `Akash ${network.label}`,
    status: "live",
    network_type: network.id === "mainnet" ? "mainnet" : "testnet",
    bech32_prefix: network.bech32Prefix,
    slip44: 118,
    fees: { fee_tokens: [{ denom: network.denoms.fee, fixed_min_gas_price: 0.025, low_gas_price: 0.025, average_gas_price: 0.025, high_gas_price: 0.04 }] },
    staking: { staking_tokens: [{ denom: network.denoms.fee }] },
    apis: { rpc: [{ address: network.rpcUrl }], rest: [{ address: network.restUrl }] },
  };
}

export function toRegistryAssetList(network: NetworkConfig) {
  return {
    $schema: "../assetlist.schema.json",
    chain_name: chainNameFor(network),
    assets: [
      {
        description: "The native token of Akash Network",
        denom_units: [
          { denom: "uakt", exponent: 0 },
          { denom: "akt", exponent: 6 },
        ],
        base: "uakt",
        name: "Akash Network",
        display: "akt",
        symbol: "AKT",
        type_asset: "sdk.coin" as const,
      },
      {
        description: "Akash Compute Token (minted by burning AKT)",
        denom_units: [
          { denom: "uact", exponent: 0 },
          { denom: "act", exponent: 6 },
        ],
        base: "uact",
        name: "Akash Compute Token",
        display: "act",
        symbol: "ACT",
        type_asset: "sdk.coin" as const,
      },
    ],
  };
}
