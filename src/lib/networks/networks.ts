/**
 * Network definitions. A network is a chain id plus the endpoints the console talks to.
 * Built-in entries may be overridden at runtime by `/config.json` (see `applyNetworkOverrides`),
 * which is how a local devnet on arbitrary ports is wired in without devnet-only code paths.
 */
// zod/mini: the same validation at a fraction of the size, since this ships in the first-load bundle.
import * as z from "zod/mini";

export type NetworkId = "devnet" | "sandbox" | "mainnet" | "custom";

export interface Denoms {
  /** Staking/fee token (AKT). */
  fee: string;
  /** Compute token that deployments are priced in (ACT). */
  compute: string;
}

export interface NetworkConfig {
  id: NetworkId;
  label: string;
  /** Expected chain id; empty for a custom network whose chain id is read from the node. */
  chainId: string;
  rpcUrl: string;
  restUrl: string;
  /** Provider proxy (HTTP + WS) base URL; empty when none is configured. */
  proxyUrl: string;
  /** The name the proxy knows this network by (its `network` field); empty = the proxy's default network. */
  proxyNetwork: string;
  /** Faucet base URL (`POST /credit`), only where one exists. */
  faucetUrl: string;
  denoms: Denoms;
  bech32Prefix: string;
  /** Average block time used to decide when the node is lagging. */
  blockTimeMs: number;
  /** Whether the built-in browser wallet is offered (local test networks only). */
  builtinWallet: boolean;
  /** Whether wallets should be asked to add this chain (it is not in their registries). */
  suggestChain: boolean;
  /**
   * Auditors trusted on this network, address → name. Anyone can sign provider attributes on chain; a provider
   * is "audited" only when one of these signed it (users may add more in Settings).
   */
  auditors: Readonly<Record<string, string>>;
}

/** The auditor account in the devnet's genesis (server/devnet/config.ts AUDITOR_ADDRESS); its key is public. */
export const DEVNET_AUDITOR = "akash15cpkukv6gft3kjg603vyr9zlgtm84zd9eltyxx";
/** Overclock Labs, mainnet's auditor (the address the official console and templates use in signedBy). */
export const MAINNET_AUDITOR = "akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63";

const AKASH_DENOMS: Denoms = { fee: "uakt", compute: "uact" };

export const BUILTIN_NETWORKS: Record<Exclude<NetworkId, "custom">, NetworkConfig> = {
  devnet: {
    id: "devnet",
    label: "Devnet",
    chainId: "akash-devnet-1",
    rpcUrl: "http://127.0.0.1:26657",
    restUrl: "http://127.0.0.1:1317",
    proxyUrl: "http://127.0.0.1:3040",
    proxyNetwork: "devnet",
    faucetUrl: "http://127.0.0.1:8000",
    denoms: AKASH_DENOMS,
    bech32Prefix: "akash",
    blockTimeMs: 1000,
    builtinWallet: true,
    suggestChain: true,
    auditors: { [DEVNET_AUDITOR]: "Devnet auditor" },
  },
  sandbox: {
    id: "sandbox",
    label: "Akash Sandbox",
    chainId: "sandbox-2",
    rpcUrl: "https://rpc.sandbox-2.aksh.pw:443",
    restUrl: "https://api.sandbox-2.aksh.pw:443",
    // The proxy `npm start` runs serves the public networks too; a hosted console sets its own in /config.json.
    proxyUrl: "http://127.0.0.1:3040",
    proxyNetwork: "sandbox",
    faucetUrl: "",
    denoms: AKASH_DENOMS,
    bech32Prefix: "akash",
    blockTimeMs: 6000,
    builtinWallet: false,
    suggestChain: true,
    // No auditor is documented for the sandbox: none is trusted until the user adds one.
    auditors: {},
  },
  mainnet: {
    id: "mainnet",
    label: "Akash Mainnet",
    chainId: "akashnet-2",
    rpcUrl: "https://rpc.akt.dev/rpc",
    restUrl: "https://rpc.akt.dev/rest",
    proxyUrl: "http://127.0.0.1:3040",
    proxyNetwork: "mainnet",
    faucetUrl: "",
    denoms: AKASH_DENOMS,
    bech32Prefix: "akash",
    blockTimeMs: 6098,
    builtinWallet: false,
    suggestChain: false,
    auditors: { [MAINNET_AUDITOR]: "Overclock Labs" },
  },
};

