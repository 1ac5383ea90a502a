/**
 * A running lease's simulated workload: k8s-like pod events, replicas becoming ready over a few
 * seconds, and logs that keep coming while the lease runs. Emits "event" and "log" for followers.
 */
import { EventEmitter } from "node:events";
import { createHash } from "node:crypto";
import type { ManifestGroup, ManifestService } from "./manifest.ts";
import { imageFamily, periodicLine, requestLine, startupLines, type ImageFamily } from "./logs.ts";
import type { LeaseIdView } from "./types.ts";

export interface KubeEvent {
  type: "Normal" | "Warning";
  reportingController: string;
  reportingInstance: string;
  reason: string;
  note: string;
  object: { kind: string; namespace: string; name: string };
}

export interface LogLine {
  name: string;
  message: string;
}

export interface ForwardedPort {
  host: string;
  port: number;
  externalPort: number;
  proto: string;
  name: string;
}

export interface LeasedIp {
  Port: number;
  ExternalPort: number;
  Protocol: string;
  IP: string;
}

export interface ServiceStatus {
  name: string;
  available: number;
  total: number;
  uris: string[] | null;
  observed_generation: number;
  replicas: number;
  updated_replicas: number;
  ready_replicas: number;
  available_replicas: number;
}

export interface LeaseStatus {
  services: Record<string, ServiceStatus>;
  forwarded_ports: Record<string, ForwardedPort[]>;
  ips: Record<string, LeasedIp[]>;
}

const b32 = (s: string, n: number) => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = createHash("sha256").update(s).digest();
  let out = "";
  for (let i = 0; out.length < n; i++) out += alphabet[bytes[i % bytes.length]! % 32];
  return out;
};

/** Lease namespace like the provider's LeaseIDToNamespace (hash of the lease ID). */
export const leaseNamespace = (id: LeaseIdView) => b32(`${id.owner}/${id.dseq}/${id.gseq}/${id.oseq}/${id.provider}`, 26);

/** A global TCP expose on port 80 (externalPort 80 or unset) is served by the shared HTTP ingress. */
export const isIngressExpose = (e: { global: boolean; proto: string; externalPort: number; port: number }) =>
  e.global && e.proto.toUpperCase() === "TCP" && (e.externalPort === 80 || (e.externalPort === 0 && e.port === 80));

export interface Pod {
  name: string;
  service: ManifestService;
  index: number;
  family: ImageFamily;
  ready: boolean;
}

export interface LeaseSimOptions {
  leaseId: LeaseIdView;
  group: ManifestGroup;
  /** Provider host name, e.g. provider-1.localhost. */
  hostName: string;
  ingressPort: number;
  /** Leased IPs by endpoint sequence number. */
  ips: Map<number, string>;
  /** External ports opened for forwarded (non-80 global) exposes, keyed `${service}:${port}:${proto}`. */
  forwardedPorts: Map<string, number>;
  /** Multiplier on the start-up timeline (tests use < 1). */
  timeScale?: number;
  /** Period of background log lines, ms. */
  logIntervalMs?: number;
  maxLogLines?: number;
  /** Deployment generation: 1 for the first manifest, +1 per accepted update. */
  generation?: number;
}

