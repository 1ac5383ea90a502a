import { z } from "zod";
import { PUBLIC_NETWORKS, type ProxyNetwork } from "./networks.ts";
import { DEFAULT_CORS_ORIGINS } from "./container.ts";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  PROXY_HOST: z.string().min(1).default("127.0.0.1"),
  PROXY_PORT: z.coerce.number().int().min(0).max(65535).default(3040),
  PROXY_CHAIN_REST: z.string().url().default("http://127.0.0.1:1317"),
  PROXY_ALLOW_LOOPBACK: booleanFlag,
  /** Comma-separated origins, or "*". */
  PROXY_CORS_ORIGINS: z.string().optional(),
  PROXY_RATE_PER_SECOND: z.coerce.number().positive().optional(),
  PROXY_RATE_BURST: z.coerce.number().int().positive().optional(),
  /** Name of the PROXY_CHAIN_REST network (requests without `network` use it). */
  PROXY_NETWORK: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  /** More networks: `name=restUrl,…`, or "none". Default: mainnet and sandbox (minus the default's name). */
  PROXY_NETWORKS: z.string().optional(),
});

export interface ProxyConfig {
  host: string;
  port: number;
  restUrl: string;
  allowLoopback: boolean;
  corsOrigins: string[] | "*";
  rateLimit?: { perSecond: number; burst: number };
  defaultNetwork: string;
  networks: Record<string, ProxyNetwork>;
}

function parseNetworks(value: string | undefined, defaultNetwork: string): Record<string, ProxyNetwork> {
  if (value?.trim() === "none") return {};
  if (!value?.trim()) return Object.fromEntries(Object.entries(PUBLIC_NETWORKS).filter(([name]) => name !== defaultNetwork));
  const networks: Record<string, ProxyNetwork> = {};
  for (const pair of value.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name, restUrl] = pair.split(/=(.*)/s) as [string, string | undefined];
    if (!/^[a-z0-9-]{1,64}$/.test(name) || !restUrl || !z.string().url().safeParse(restUrl).success) throw new Error(`Invalid provider-proxy configuration:\n  PROXY_NETWORKS: "${pair}" is not name=https://rest.example`);
    if (name === defaultNetwork) throw new Error(`Invalid provider-proxy configuration:\n  PROXY_NETWORKS: "${name}" is already the default network (PROXY_NETWORK)`);
    // Only the default network may be the devnet (loopback); named networks are public chains.
    networks[name] = { restUrl };
  }
  return networks;
}

/** Parses env + argv (`--devnet` allows loopback providers); throws listing every invalid variable. */
export function loadProxyConfig(env: NodeJS.ProcessEnv, argv: string[]): ProxyConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid provider-proxy configuration:\n${problems}`);
  }
  const e = parsed.data;
  const cors = e.PROXY_CORS_ORIGINS?.trim();
  const allowLoopback = e.PROXY_ALLOW_LOOPBACK || argv.includes("--devnet");
  const defaultNetwork = e.PROXY_NETWORK ?? (allowLoopback ? "devnet" : "mainnet");
  return {
    defaultNetwork,
    networks: parseNetworks(e.PROXY_NETWORKS, defaultNetwork),
    host: e.PROXY_HOST,
    port: e.PROXY_PORT,
    restUrl: e.PROXY_CHAIN_REST,
    allowLoopback,
    corsOrigins: cors === "*" ? "*" : cors ? cors.split(",").map((o) => o.trim()).filter(Boolean) : DEFAULT_CORS_ORIGINS,
    rateLimit:
      e.PROXY_RATE_PER_SECOND !== undefined || e.PROXY_RATE_BURST !== undefined
        ? { perSecond: e.PROXY_RATE_PER_SECOND ?? 50, burst: e.PROXY_RATE_BURST ?? 200 }
        : undefined,
  };
}
