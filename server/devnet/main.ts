/**
 * `npm run devnet [-- --reset] [--data-dir DIR] [--block-ms N]`: runs the devnet in the foreground.
 * Ctrl-C (SIGINT) / SIGTERM stop it gracefully (state is flushed to the data dir).
 */
import { parseArgs } from "node:util";
import { startDevnet } from "./index.ts";
import { AUDITOR_ADDRESS, DEVNET_ADDRESS, FAUCET_ADDRESS, PROVIDER_ADDRESSES } from "./config.ts";

function usage(): string {
  return [
    "usage: npm run devnet -- [--reset] [--data-dir DIR] [--block-ms N] [--host HOST]",
    "  --reset        start from genesis (deletes the chain in the data dir)",
    "  --data-dir     where the chain is kept (default .devnet, or DEVNET_DATA_DIR)",
    "  --block-ms     block interval in ms (default 1000, or DEVNET_BLOCK_MS)",
    "  --host         interface to listen on (default 127.0.0.1)",
    "env: DEVNET_RPC_PORT (26657) DEVNET_REST_PORT (1317) DEVNET_FAUCET_PORT (8000) DEVNET_AKT_PRICE (3.0) DEVNET_UAKT_PRICING=1",
  ].join("\n");
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
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage()}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(usage());
    return;
  }
  const blockMs = args["block-ms"] === undefined ? undefined : Number(args["block-ms"]);
  if (blockMs !== undefined && (!Number.isFinite(blockMs) || blockMs < 10)) {
    console.error(`--block-ms must be a number >= 10, got "${args["block-ms"]}"`);
    process.exit(2);
  }

  const devnet = await startDevnet({
    reset: args.reset,
    ...(args["data-dir"] ? { dataDir: args["data-dir"] } : {}),
    ...(blockMs ? { blockMs } : {}),
    ...(args.host ? { host: args.host } : {}),
  });
  console.log(
    [
      `devnet ${devnet.chainId} running (height ${devnet.chain.latestHeight()}, data ${devnet.dataDir ?? "in memory"})`,
      `  RPC     ${devnet.rpcUrl}`,
      `  REST    ${devnet.restUrl}`,
      `  faucet  ${devnet.faucetUrl || "(off)"}`,
      `  user account     ${DEVNET_ADDRESS}   (DEVNET_MNEMONIC in server/devnet/config.ts)`,
      `  faucet account   ${FAUCET_ADDRESS}`,
      `  auditor          ${AUDITOR_ADDRESS}`,
      `  providers        ${PROVIDER_ADDRESSES.length} accounts (PROVIDER_MNEMONIC, m/44'/118'/0'/0/i)`,
      "Ctrl-C to stop.",
    ].join("\n"),
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the devnet…`);
    devnet
      .stop()
      .then(() => {
        console.log(`stopped at height ${devnet.chain.latestHeight()}.`);
        process.exit(0);
      })
      .catch((e: unknown) => {
        console.error("stopping failed:", e);
        process.exit(1);
      });
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error("devnet failed to start:", message);
  if (/EADDRINUSE/.test(message)) {
    console.error("A port is taken (another devnet running?). Stop it, or pick ports with DEVNET_RPC_PORT / DEVNET_REST_PORT / DEVNET_FAUCET_PORT (0 = any free port).");
  }
  process.exit(1);
});
