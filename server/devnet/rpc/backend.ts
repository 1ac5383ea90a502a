import type { DevnetChainApi } from "../chain/node-types.ts";

/**
 * The part of the devnet node the network servers use. DevnetChain satisfies it structurally;
 * tests use a small fake.
 */
export type ChainBackend = Pick<
  DevnetChainApi,
  | "config"
  | "validator"
  | "nodeId"
  | "latestHeight"
  | "earliestHeight"
  | "latestBlock"
  | "block"
  | "blockResults"
  | "latestAppHash"
  | "checkAndAddToMempool"
  | "mempoolSize"
  | "waitForTx"
  | "tx"
  | "txs"
  | "abciQuery"
  | "queryHandler"
  | "queryContext"
  | "simulate"
  | "genesis"
  | "on"
  | "off"
>;

export interface ServerHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}
