/**
 * `npx tsx server/devnet/providers/main.ts [--rpc URL] [--rest URL]`: runs the simulated providers against
 * an already running chain (e.g. `DEVNET_PROVIDERS=0 npm run devnet`; by default `npm run devnet` starts them itself).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { DEVNET_CHAIN_ID } from "../config.ts";
import { loadDevnetEnv } from "../env.ts";
import { startProviders } from "./index.ts";
import { getErrorMessage } from "../../shared/errors.ts";

async function main(): Promise<void> {
  const { chain: devnet, providers: settings } = loadDevnetEnv();
  const { values } = parseArgs({ options: { rpc: { type: "string" }, rest: { type: "string" }, "data-dir": { type: "string" } } });
  if (settings.count === 0) {
    console.log("DEVNET_PROVIDERS=0: no providers to run.");
    return;
  }
  const running = await startProviders({
    rpcUrl: values.rpc ?? `http://${devnet.host}:${devnet.rpcPort}`,
    restUrl: values.rest ?? `http://${devnet.host}:${devnet.restPort}`,
    chainId: DEVNET_CHAIN_ID,
    dataDir: path.resolve(values["data-dir"] ?? path.join(devnet.dataDir, "providers")),
    host: devnet.host,
    ...settings,
  });
  console.log(`${running.providers.length} providers running (admin ${running.adminUrl}):`);
  for (const p of running.providers) console.log(`  ${p.name.padEnd(12)} ${p.address}  ${p.hostUri}  ingress :${p.ingressPort}`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error("stopping failed:", e);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((e: unknown) => {
  console.error(`providers failed to start: ${getErrorMessage(e)}`);
  process.exit(1);
});
