import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { X509Certificate } from "node:crypto";
import type { AddressInfo, Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { certificateManager } from "@akashnetwork/chain-sdk";
import { WebSocketServer, type WebSocket } from "ws";
import type { ProviderRegistry } from "../provider-registry.ts";

/**
 * A small stand-in for an Akash provider gateway, for the proxy's unit tests and benchmark:
 * TLS with a self-signed certificate whose CN is the provider address, mTLS client-cert and
 * JWT checks, a few REST routes and the logs/kubeevents/shell WebSockets.
 */
export interface FakeProviderOptions {
  address: string;
  /** Client certificates (PEM) accepted for mTLS. */
  clientCerts?: string[];
  /** Bearer tokens accepted. */
  tokens?: string[];
  /** TLS certificate to serve instead of a fresh one (e.g. to simulate a mismatch). */
  serverCert?: { cert: string; privateKey: string };
  hostname?: string;
}

export interface FakeProvider {
  address: string;
  port: number;
  /** `https://<hostname>:<port>` — the host_uri to register. */
  hostUri: string;
  certPem: string;
  /** Requests seen (method + path + auth kind), for assertions. */
  requests: Array<{ method: string; path: string; auth: string }>;
  /** Log lines written to WebSockets so far (to observe backpressure). */
  logLinesSent(): number;
  /** WebSocket connections currently open on the provider side. */
  openSockets(): number;
  close(): Promise<void>;
}

export async function generateCert(address: string, validity?: { validFrom?: Date; validTo?: Date }) {
  return certificateManager.generatePEM(address, validity);
}

export async function startFakeProvider(opts: FakeProviderOptions): Promise<FakeProvider> {
  const tlsCert = opts.serverCert ?? (await generateCert(opts.address));
  const clientFingerprints = new Set((opts.clientCerts ?? []).map((pem) => new X509Certificate(pem).fingerprint256));
  const tokens = new Set(opts.tokens ?? []);
  const requests: FakeProvider["requests"] = [];
  const sockets = new Set<Socket>();
  const logCounter = { sent: 0 };

  type AuthResult = { ok: true; kind: string; owner?: string } | { ok: false; status: number; message: string };
  const authenticate = (req: IncomingMessage): AuthResult => {
    const peer = (req.socket as TLSSocket).getPeerX509Certificate?.();
    const bearer = req.headers.authorization?.replace(/^Bearer /, "");
    if (peer && bearer) return { ok: false, status: 400, message: "ambiguous authentication: mTLS and JWT" };
    if (bearer) return tokens.has(bearer) ? { ok: true, kind: "jwt" } : { ok: false, status: 401, message: "JWT is invalid" };
    if (peer) {
      if (!clientFingerprints.has(peer.fingerprint256)) return { ok: false, status: 401, message: "unauthorized access" };
      const cn = /CN=([^\n]+)/.exec(peer.subject)?.[1];
      return { ok: true, kind: "mtls", owner: cn };
    }
    return { ok: true, kind: "none" };
  };

  const server = https.createServer(
    {
      cert: tlsCert.cert,
      key: tlsCert.privateKey,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: "TLSv1.3",
    },
    (req, res) => handle(req, res),
  );
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
    res.end(text);
  };

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "https://provider");
    const auth = authenticate(req);
    requests.push({ method: req.method ?? "", path: url.pathname, auth: auth.ok ? auth.kind : "rejected" });
    if (url.pathname === "/status" && req.method === "GET") {
      send(res, 200, { address: opts.address, cluster: { leases: 0 }, bidengine: { orders: 0 }, manifest: { deployments: 0 } });
      return;
    }
    if (!auth.ok) return send(res, auth.status, { message: auth.message });
    if (url.pathname === "/hang") return; // never answers
    // Hostile answers a malicious provider could give (the proxy must not pass them on).
    if (url.pathname === "/redirect") {
      res.writeHead(307, { location: "http://attacker.example/steal", "content-type": "text/plain" });
      res.end("moved");
      return;
    }
    // Headers at once, then a byte at a time, for as long as anyone listens.
    if (url.pathname === "/trickle") {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
      return;
    }
    // A body of `bytes` bytes.
    if (url.pathname === "/flood") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(Buffer.alloc(Number(url.searchParams.get("bytes") ?? 0), 1));
      return;
    }
    if (url.pathname === "/html") {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "set-cookie": "session=stolen; Path=/",
        "access-control-allow-origin": "*",
        "access-control-allow-credentials": "true",
        "content-security-policy": "default-src *",
        "x-frame-options": "ALLOWALL",
        refresh: "0; url=http://attacker.example/",
        link: "<http://attacker.example/x.js>; rel=preload",
      });
      res.end("<script>parent.postMessage(document.cookie, '*')</script>");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const manifest = /^\/deployment\/(\d+)\/manifest$/.exec(url.pathname);
      if (manifest && req.method === "PUT") {
        if (body.includes("crossfail")) return send(res, 500, "manifest cross-validation error: group web: resources mismatch");
        if (body.includes("badjson")) return send(res, 422, { message: "invalid manifest: decode failed" });
        res.writeHead(200);
        res.end();
        return;
      }
      if (url.pathname === "/echo") {
        send(res, 200, { method: req.method, body, auth: auth.kind, owner: auth.ok ? auth.owner : undefined });
        return;
      }
      send(res, 404, "404 page not found\n");
    });
  }

  const wss = new WebSocketServer({
    server,
    perMessageDeflate: false,
    // Like a provider refusing the upgrade itself (HTTP status instead of a WebSocket close).
    verifyClient: (info, cb) => {
      if (info.req.url?.includes("/forbidden")) cb(false, 403, "lease not owned by tenant");
      else if (!info.req.url?.includes("/hang")) cb(true);
      // "/hang": never answer the upgrade
    },
  });
  wss.on("connection", (ws: WebSocket, req: IncomingMessage) => {
    const url = new URL(req.url ?? "/", "https://provider");
    const auth = authenticate(req);
    requests.push({ method: "WS", path: url.pathname, auth: auth.ok ? auth.kind : "rejected" });
    if (!auth.ok) {
      ws.close(4001, auth.message);
      return;
    }
    if (url.pathname.endsWith("/logs")) return streamLogs(ws, logCounter, Number(url.searchParams.get("tail") ?? 3), url.searchParams.get("follow") === "true");
    if (url.pathname.endsWith("/kubeevents")) {
      ws.send(JSON.stringify({ type: "Normal", reportingController: "kubelet", reportingInstance: "node-1", reason: "Pulled", note: "image pulled", object: { kind: "Pod", namespace: "ns", name: "web-0" } }));
      ws.send(JSON.stringify({ type: "Normal", reportingController: "kubelet", reportingInstance: "node-1", reason: "Started", note: "container started", object: { kind: "Pod", namespace: "ns", name: "web-0" } }));
      return;
    }
    if (url.pathname.endsWith("/shell")) return shell(ws);
    // A hostile provider: one binary frame of `bytes` bytes.
    if (url.pathname.endsWith("/huge")) {
      ws.send(Buffer.alloc(Number(url.searchParams.get("bytes") ?? 0), 7), { binary: true });
      return;
    }
    if (url.pathname.endsWith("/drop")) {
      ws.send("first line");
      setTimeout(() => (req.socket as Socket).destroy(), 20);
      return;
    }
    ws.close(4001, "lease not found");
  });
  server.on("upgrade", () => {});

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const hostname = opts.hostname ?? "provider-1.localhost";

  return {
    address: opts.address,
    port,
    hostUri: `https://${hostname}:${port}`,
    certPem: tlsCert.cert,
    requests,
    openSockets: () => wss.clients.size,
    logLinesSent: () => logCounter.sent,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends `count` log lines as fast as the socket drains, then closes (follow=false) or stays open. */
function streamLogs(ws: WebSocket, counter: { sent: number }, count: number, follow: boolean) {
  let sent = 0;
  const pump = () => {
    while (sent < count) {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > 1 << 20) {
        setImmediate(pump);
        return;
      }
      ws.send(JSON.stringify({ name: "web-6d4f7c9b8-x2k4p", message: `log line ${sent}` }));
      sent++;
      counter.sent++;
    }
    if (!follow) ws.close(1000, "done");
  };
  pump();
}

