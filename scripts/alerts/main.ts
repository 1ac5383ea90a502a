/**
 * `npm run alerts -- --config <file> [--once]`
 *
 * Watches a team's deployments and wallets and posts alerts to webhooks (see watcher.ts and the config in config.ts).
 * `--once` evaluates a single time and exits (for cron), with exit code 1 when an evaluation failed.
 */
import { pathToFileURL } from "node:url";
import { getErrorMessage } from "../../src/lib/errors.ts";
import { readAlertsConfig } from "./config.ts";
import { AlertWatcher } from "./watcher.ts";

const USAGE = "Usage: npm run alerts -- --config <file.json> [--once]";

export async function main(argv: string[]): Promise<number> {
  let configFile: string | undefined;
  let once = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--config") configFile = argv[++i];
    else if (arg.startsWith("--config=")) configFile = arg.slice("--config=".length);
    else if (arg === "--once") once = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`Unknown argument: ${arg}\n${USAGE}`);
      return 2;
    }
  }
  if (!configFile) {
    console.error(USAGE);
    return 2;
  }
  let failed = false;
  const watcher = new AlertWatcher({
    config: readAlertsConfig(configFile),
    log: (record) => {
      if (record.event === "error") failed = true;
      console.log(JSON.stringify({ at: new Date().toISOString(), ...record }));
    },
  });
  if (once) {
    await watcher.evaluate();
    return failed ? 1 : 0;
  }
  await watcher.start();
  await new Promise<void>((resolve) => {
    const stop = () => void watcher.stop().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(getErrorMessage(error));
      process.exit(2);
    },
  );
}