export const NETWORK_IDS: NetworkId[] = ["devnet", "sandbox", "mainnet", "custom"];

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const httpUrl = z.pipe(
  z.string().check(z.trim(), z.minLength(1, { error: "Required", abort: true }), z.refine(isHttpUrl, "Enter a full http:// or https:// URL")),
  z.transform(stripTrailingSlash),
);

const optionalHttpUrl = z.union([z.pipe(z.literal(""), z.transform(() => "")), httpUrl]);

/** What the user types for a custom network. */
export const customNetworkSchema = z.object({
  rpcUrl: httpUrl,
  restUrl: httpUrl,
  proxyUrl: z._default(optionalHttpUrl, ""),
  chainId: z._default(z.string().check(z.trim(), z.maxLength(64), z.regex(/^[a-zA-Z0-9._-]*$/, "Letters, digits, '.', '_' and '-' only")), ""),
});
export type CustomNetworkInput = z.input<typeof customNetworkSchema>;
export type CustomNetworkSettings = z.output<typeof customNetworkSchema>;

export function customNetwork(settings: CustomNetworkSettings): NetworkConfig {
  return {
    id: "custom",
    label: "Custom",
    chainId: settings.chainId,
    rpcUrl: settings.rpcUrl,
    restUrl: settings.restUrl,
    proxyUrl: settings.proxyUrl,
    // A custom network's proxy is the user's own: its default network.
    proxyNetwork: "",
    faucetUrl: "",
    denoms: AKASH_DENOMS,
    bech32Prefix: "akash",
    blockTimeMs: 6000,
    builtinWallet: false,
    suggestChain: true,
    auditors: {},
  };
}

/** Shape of `/config.json`: per-network endpoint overrides. */
const endpointOverrideSchema = z.strictObject({
  label: z.optional(z.string().check(z.minLength(1))),
  chainId: z.optional(z.string().check(z.minLength(1))),
  rpcUrl: z.optional(httpUrl),
  restUrl: z.optional(httpUrl),
  proxyUrl: z.optional(optionalHttpUrl),
  proxyNetwork: z.optional(z.string().check(z.regex(/^[a-z0-9-]{0,64}$/))),
  faucetUrl: z.optional(optionalHttpUrl),
  blockTimeMs: z.optional(z.number().check(z.positive())),
  /** Replaces the network's trusted auditors (address → name), e.g. for a self-hosted network. */
  auditors: z.optional(z.record(z.string().check(z.regex(/^akash1[0-9a-z]{38}$/)), z.string().check(z.minLength(1), z.maxLength(100)))),
});

export const runtimeConfigSchema = z.object({
  defaultNetwork: z.optional(z.enum(["devnet", "sandbox", "mainnet"])),
  networks: z._default(
    z.object({
      devnet: z.optional(endpointOverrideSchema),
      sandbox: z.optional(endpointOverrideSchema),
      mainnet: z.optional(endpointOverrideSchema),
    }),
    {},
  ),
});
export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;

export type BuiltinNetworks = typeof BUILTIN_NETWORKS;

export function applyNetworkOverrides(base: BuiltinNetworks, config: RuntimeConfig | null): BuiltinNetworks {
  if (!config) return base;
  const result = { ...base };
  for (const id of ["devnet", "sandbox", "mainnet"] as const) {
    const override = config.networks[id];
    if (override) result[id] = { ...base[id], ...override };
  }
  return result;
}

/** Parses `/config.json`; returns a readable error instead of throwing. */
export function parseRuntimeConfig(raw: unknown): { ok: true; value: RuntimeConfig } | { ok: false; error: string } {
  const parsed = runtimeConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ") };
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
