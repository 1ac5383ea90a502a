import { z } from "zod";
import { DEFAULT_CORS_ORIGINS } from "./server.ts";

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
});

export interface ProxyConfig {
  host: string;
  port: number;
  restUrl: string;
  allowLoopback: boolean;
  corsOrigins: string[] | "*";
  rateLimit?: { perSecond: number; burst: number };
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
  return {
    host: e.PROXY_HOST,
    port: e.PROXY_PORT,
    restUrl: e.PROXY_CHAIN_REST,
    allowLoopback: e.PROXY_ALLOW_LOOPBACK || argv.includes("--devnet"),
    corsOrigins: cors === "*" ? "*" : cors ? cors.split(",").map((o) => o.trim()).filter(Boolean) : DEFAULT_CORS_ORIGINS,
    rateLimit:
      e.PROXY_RATE_PER_SECOND !== undefined || e.PROXY_RATE_BURST !== undefined
        ? { perSecond: e.PROXY_RATE_PER_SECOND ?? 50, burst: e.PROXY_RATE_BURST ?? 200 }
        : undefined,
  };
}
