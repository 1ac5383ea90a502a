/**
 * A provider's HTTPS gateway (TLS 1.3, the provider's on-chain certificate as server certificate):
 * /status, /version, /address, manifest submission, lease status/manifest, and WebSocket
 * logs / kubeevents / shell. A raw TCP front lets the provider go offline (refuse or hang connections).
 */
import net from "node:net";
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { AuthError, authorize, verifyClientCertificate, verifyJwt, type AccessScope, type AuthChain, type Principal } from "./auth.ts";
import { ManifestDecodeError, ManifestValidationError, type ManifestGroup } from "./manifest.ts";
import type { KubeEvent, LeaseSim } from "./lease-sim.ts";
import { FRAME, SimulatedContainer, decodeFrame, decodeResize, encodeFrame, encodeResult } from "./shell.ts";
import type { LeaseIdView } from "./types.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export class NoLeaseError extends Error {
  constructor() {
    super("no lease for deployment");
  }
}

export interface GatewayLease {
  id: LeaseIdView;
  group?: ManifestGroup;
  manifestRaw?: unknown;
  sim?: LeaseSim;
  providerEnv: Record<string, string>;
}

export interface GatewayBackend {
  readonly address: string;
  readonly hostName: string;
  readonly chain: AuthChain;
  status(): unknown;
  /** Throws NoLeaseError, ManifestDecodeError or ManifestValidationError. */
  submitManifest(owner: string, dseq: string, body: string): Promise<void>;
  /** An active lease of this provider, only if `owner` owns it. */
  lease(owner: string, dseq: string, gseq: number, oseq: number): GatewayLease | undefined;
}

export type OfflineMode = "refuse" | "hang";

const VERSION = {
  akash: { version: "v0.10.0-devnet", commit: "devnet-sim", buildTags: "devnet", go: "go1.24.3 linux/amd64", cosmosSdkVersion: "v0.53.4" },
  kube: { major: "1", minor: "31", gitVersion: "v1.31.4+k3s1", gitCommit: "devnet", gitTreeState: "clean", buildDate: "2026-01-01T00:00:00Z", goVersion: "go1.23.4", compiler: "gc", platform: "linux/amd64" },
};

const MAX_BODY = 4 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly json = false,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, "request body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const LEASE_RE = /^\/lease\/(\d+)\/(\d+)\/(\d+)\/(status|manifest|logs|kubeevents|shell|service\/([^/]+)\/status)$/;

export interface GatewayOptions {
  host: string;
  port: number;
  cert: string;
  key: string;
  backend: GatewayBackend;
  pingIntervalMs?: number;
}

export class ProviderGateway {
  private readonly front: net.Server;
  private readonly https: https.Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<net.Socket>();
  private online = true;
  private offlineMode: OfflineMode = "refuse";
  port = 0;

