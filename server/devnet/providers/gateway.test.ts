import tls from "node:tls";
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { certificateManager, type CertificatePem } from "@akashnetwork/chain-sdk";
import { ProviderGateway, NoLeaseError, type GatewayBackend } from "./gateway.ts";
import { ManifestDecodeError, ManifestValidationError } from "./manifest.ts";
import { collectWs, gatewayRequest, gatewayWs } from "./test-support.ts";
import type { AuthChain } from "./auth.ts";

const PROVIDER = "akash1d83kheazgmu2xw0m72ge97gvr3hkrqgpfw5nf5";
const OWNER = "akash1m8pac3yj90xahz8lnl3nauth3agactsvslfgjf";

let gateway: ProviderGateway;
let base: string;
let client: CertificatePem;
let nextManifestError: Error | undefined;

beforeAll(async () => {
  const server = await certificateManager.generatePEM(PROVIDER);
  client = await certificateManager.generatePEM(OWNER);
  const serial = BigInt("0x" + new X509Certificate(client.cert).serialNumber).toString(10);
  const chain: AuthChain = {
    certificate: async (owner, s) => (owner === OWNER && s === serial ? { state: "valid", certPem: client.cert, serial } : null),
    accountPubkey: async () => null,
  };
  const backend: GatewayBackend = {
    address: PROVIDER,
    hostName: "provider-1.localhost",
    chain,
    status: () => ({ cluster: { leases: 0 } }),
    submitManifest: async () => {
      if (nextManifestError) throw nextManifestError;
    },
    lease: () => undefined,
  };
  gateway = new ProviderGateway({ host: "127.0.0.1", port: 0, cert: server.cert, key: server.privateKey, backend });
  base = `https://provider-1.localhost:${await gateway.listen()}`;
});

afterAll(() => gateway.close());

describe("provider gateway", () => {
  test("TLS 1.3 only", async () => {
    const err = await new Promise<Error | undefined>((resolve) => {
      const s = tls.connect({ host: "127.0.0.1", port: gateway.port, maxVersion: "TLSv1.2", rejectUnauthorized: false }, () => {
        s.end();
        resolve(undefined);
      });
      s.on("error", resolve);
    });
    expect(err?.message).toMatch(/protocol version|alert/i);
    expect((await gatewayRequest(`${base}/address`)).tlsVersion).toBe("TLSv1.3");
  });

  test("unauthenticated and unknown endpoints", async () => {
    expect(JSON.parse((await gatewayRequest(`${base}/address`)).body)).toEqual({ address: PROVIDER });
    expect(JSON.parse((await gatewayRequest(`${base}/status`)).body)).toEqual({ cluster: { leases: 0 } });
    expect((await gatewayRequest(`${base}/nope`)).status).toBe(404);
    expect((await gatewayRequest(`${base}/deployment/1/manifest`, { method: "POST", body: "[]" })).status).toBe(405);
    expect((await gatewayRequest(`${base}/lease/1/1/1/logs`, { cert: client })).status).toBe(400);
    expect(await gatewayRequest(`${base}/lease/1/1/1/service/%E0%A4%A/status`, { cert: client })).toMatchObject({ status: 400, body: 'invalid service name "%E0%A4%A"\n' });
  });

  test("manifest errors map to the provider's status codes and texts", async () => {
    const put = () => gatewayRequest(`${base}/deployment/5/manifest`, { method: "PUT", body: "[]", cert: client });
    nextManifestError = new NoLeaseError();
    expect(await put()).toMatchObject({ status: 404, body: "no lease for deployment\n" });
    nextManifestError = new ManifestDecodeError("manifest decode error: x");
    expect(await put()).toMatchObject({ status: 422, body: "manifest decode error: x\n" });
    nextManifestError = new ManifestValidationError("manifest version validation failed: y");
    expect(await put()).toMatchObject({ status: 500, body: "manifest version validation failed: y\n" });
    nextManifestError = new Error("boom");
    expect(await put()).toMatchObject({ status: 500, body: "internal error\n" });
    nextManifestError = undefined;
    expect(await put()).toMatchObject({ status: 200, body: "" });
    // No credentials at all.
    const anon = await gatewayRequest(`${base}/deployment/5/manifest`, { method: "PUT", body: "[]" });
    expect([anon.status, JSON.parse(anon.body).message]).toEqual([401, "unauthorized access: no client certificate or bearer token"]);
  });

  test("WebSocket: auth before upgrade, lease lookup after", async () => {
    const anon = await collectWs(gatewayWs(`${base}/lease/1/1/1/logs`));
    expect(anon.unexpected).toBe(401);
    const missing = await collectWs(gatewayWs(`${base}/lease/1/1/1/kubeevents`, { cert: client }));
    expect([missing.code, missing.reason]).toEqual([4001, "lease not found"]);
    const badShell = await collectWs(gatewayWs(`${base}/lease/1/1/1/shell?cmd0=ls&tty=2&stdin=0&podIndex=0&service=web`, { cert: client }));
    expect(badShell.unexpected).toBe(400);
  });

  test("random garbage never yields a 5xx or takes the gateway down", async () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
    const segs = ["lease", "deployment", "1", "0", "-1", "99999999999999999999", "manifest", "status", "service", "%zz", "..", "logs", "web", ""];
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const tokens = ["", "x", "a.b.c", `${b64({ alg: "ES256K" })}.${b64({ iss: OWNER })}.AAAA`, `${b64({ alg: "none" })}.${b64({})}.`, `${b64([1])}.${b64("x")}.${"A".repeat(86)}`];
    for (let i = 0; i < 150; i++) {
      const path = "/" + Array.from({ length: 1 + rnd(5) }, () => pick(segs)).join("/");
      const method = pick(["GET", "PUT", "POST", "DELETE"]);
      const jwt = rnd(2) ? pick(tokens) || undefined : undefined;
      const res = await gatewayRequest(`${base}${path}`, { method, jwt, body: method === "PUT" ? pick(["", "[", "[]", '{"a":1}', "\u0000"]) : undefined });
      expect(res.status, `${method} ${path} (${jwt ?? "no auth"}) → ${res.body}`).toBeLessThan(500);
    }
    expect((await gatewayRequest(`${base}/address`)).status).toBe(200);
  });

  test("offline: refuse resets connections, hang never answers, online again serves", async () => {
    gateway.setOnline(false, "refuse");
    await expect(gatewayRequest(`${base}/address`)).rejects.toThrow(/ECONNRESET|socket hang up/);
    gateway.setOnline(false, "hang");
    await expect(gatewayRequest(`${base}/address`, { timeoutMs: 400 })).rejects.toThrow(/timed out/);
    gateway.setOnline(true);
    expect((await gatewayRequest(`${base}/address`)).status).toBe(200);
  });
});
