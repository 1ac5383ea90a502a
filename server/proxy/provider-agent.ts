import https from "node:https";
import tls from "node:tls";
import type { ClientRequestArgs } from "node:http";
import type { Duplex } from "node:stream";
import type { LookupFunction } from "node:net";
import type { ProviderCertificateValidator } from "./certificate-validator.ts";
import { explainCertificateCode } from "./certificate-validator.ts";
import { ProxyError } from "./errors.ts";
import { getErrorMessage } from "../shared/errors.ts";

/** Request option (passed through the agent to `createConnection`): give up connecting at this time (ms epoch). */
export const CONNECT_DEADLINE = "akashProxyConnectDeadline";

export interface ProviderAgentOptions {
  providerAddress: string;
  validator: ProviderCertificateValidator;
  lookup: LookupFunction;
  keepAlive: boolean;
  /** Upper bound for TCP connect + TLS handshake + certificate verification. */
  handshakeTimeoutMs: number;
}

/**
 * An https agent whose sockets are handed to requests only after the provider's TLS
 * certificate has been verified against the chain. Nothing (headers, JWT, body) is
 * written to a socket before that, and verified keep-alive sockets are reused.
 */
export class ProviderAgent extends https.Agent {
  private readonly opts: ProviderAgentOptions;

  constructor(opts: ProviderAgentOptions) {
    // `timeout`: idle keep-alive sockets are closed after 30 s (the agent destroys timed-out free sockets).
    super({ keepAlive: opts.keepAlive, keepAliveMsecs: 1_000, maxSockets: 64, maxFreeSockets: 16, scheduling: "lifo", timeout: 30_000 });
    this.opts = opts;
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const done = onceCallback(callback);
    let socket: tls.TLSSocket;
    try {
      socket = tls.connect({
        ...(options as tls.ConnectionOptions),
        lookup: this.opts.lookup,
        rejectUnauthorized: false,
      });
    } catch (error) {
      // e.g. a client key that does not match its certificate
      done(new ProxyError("invalidClientCertificate", `The client certificate cannot be used: ${getErrorMessage(error)}`));
      return undefined;
    }
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      done(err);
    };
    const deadline = (options as Record<string, unknown>)[CONNECT_DEADLINE];
    const budget = typeof deadline === "number" ? Math.max(1, Math.min(deadline - Date.now(), this.opts.handshakeTimeoutMs)) : this.opts.handshakeTimeoutMs;
    const timer = setTimeout(
      () => fail(new ProxyError("providerTimeout", `TLS handshake with ${options.host}:${options.port} timed out`)),
      budget,
    );
    const handOver = () => {
      clearTimeout(timer);
      socket.removeListener("error", fail);
      // The request attaches its own error listener on the next tick; never crash in between.
      socket.on("error", () => {});
      done(null, socket);
    };
    socket.once("error", fail);
    socket.once("secureConnect", () => {
      // Every provider certificate is pinned to the chain, CA-trusted or not: a public CA only says who owns a
      // host name, and anyone may register a provider whose host_uri names a host they own.
      this.opts.validator
        .validate(socket.getPeerX509Certificate(), this.opts.providerAddress)
        .then((result) => {
          if (socket.destroyed) return fail(new Error("socket closed during certificate verification"));
          if (!result.ok) {
            return fail(
              new ProxyError(
                "invalidCertificate",
                `Invalid certificate error: ${result.code} (${explainCertificateCode(result.code)})`,
                result.code,
              ),
            );
          }
          handOver();
        })
        .catch((err: unknown) => fail(err instanceof Error ? err : new Error(String(err))));
    });
    return undefined;
  }
}

function onceCallback(callback?: (err: Error | null, stream: Duplex) => void) {
  let called = false;
  return (err: Error | null, stream?: Duplex) => {
    if (called || !callback) return;
    called = true;
    callback(err, stream as Duplex);
  };
}

/** One keep-alive agent (HTTP) and one plain agent (WebSocket upgrades) per provider. */
export class ProviderAgentPool {
  private readonly agents = new Map<string, ProviderAgent>();

  constructor(
    private readonly base: Omit<ProviderAgentOptions, "providerAddress" | "keepAlive">,
    private readonly maxProviders = 1_000,
  ) {}

  get(providerAddress: string, kind: "http" | "ws"): ProviderAgent {
    const key = `${kind}:${providerAddress}`;
    let agent = this.agents.get(key);
    if (agent) {
      // refresh LRU position
      this.agents.delete(key);
      this.agents.set(key, agent);
      return agent;
    }
    if (this.agents.size >= this.maxProviders) {
      const [oldestKey, oldest] = this.agents.entries().next().value as [string, ProviderAgent];
      this.agents.delete(oldestKey);
      oldest.destroy();
    }
    agent = new ProviderAgent({ ...this.base, providerAddress, keepAlive: kind === "http" });
    this.agents.set(key, agent);
    return agent;
  }

  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