  constructor(private readonly opts: GatewayOptions) {
    this.https = https.createServer(
      { cert: opts.cert, key: opts.key, minVersion: "TLSv1.3", requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        this.handle(req, res).catch((e) => this.sendError(res, e));
      },
    );
    this.https.on("upgrade", (req, socket, head) => {
      this.handleUpgrade(req, socket, head).catch((e) => this.rejectUpgrade(socket, e));
    });
    this.https.on("tlsClientError", () => undefined);
    this.front = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => undefined);
      if (!this.online) {
        if (this.offlineMode === "refuse") socket.resetAndDestroy();
        // "hang": accept the TCP connection and never answer.
        return;
      }
      this.https.emit("connection", socket);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.front.once("error", reject);
      this.front.listen(this.opts.port, this.opts.host, () => resolve());
    });
    this.port = (this.front.address() as net.AddressInfo).port;
    return this.port;
  }

  isOnline(): boolean {
    return this.online;
  }

  /** Offline: drop every open connection (HTTP and WebSocket) and refuse or hang new ones. */
  setOnline(online: boolean, mode: OfflineMode = "refuse"): void {
    this.online = online;
    this.offlineMode = mode;
    if (!online) for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.front.close(() => resolve()));
    this.https.close();
  }

  private async authenticate(req: IncomingMessage): Promise<Principal> {
    const authz = req.headers.authorization;
    const bearer = authz?.startsWith("Bearer ") ? authz.slice(7).trim() : undefined;
    const peer = (req.socket as TLSSocket).getPeerX509Certificate?.();
    if (bearer && peer) throw new AuthError(400, "ambiguous authentication: send either a client certificate or a JWT, not both");
    if (bearer) return verifyJwt(bearer, this.opts.backend.chain);
    if (peer) return verifyClientCertificate(peer, this.opts.backend.chain);
    throw new AuthError(401, "unauthorized access: no client certificate or bearer token");
  }

  private requireScope(p: Principal, scope: AccessScope, dseq: string, gseq?: number, oseq?: number, services?: string[]) {
    if (!authorize(p, scope, { provider: this.opts.backend.address, dseq, gseq, oseq, services })) {
      throw new AuthError(401, `unauthorized access: token does not grant "${scope}" for deployment ${dseq}`);
    }
  }

  private json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
    res.end(JSON.stringify(body));
  }

  private sendError(res: ServerResponse, e: unknown) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e instanceof AuthError) return this.json(res, e.status, { message: e.message });
    if (e instanceof HttpError) {
      if (e.json) return this.json(res, e.status, { message: e.message });
      res.writeHead(e.status, { "content-type": "text/plain; charset=utf-8" });
      res.end(e.message + "\n");
      return;
    }
    console.warn(`[providers] ${this.opts.backend.hostName}: internal error: ${e instanceof Error ? e.stack : String(e)}`);
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("internal error\n");
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "https://gateway");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const b = this.opts.backend;
    if (req.method === "GET" && path === "/version") return this.json(res, 200, VERSION);
    if (req.method === "GET" && path === "/address") return this.json(res, 200, { address: b.address });
    if (req.method === "GET" && path === "/status") return this.json(res, 200, b.status());

    const manifestPut = /^\/deployment\/(\d+)\/manifest$/.exec(path);
    if (manifestPut) {
      if (req.method !== "PUT") throw new HttpError(405, "method not allowed");
      const dseq = manifestPut[1]!;
      const principal = await this.authenticate(req);
      this.requireScope(principal, "send-manifest", dseq);
      const body = await readBody(req);
      try {
        await b.submitManifest(principal.owner, dseq, body);
      } catch (e) {
        if (e instanceof NoLeaseError) throw new HttpError(404, e.message);
        if (e instanceof ManifestDecodeError) throw new HttpError(422, e.message);
        // The real provider answers manifest version / cross-validation failures with 500 and the error text.
        if (e instanceof ManifestValidationError) throw new HttpError(500, e.message);
        throw e;
      }
      res.writeHead(200);
      res.end();
      return;
    }

    const m = LEASE_RE.exec(path);
    if (m) {
      if (req.method !== "GET") throw new HttpError(405, "method not allowed");
      const [dseq, gseq, oseq, what, svc] = [m[1]!, Number(m[2]), Number(m[3]), m[4]!, m[5]];
      if (what === "logs" || what === "kubeevents" || what === "shell") throw new HttpError(400, "this endpoint requires a WebSocket upgrade");
      const principal = await this.authenticate(req);
      const scope: AccessScope = what === "manifest" ? "get-manifest" : "status";
      const svcName = svc === undefined ? undefined : safeDecode(svc);
      this.requireScope(principal, scope, dseq, gseq, oseq, svcName ? [svcName] : undefined);
      const lease = b.lease(principal.owner, dseq, gseq, oseq);
      if (!lease) throw new HttpError(404, "lease not found");
      if (!lease.group || !lease.sim) throw new HttpError(404, "no manifest received for this lease");
      if (what === "manifest") return this.json(res, 200, [lease.manifestRaw ?? null].flat());
      if (what === "status") return this.json(res, 200, lease.sim.status());
      const name = svcName!;
      const service = lease.group.services.find((s) => s.name === name);
      if (!service) throw new HttpError(404, `service "${name}" not found in lease`);
      return this.json(res, 200, lease.sim.serviceStatus(service));
    }
    throw new HttpError(404, "not found");
  }

  private rejectUpgrade(socket: Duplex, e: unknown) {
    let status = 500;
    let message = "internal error";
    if (e instanceof AuthError || e instanceof HttpError) {
      status = e.status;
      message = e.message;
    } else console.warn(`[providers] upgrade error: ${e instanceof Error ? e.stack : String(e)}`);
    const body = JSON.stringify({ message });
    socket.end(`HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : status === 400 ? "Bad Request" : status === 404 ? "Not Found" : "Error"}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }

  private async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? "/", "https://gateway");
    const m = LEASE_RE.exec(url.pathname);
    const what = m?.[4];
    if (!m || (what !== "logs" && what !== "kubeevents" && what !== "shell")) throw new HttpError(404, "not found");
    const [dseq, gseq, oseq] = [m[1]!, Number(m[2]), Number(m[3])];
    const principal = await this.authenticate(req);
    const services = url.searchParams.get("service")?.split(",").map((s) => s.trim()).filter(Boolean) ?? null;
    const scope: AccessScope = what === "logs" ? "logs" : what === "kubeevents" ? "events" : "shell";
    this.requireScope(principal, scope, dseq, gseq, oseq, services ?? undefined);
    let shellParams: { cmd: string[]; tty: boolean; stdin: boolean; podIndex: number; service: string } | undefined;
    if (what === "shell") shellParams = parseShellParams(url.searchParams);
    const lease = this.opts.backend.lease(principal.owner, dseq, gseq, oseq);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const ping = setInterval(() => ws.ping(), this.opts.pingIntervalMs ?? 10_000);
      ws.on("close", () => clearInterval(ping));
      ws.on("error", () => undefined);
      if (!lease) return ws.close(4001, "lease not found");
      if (!lease.sim || !lease.group) return ws.close(4000, "no running pods: manifest not received");
      if (what === "logs") return this.streamLogs(ws, lease.sim, url.searchParams, services);
      if (what === "kubeevents") return this.streamEvents(ws, lease.sim, url.searchParams.get("follow") === "true");
      return this.runShell(ws, lease, shellParams!);
    });
  }

  private streamLogs(ws: WebSocket, sim: LeaseSim, params: URLSearchParams, services: string[] | null) {
    const follow = params.get("follow") === "true";
    const tailRaw = params.get("tail");
    const tail = tailRaw === null || tailRaw === "" ? -1 : Number(tailRaw);
    if (!Number.isFinite(tail)) return ws.close(4002, "invalid tail parameter");
    if (services) {
      const unknown = services.filter((s) => !sim.opts.group.services.some((x) => x.name === s));
      if (unknown.length) return ws.close(4000, `no running pods: unknown service ${unknown.join(",")}`);
    }
    for (const line of sim.logLines(services, tail)) ws.send(JSON.stringify(line));
    if (!follow) return ws.close(1000, "done");
    const svcOfPod = new Map(sim.pods.map((p) => [p.name, p.service.name]));
    const onLog = (line: { name: string; message: string }) => {
      if (!services || services.includes(svcOfPod.get(line.name) ?? "")) ws.send(JSON.stringify(line));
    };
    const onClosed = () => ws.close(4000, "lease closed");
    sim.on("log", onLog);
    sim.once("closed", onClosed);
    ws.on("close", () => {
      sim.off("log", onLog);
      sim.off("closed", onClosed);
    });
  }

  private streamEvents(ws: WebSocket, sim: LeaseSim, follow: boolean) {
    const strip = ({ at: _at, ...ev }: KubeEvent & { at: number }): KubeEvent => ev;
    for (const ev of sim.events) ws.send(JSON.stringify(strip(ev)));
    if (!follow) return ws.close(1000, "done");
    const onEvent = (ev: KubeEvent & { at: number }) => ws.send(JSON.stringify(strip(ev)));
    const onClosed = () => ws.close(4000, "lease closed");
    sim.on("event", onEvent);
    sim.once("closed", onClosed);
    ws.on("close", () => {
      sim.off("event", onEvent);
      sim.off("closed", onClosed);
    });
  }

  private runShell(ws: WebSocket, lease: GatewayLease, p: { cmd: string[]; tty: boolean; stdin: boolean; podIndex: number; service: string }) {
    const sim = lease.sim!;
    // Like the provider: a service that is unknown or has no ready replica ends with a result frame carrying a message.
    const refuse = (message: string) => {
      ws.send(encodeResult(0, message));
      ws.close(1000, "exit");
    };
    const service = lease.group!.services.find((s) => s.name === p.service);
    if (!service) return refuse(`no service "${p.service}" in this lease`);
    const pods = sim.pods.filter((x) => x.service.name === p.service);
    if (!pods.some((x) => x.ready)) return refuse(`no active replicas for service "${p.service}"`);
    const pod = pods[p.podIndex];
    if (!pod) return refuse(`podIndex ${p.podIndex} is out of range: service "${p.service}" has ${pods.length} replica(s)`);
    if (!pod.ready) return refuse(`pod ${pod.name} is not running yet`);
    const container = new SimulatedContainer({ service, podName: pod.name, providerEnv: lease.providerEnv, storageMounts: service.storageMounts });
    const finish = (code: number) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(encodeResult(code));
      ws.close(1000, "exit");
    };
    const out = (s: string, code: number = FRAME.stdout) => {
      if (s && ws.readyState === ws.OPEN) ws.send(encodeFrame(code, p.tty ? s.replace(/\r?\n/g, "\r\n") : s));
    };
    const first = container.exec(p.cmd.map(shellQuote).join(" "));
    out(first.stdout);
    out(first.stderr, p.tty ? FRAME.stdout : FRAME.stderr);
    const interactive = first.interactive || (!first.exit && p.cmd.length === 1 && /^(\/bin\/)?(sh|bash)$/.test(p.cmd[0]!));
    if (!interactive || first.exit) return finish(first.exitCode);
    if (!p.stdin) return finish(0);
    if (p.tty) out(container.prompt());
    let line = "";
    const onStdin = (data: Buffer) => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          if (p.tty) out("\r\n");
          const r = container.exec(line);
          line = "";
          out(r.stdout);
          out(r.stderr, p.tty ? FRAME.stdout : FRAME.stderr);
          if (r.exit) return finish(r.exitCode);
          if (p.tty) out(container.prompt());
        } else if (ch === "\x7f" || ch === "\b") {
          if (line.length) {
            line = line.slice(0, -1);
            if (p.tty) out("\b \b");
          }
        } else if (ch === "\x03") {
          line = "";
          if (p.tty) out("^C\r\n" + container.prompt());
        } else if (ch === "\x04") {
          if (!line) return finish(container.lastExit);
        } else {
          line += ch;
          if (p.tty) out(ch);
        }
      }
    };
    ws.on("message", (raw, isBinary) => {
      const buf = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
      if (!isBinary || buf.length === 0) return;
      try {
        const f = decodeFrame(buf);
        if (f.code === FRAME.stdin) onStdin(f.data);
        else if (f.code === FRAME.resize) decodeResize(f.data);
      } catch (e) {
        out(`invalid frame: ${getErrorMessage(e)}\n`, FRAME.stderr);
      }
    });
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(400, `invalid service name "${s}"`);
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function parseShellParams(q: URLSearchParams) {
  const cmd: string[] = [];
  for (let i = 0; q.has(`cmd${i}`); i++) cmd.push(q.get(`cmd${i}`)!);
  if (cmd.length === 0) throw new HttpError(400, "shell: missing command (cmd0)", true);
  const bool = (k: string) => {
    const v = q.get(k);
    if (v !== "0" && v !== "1" && v !== "true" && v !== "false") throw new HttpError(400, `shell: query parameter ${k} must be 0 or 1`, true);
    return v === "1" || v === "true";
  };
  const tty = bool("tty");
  const stdin = bool("stdin");
  const podIndexRaw = q.get("podIndex");
  if (podIndexRaw === null || !/^\d+$/.test(podIndexRaw)) throw new HttpError(400, "shell: query parameter podIndex must be a non-negative integer", true);
  const service = q.get("service");
  if (!service) throw new HttpError(400, "shell: query parameter service is required", true);
  return { cmd, tty, stdin, podIndex: Number(podIndexRaw), service };
}
