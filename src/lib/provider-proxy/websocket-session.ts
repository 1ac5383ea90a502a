import { fromBase64, toBase64 } from "@cosmjs/encoding";
import { ProviderProxyError } from "./errors";
import type { ProviderAuth } from "./types";
import { getErrorMessage } from "../errors";

/**
 * One provider WebSocket (logs, kube events, shell) tunnelled through the provider proxy.
 *
 * Protocol (server/proxy/README.md): after the socket opens we send
 * `{type:"websocket", url, providerAddress, auth, isBase64:true}`; provider frames come back as
 * `{type:"websocket", message:<text>}` or, binary, `{…, message:<base64>, isBase64:true}` (older proxies:
 * `{type:"Buffer", data:[…]}`), a provider close as
 * `{…, closed:true, code, reason}`, failures as `{…, error, code?}`. We ping every `pingIntervalMs`.
 * Unexpected drops reconnect with exponential backoff; provider closes do not unless `reconnectOnClose` says so.
 */
export type SessionState = "idle" | "connecting" | "open" | "reconnecting" | "closed" | "failed";

export type SessionFrame = { kind: "text"; text: string } | { kind: "binary"; data: Uint8Array };

export interface SessionClose {
  code: number;
  reason: string;
  /** True when the provider closed its socket (as opposed to the proxy connection dropping). */
  byProvider: boolean;
}

export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface ProviderWebSocketOptions {
  /** Proxy base URL (http(s) or ws(s)). */
  proxyUrl: string;
  /** The network the proxy checks the provider against; its default when empty. */
  network?: string;
  /** Provider URL to open, e.g. `https://host:8443/lease/1/1/1/logs?follow=true&tail=100`. */
  url: string;
  providerAddress: string;
  /** Static credential, or a function called on every (re)connect so an expired JWT can be renewed. */
  auth?: ProviderAuth | ((options: { renew: boolean }) => Promise<ProviderAuth | undefined>);
  pingIntervalMs?: number;
  /** Max reconnect attempts after an unexpected drop (default 6); 0 disables reconnecting. */
  maxReconnects?: number;
  /** Backoff base in ms (doubles each attempt, capped at 15 s, with jitter). */
  backoffMs?: number;
  /** Whether a provider close with this code should reconnect (default: only 1006, abnormal drop). */
  reconnectOnClose?: (close: SessionClose) => boolean;
  /** Defaults to the global WebSocket. */
  createSocket?: WebSocketFactory;
}

type Listener<T> = (value: T) => void;

const OPEN = 1;

export class ProviderWebSocketSession {
  private socket: WebSocketLike | null = null;
  private stateValue: SessionState = "idle";
  private attempts = 0;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private renewAuth = false;
  private pendingSends: string[] = [];
  private ready = false;
  private sendChain: Promise<void> = Promise.resolve();
  private readonly frameListeners = new Set<Listener<SessionFrame>>();
  private readonly stateListeners = new Set<Listener<SessionState>>();
  private readonly closeListeners = new Set<Listener<SessionClose>>();
  private readonly errorListeners = new Set<Listener<ProviderProxyError>>();
  /** Last error, kept so a UI that subscribes late can still show it. */
  lastError: ProviderProxyError | null = null;
  lastClose: SessionClose | null = null;

  constructor(private readonly options: ProviderWebSocketOptions) {}

  get state(): SessionState {
    return this.stateValue;
  }

