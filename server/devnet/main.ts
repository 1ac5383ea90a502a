/**
 * `npm run devnet [-- --reset] [--data-dir DIR] [--block-ms N] [--providers N]`: runs the devnet in the
 * foreground — the chain (CometBFT RPC, Cosmos REST, faucet) and the simulated providers. The provider
 * proxy is separate (`npm run proxy`; `npm start` runs everything). Ctrl-C (SIGINT) / SIGTERM stop it
 * gracefully (providers first, then the chain, whose state is flushed to the data dir).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { startStack, type RunningStack } from "../stack.ts";
import { AUDITOR_ADDRESS, DEVNET_ADDRESS, FAUCET_ADDRESS } from "./config.ts";
import { loadDevnetEnv, type DevnetEnvName } from "./env.ts";
import { getErrorMessage } from "../shared/errors.ts";

function usage(): string {
  return [
    "usage: npm run devnet -- [--reset] [--data-dir DIR] [--block-ms N] [--host HOST] [--providers N]",
    "  --reset        start from genesis (deletes the chain in the data dir)",
    "  --data-dir     where the chain is kept (default .devnet, or DEVNET_DATA_DIR)",
    "  --block-ms     block interval in ms (default 1000, or DEVNET_BLOCK_MS)",
    "  --host         interface to listen on (default 127.0.0.1, or DEVNET_HOST)",
    "  --providers    simulated providers to run, 0..10 (default 5, or DEVNET_PROVIDERS; 0 = none)",
    "env: DEVNET_RPC_PORT (26657) DEVNET_REST_PORT (1317) DEVNET_FAUCET_PORT (8000) DEVNET_AKT_PRICE (3.0) DEVNET_UAKT_PRICING=1",
    "     DEVNET_PROVIDER_BASE_PORT (8443) DEVNET_PROVIDER_ADMIN_PORT (8440) DEVNET_BID_DELAY_MS (500) DEVNET_WITHDRAW_INTERVAL_MS (60000)",
    "     (a port of 0 = any free port)",
  ].join("\n");
}

function fail(message: string): never {
  console.error(`${message}\n${usage()}`);
  process.exit(2);
}

function describe(stack: RunningStack): string {
  const { devnet } = stack;
  const lines = [
    `devnet ${stack.chainId} running (height ${devnet.chain.latestHeight()}, data ${devnet.dataDir ?? "in memory"})`,
    `  RPC       ${stack.rpcUrl}`,
    `  REST      ${stack.restUrl}`,
    `  faucet    ${stack.faucetUrl || "(off)"}`,
  ];
  if (stack.providers.length === 0) lines.push("  providers (none: DEVNET_PROVIDERS=0)");
  else {
    lines.push(`  providers ${stack.providers.length}, admin ${stack.providerAdminUrl ?? "(none)"}`);
    for (const p of stack.providers) lines.push(`    ${p.name.padEnd(11)} ${p.hostUri.padEnd(32)} ${p.address}`);
  }
  lines.push(
    "  provider proxy: not part of the devnet (npm run proxy)",
    `  user account     ${DEVNET_ADDRESS}   (DEVNET_MNEMONIC in server/devnet/config.ts)`,
    `  faucet account   ${FAUCET_ADDRESS}`,
    `  auditor          ${AUDITOR_ADDRESS}`,
    "Ctrl-C to stop.",
  );
  return lines.join("\n");
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        reset: { type: "boolean", default: false },
        "data-dir": { type: "string" },
        "block-ms": { type: "string" },
        host: { type: "string" },
        providers: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    fail(getErrorMessage(e));
  }
  if (args.help) {
    console.log(usage());
    return;
  }
  // Flags override their variables; both are checked together so every mistake is reported at once.
  const flags = { "--block-ms": "DEVNET_BLOCK_MS", "--host": "DEVNET_HOST", "--data-dir": "DEVNET_DATA_DIR", "--providers": "DEVNET_PROVIDERS" } as const;
  const env: NodeJS.ProcessEnv = { ...process.env };
  const sources: Partial<Record<DevnetEnvName, string>> = {};
  for (const [flag, name] of Object.entries(flags)) {
    const value = args[flag.slice(2) as "block-ms" | "host" | "data-dir" | "providers"];
    if (value === undefined) continue;
    env[name] = value;
    sources[name] = flag;
  }
  let settings;
  try {
    settings = loadDevnetEnv(env, sources);
  } catch (e) {
    fail(getErrorMessage(e));
  }

  // Signals during start-up are honoured once the stack is up (stopping it half-started would leave ports bound).
  const state: { stack?: RunningStack; stopping?: string } = {};
  const stop = (stack: RunningStack, signal: string) => {
    console.log(`\n${signal}: stopping the devnet…`);
    stack
      .stop()
      .then(() => {
        console.log(`stopped at height ${stack.devnet.chain.latestHeight()}.`);
        process.exit(0);
      })
      .catch((e: unknown) => {
        console.error("stopping failed:", e);
        process.exit(1);
      });
  };
  const onSignal = (signal: string) => {
    if (state.stopping) {
      console.error(`${signal} again: exiting without a clean stop.`);
      process.exit(130);
    }
    state.stopping = signal;
    if (state.stack) stop(state.stack, signal);
    else console.log(`\n${signal}: stopping as soon as the start-up finishes…`);
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));

  const { chain, providers } = settings;
  const stack = await startStack({
    dataDir: path.resolve(chain.dataDir),
    reset: args.reset,
    host: chain.host,
    blockMs: chain.blockMs,
    providers: providers.count,
    ports: { rpc: chain.rpcPort, rest: chain.restPort, faucet: chain.faucetPort, providerBase: providers.basePort, providerAdmin: providers.adminPort },
    bidDelayMs: providers.bidDelayMs,
    withdrawIntervalMs: providers.withdrawIntervalMs,
    proxy: false,
  });
  state.stack = stack;
  if (state.stopping) return stop(stack, state.stopping);
  console.log(describe(stack));
}

main().catch((e: unknown) => {
  const message = getErrorMessage(e);
  console.error("devnet failed to start:", message);
  if (/EADDRINUSE/.test(message)) {
    console.error(
      "A port is taken (another devnet running?). Stop it, or pick ports with DEVNET_RPC_PORT / DEVNET_REST_PORT / DEVNET_FAUCET_PORT / DEVNET_PROVIDER_BASE_PORT / DEVNET_PROVIDER_ADMIN_PORT (0 = any free port).",
    );
  }
  process.exit(1);
});
