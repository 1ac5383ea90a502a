/**
 * `npm run spend -- --address <a>[,<b>…] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--network devnet|sandbox|mainnet|<rest-url>]
 *  [--json|--csv]`
 *
 * A team's spend from the chain alone (src/lib/spend, the dashboard's code). Exit codes: 0 done, 1 the node could not
 * answer (unreachable, pruned range), 2 bad usage (bad address or date).
 */
import { pathToFileURL } from "node:url";
import { getErrorMessage } from "../../src/lib/errors.ts";
import { PrunedRangeError } from "../../src/lib/spend/history.ts";
import { loadTeamSpend, SpendInputError } from "../../src/lib/spend/load.ts";
import { resolveNetwork } from "./network.ts";
import { reportCsv, reportJson, reportTable } from "./report.ts";

const USAGE = "Usage: npm run spend -- --address <akash1…>[,<akash1…>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--network devnet|sandbox|mainnet|<rest-url>] [--json|--csv]";

export interface SpendCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function main(argv: string[], io: SpendCliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }): Promise<number> {
  const addresses: string[] = [];
  let from: string | undefined;
  let to: string | undefined;
  let network = "mainnet";
  let format: "table" | "json" | "csv" = "table";
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.startsWith("--") && argv[i]!.includes("=") ? [argv[i]!.slice(0, argv[i]!.indexOf("=")), argv[i]!.slice(argv[i]!.indexOf("=") + 1)] : [argv[i]!, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new SpendInputError(`${flag} needs a value`);
      return v;
    };
    try {
      if (flag === "--address" || flag === "--addresses") addresses.push(...value().split(","));
      else if (flag === "--from") from = value();
      else if (flag === "--to") to = value();
      else if (flag === "--network") network = value();
      else if (flag === "--json") format = "json";
      else if (flag === "--csv") format = "csv";
      else if (flag === "--help" || flag === "-h") {
        io.out(`${USAGE}\n`);
        return 0;
      } else throw new SpendInputError(`Unknown argument: ${flag}`);
    } catch (error) {
      io.err(`${getErrorMessage(error)}\n${USAGE}\n`);
      return 2;
    }
  }
  if (addresses.length === 0) {
    io.err(`Give at least one --address\n${USAGE}\n`);
    return 2;
  }
  let endpoints;
  try {
    endpoints = resolveNetwork(network);
  } catch (error) {
    io.err(`${getErrorMessage(error)}\n`);
    return 2;
  }
  try {
    const spend = await loadTeamSpend({ restUrl: endpoints.restUrl, addresses, from, to });
    if (format === "json") io.out(`${JSON.stringify(reportJson(spend, endpoints.name), null, 2)}\n`);
    else if (format === "csv") io.out(reportCsv(spend));
    else io.out(reportTable(spend, endpoints.name));
    return 0;
  } catch (error) {
    if (error instanceof SpendInputError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    const prefix = error instanceof PrunedRangeError ? "Pruned range" : `Cannot read spend from ${endpoints.restUrl}`;
    io.err(`${prefix}: ${getErrorMessage(error)}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
