/**
 * The whole local stack behind the console: the devnet (chain + RPC + REST + faucet), the simulated
 * providers and the provider proxy. One entry point for `npm start`, the e2e harness and benchmarks.
 */
import { startDevnet, type RunningDevnet } from "./devnet/index.ts";
import { startProviders, type RunningProvider } from "./devnet/providers/index.ts";
import { PUBLIC_NETWORKS } from "./proxy/networks.ts";
import { startProxy } from "./proxy/server.ts";

export interface StackPorts {
  rpc?: number;
  rest?: number;
  faucet?: number;
  proxy?: number;
  /** Provider N uses providerBase+2(N-1) (gateway) and +1 (ingress); 0 = free ports. */
  providerBase?: number;
  /** The providers' admin endpoint (default 0 = a free port). */
  providerAdmin?: number;
}

export interface StartStackOptions {
  dataDir: string;
  reset?: boolean;
  host?: string;
  /** 0 = a free port; omitted = the devnet defaults (26657, 1317, 8000, 3040, providers on free ports). */
  ports?: StackPorts;
  blockMs?: number;
  /** Number of simulated providers (default 5); 0 starts none. */
  providers?: number;
  /** Start the provider proxy (default true). */
  proxy?: boolean;
  /** Base delay before providers bid, ms. */
  bidDelayMs?: number;
  /** How often providers withdraw from their leases, ms (default 60 s). */
  withdrawIntervalMs?: number;
  log?: (msg: string) => void;
}

export interface RunningStack {
  /** The chain and its servers (height, data dir). */
  devnet: RunningDevnet;
  chainId: string;
  rpcUrl: string;
  restUrl: string;
  faucetUrl: string;
  proxyUrl?: string;
  /** Loopback endpoint to take providers offline/online (failure-path tests). */
  providerAdminUrl?: string;
  providers: RunningProvider[];
  stop(): Promise<void>;
}

export async function startStack(opts: StartStackOptions): Promise<RunningStack> {
  const host = opts.host ?? "127.0.0.1";
  const devnet = await startDevnet({
    dataDir: opts.dataDir,
    reset: opts.reset ?? false,
    host,
    ...(opts.ports?.rpc !== undefined ? { rpcPort: opts.ports.rpc } : {}),
    ...(opts.ports?.rest !== undefined ? { restPort: opts.ports.rest } : {}),
    ...(opts.ports?.faucet !== undefined ? { faucetPort: opts.ports.faucet } : {}),
    ...(opts.blockMs !== undefined ? { blockMs: opts.blockMs } : {}),
  });
  const stops: (() => Promise<void>)[] = [() => devnet.stop()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const providerCount = opts.providers ?? 5;
    const providers =
      providerCount > 0
        ? await startProviders({
            rpcUrl: devnet.rpcUrl,
            restUrl: devnet.restUrl,
            chainId: devnet.chainId,
            count: providerCount,
            host,
            dataDir: `${opts.dataDir}/providers`,
            ...(opts.ports?.providerBase !== undefined ? { basePort: opts.ports.providerBase } : {}),
            ...(opts.ports?.providerAdmin !== undefined ? { adminPort: opts.ports.providerAdmin } : {}),
            ...(opts.bidDelayMs !== undefined ? { bidDelayMs: opts.bidDelayMs } : {}),
            ...(opts.withdrawIntervalMs !== undefined ? { withdrawIntervalMs: opts.withdrawIntervalMs } : {}),
            ...(opts.log ? { log: opts.log } : {}),
          })
        : undefined;
    if (providers) stops.push(() => providers.stop());

    // The devnet proxy must reach providers on loopback; requests carry their own auth (no cookies),
    // so any local origin may call it.
    const proxy =
      opts.proxy === false
        ? undefined
        : await startProxy({
            host,
            port: opts.ports?.proxy ?? Number(process.env.PROXY_PORT ?? 3040),
            restUrl: devnet.restUrl,
            allowLoopback: true,
            // The same process serves the public networks (checked against their own chains, no loopback).
            defaultNetwork: "devnet",
            networks: PUBLIC_NETWORKS,
            corsOrigins: "*",
            log: false,
            // Every browser of this machine (the e2e workers, several tabs) is one client IP here.
            clientLimits: { maxRequestsPerClient: 256, maxSessionsPerClient: 256 },
          });
    if (proxy) stops.push(() => proxy.close());

    return {
      devnet,
      chainId: devnet.chainId,
      rpcUrl: devnet.rpcUrl,
      restUrl: devnet.restUrl,
      faucetUrl: devnet.faucetUrl,
      ...(proxy ? { proxyUrl: proxy.url } : {}),
      ...(providers ? { providerAdminUrl: providers.adminUrl } : {}),
      providers: providers?.providers ?? [],
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
