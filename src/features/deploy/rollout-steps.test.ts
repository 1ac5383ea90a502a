import { describe, expect, it } from "vitest";
import type { LeaseStatus } from "@/lib/provider-proxy";
import { furthestStep, isLeaseReady, leaseUris, parseEventFrame, stepOfEvent, stepOfStatus } from "./rollout-steps";

const service = (available: number, total: number, uris: string[] | null = null) => ({ name: "web", available, total, uris });

describe("rollout steps", () => {
  it("reads steps from the lease status: unknown lease, accepted, started, ready", () => {
    expect(stepOfStatus(null)).toBeNull();
    expect(stepOfStatus({ services: {} })).toBe("manifest");
    expect(stepOfStatus({ services: { web: service(0, 1) } })).toBe("manifest");
    expect(stepOfStatus({ services: { web: service(1, 2) } })).toBe("started");
    expect(stepOfStatus({ services: { web: service(2, 2), db: service(1, 1) } })).toBe("ready");
    expect(isLeaseReady({ services: { web: service(0, 0) } })).toBe(false);
  });

  it("reads steps from kube events", () => {
    expect(stepOfEvent("Pulling")).toBe("pulling");
    expect(stepOfEvent("Pulled")).toBe("pulling");
    expect(stepOfEvent("Started")).toBe("started");
    expect(stepOfEvent("Created")).toBe("started");
    expect(stepOfEvent("Scheduled")).toBeNull();
    expect(parseEventFrame('{"reason":"Pulling","note":"nginx"}', 7)).toEqual({ at: 7, reason: "Pulling", note: "nginx" });
    expect(parseEventFrame("not json", 7)).toBeNull();
    expect(parseEventFrame('{"note":"no reason"}', 7)).toBeNull();
  });

  it("keeps the furthest step whatever order the signals come in", () => {
    expect(furthestStep()).toBe("lease");
    expect(furthestStep("started", "pulling", null, "manifest")).toBe("started");
    expect(furthestStep(undefined, "ready")).toBe("ready");
  });

  it("lists service URIs only: a forwarded port is not an HTTP address", () => {
    const status: LeaseStatus = {
      services: { web: service(1, 1, ["web.ingress.localhost"]) },
      forwarded_ports: { web: [{ host: "p.example", port: 22, externalPort: 31022, proto: "TCP", name: "web" }] },
    };
    expect(leaseUris(status)).toEqual(["web.ingress.localhost"]);
    expect(leaseUris(null)).toEqual([]);
  });
});
