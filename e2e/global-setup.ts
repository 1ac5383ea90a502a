/**
 * Starts the real stack on free ports with a temp data dir, builds the app once (or reuses a fresh
 * dist/), and serves it with /config.json pointing at the stack. Workers read the URLs from env.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStack } from "../server/stack.ts";
import { buildApp, REPO_ROOT } from "../scripts/serve/build-app.ts";
import { runtimeConfigFor } from "../scripts/serve/runtime-config.ts";
import { startStaticServer } from "../scripts/serve/static-server.ts";
import { chromiumProblem } from "../scripts/chromium.ts";

export const E2E_BLOCK_MS = 300;

export default async function globalSetup(): Promise<() => Promise<void>> {
  const noBrowser = chromiumProblem();
  if (noBrowser) throw new Error(`The e2e tests need Chromium.\n${noBrowser}`);
  const dataDir = await mkdtemp(join(tmpdir(), "console-e2e-"));
  const [stack, build] = await Promise.all([
    // Six providers: specs that take one offline each have their own (deployments-failures provider-5,
    // deploy-errors provider-6), so specs running in parallel never see a provider vanish under them.
    startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0, proxy: 0 }, providers: 6, blockMs: E2E_BLOCK_MS, log: () => {} }),
    buildApp({ outDir: process.env.E2E_DIST_DIR ?? join(REPO_ROOT, "dist"), quiet: true }),
  ]);
  const app = await startStaticServer({ root: build.outDir, config: runtimeConfigFor(stack, E2E_BLOCK_MS) });
  process.env.E2E_BASE_URL = app.url;
  process.env.E2E_DIST_DIR = build.outDir;
  process.env.E2E_CHAIN_ID = stack.chainId;
  process.env.E2E_RPC_URL = stack.rpcUrl;
  process.env.E2E_REST_URL = stack.restUrl;
  process.env.E2E_FAUCET_URL = stack.faucetUrl;
  process.env.E2E_PROXY_URL = stack.proxyUrl ?? "";
  // Failure-path tests take simulated providers offline through this loopback admin endpoint.
  process.env.E2E_PROVIDER_ADMIN_URL = stack.providerAdminUrl ?? "";
  console.log(`[e2e] app ${app.url} (${build.reused ? "reused dist" : "built"}), chain ${stack.chainId} rpc ${stack.rpcUrl} rest ${stack.restUrl}`);
  return async () => {
    await app.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
