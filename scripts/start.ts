/**
 * npm start — the whole thing on this machine: the local stack (devnet, and providers/proxy once
 * server/stack.ts starts them) plus the built console, served with a /config.json that points the
 * Devnet network at the running stack.
 *
 * Env: APP_PORT (default 3000), APP_HOST (127.0.0.1), DEVNET_DATA_DIR (.devnet), DEVNET_RESET=1 to
 * start from genesis, DEVNET_BLOCK_MS, DEVNET_RPC_PORT/REST_PORT/FAUCET_PORT, PROXY_PORT.
 */
import { join, resolve } from "node:path";
import { startStack } from "../server/stack.ts";
import { buildApp, REPO_ROOT } from "./serve/build-app.ts";
import { runtimeConfigFor } from "./serve/runtime-config.ts";
import { startStaticServer } from "./serve/static-server.ts";
import { getErrorMessage } from "../src/lib/errors.ts";

function port(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

async function main() {
  const host = process.env.APP_HOST ?? "127.0.0.1";
  const blockMs = process.env.DEVNET_BLOCK_MS ? Number(process.env.DEVNET_BLOCK_MS) : undefined;
  console.log("Building the console (reused when dist/ is up to date)…");
  const [build, stack] = await Promise.all([
    buildApp({ outDir: join(REPO_ROOT, "dist"), quiet: true }),
    startStack({
      dataDir: resolve(process.env.DEVNET_DATA_DIR ?? ".devnet"),
      reset: process.env.DEVNET_RESET === "1",
      host,
      ports: { rpc: port("DEVNET_RPC_PORT"), rest: port("DEVNET_REST_PORT"), faucet: port("DEVNET_FAUCET_PORT"), proxy: port("PROXY_PORT") },
      ...(blockMs ? { blockMs } : {}),
    }),
  ]);
  const app = await startStaticServer({ root: build.outDir, host, port: port("APP_PORT") ?? 3000, config: runtimeConfigFor(stack, blockMs) });
  console.log("");
  console.log(`  Console   ${app.url}`);
  console.log(`  Chain     ${stack.chainId}`);
  console.log(`  RPC       ${stack.rpcUrl}`);
  console.log(`  REST      ${stack.restUrl}`);
  console.log(`  Faucet    ${stack.faucetUrl}`);
  if (stack.proxyUrl) console.log(`  Proxy     ${stack.proxyUrl}`);
  for (const p of stack.providers) console.log(`  Provider  ${p.name.padEnd(11)} ${p.address} ${p.hostUri}`);
  if (stack.providerAdminUrl) {
    // To try failures by hand: take a provider offline (its gateway refuses, or hangs with ?mode=hang) and back.
    const example = stack.providers[0]?.name ?? "provider-1";
    console.log("");
    console.log(`  Provider admin  ${stack.providerAdminUrl} (loopback only)`);
    console.log(`    list       curl ${stack.providerAdminUrl}/providers`);
    console.log(`    offline    curl -X POST ${stack.providerAdminUrl}/providers/${example}/offline   (add ?mode=hang to hang instead of refusing)`);
    console.log(`    online     curl -X POST ${stack.providerAdminUrl}/providers/${example}/online`);
  }
  console.log("");
  console.log("Press Ctrl+C to stop.");

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    await app.close();
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(getErrorMessage(error));
  process.exit(1);
});
