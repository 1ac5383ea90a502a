/**
 * Non-HTTP endpoints of a lease (forwarded ports and leased IPs): shown as host:port with a ready connection
 * command, never as an http:// link. Providers are untrusted and people paste these commands into a shell, so a
 * host or port that is not plainly a host name, an IP address or a port number is dropped, never quoted into one.
 */
import jsYaml from "js-yaml";
import type { LeaseStatus } from "@/lib/provider-proxy";

/** What the SDL says about a service, to make its connection command right (image kind, database user). */
export interface ServiceHint {
  image?: string;
  env?: Record<string, string>;
}

/** Service name → image and env, from the deployment's SDL text (empty when it cannot be read). */
export function serviceHints(sdlText: string | undefined): Record<string, ServiceHint> {
  if (!sdlText) return {};
  let sdl: unknown;
  try {
    sdl = jsYaml.load(sdlText);
  } catch {
    return {};
  }
  const services = (sdl as { services?: unknown } | null)?.services;
  if (!services || typeof services !== "object") return {};
  const out: Record<string, ServiceHint> = {};
  for (const [name, spec] of Object.entries(services as Record<string, unknown>)) {
    const { image, env } = (spec ?? {}) as { image?: unknown; env?: unknown };
    const vars: Record<string, string> = {};
    for (const entry of Array.isArray(env) ? env : []) {
      if (typeof entry === "string" && entry.includes("=")) vars[entry.slice(0, entry.indexOf("="))] = entry.slice(entry.indexOf("=") + 1);
    }
    out[name] = { ...(typeof image === "string" ? { image } : {}), env: vars };
  }
  return out;
}

/** A user name is only put into a command when it is plainly one. */
function safeUser(value: string | undefined, fallback: string): string {
  return value && /^[A-Za-z0-9_.-]{1,63}$/.test(value) ? value : fallback;
}

export interface TcpEndpoint {
  service: string;
  host: string;
  /** The port to connect to (the provider's external port). */
  port: number;
  /** The port the container listens on. */
  containerPort: number;
  proto: "TCP" | "UDP";
  /** A command that connects, for the kind of server the container port suggests. */
  command: string;
  /** What the command uses, in words ("PostgreSQL client"). */
  client: string;
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6 = /^[0-9a-f:]+$/i;

export function isSafeHost(host: string): boolean {
  return HOSTNAME.test(host) || IPV4.test(host) || (host.includes(":") && IPV6.test(host) && host.length <= 39);
}

function isPort(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value < 65536;
}

/** host:port, with IPv6 in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A connection command by the image (when known) or the container's well-known port; a generic netcat otherwise. */
export function connectionCommand(host: string, port: number, containerPort: number, proto: "TCP" | "UDP" = "TCP", hint: ServiceHint = {}): { command: string; client: string } {
  if (proto === "UDP") return { command: `nc -u ${host} ${port}`, client: "netcat (UDP)" };
  const image = (hint.image ?? "").toLowerCase();
  const env = hint.env ?? {};
  if (/(^|\/)(postgres|postgis|timescaledb)[:@]?/.test(image) || containerPort === 5432) {
    return { command: `psql -h ${host} -p ${port} -U ${safeUser(env.POSTGRES_USER, "postgres")}`, client: "PostgreSQL client" };
  }
  if (/(^|\/)(mysql|mariadb)[:@]?/.test(image) || containerPort === 3306) {
    return { command: `mysql -h ${host} -P ${port} -u ${safeUser(env.MYSQL_USER ?? env.MARIADB_USER, "root")} -p`, client: "MySQL client" };
  }
  switch (containerPort) {
    case 6379:
      return { command: `redis-cli -h ${host} -p ${port}`, client: "Redis CLI" };
    case 27017:
      return { command: `mongosh --host ${host} --port ${port}`, client: "MongoDB shell" };
    case 22:
      return { command: `ssh -p ${port} root@${host}`, client: "SSH" };
    case 25565:
      return { command: hostPort(host, port), client: "Minecraft (server address)" };
    default:
      return { command: `nc ${host} ${port}`, client: "netcat" };
  }
}

function protoOf(value: unknown): "TCP" | "UDP" {
  return String(value).toUpperCase() === "UDP" ? "UDP" : "TCP";
}

/** Every forwarded port and leased IP in a lease status whose host and ports are sound. */
export function tcpEndpoints(status: LeaseStatus | null | undefined, hints: Record<string, ServiceHint> = {}): TcpEndpoint[] {
  if (!status) return [];
  const out: TcpEndpoint[] = [];
  const add = (service: string, host: unknown, port: unknown, containerPort: unknown, proto: unknown) => {
    if (typeof host !== "string" || !isSafeHost(host) || !isPort(port) || !isPort(containerPort)) return;
    const p = protoOf(proto);
    if (out.some((e) => e.host === host && e.port === port && e.proto === p)) return;
    out.push({ service, host, port, containerPort, proto: p, ...connectionCommand(host, port, containerPort, p, hints[service]) });
  };
  for (const [service, ports] of Object.entries(status.forwarded_ports ?? {})) {
    if (!Array.isArray(ports)) continue;
    for (const p of ports) add(service, p?.host, p?.externalPort, p?.port, p?.proto);
  }
  for (const [service, ips] of Object.entries(status.ips ?? {})) {
    if (!Array.isArray(ips)) continue;
    for (const ip of ips) add(service, ip?.IP, ip?.ExternalPort, ip?.Port, ip?.Protocol);
  }
  return out;
}
