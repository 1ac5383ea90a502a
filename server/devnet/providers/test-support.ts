/** Shared helpers for the providers' unit and integration tests (not used by the runtime). */
import { readFileSync } from "node:fs";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { X509Certificate } from "node:crypto";
import WebSocket from "ws";
import { parse } from "yaml";
import { generateManifest, manifestToSortedJSON, generateManifestVersion, type Manifest } from "@akashnetwork/chain-sdk";
import { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { parseGroupSpec } from "./chain-json.ts";
import type { GroupSpecView } from "./types.ts";

export interface SdlBuild {
  groups: Manifest;
  groupSpecs: GroupSpec[];
  specs: GroupSpecView[];
  /** The body a console PUTs to the provider. */
  manifestJson: string;
  version: Uint8Array;
}

export async function buildSdl(yamlText: string): Promise<SdlBuild> {
  const r = generateManifest(parse(yamlText), "sandbox");
  if (!r.ok) throw new Error(`invalid SDL: ${JSON.stringify(r.value)}`);
  return {
    groups: r.value.groups,
    groupSpecs: r.value.groupSpecs,
    specs: r.value.groupSpecs.map((g) => parseGroupSpec(GroupSpec.toJSON(g))),
    manifestJson: manifestToSortedJSON(r.value.groups),
    version: await generateManifestVersion(r.value.groups),
  };
}

export const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8");

/** Tiny SDL generator for unit tests. */
export function sdl(opts: { cpu?: string; memory?: string; storage?: string; count?: number; gpu?: string; persistentClass?: string; ip?: boolean; attributes?: Record<string, string>; signedBy?: { anyOf?: string[]; allOf?: string[] }; price?: number; denom?: string; image?: string; env?: string[] } = {}): string {
  const storage = opts.persistentClass
    ? `\n          - size: 1Gi\n          - name: data\n            size: ${opts.storage ?? "10Gi"}\n            attributes:\n              persistent: true\n              class: ${opts.persistentClass}`
    : ` \n          size: ${opts.storage ?? "1Gi"}`;
  return `version: "2.0"
${opts.ip ? "endpoints:\n  myip:\n    kind: ip\n" : ""}services:
  web:
    image: ${opts.image ?? "nginx:1.25"}
${opts.env ? `    env:\n${opts.env.map((e) => `      - ${JSON.stringify(e)}`).join("\n")}\n` : ""}    expose:
      - port: 80
        as: 80
        to:
          - global: true${opts.ip ? "\n            ip: myip" : ""}
${opts.persistentClass ? "    params:\n      storage:\n        data:\n          mount: /data\n" : ""}profiles:
  compute:
    web:
      resources:
        cpu:
          units: ${opts.cpu ?? "1"}
        memory:
          size: ${opts.memory ?? "512Mi"}
        storage:${storage}
${opts.gpu ? `        gpu:\n          units: 1\n          attributes:\n            vendor:\n              nvidia:\n${opts.gpu.split(",").map((m) => `                - model: ${m}`).join("\n")}\n` : ""}  placement:
    dc:
${opts.attributes ? `      attributes:\n${Object.entries(opts.attributes).map(([k, v]) => `        ${k}: ${v}`).join("\n")}\n` : ""}${opts.signedBy ? `      signedBy:\n${opts.signedBy.anyOf ? `        anyOf:\n${opts.signedBy.anyOf.map((a) => `          - ${a}`).join("\n")}\n` : ""}${opts.signedBy.allOf ? `        allOf:\n${opts.signedBy.allOf.map((a) => `          - ${a}`).join("\n")}\n` : ""}` : ""}      pricing:
        web:
          denom: ${opts.denom ?? "uact"}
          amount: ${opts.price ?? 1000}
deployment:
  web:
    dc:
      profile: web
      count: ${opts.count ?? 1}
`;
}

// ---- clients for the provider gateway (tests) ----


/** Resolve `*.localhost` to 127.0.0.1 (RFC 6761), since Node's resolver may not. */
export const localhostLookup: LookupFunction = (hostname, options, callback) => {
  const cb = callback as unknown as (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void;
  if (hostname === "localhost" || hostname.endsWith(".localhost")) {
    if ((options as { all?: boolean }).all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
    else cb(null, "127.0.0.1", 4);
    return;
  }
  cb(new Error(`test lookup only resolves *.localhost, not ${hostname}`), "", 0);
};

export interface ClientAuth {
  cert?: { cert: string; privateKey: string };
  jwt?: string;
}

export interface GatewayResponse {
  status: number;
  body: string;
  serverCert: X509Certificate | undefined;
  tlsVersion: string | null;
}

/** One HTTPS request to a provider gateway, like the provider proxy makes it (no CA verification). */
export function gatewayRequest(url: string, opts: ClientAuth & { method?: string; body?: string; timeoutMs?: number } = {}): Promise<GatewayResponse> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: opts.method ?? "GET",
        lookup: localhostLookup,
        rejectUnauthorized: false,
        cert: opts.cert?.cert,
        key: opts.cert?.privateKey,
        headers: { ...(opts.jwt ? { authorization: `Bearer ${opts.jwt}` } : {}), ...(opts.body !== undefined ? { "content-type": "application/json" } : {}) },
        timeout: opts.timeoutMs ?? 10_000,
        agent: false,
      },
      (res) => {
        const sock = res.socket as import("node:tls").TLSSocket;
        const serverCert = sock.getPeerX509Certificate?.();
        const tlsVersion = sock.getProtocol?.() ?? null;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), serverCert, tlsVersion }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** A WebSocket to a provider gateway endpoint (`https://…` URL). */
export function gatewayWs(url: string, opts: ClientAuth = {}): WebSocket {
  return new WebSocket(url.replace(/^https/, "wss"), {
    lookup: localhostLookup,
    rejectUnauthorized: false,
    cert: opts.cert?.cert,
    key: opts.cert?.privateKey,
    headers: opts.jwt ? { authorization: `Bearer ${opts.jwt}` } : {},
  } as WebSocket.ClientOptions);
}

/** Collect messages until the socket closes; resolves with frames and the close code/reason. */
export function collectWs(ws: WebSocket, opts: { until?: (msgs: (string | Buffer)[]) => boolean; timeoutMs?: number } = {}) {
  return new Promise<{ messages: (string | Buffer)[]; code: number; reason: string; unexpected?: number }>((resolve, reject) => {
    const messages: (string | Buffer)[] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`websocket timed out after ${opts.timeoutMs ?? 10_000} ms with ${messages.length} messages`));
    }, opts.timeoutMs ?? 10_000);
    ws.on("message", (data, isBinary) => {
      messages.push(isBinary ? Buffer.from(data as Buffer) : data.toString());
      if (opts.until?.(messages)) {
        clearTimeout(timer);
        ws.close();
        resolve({ messages, code: 1000, reason: "closed by client" });
      }
    });
    ws.on("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ messages: [Buffer.concat(chunks).toString()], code: 0, reason: "", unexpected: res.statusCode }));
    });
    ws.on("error", () => undefined);
    ws.on("close", (code, reason) => {
      clearTimeout(timer);
      resolve({ messages, code, reason: reason.toString() });
    });
  });
}