/** Shell frames: 104 stdin is echoed as 100 stdout; 105 resize answers on 101 stderr; "exit" ends with 102. */
function shell(ws: WebSocket) {
  ws.on("message", (data: Buffer) => {
    const code = data[0];
    const payload = data.subarray(1);
    if (code === 104) {
      if (payload.toString() === "exit\n") {
        ws.send(Buffer.concat([Buffer.from([102]), Buffer.from(JSON.stringify({ exit_code: 0 }))]));
        ws.close(1000);
        return;
      }
      ws.send(Buffer.concat([Buffer.from([100]), payload]));
    } else if (code === 105 && payload.length === 4) {
      ws.send(Buffer.concat([Buffer.from([101]), Buffer.from(`resize ${payload.readUInt16BE(0)}x${payload.readUInt16BE(2)}`)]));
    } else {
      ws.send(Buffer.from([103]));
    }
  });
}

/** An in-memory chain view: registered host URIs and valid on-chain certificates. */
export class FakeRegistry implements ProviderRegistry {
  readonly hosts = new Map<string, string>();
  readonly certs = new Map<string, X509Certificate>();
  hostLookups = 0;
  certLookups = 0;

  register(address: string, hostUri: string, certPem: string): void {
    this.hosts.set(address, hostUri);
    this.addCert(address, certPem);
  }

  addCert(address: string, certPem: string): void {
    const cert = new X509Certificate(certPem);
    this.certs.set(`${address}:${BigInt(`0x${cert.serialNumber}`).toString(10)}`, cert);
  }

  async getHostUri(owner: string): Promise<string | null> {
    this.hostLookups++;
    return this.hosts.get(owner) ?? null;
  }

  async getCertificate(owner: string, serialDecimal: string): Promise<X509Certificate | null> {
    this.certLookups++;
    return this.certs.get(`${owner}:${serialDecimal}`) ?? null;
  }
}
