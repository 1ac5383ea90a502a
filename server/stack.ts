/**
 * The whole local stack behind the console: devnet (chain + RPC + REST + faucet), and — once they
 * exist — simulated providers and the provider proxy.
 *
 * Thin wrapper over startDevnet written by the console shell so e2e and `npm start` have one entry
 * point; the lead owns this file and extends it with providers and the proxy (same signature).
 */
import { startDevnet } from "./devnet/index.ts";

export interface StackPorts {
  rpc?: number;
  rest?: number;
  faucet?: number;
  proxy?: number;
}

export interface StartStackOptions {
  dataDir: string;
  reset?: boolean;
  host?: string;
  /** 0 = a free port; omitted = the devnet defaults (26657, 1317, 8000, 3040). */
  ports?: StackPorts;
  blockMs?: number;
}

export interface RunningStack {
  chainId: string;
  rpcUrl: string;
  restUrl: string;
  faucetUrl: string;
  proxyUrl?: string;
  providers: { address: string; hostUri: string }[];
  stop(): Promise<void>;
}

export async function startStack(opts: StartStackOptions): Promise<RunningStack> {
  const devnet = await startDevnet({
    dataDir: opts.dataDir,
    reset: opts.reset ?? false,
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.ports?.rpc !== undefined ? { rpcPort: opts.ports.rpc } : {}),
    ...(opts.ports?.rest !== undefined ? { restPort: opts.ports.rest } : {}),
    ...(opts.ports?.faucet !== undefined ? { faucetPort: opts.ports.faucet } : {}),
    ...(opts.blockMs !== undefined ? { blockMs: opts.blockMs } : {}),
  });
  return {
    chainId: devnet.chainId,
    rpcUrl: devnet.rpcUrl,
    restUrl: devnet.restUrl,
    faucetUrl: devnet.faucetUrl,
    providers: [],
    stop: () => devnet.stop(),
  };
}
