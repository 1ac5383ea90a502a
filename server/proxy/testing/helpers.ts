import { randomBytes } from "node:crypto";
import { toBech32 } from "@cosmjs/encoding";
import { WebSocket } from "ws";

export function randomAddress(): string {
  return toBech32("akash", randomBytes(20));
}

/** An unsigned-looking JWT with the given claims: the proxy only decodes claims; the provider verifies. */
export function makeJwt(claims: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return `${enc({ alg: "ES256KADR36", typ: "JWT" })}.${enc(claims)}.${randomBytes(64).toString("base64url")}`;
}

export function jwtFor(iss: string, secondsFromNow = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  return makeJwt({ iss, iat: now, nbf: now, exp: now + secondsFromNow, version: "v1", leases: { access: "full" } });
}

export interface ProxyMessage {
  type?: string;
  message?: unknown;
  isBase64?: boolean;
  error?: string;
  code?: string | number;
  closed?: boolean;
  reason?: string;
  status?: number;
}

/** A browser-like proxy WebSocket client that records every JSON message it receives. */
export class ProxyClient {
  readonly messages: ProxyMessage[] = [];
  closeInfo: { code: number; reason: string } | undefined;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.messages.push(JSON.parse(data.toString()) as ProxyMessage);
      this.notify();
    });
    ws.on("close", (code, reason) => {
      this.closeInfo = { code, reason: reason.toString() };
      this.notify();
    });
  }

  static async connect(proxyUrl: string, headers?: Record<string, string>): Promise<ProxyClient> {
    const ws = new WebSocket(proxyUrl.replace(/^http/, "ws"), { headers });
    const client = new ProxyClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return client;
  }

  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  private notify() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `predicate` holds, rejects after `timeoutMs`. */
  async waitFor(predicate: (c: ProxyClient) => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages).slice(0, 1000)} close=${JSON.stringify(this.closeInfo)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.close();
  }
}
