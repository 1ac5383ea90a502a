/**
 * `npm run proxy [-- --devnet]`: env PROXY_PORT (3040), PROXY_CHAIN_REST + PROXY_NETWORK (the default network),
 * PROXY_NETWORKS (more networks, default mainnet and sandbox), PROXY_ALLOW_LOOPBACK, PROXY_CORS_ORIGINS.
 * config → container → app → listen; SIGINT/SIGTERM close it.
 */
import { listen } from "../shared/listen.ts";
import { createApp } from "./app.ts";
import { loadProxyConfig } from "./config.ts";
import { createProxyContainer } from "./container.ts";
import { stopProxy } from "./server.ts";
import { getErrorMessage } from "../shared/errors.ts";

async function main(): Promise<void> {
  const config = loadProxyConfig(process.env, process.argv.slice(2));
  const container = createProxyContainer(config);
  const app = createApp(container);
  const { url } = await listen(app, config.host, config.port);
  console.log(
    `provider proxy listening on ${url}: ${config.defaultNetwork} (default) at ${config.restUrl}${config.allowLoopback ? ", loopback providers allowed" : ""}${Object.entries(config.networks)
      .map(([name, n]) => `; ${name} at ${n.restUrl}`)
      .join("")}`,
  );
  const shutdown = (signal: string) => {
    console.log(`provider proxy: ${signal}, closing`);
    stopProxy(app, container).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(getErrorMessage(error));
  process.exit(1);
});
