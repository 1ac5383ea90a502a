import dns from "node:dns";
import net from "node:net";
import type { LookupFunction } from "node:net";
import { ProxyError } from "./errors.ts";
import type { ProviderRegistry } from "./provider-registry.ts";

/**
 * Decides whether a URL may be proxied to a provider: the proxy is not an open proxy, so the
 * URL must be https, name (not IP) the host registered on chain as the provider's host_uri,
 * and resolve to a public address (loopback/private only when started for the devnet).
 */
export class TargetPolicy {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly allowLoopback: boolean,
  ) {}

  /** Validates `rawUrl` for `providerAddress`; returns the parsed URL. */
  async resolve(rawUrl: string, providerAddress: string): Promise<URL> {
    const url = parseProviderUrl(rawUrl);
    const hostUri = await this.registry.getHostUri(providerAddress);
    if (!hostUri) {
      throw new ProxyError("providerNotFound", `${providerAddress} is not a provider registered on chain`);
    }
    let registered: URL;
    try {
      registered = new URL(hostUri);
    } catch {
      throw new ProxyError("providerNotFound", `Provider ${providerAddress} has an invalid host_uri on chain: ${hostUri}`);
    }
    if (registered.host !== url.host) {
      throw new ProxyError(
        "hostMismatch",
        `Refusing to proxy to ${url.host}: provider ${providerAddress} is registered on chain at ${registered.host}`,
      );
    }
    if (!this.allowLoopback && isLocalName(url.hostname)) {
      throw new ProxyError("privateNetwork", `Refusing to proxy to ${url.hostname}: local hosts are only reachable on the devnet`);
    }
    return url;
  }

  /** A DNS lookup for upstream sockets that maps `*.localhost` to loopback and refuses private addresses. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    const cb = callback as (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
    const all = Boolean((options as dns.LookupOptions).all);
    const reply = (addresses: dns.LookupAddress[]) => {
      const forbidden = !this.allowLoopback && addresses.find((a) => isPrivateAddress(a.address));
      if (forbidden) {
        cb(privateNetworkError(hostname, forbidden.address), all ? [] : "");
        return;
      }
      if (all) cb(null, addresses);
      else cb(null, addresses[0]!.address, addresses[0]!.family);
    };
    if (isLocalName(hostname)) {
      reply([{ address: "127.0.0.1", family: 4 }]);
      return;
    }
    dns.lookup(hostname, { ...(options as dns.LookupOptions), all: true }, (err, addresses) => {
      if (err) cb(err, all ? [] : "");
      else if (addresses.length === 0) cb(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), all ? [] : "");
      else reply(addresses);
    });
  };
}

export function parseProviderUrl(rawUrl: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new ProxyError("invalidRequest", `Not a valid URL: ${rawUrl.slice(0, 200)}`);
  }
  if (url.protocol !== "https:") {
    throw new ProxyError("insecureUrl", `Only https:// provider URLs can be proxied (got ${url.protocol}//)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) {
    throw new ProxyError("ipLiteralUrl", `Provider URLs must use the provider's host name, not an IP address (${host})`);
  }
  // "nas.local." (a trailing dot) is the same host as "nas.local".
  if (host.toLowerCase().replace(/\.+$/, "").endsWith(".local")) {
    throw new ProxyError("privateNetwork", `Refusing to proxy to ${host}: .local hosts are not reachable through the proxy`);
  }
  if (url.username || url.password) {
    throw new ProxyError("invalidRequest", "Provider URLs must not contain credentials");
  }
  return url;
}

function isLocalName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost");
}

const PRIVATE_RANGES = (() => {
  const list = new net.BlockList();
  for (const [prefix, bits] of [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["192.0.0.0", 24], // IETF protocol assignments
    ["192.0.2.0", 24], // documentation (TEST-NET-1..3)
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["224.0.0.0", 4], // multicast
    ["240.0.0.0", 4], // reserved, and 255.255.255.255 broadcast
  ] as const) {
    list.addSubnet(prefix, bits, "ipv4");
  }
  for (const [prefix, bits] of [
    ["::", 96], // unspecified, loopback and IPv4-compatible (::a.b.c.d)
    ["64:ff9b::", 96], // NAT64: reaches any IPv4 address, private ones included
    ["64:ff9b:1::", 48],
    ["100::", 64], // discard
    ["2001::", 32], // Teredo: embeds an IPv4 address
    ["2001:db8::", 32], // documentation
    ["2002::", 16], // 6to4: embeds an IPv4 address
    ["fc00::", 7],
    ["fe80::", 10],
    ["fec0::", 10], // site-local (deprecated, still routed on some networks)
    ["ff00::", 8], // multicast
  ] as const) {
    list.addSubnet(prefix, bits, "ipv6");
  }
  return list;
})();

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE_RANGES.check(mapped[1]!, "ipv4");
  const family = net.isIP(address);
  if (family === 4) return PRIVATE_RANGES.check(address, "ipv4");
  if (family === 6) return PRIVATE_RANGES.check(address, "ipv6");
  return true;
}

export function privateNetworkError(hostname: string, address: string): ProxyError {
  return new ProxyError(
    "privateNetwork",
    `Refusing to proxy to ${hostname}: it resolves to the private/loopback address ${address} (allowed only on the devnet)`,
  );
}
