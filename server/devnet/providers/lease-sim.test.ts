import { afterEach, describe, expect, test } from "vitest";
import { LeaseSim, isIngressExpose, leaseNamespace, type KubeEvent } from "./lease-sim.ts";
import { decodeManifest } from "./manifest.ts";
import { buildSdl, sdl, testdata } from "./test-support.ts";

const id = { owner: "akash1m8pac3yj90xahz8lnl3nauth3agactsvslfgjf", dseq: "42", gseq: 1, oseq: 1, provider: "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5", bseq: 0 };
const sims: LeaseSim[] = [];
afterEach(() => sims.splice(0).forEach((s) => s.stop()));

async function sim(yaml: string, extra: Partial<ConstructorParameters<typeof LeaseSim>[0]> = {}) {
  const b = await buildSdl(yaml);
  const s = new LeaseSim({ leaseId: id, group: decodeManifest(b.manifestJson).groups[0]!, hostName: "provider-1.localhost", ingressPort: 8081, ips: new Map(), forwardedPorts: new Map(), timeScale: 0.05, logIntervalMs: 20, ...extra });
  sims.push(s);
  return s;
}

const until = async (f: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error("timeout");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("lease workload simulation", () => {
  test("pods go through k8s events and become ready; status uses the provider's field names", async () => {
    const s = await sim(sdl({ count: 2 }));
    const seen: KubeEvent[] = [];
    s.on("event", (e: KubeEvent) => seen.push(e));
    const first = s.status().services.web!;
    expect(first).toEqual({ name: "web", available: 0, total: 2, uris: [expect.stringMatching(/^[a-z2-7]{24}\.ingress\.provider-1\.localhost:8081$/)], observed_generation: 1, replicas: 2, updated_replicas: 2, ready_replicas: 0, available_replicas: 0 });
    s.start();
    await until(() => s.status().services.web!.ready_replicas === 2);
    expect(seen.filter((e) => e.object.name === s.pods[0]!.name).map((e) => e.reason)).toEqual(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    expect(seen[0]!.object).toEqual({ kind: "Pod", namespace: leaseNamespace(id), name: s.pods[0]!.name });
  });

  test("logs are plausible for the image and keep coming; tail and service filters work", async () => {
    const s = await sim(sdl({ image: "postgres:16" }));
    s.start();
    await until(() => s.logLines(null, -1).length > 8);
    const lines = s.logLines(["web"], -1).map((l) => l.message);
    expect(lines.some((l) => l.includes("database system is ready to accept connections"))).toBe(true);
    expect(s.logLines(null, 2)).toHaveLength(2);
    expect(s.logLines(["other"], -1)).toHaveLength(0);
  });

  test("forwarded ports and leased IPs are reported with the real field names and casing", async () => {
    const web = await buildSdl(testdata("web-app.sdl.yaml"));
    const group = decodeManifest(web.manifestJson).groups[0]!;
    const s = new LeaseSim({ leaseId: id, group, hostName: "provider-1.localhost", ingressPort: 80, ips: new Map(), forwardedPorts: new Map([["web:9090:TCP", 31234]]) });
    sims.push(s);
    const st = s.status();
    expect(st.forwarded_ports).toEqual({ web: [{ host: "provider-1.localhost", port: 9090, externalPort: 31234, proto: "TCP", name: "web" }] });
    expect(st.services.web!.uris![0]).toMatch(/\.ingress\.provider-1\.localhost$/);

    const ipSim = await sim(sdl({ ip: true }), { ips: new Map([[1, "198.51.100.11"]]) });
    expect(ipSim.status().ips).toEqual({ web: [{ Port: 80, ExternalPort: 80, Protocol: "TCP", IP: "198.51.100.11" }] });
  });

  test("only global TCP exposes on port 80 use the shared HTTP ingress", () => {
    expect(isIngressExpose({ global: true, proto: "TCP", externalPort: 80, port: 3000 })).toBe(true);
    expect(isIngressExpose({ global: true, proto: "TCP", externalPort: 0, port: 80 })).toBe(true);
    expect(isIngressExpose({ global: true, proto: "UDP", externalPort: 80, port: 80 })).toBe(false);
    expect(isIngressExpose({ global: false, proto: "TCP", externalPort: 80, port: 80 })).toBe(false);
    expect(isIngressExpose({ global: true, proto: "TCP", externalPort: 8080, port: 80 })).toBe(false);
  });

  test("stop ends the workload", async () => {
    const s = await sim(sdl({}));
    let closed = false;
    s.on("closed", () => (closed = true));
    s.start();
    s.stop();
    expect(closed).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.events).toHaveLength(0);
  });
});
