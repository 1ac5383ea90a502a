/**
 * Non-HTTP endpoints of a lease (forwarded ports and leased IPs): shown as host:port with a ready connection
 * command, never as an http:// link. Providers are untrusted and people paste these commands into a shell, so a
 * host or port that is not plainly a host name, an IP address or a port number is dropped, never quoted into one.
 */
import type { LeaseStatus } from "@/lib/provider-proxy";

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

/** A connection command by the container's well-known port; a generic netcat otherwise. */
export function connectionCommand(host: string, port: number, containerPort: number, proto: "TCP" | "UDP" = "TCP"): { command: string; client: string } {
  if (proto === "UDP") return { command: `nc -u ${host} ${port}`, client: "netcat (UDP)" };
  switch (containerPort) {
    case 5432:
      return { command: `psql -h ${host} -p ${port} -U postgres`, client: "PostgreSQL client" };
    case 3306:
      return { command: `mysql -h ${host} -P ${port} -u root -p`, client: "MySQL client" };
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
export function tcpEndpoints(status: LeaseStatus | null | undefined): TcpEndpoint[] {
  if (!status) return [];
  const out: TcpEndpoint[] = [];
  const add = (service: string, host: unknown, port: unknown, containerPort: unknown, proto: unknown) => {
    if (typeof host !== "string" || !isSafeHost(host) || !isPort(port) || !isPort(containerPort)) return;
    const p = protoOf(proto);
    if (out.some((e) => e.host === host && e.port === port && e.proto === p)) return;
    out.push({ service, host, port, containerPort, proto: p, ...connectionCommand(host, port, containerPort, p) });
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
