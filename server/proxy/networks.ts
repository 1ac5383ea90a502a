/**
 * One proxy, several chains. Each network the proxy serves has its own chain REST (for host URIs and
 * certificates), its own caches and connection pool, and its own loopback rule: only the devnet may reach
 * providers on this machine. A request names its network (`network`); without one it goes to the default,
 * so clients of the official contract (which has no such field) keep working.
 */
import { ProviderCertificateValidator } from "./certificate-validator.ts";
import { ProxyError } from "./errors.ts";
import { ProviderAgentPool } from "./provider-agent.ts";
import { CachedProviderRegistry, RestProviderRegistry, type CacheOptions, type ProviderRegistry } from "./provider-registry.ts";
import { TargetPolicy } from "./target-policy.ts";

export interface ProxyNetwork {
  /** Chain REST (grpc-gateway) base URL. */
  restUrl: string;
  /** Providers on loopback/private addresses and `*.localhost`: the devnet only. */
  allowLoopback?: boolean;
  /** Chain access override (tests). */
  registry?: ProviderRegistry;
}

/** The public networks' REST nodes (the same as the console's built-in entries). */
export const PUBLIC_NETWORKS: Readonly<Record<string, ProxyNetwork>> = {
  mainnet: { restUrl: "https://rpc.akt.dev/rest" },
  sandbox: { restUrl: "https://api.sandbox-2.aksh.pw:443" },
};

export interface NetworkContext {
  name: string;
  policy: TargetPolicy;
  pool: ProviderAgentPool;
}

export class ProxyNetworks {
  private readonly contexts = new Map<string, NetworkContext>();

  constructor(
    networks: Record<string, ProxyNetwork>,
    readonly defaultNetwork: string,
    options: { cache?: CacheOptions | false; now: () => number; handshakeTimeoutMs: number },
  ) {
    if (!networks[defaultNetwork]) throw new Error(`The default network "${defaultNetwork}" is not one of the proxy's networks (${Object.keys(networks).join(", ")})`);
    for (const [name, network] of Object.entries(networks)) {
      const base = network.registry ?? new RestProviderRegistry(network.restUrl);
      const registry = options.cache === false ? base : new CachedProviderRegistry(base, options.cache || {});
      const validator = new ProviderCertificateValidator(registry, options.now);
      const policy = new TargetPolicy(registry, network.allowLoopback === true);
      const pool = new ProviderAgentPool({ validator, lookup: policy.lookup, handshakeTimeoutMs: options.handshakeTimeoutMs });
      this.contexts.set(name, { name, policy, pool });
    }
  }

  names(): string[] {
    return [...this.contexts.keys()];
  }

  /** The network a request names, or the default; an unknown name is the client's mistake. */
  get(name: string | undefined): NetworkContext {
    const context = this.contexts.get(name ?? this.defaultNetwork);
    if (!context) throw new ProxyError("invalidRequest", `Unknown network "${name}": this proxy serves ${this.names().join(", ")}`);
    return context;
  }

  destroy(): void {
    for (const context of this.contexts.values()) context.pool.destroy();
  }
}
