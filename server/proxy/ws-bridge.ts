import type { IncomingMessage } from "node:http";
import { WebSocket, WebSocketServer, type ClientOptions, type RawData } from "ws";
import { z } from "zod";
import { AuthSchema, checkAuth, normaliseAuth, type ProviderAuth } from "./auth.ts";
import { isBech32Address } from "./certificate-validator.ts";
import { ProxyError, isProxyError } from "./errors.ts";
import { CONNECT_DEADLINE } from "./provider-agent.ts";
import { tlsAuthOptions, toProxyError } from "./provider-request.ts";
import type { ClientLimits } from "./client-limits.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { NetworkContext, ProxyNetworks } from "./networks.ts";
import { DEFAULT_TIMEOUT_MS } from "./http-route.ts";

/** RFC 6455 §7.4.1: policy violation. */
const WS_POLICY_VIOLATION = 1008;
/** Pause the provider stream while this much is waiting to reach a slow browser. */
const HIGH_WATER_BYTES = 4 << 20;
const LOW_WATER_BYTES = 1 << 20;
/**
 * The largest provider frame relayed. Logs, events and shell output come in small frames; a provider sending
 * more in one frame is refused rather than turned into a string many times its size.
 */
export const MAX_PROVIDER_FRAME_BYTES = 1 << 20;
/** Client input (shell stdin) queued while the provider socket opens. */
const MAX_PENDING_BYTES = 1 << 20;
const KEEPALIVE_INTERVAL_MS = 30_000;

const ClientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping") }),
  z.object({
    type: z.literal("websocket"),
    url: z.string().min(1),
    providerAddress: z.string().refine(isBech32Address, "is not a bech32 address"),
    auth: AuthSchema.optional(),
    certPem: z.string().optional(),
    keyPem: z.string().optional(),
    data: z.string().optional(),
    isBase64: z.boolean().optional(),
    /** Which chain to check the provider against (the proxy's default when absent). */
    network: z.string().min(1).max(64).optional(),
  }),
]);
type WebsocketMessage = Extract<z.infer<typeof ClientMessageSchema>, { type: "websocket" }>;

export interface WsBridgeDeps {
  networks: ProxyNetworks;
  now: () => number;
  log: (entry: Record<string, unknown>) => void;
  handshakeTimeoutMs?: number;
  /** Opening a provider socket costs a token from the client's HTTP bucket (no connection churn amplification). */
  limiter?: RateLimiter;
  /** Sessions per client and their longest life. */
  clientLimits?: ClientLimits;
}

/** Decodes `data`: base64 when `isBase64`, else the legacy comma-separated byte list ("104,108,115"). */
export function decodeClientData(data: string, isBase64: boolean | undefined): Buffer {
  if (isBase64) return Buffer.from(data, "base64");
  const bytes = data.split(",").map((part) => Number(part));
  if (bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) {
    throw new ProxyError("invalidRequest", "`data` must be base64 (with isBase64:true) or a comma-separated list of bytes");
  }
  return Buffer.from(bytes);
}

/**
 * Serialises a provider frame. Binary frames go as base64 (`isBase64: true`) to clients that speak it (they
 * send `isBase64: true`), else as the console's proxy (ws@7) does: `{type:"Buffer", data:[…]}`, about four
 * times the frame's size, which the frame cap bounds.
 */
export function encodeProviderFrame(data: RawData, isBinary: boolean, base64 = false): string {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
  if (!isBinary) return JSON.stringify({ type: "websocket", message: buffer.toString("utf8") });
  if (base64) return JSON.stringify({ type: "websocket", message: buffer.toString("base64"), isBase64: true });
  return JSON.stringify({ type: "websocket", message: buffer.toJSON() });
}

interface Upstream {
  ws: WebSocket;
  url: string;
  network: string;
  pending: Buffer[];
  pendingBytes: number;
}

/** One browser socket: it multiplexes at most one provider socket, reopened when the url changes. */
class ClientSession {
  private upstream: Upstream | undefined;
  private queue: Promise<void> = Promise.resolve();
  private drainTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** The client sent `isBase64: true`: it reads binary provider frames as base64. */
  private base64 = false;
  alive = true;

  constructor(
    private readonly client: WebSocket,
    private readonly deps: WsBridgeDeps,
    private readonly clientIp: string,
  ) {
    client.on("message", (data, isBinary) => {
      this.queue = this.queue.then(() => this.handle(data, isBinary)).catch((error: unknown) => this.reportError(error));
    });
    client.on("pong", () => {
      this.alive = true;
    });
    client.on("close", () => this.dispose());
    client.on("error", () => this.dispose());
  }

  private send(payload: unknown): void {
    if (this.client.readyState !== WebSocket.OPEN) return;
    this.client.send(typeof payload === "string" ? payload : JSON.stringify(payload));
  }

