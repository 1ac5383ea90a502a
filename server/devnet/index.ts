/**
 * Starts the devnet: the chain (auth/bank + the Akash modules) and its CometBFT RPC, Cosmos REST
 * and faucet servers.
 */
import path from "node:path";
import { DevnetChain } from "./chain/node.ts";
import { akashModules } from "./modules/index.ts";
import { startRpcServer } from "./rpc/server.ts";
import { startRestServer } from "./rest/server.ts";
import { startFaucetServer } from "./faucet/server.ts";
import { FAUCET_MNEMONIC, GENESIS_BALANCES, loadDevnetSettings } from "./config.ts";
import type { ChainConfig } from "./chain/types.ts";

export interface StartDevnetOptions {
  /** Where state is kept; default DEVNET_DATA_DIR or ".devnet". `null` keeps everything in memory. */
  dataDir?: string | null;
  /** Start from genesis (deletes the persisted chain). */
  reset?: boolean;
  host?: string;
  /** 0 = any free port. Defaults: DEVNET_RPC_PORT 26657, DEVNET_REST_PORT 1317, DEVNET_FAUCET_PORT 8000. */
  rpcPort?: number;
  restPort?: number;
  faucetPort?: number;
  blockMs?: number;
  /** Overrides of the chain parameters (e.g. legacyUaktPricing). */
  chain?: Partial<ChainConfig>;
  /** Skip the faucet server. */
  noFaucet?: boolean;
}

export interface RunningDevnet {
  chain: DevnetChain;
  rpcUrl: string;
  restUrl: string;
  faucetUrl: string;
  chainId: string;
  dataDir: string | null;
  stop(): Promise<void>;
}

export async function startDevnet(opts: StartDevnetOptions = {}): Promise<RunningDevnet> {
  const settings = loadDevnetSettings();
  const blockMs = opts.blockMs ?? settings.blockMs;
  const config: ChainConfig = { ...settings.chain, blockTimeMs: blockMs, ...opts.chain };
  const dataDir = opts.dataDir === null ? null : path.resolve(opts.dataDir ?? settings.dataDir);
  const host = opts.host ?? settings.host;

  const chain = new DevnetChain({
    config,
    modules: akashModules(),
    genesisAccounts: GENESIS_BALANCES,
    ...(dataDir === null ? {} : { dataDir }),
    reset: opts.reset ?? false,
    blockMs,
  });
  await chain.start();

  const closers: (() => Promise<void>)[] = [];
  try {
    const rpc = await startRpcServer(chain, { host, port: opts.rpcPort ?? settings.rpcPort });
    closers.push(() => rpc.close());
    const rest = await startRestServer(chain, { host, port: opts.restPort ?? settings.restPort });
    closers.push(() => rest.close());
    let faucetUrl = "";
    if (!opts.noFaucet) {
      const faucet = await startFaucetServer(chain, { host, port: opts.faucetPort ?? settings.faucetPort, mnemonic: FAUCET_MNEMONIC, rpcUrl: rpc.url });
      closers.push(() => faucet.close());
      faucetUrl = faucet.url;
    }
    let stopped = false;
    return {
      chain,
      rpcUrl: rpc.url,
      restUrl: rest.url,
      faucetUrl,
      chainId: config.chainId,
      dataDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        for (const close of closers.reverse()) await close().catch((e: unknown) => console.error("[devnet] closing a server failed:", e));
        await chain.stop();
      },
    };
  } catch (e) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await chain.stop();
    throw e;
  }
}
