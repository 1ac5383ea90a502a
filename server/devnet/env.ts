/**
 * The devnet's environment (DEVNET_* variables), parsed with zod. An unset or empty variable takes its
 * default; a bad one is reported with its name, what was expected and what was given, every bad one in
 * the same error, so a start fails once with the whole list instead of once per mistake.
 */
import { z } from "zod";

/** Every problem found, one per line in the message. */
export class DevnetEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid devnet environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "DevnetEnvError";
  }
}

const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

/** A number from a variable: `fallback` when unset, an issue naming `expected` when `valid` refuses it. */
function envNumber(expected: string, fallback: number, valid: (n: number) => boolean) {
  return z.preprocess(unsetIfEmpty, z.string().optional()).transform((raw, ctx) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (raw.trim() === "" || !valid(value)) {
      ctx.issues.push({ code: "custom", input: raw, message: `expected ${expected}, got "${raw}"` });
      return z.NEVER;
    }
    return value;
  });
}

const integerIn = (min: number, max: number) => (n: number) => Number.isInteger(n) && n >= min && n <= max;
const port = (fallback: number) => envNumber("a port number from 0 to 65535 (0 = any free port)", fallback, integerIn(0, 65535));
const text = (fallback: string) => z.preprocess(unsetIfEmpty, z.string().optional()).transform((v) => v ?? fallback);
const flag = z.preprocess(unsetIfEmpty, z.string().optional()).transform((raw, ctx) => {
  if (raw === undefined) return false;
  const value = raw.trim().toLowerCase();
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  ctx.issues.push({ code: "custom", input: raw, message: `expected 1, true, 0 or false, got "${raw}"` });
  return z.NEVER;
});

/** The chain and its servers (`npm run devnet`, `npm start`, `startDevnet`). */
const ChainEnvSchema = z.object({
  DEVNET_HOST: text("127.0.0.1"),
  DEVNET_RPC_PORT: port(26657),
  DEVNET_REST_PORT: port(1317),
  DEVNET_FAUCET_PORT: port(8000),
  DEVNET_BLOCK_MS: envNumber("a block interval of at least 10 ms", 1000, (n) => Number.isFinite(n) && n >= 10),
  DEVNET_AKT_PRICE: envNumber("a positive AKT price in USD", 3.0, (n) => Number.isFinite(n) && n > 0),
  DEVNET_UAKT_PRICING: flag,
  DEVNET_DATA_DIR: text(".devnet"),
});

/** The simulated providers. Provider N's gateway is base+2(N−1), its ingress the port after (so at most 65515). */
const ProviderEnvSchema = z.object({
  DEVNET_PROVIDERS: envNumber("a number of providers from 0 to 10", 5, integerIn(0, 10)),
  DEVNET_PROVIDER_BASE_PORT: envNumber("a port number from 0 to 65515 (0 = free ports)", 8443, integerIn(0, 65515)),
  DEVNET_PROVIDER_ADMIN_PORT: port(8440),
  DEVNET_BID_DELAY_MS: envNumber("a delay from 0 to 600000 ms", 500, integerIn(0, 600_000)),
  DEVNET_WITHDRAW_INTERVAL_MS: envNumber("an interval of at least 1000 ms", 60_000, integerIn(1000, Number.MAX_SAFE_INTEGER)),
});

const DevnetEnvSchema = z.object({ ...ChainEnvSchema.shape, ...ProviderEnvSchema.shape });

export type DevnetEnvName = keyof z.input<typeof DevnetEnvSchema>;

export interface ChainEnv {
  host: string;
  rpcPort: number;
  restPort: number;
  faucetPort: number;
  blockMs: number;
  aktPriceUsd: number;
  /** DEVNET_UAKT_PRICING: accept uakt-priced deployments (pre-BME chains). */
  uaktPricing: boolean;
  dataDir: string;
}

export interface ProviderEnv {
  count: number;
  basePort: number;
  adminPort: number;
  bidDelayMs: number;
  withdrawIntervalMs: number;
}

/**
 * `sources` renames a variable in messages when its value came from elsewhere, e.g. a command-line flag
 * merged into the env (`{ DEVNET_PROVIDERS: "--providers" }`).
 */
type Sources = Partial<Record<DevnetEnvName, string>>;

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, sources: Sources): z.output<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new DevnetEnvError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `${sources[name as DevnetEnvName] ?? name}: ${issue.message}`;
    }),
  );
}

function chainEnv(e: z.output<typeof ChainEnvSchema>): ChainEnv {
  return {
    host: e.DEVNET_HOST,
    rpcPort: e.DEVNET_RPC_PORT,
    restPort: e.DEVNET_REST_PORT,
    faucetPort: e.DEVNET_FAUCET_PORT,
    blockMs: e.DEVNET_BLOCK_MS,
    aktPriceUsd: e.DEVNET_AKT_PRICE,
    uaktPricing: e.DEVNET_UAKT_PRICING,
    dataDir: e.DEVNET_DATA_DIR,
  };
}

function providerEnv(e: z.output<typeof ProviderEnvSchema>): ProviderEnv {
  return {
    count: e.DEVNET_PROVIDERS,
    basePort: e.DEVNET_PROVIDER_BASE_PORT,
    adminPort: e.DEVNET_PROVIDER_ADMIN_PORT,
    bidDelayMs: e.DEVNET_BID_DELAY_MS,
    withdrawIntervalMs: e.DEVNET_WITHDRAW_INTERVAL_MS,
  };
}

/** The whole devnet environment (chain and providers); throws a DevnetEnvError listing every bad variable. */
export function loadDevnetEnv(env: NodeJS.ProcessEnv = process.env, sources: Sources = {}): { chain: ChainEnv; providers: ProviderEnv } {
  const e = parse(DevnetEnvSchema, env, sources);
  return { chain: chainEnv(e), providers: providerEnv(e) };
}

/** Only the chain's variables (code that starts a chain without providers need not care about theirs). */
export function loadChainEnv(env: NodeJS.ProcessEnv = process.env): ChainEnv {
  return chainEnv(parse(ChainEnvSchema, env, {}));
}