  private reportError(error: unknown): void {
    if (isProxyError(error) && error.code === "tokenExpired") {
      this.send({ type: "websocket", error: "tokenExpired", detail: error.message });
      return;
    }
    const proxyError = isProxyError(error) ? error : new ProxyError("internal", "The proxy failed to handle the message");
    if (!isProxyError(error)) this.deps.log({ event: "PROXY_WS_ERROR", error: String(error) });
    this.send({ type: "websocket", error: proxyError.message, code: proxyError.code });
  }

  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) throw new ProxyError("invalidRequest", "Send JSON text messages; binary client frames are not part of the protocol");
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      this.send({ type: "websocket", message: "Invalid message format", error: "Invalid message format" });
      return;
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; ");
      throw new ProxyError("invalidRequest", `Invalid message: ${detail}`);
    }
    const message = parsed.data;
    if (message.type === "ping") {
      this.send({ type: "pong" });
      return;
    }
    await this.forward(message);
  }

  private async forward(message: WebsocketMessage): Promise<void> {
    if (message.isBase64) this.base64 = true;
    const auth = normaliseAuth(message);
    checkAuth(auth, this.deps.now());
    const network = this.deps.networks.get(message.network);
    const target = await network.policy.resolve(message.url, message.providerAddress);
    // The browser may have gone while the chain was consulted: open nothing for it.
    if (this.disposed) return;
    target.protocol = "wss:";
    const url = target.toString();

    let upstream = this.upstream;
    if (!upstream || upstream.url !== url || upstream.network !== network.name || upstream.ws.readyState >= WebSocket.CLOSING) {
      const retryAfter = this.deps.limiter?.take(this.clientIp) ?? 0;
      if (retryAfter > 0) {
        throw new ProxyError("rateLimited", `Too many provider connections from ${this.clientIp}; retry in ${retryAfter} s`, String(retryAfter));
      }
      this.closeUpstream();
      upstream = this.openUpstream(url, message.providerAddress, auth, network);
    }
    if (message.data === undefined || message.data === "") return;

    const payload = decodeClientData(message.data, message.isBase64);
    if (upstream.ws.readyState === WebSocket.OPEN) {
      upstream.ws.send(payload);
      return;
    }
    if (upstream.pendingBytes + payload.length > MAX_PENDING_BYTES) {
      throw new ProxyError("payloadTooLarge", "Too much input queued while the provider connection opens");
    }
    upstream.pending.push(payload);
    upstream.pendingBytes += payload.length;
  }

  private openUpstream(url: string, providerAddress: string, auth: ProviderAuth | undefined, network: NetworkContext): Upstream {
    const tlsOptions = tlsAuthOptions(auth);
    // `servername` is passed through to the TLS connection (empty = no SNI for mTLS, like the console's proxy).
    const handshakeTimeout = this.deps.handshakeTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const options: ClientOptions & { servername?: string; [CONNECT_DEADLINE]?: number } = {
      agent: network.pool.get(providerAddress, "ws"),
      headers: tlsOptions.headers,
      cert: tlsOptions.cert,
      key: tlsOptions.key,
      servername: tlsOptions.servername,
      handshakeTimeout,
      [CONNECT_DEADLINE]: Date.now() + handshakeTimeout,
      perMessageDeflate: false,
      maxPayload: MAX_PROVIDER_FRAME_BYTES,
    };
    const ws = new WebSocket(url, options);
    const upstream: Upstream = { ws, url, network: network.name, pending: [], pendingBytes: 0 };
    this.upstream = upstream;
    const origin = new URL(url.replace(/^wss:/, "https:")).origin;
    let reportedError = false;
    let rejectedStatus: number | undefined;

    ws.on("open", () => {
      for (const chunk of upstream.pending) ws.send(chunk);
      upstream.pending = [];
      upstream.pendingBytes = 0;
    });
    ws.on("message", (data, isBinary) => {
      // Pause reading before converting: a browser that is behind stops the provider, not the proxy's memory.
      this.applyBackpressure(ws);
      this.send(encodeProviderFrame(data, isBinary, this.base64));
    });
    ws.on("unexpected-response", (_req, res) => {
      rejectedStatus = res.statusCode;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.length < 16 && chunks.push(c));
      res.on("end", () => {
        reportedError = true;
        const text = Buffer.concat(chunks).toString("utf8").slice(0, 2000);
        this.send({
          type: "websocket",
          error: `Provider ${origin} refused the connection (${res.statusCode}): ${extractMessage(text)}`,
          code: "providerRejected",
          status: res.statusCode,
        });
        ws.terminate();
      });
      res.on("error", () => ws.terminate());
    });
    ws.on("error", (error) => {
      if (reportedError) return;
      reportedError = true;
      if ((error as { code?: string }).code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        this.deps.log({ event: "PROXY_WS_FRAME_TOO_LARGE", providerAddress });
        this.send({ type: "websocket", error: `Provider ${origin} sent a frame larger than ${MAX_PROVIDER_FRAME_BYTES >> 20} MiB; the connection was closed`, code: "providerFrameTooLarge" });
        return;
      }
      if (isProxyError(error) && error.code === "invalidCertificate") {
        this.deps.log({ event: "PROXY_WS_INVALID_CERT", providerAddress, reason: error.reason });
        this.detach(upstream);
        this.client.close(WS_POLICY_VIOLATION, `invalidCertificate.${error.reason ?? "unknown"}`);
        return;
      }
      const proxyError = /handshake has timed out/i.test(error.message)
        ? new ProxyError("providerTimeout", `Provider ${origin} did not accept the WebSocket within ${options.handshakeTimeout} ms`)
        : toProxyError(error, { url: new URL(origin) });
      this.send({ type: "websocket", error: proxyError.message, code: proxyError.code });
    });
    ws.on("close", (code, reason) => {
      if (this.upstream === upstream) this.upstream = undefined;
      const text = reason.toString() || defaultCloseReason(code, rejectedStatus);
      this.send({ type: "websocket", message: "", closed: true, code, reason: text });
    });
    return upstream;
  }

  /** Stops reading from the provider while the browser is behind, instead of buffering without bound. */
  private applyBackpressure(ws: WebSocket): void {
    if (this.client.bufferedAmount < HIGH_WATER_BYTES || ws.isPaused) return;
    ws.pause();
    this.drainTimer = setInterval(() => {
      if (this.client.readyState !== WebSocket.OPEN || this.client.bufferedAmount < LOW_WATER_BYTES) {
        clearInterval(this.drainTimer);
        this.drainTimer = undefined;
        ws.resume();
      }
    }, 10);
  }

  private detach(upstream: Upstream): void {
    upstream.ws.removeAllListeners("message");
    upstream.ws.removeAllListeners("close");
    upstream.ws.removeAllListeners("open");
    upstream.ws.on("error", () => {});
    upstream.ws.terminate();
    if (this.upstream === upstream) this.upstream = undefined;
  }

  private closeUpstream(): void {
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.drainTimer = undefined;
    if (this.upstream) this.detach(this.upstream);
  }

  dispose(): void {
    this.disposed = true;
    this.closeUpstream();
  }
}