export class LeaseSim extends EventEmitter {
  readonly namespace: string;
  readonly pods: Pod[] = [];
  readonly events: (KubeEvent & { at: number })[] = [];
  private readonly logs = new Map<string, LogLine[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private interval: NodeJS.Timeout | undefined;
  private seq = 0;
  readonly generation: number;
  readonly startedAt = Date.now();
  closed = false;
  /** Ingress host (without port) → service name. */
  readonly ingressHosts = new Map<string, string>();

  constructor(readonly opts: LeaseSimOptions) {
    super();
    this.setMaxListeners(100);
    this.namespace = leaseNamespace(opts.leaseId);
    this.generation = opts.generation ?? 1;
    for (const s of opts.group.services) {
      const rs = b32(`${this.namespace}/${s.name}/rs`, 10);
      for (let i = 0; i < s.count; i++) {
        const pod: Pod = { name: `${s.name}-${rs}-${b32(`${this.namespace}/${s.name}/${i}`, 5)}`, service: s, index: i, family: imageFamily(s.image), ready: false };
        this.pods.push(pod);
        this.logs.set(pod.name, []);
      }
      if (s.expose.some(isIngressExpose)) {
        this.ingressHosts.set(`${b32(`${this.namespace}/${s.name}/ingress`, 24)}.ingress.${opts.hostName}`, s.name);
        for (const e of s.expose) if (isIngressExpose(e)) for (const h of e.hosts) this.ingressHosts.set(h.toLowerCase(), s.name);
      }
    }
  }

  start(): void {
    const scale = this.opts.timeScale ?? 1;
    const at = (ms: number, fn: () => void) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (!this.closed) fn();
      }, ms * scale);
      this.timers.add(t);
    };
    this.pods.forEach((pod, k) => {
      const o = k * 250;
      const image = pod.service.image;
      at(150 + o, () => this.event("default-scheduler", "Scheduled", `Successfully assigned ${this.namespace}/${pod.name} to node-1`, pod.name));
      at(400 + o, () => this.event("kubelet", "Pulling", `Pulling image "${image}"`, pod.name));
      at(1400 + o, () => this.event("kubelet", "Pulled", `Successfully pulled image "${image}" in 974ms (974ms including waiting). Image size: 71204312 bytes.`, pod.name));
      at(1700 + o, () => this.event("kubelet", "Created", `Created container ${pod.service.name}`, pod.name));
      at(2000 + o, () => {
        this.event("kubelet", "Started", `Started container ${pod.service.name}`, pod.name);
        const ports = pod.service.expose.map((e) => e.port);
        for (const line of startupLines(pod.family, image, ports)) this.log(pod.name, line);
      });
      at(2600 + o, () => {
        pod.ready = true;
        this.emit("status");
      });
    });
    const period = this.opts.logIntervalMs ?? 4000;
    this.interval = setInterval(() => {
      for (const pod of this.pods) if (pod.ready) this.log(pod.name, periodicLine(pod.family, this.seq++));
    }, period);
  }

  private event(controller: string, reason: string, note: string, pod: string) {
    const ev: KubeEvent & { at: number } = {
      type: "Normal",
      reportingController: controller,
      reportingInstance: controller === "kubelet" ? "node-1" : "",
      reason,
      note,
      object: { kind: "Pod", namespace: this.namespace, name: pod },
      at: Date.now(),
    };
    this.events.push(ev);
    this.emit("event", ev);
  }

  private log(pod: string, message: string) {
    const buf = this.logs.get(pod);
    if (!buf) return;
    const line = { name: pod, message };
    buf.push(line);
    const max = this.opts.maxLogLines ?? 2000;
    if (buf.length > max) buf.splice(0, buf.length - max);
    this.emit("log", line);
  }

  /** Record a request the ingress served, in the pod's access log. */
  logRequest(service: string, method: string, path: string, status: number, agent: string, remote: string) {
    const pod = this.pods.find((p) => p.service.name === service && p.ready);
    if (pod) this.log(pod.name, requestLine(pod.family, method, path, status, agent, remote));
  }

  /** Last `tail` lines (per pod; negative = all) of the selected services, in time order per pod. */
  logLines(services: string[] | null, tail: number): LogLine[] {
    const out: LogLine[] = [];
    for (const pod of this.pods) {
      if (services && !services.includes(pod.service.name)) continue;
      const buf = this.logs.get(pod.name) ?? [];
      out.push(...(tail < 0 ? buf : buf.slice(Math.max(0, buf.length - tail))));
    }
    return out;
  }

  runningPods(services: string[] | null): Pod[] {
    return this.pods.filter((p) => p.ready && (!services || services.includes(p.service.name)));
  }

  uris(service: string): string[] {
    const port = this.opts.ingressPort === 80 ? "" : `:${this.opts.ingressPort}`;
    return [...this.ingressHosts.entries()].filter(([, s]) => s === service).map(([h]) => `${h}${port}`);
  }

  serviceStatus(service: ManifestService): ServiceStatus {
    const ready = this.pods.filter((p) => p.service.name === service.name && p.ready).length;
    const uris = this.uris(service.name);
    return {
      name: service.name,
      available: ready,
      total: service.count,
      uris: uris.length ? uris : null,
      observed_generation: this.generation,
      replicas: service.count,
      updated_replicas: service.count,
      ready_replicas: ready,
      available_replicas: ready,
    };
  }

  status(): LeaseStatus {
    const services: Record<string, ServiceStatus> = {};
    const forwarded: Record<string, ForwardedPort[]> = {};
    const ips: Record<string, LeasedIp[]> = {};
    for (const s of this.opts.group.services) {
      services[s.name] = this.serviceStatus(s);
      for (const e of s.expose) {
        if (!e.global) continue;
        if (e.ip) {
          const ip = this.opts.ips.get(e.endpointSequenceNumber);
          if (ip) (ips[s.name] ??= []).push({ Port: e.port, ExternalPort: e.externalPort || e.port, Protocol: e.proto.toUpperCase(), IP: ip });
          continue;
        }
        if (isIngressExpose(e)) continue;
        const ext = this.opts.forwardedPorts.get(`${s.name}:${e.port}:${e.proto.toUpperCase()}`);
        if (ext !== undefined) (forwarded[s.name] ??= []).push({ host: this.opts.hostName, port: e.port, externalPort: ext, proto: e.proto.toUpperCase(), name: s.name });
      }
    }
    return { services, forwarded_ports: forwarded, ips };
  }

  stop(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.interval) clearInterval(this.interval);
    this.emit("closed");
  }
}
