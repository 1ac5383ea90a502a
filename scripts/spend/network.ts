/** `--network devnet|sandbox|mainnet|<rest-url>` → the endpoints the spend and alerts scripts read. */
import { BUILTIN_NETWORKS } from "../../src/lib/networks/networks.ts";

export interface Endpoints {
  name: string;
  restUrl: string;
  /** CometBFT RPC (for the alerts watcher's WebSocket); empty when only a REST URL was given. */
  rpcUrl: string;
}

export function resolveNetwork(spec: string, rpcOverride?: string): Endpoints {
  const builtin = (BUILTIN_NETWORKS as Record<string, { restUrl: string; rpcUrl: string } | undefined>)[spec];
  if (builtin) return { name: spec, restUrl: builtin.restUrl, rpcUrl: rpcOverride ?? builtin.rpcUrl };
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new Error(`--network must be devnet, sandbox, mainnet or a REST URL (http:// or https://), not "${spec}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`--network URL must be http:// or https://, not ${url.protocol}`);
  return { name: url.host, restUrl: spec.replace(/\/+$/, ""), rpcUrl: rpcOverride ?? "" };
}