function defaultCloseReason(code: number, rejectedStatus: number | undefined): string {
  if (rejectedStatus) return `Provider refused the connection (${rejectedStatus})`;
  if (code === 1006) return "The provider connection dropped unexpectedly";
  return "";
}

function extractMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: use the text as is
  }
  return body.trim() || "no details";
}

export interface WsBridge {
  handleUpgrade(req: IncomingMessage, socket: import("node:stream").Duplex, head: Buffer, clientIp: string): void;
  close(): void;
}

/** The WebSocket side of the proxy: JSON messages from browsers, one provider socket per browser socket. */
export function createWsBridge(deps: WsBridgeDeps): WsBridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 << 20, perMessageDeflate: false });
  const sessions = new Map<WebSocket, ClientSession>();

  wss.on("connection", (client: WebSocket, _req: IncomingMessage, clientIp: string) => {
    const session = new ClientSession(client, deps, clientIp);
    sessions.set(client, session);
    client.on("close", () => sessions.delete(client));
  });

  const keepalive = setInterval(() => {
    for (const [client, session] of sessions) {
      if (!session.alive) {
        client.terminate();
        continue;
      }
      session.alive = false;
      client.ping();
    }
  }, KEEPALIVE_INTERVAL_MS);
  keepalive.unref();

  return {
    handleUpgrade(req, socket, head, clientIp) {
      const release = deps.clientLimits ? deps.clientLimits.acquire("session", clientIp) : () => {};
      if (!release) {
        const text = `Too many open sessions from ${clientIp}; close one first`;
        socket.end(`HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
        return;
      }
      socket.once("close", release);
      wss.handleUpgrade(req, socket, head, (client) => {
        client.once("close", release);
        const maxMs = deps.clientLimits?.options.maxSessionMs;
        if (maxMs) {
          const timer = setTimeout(() => client.close(1000, "Session time limit reached; reconnect to continue"), maxMs);
          timer.unref();
          client.once("close", () => clearTimeout(timer));
        }
        wss.emit("connection", client, req, clientIp);
      });
    },
    close() {
      clearInterval(keepalive);
      for (const [client, session] of sessions) {
        session.dispose();
        client.terminate();
      }
      sessions.clear();
      wss.close();
    },
  };
}