  onFrame(listener: Listener<SessionFrame>): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }
  onState(listener: Listener<SessionState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  onClose(listener: Listener<SessionClose>): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }
  onError(listener: Listener<ProviderProxyError>): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Opens the session (idempotent while connecting/open). */
  connect(): void {
    if (this.stateValue === "connecting" || this.stateValue === "open") return;
    this.stopped = false;
    this.open("connecting");
  }

  /** Sends bytes to the provider (e.g. shell stdin); queued until the session is open. */
  send(data: Uint8Array | string): void {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    const data64 = toBase64(bytes);
    // Serialised so frames keep their order even while a credential is being created.
    this.sendChain = this.sendChain
      .then(() => this.envelope(data64))
      .then((message) => {
        if (this.ready && this.socket?.readyState === OPEN) this.socket.send(message);
        else this.pendingSends.push(message);
      })
      .catch(() => undefined);
  }

  /** Closes for good (no reconnect). */
  close(): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      try {
        socket.close(1000, "client closed");
      } catch {
        // already closed
      }
    }
    this.setState("closed");
  }

  private authCache: ProviderAuth | undefined;

  private async resolveAuth(): Promise<ProviderAuth | undefined> {
    const { auth } = this.options;
    if (typeof auth !== "function") return auth;
    if (!this.authCache || this.renewAuth) {
      this.authCache = await auth({ renew: this.renewAuth });
      this.renewAuth = false;
    }
    return this.authCache;
  }

  private async envelope(data?: string): Promise<string> {
    const auth = await this.resolveAuth();
    return JSON.stringify({
      type: "websocket",
      url: this.options.url,
      providerAddress: this.options.providerAddress,
      ...(this.options.network ? { network: this.options.network } : {}),
      ...(auth ? { auth } : {}),
      // Always base64: it also asks the proxy for binary provider frames as base64 (compact, bounded).
      isBase64: true,
      ...(data !== undefined ? { data } : {}),
    });
  }

  private open(state: "connecting" | "reconnecting"): void {
    this.setState(state);
    this.ready = false;
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
    let socket: WebSocketLike;
    try {
      socket = create(toWsUrl(this.options.proxyUrl));
    } catch (error) {
      this.fail(new ProviderProxyError("offline", `Could not open the provider proxy socket: ${getErrorMessage(error)}`));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      void this.envelope()
        .then((hello) => {
          if (this.socket !== socket) return;
          socket.send(hello);
          this.ready = true;
          this.attempts = 0;
          for (const pending of this.pendingSends.splice(0)) socket.send(pending);
          this.startPing(socket);
          this.setState("open");
        })
        .catch((error: unknown) => {
          this.fail(new ProviderProxyError("credentialInvalid", `Could not create provider credentials: ${getErrorMessage(error)}`));
        });
    };
    socket.onmessage = (event) => this.handleMessage(event.data);
    socket.onerror = () => {
      // The close event follows and decides what to do.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      if (this.stopped) return;
      if (event.code === 1008 && event.reason.startsWith("invalidCertificate")) {
        const code = event.reason.split(".")[1] ?? "unknown";
        this.fail(new ProviderProxyError("certificateInvalid", `The provider's certificate does not match its on-chain certificate (${code}).`, { proxyCode: "invalidCertificate", hint: "Choose another provider or try later." }));
        return;
      }
      this.scheduleReconnect({ code: event.code, reason: event.reason, byProvider: false });
    };
  }

  private handleMessage(raw: unknown): void {
    if (typeof raw !== "string") return;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message.type === "pong") return;
    if (typeof message.error === "string") {
      if (message.error === "tokenExpired") {
        // Renew the credential and reconnect right away.
        this.renewAuth = true;
        this.emitError(new ProviderProxyError("tokenExpired", "Your provider access token expired; renewing it.", { proxyCode: "tokenExpired" }));
        this.restart();
        return;
      }
      const code = typeof message.code === "string" ? message.code : undefined;
      const status = typeof message.status === "number" ? message.status : undefined;
      const kind = code === "providerUnavailable" ? "offline" : code === "providerTimeout" ? "timeout" : status === 401 || status === 403 ? "unauthorized" : status === 404 ? "notFound" : "providerError";
      const error = new ProviderProxyError(kind, message.error, { proxyCode: code, status });
      if (kind === "unauthorized") {
        this.fail(error);
        return;
      }
      this.emitError(error);
      return;
    }
    if (message.closed === true) {
      const close: SessionClose = { code: typeof message.code === "number" ? message.code : 1006, reason: typeof message.reason === "string" ? message.reason : "", byProvider: true };
      const reconnect = this.options.reconnectOnClose ? this.options.reconnectOnClose(close) : close.code === 1006;
      if (reconnect && !this.stopped) {
        this.restart(close);
        return;
      }
      this.stopped = true;
      this.lastClose = close;
      this.clearTimers();
      const socket = this.socket;
      this.socket = null;
      if (socket) {
        detach(socket);
        socket.close(1000, "provider closed");
      }
      for (const listener of this.closeListeners) listener(close);
      this.setState("closed");
      return;
    }
    const payload = message.message;
    if (typeof payload === "string" && message.isBase64 === true) {
      const data = decodeBase64(payload);
      if (data) this.emitFrame({ kind: "binary", data });
    }
    else if (typeof payload === "string") this.emitFrame({ kind: "text", text: payload });
    else if (payload && typeof payload === "object" && (payload as { type?: unknown }).type === "Buffer" && Array.isArray((payload as { data?: unknown }).data)) {
      this.emitFrame({ kind: "binary", data: Uint8Array.from((payload as { data: number[] }).data) });
    }
  }

  /** Drops the current socket and reconnects (with backoff). */
  private restart(close?: SessionClose): void {
    const socket = this.socket;
    this.socket = null;
    this.clearTimers();
    if (socket) {
      detach(socket);
      try {
        socket.close(1000, "reconnecting");
      } catch {
        // ignore
      }
    }
    this.scheduleReconnect(close ?? { code: 1000, reason: "reconnecting", byProvider: false });
  }

  private scheduleReconnect(close: SessionClose): void {
    const max = this.options.maxReconnects ?? 6;
    this.lastClose = close;
    if (this.attempts >= max) {
      this.fail(new ProviderProxyError("offline", `The connection to the provider was lost (${close.code}${close.reason ? ` ${close.reason}` : ""}) and could not be re-established.`, { hint: "Check the provider's status and reconnect." }));
      return;
    }
    const base = this.options.backoffMs ?? 500;
    const delay = Math.min(15_000, base * 2 ** this.attempts) * (0.8 + Math.random() * 0.4);
    this.attempts += 1;
    this.setState("reconnecting");
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.open("reconnecting");
    }, delay);
  }

  private fail(error: ProviderProxyError): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      try {
        socket.close(1000, "failed");
      } catch {
        // ignore
      }
    }
    this.emitError(error);
    this.setState("failed");
  }

  private startPing(socket: WebSocketLike): void {
    const interval = this.options.pingIntervalMs ?? 15_000;
    this.pingTimer = setInterval(() => {
      if (socket.readyState === OPEN) socket.send(JSON.stringify({ type: "ping" }));
    }, interval);
  }

  private clearTimers(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.pingTimer = null;
    this.reconnectTimer = null;
  }

  private setState(state: SessionState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private emitFrame(frame: SessionFrame): void {
    for (const listener of this.frameListeners) listener(frame);
  }

  private emitError(error: ProviderProxyError): void {
    this.lastError = error;
    for (const listener of this.errorListeners) listener(error);
  }
}

function detach(socket: WebSocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}

function toWsUrl(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  if (url.protocol === "http:") url.protocol = "ws:";
  else if (url.protocol === "https:") url.protocol = "wss:";
  return url.toString().replace(/\/+$/, "");
}

function decodeBase64(text: string): Uint8Array | null {
  try {
    return fromBase64(text);
  } catch {
    return null;
  }
}
