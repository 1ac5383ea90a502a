import { X509Certificate } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startProxy, type ProxyOptions, type RunningProxy } from "./server.ts";
import { FakeRegistry, generateCert, startFakeProvider, type FakeProvider } from "./testing/fake-provider.ts";
import { ProxyClient, jwtFor, randomAddress } from "./testing/helpers.ts";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("provider proxy: HTTP", () => {
  it("round-trips an unauthenticated GET", async () => {
    const { proxy, provider } = await setup();
    const res = await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ address: provider.address });
  });

  it("round-trips GET and PUT with JWT auth", async () => {
    const { proxy, provider, tenant } = await setup();
    const auth = { type: "jwt", token: tenant.token };
    const get = await post(proxy, { method: "GET", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ method: "GET", auth: "jwt" });

    const manifest = JSON.stringify([{ name: "dcloud", services: [] }]);
    const put = await post(proxy, { method: "PUT", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth, body: manifest });
    expect(await put.json()).toMatchObject({ method: "PUT", body: manifest, auth: "jwt" });
  });

  it("round-trips a manifest PUT with mTLS, presenting the client certificate", async () => {
    const { proxy, provider, tenant } = await setup();
    const auth = { type: "mtls", certPem: tenant.cert.cert, keyPem: tenant.cert.privateKey };
    const put = await post(proxy, { method: "PUT", url: `${provider.hostUri}/deployment/42/manifest`, providerAddress: provider.address, auth, body: "[]" });
    expect(put.status).toBe(200);
    expect(await put.text()).toBe("");
    const echo = await post(proxy, { method: "GET", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth });
    expect(await echo.json()).toMatchObject({ auth: "mtls", owner: tenant.address });
  });

  it("accepts the legacy top-level certPem/keyPem fields", async () => {
    const { proxy, provider, tenant } = await setup();
    const res = await post(proxy, { method: "GET", url: `${provider.hostUri}/echo`, providerAddress: provider.address, certPem: tenant.cert.cert, keyPem: tenant.cert.privateKey });
    expect(await res.json()).toMatchObject({ auth: "mtls" });
  });

  it("passes the provider's auth rejections through (wrong JWT, unknown client certificate)", async () => {
    const { proxy, provider } = await setup();
    const wrongJwt = await post(proxy, { method: "GET", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth: { type: "jwt", token: jwtFor(randomAddress()) } });
    expect(wrongJwt.status).toBe(401);
    expect(wrongJwt.headers.get("x-proxy-error")).toBeNull();
    expect(await wrongJwt.json()).toEqual({ message: "JWT is invalid" });

    const stranger = await generateCert(randomAddress());
    const wrongCert = await post(proxy, { method: "GET", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth: { type: "mtls", certPem: stranger.cert, keyPem: stranger.privateKey } });
    expect(wrongCert.status).toBe(401);
    expect(await wrongCert.json()).toEqual({ message: "unauthorized access" });
  });

  it("turns a provider's manifest cross-validation 500 into a 400 with the provider's message; 422 passes through", async () => {
    const { proxy, provider, tenant } = await setup();
    const auth = { type: "jwt", token: tenant.token };
    const rejected = await post(proxy, { method: "PUT", url: `${provider.hostUri}/deployment/1/manifest`, providerAddress: provider.address, auth, body: "crossfail" });
    expect(rejected.status).toBe(400);
    expect(await rejected.text()).toBe("manifest cross-validation error: group web: resources mismatch");
    const invalid = await post(proxy, { method: "PUT", url: `${provider.hostUri}/deployment/1/manifest`, providerAddress: provider.address, auth, body: "badjson" });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ message: "invalid manifest: decode failed" });
  });

  it("refuses a host that is not the provider's registered host_uri", async () => {
    const { proxy, provider, registry } = await setup();
    const other = await startFakeProvider({ address: randomAddress(), hostname: "provider-2.localhost" });
    cleanups.push(() => other.close());
    registry.register(other.address, other.hostUri, other.certPem);
    const res = await post(proxy, { method: "GET", url: `${other.hostUri}/status`, providerAddress: provider.address });
    await expectProxyError(res, 403, "hostMismatch", /registered on chain at provider-1\.localhost/);
    expect(other.requests).toHaveLength(0);
  });

  it("refuses plain http, IP literals, .local hosts and unknown providers", async () => {
    const { proxy, provider } = await setup();
    const port = provider.port;
    await expectProxyError(await post(proxy, { method: "GET", url: `http://provider-1.localhost:${port}/status`, providerAddress: provider.address }), 400, "insecureUrl");
    await expectProxyError(await post(proxy, { method: "GET", url: `https://127.0.0.1:${port}/status`, providerAddress: provider.address }), 400, "ipLiteralUrl");
    await expectProxyError(await post(proxy, { method: "GET", url: `https://[::1]:${port}/status`, providerAddress: provider.address }), 400, "ipLiteralUrl");
    await expectProxyError(await post(proxy, { method: "GET", url: `https://printer.local:${port}/`, providerAddress: provider.address }), 403, "privateNetwork");
    await expectProxyError(await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: randomAddress() }), 400, "providerNotFound");
    await expectProxyError(await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: "not-an-address" }), 400, "invalidRequest");
    expect(provider.requests).toHaveLength(0);
  });

  it("does not reach loopback providers unless started for the devnet", async () => {
    const { proxy, provider } = await setup({ allowLoopback: false });
    const res = await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address });
    await expectProxyError(res, 403, "privateNetwork");
    expect(provider.requests).toHaveLength(0);
  });

  it("answers 495 when the provider's certificate does not match its on-chain certificate", async () => {
    const { proxy, provider, registry } = await setup();
    const served = new X509Certificate(provider.certPem);
    const impostor = await generateCert(provider.address);
    registry.certs.set(`${provider.address}:${BigInt(`0x${served.serialNumber}`).toString(10)}`, new X509Certificate(impostor.cert));
    const res = await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address });
    await expectProxyError(res, 495, "invalidCertificate", /^Invalid certificate error: fingerprintMismatch/);
    expect(provider.requests).toHaveLength(0);
  });

  it("answers 495 for a certificate that is not on chain, expired, or issued to another address", async () => {
    const address = randomAddress();
    const unknown = await setup({ providerCert: await generateCert(address), address, registerCert: false });
    await expectProxyError(await post(unknown.proxy, { method: "GET", url: `${unknown.provider.hostUri}/status`, providerAddress: address }), 495, "invalidCertificate", /unknownCertificate/);

    const expiredAddress = randomAddress();
    const expired = await setup({
      address: expiredAddress,
      providerCert: await generateCert(expiredAddress, { validFrom: new Date(Date.now() - 7200_000), validTo: new Date(Date.now() - 3600_000) }),
    });
    await expectProxyError(await post(expired.proxy, { method: "GET", url: `${expired.provider.hostUri}/status`, providerAddress: expiredAddress }), 495, "invalidCertificate", /expired/);

    const other = randomAddress();
    const foreign = await setup({ providerCert: await generateCert(other) });
    await expectProxyError(await post(foreign.proxy, { method: "GET", url: `${foreign.provider.hostUri}/status`, providerAddress: foreign.provider.address }), 495, "invalidCertificate", /commonNameMismatch/);
  });

  it("answers 503 when the provider is offline", async () => {
    const { proxy, provider } = await setup();
    const hostUri = provider.hostUri;
    await provider.close();
    const res = await post(proxy, { method: "GET", url: `${hostUri}/status`, providerAddress: provider.address });
    await expectProxyError(res, 503, "providerUnavailable", /^Provider https:\/\/provider-1\.localhost:\d+ is temporarily unavailable/);
  });

  it("answers 504 when the provider hangs past the timeout", async () => {
    const { proxy, provider, tenant } = await setup();
    const started = Date.now();
    const res = await post(proxy, { method: "GET", url: `${provider.hostUri}/hang`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token }, timeout: 300 });
    await expectProxyError(res, 504, "providerTimeout", /did not respond within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("answers 504 when the provider accepts TCP but never completes TLS, and drops the pending connection", async () => {
    const { proxy, provider, registry } = await setup();
    const accepted = new Set<net.Socket>();
    let closed = 0;
    const silent = net.createServer((s) => {
      accepted.add(s);
      s.resume();
      s.on("close", () => closed++);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => {
      for (const s of accepted) s.destroy();
      return new Promise((resolve) => silent.close(() => resolve()));
    });
    const hostUri = `https://provider-1.localhost:${(silent.address() as AddressInfo).port}`;
    registry.hosts.set(provider.address, hostUri);
    const started = Date.now();
    const res = await post(proxy, { method: "GET", url: `${hostUri}/status`, providerAddress: provider.address, timeout: 300 });
    await expectProxyError(res, 504, "providerTimeout");
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitUntil(() => accepted.size > 0 && closed === accepted.size, 2_000);
  });

  it("answers 413 for a body larger than the limit, and forwards one at the limit", async () => {
    const { proxy, provider, tenant } = await setup({ maxBodyBytes: 64 * 1024 });
    const auth = { type: "jwt", token: tenant.token };
    const ok = await post(proxy, { method: "PUT", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth, body: "x".repeat(64 * 1024) });
    expect(ok.status).toBe(200);
    const big = await post(proxy, { method: "PUT", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth, body: "x".repeat(64 * 1024 + 1) });
    await expectProxyError(big, 413, "payloadTooLarge");
    const huge = await post(proxy, { method: "PUT", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth, body: "y".repeat(1024 * 1024) });
    await expectProxyError(huge, 413, "payloadTooLarge");
  });

  it("answers 429 with Retry-After when a client exceeds its rate", async () => {
    const { proxy, provider } = await setup({ rateLimit: { perSecond: 1, burst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("refuses an expired JWT, malformed JWT and mTLS+JWT together before contacting the provider", async () => {
    const { proxy, provider, tenant } = await setup();
    const url = `${provider.hostUri}/echo`;
    const expired = await post(proxy, { method: "GET", url, providerAddress: provider.address, auth: { type: "jwt", token: jwtFor(tenant.address, -60) } });
    await expectProxyError(expired, 401, "tokenExpired", /expired at .*sign a new token/);
    await expectProxyError(await post(proxy, { method: "GET", url, providerAddress: provider.address, auth: { type: "jwt", token: "abc" } }), 400, "invalidJwt");
    const both = await post(proxy, { method: "GET", url, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token }, certPem: tenant.cert.cert, keyPem: tenant.cert.privateKey });
    await expectProxyError(both, 400, "ambiguousAuth");
    const expiredCert = await generateCert(tenant.address, { validFrom: new Date(Date.now() - 7200_000), validTo: new Date(Date.now() - 3600_000) });
    await expectProxyError(await post(proxy, { method: "GET", url, providerAddress: provider.address, auth: { type: "mtls", certPem: expiredCert.cert, keyPem: expiredCert.privateKey } }), 400, "invalidClientCertificate", /expired/);
    await expectProxyError(await post(proxy, { method: "GET", url, providerAddress: provider.address, auth: { type: "mtls", certPem: tenant.cert.cert, keyPem: expiredCert.privateKey } }), 400, "invalidClientCertificate", /not the private key/);
    expect(provider.requests).toHaveLength(0);
  });

  it("rejects malformed envelopes with a message naming the problem", async () => {
    const { proxy } = await setup();
    const res = await fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    await expectProxyError(res, 400, "invalidRequest", /must be JSON/);
    const missing = await post(proxy, { method: "GET" });
    await expectProxyError(missing, 400, "invalidRequest", /url/);
  });

  it("reuses verified keep-alive connections and caches chain lookups", async () => {
    const { proxy, provider, registry } = await setup();
    for (let i = 0; i < 10; i++) {
      const res = await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    expect(registry.certLookups).toBe(1);
    expect(registry.hostLookups).toBe(1);
  });

  it("logs one structured line per request without auth material", async () => {
    const entries: Array<Record<string, unknown>> = [];
    const { proxy, provider, tenant } = await setup({ log: (e) => entries.push(e) });
    const auth = { type: "mtls", certPem: tenant.cert.cert, keyPem: tenant.cert.privateKey };
    await (await post(proxy, { method: "GET", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth })).arrayBuffer();
    const expired = jwtFor(tenant.address, -1);
    await (await post(proxy, { method: "GET", url: `${provider.hostUri}/echo`, providerAddress: provider.address, auth: { type: "jwt", token: expired } })).arrayBuffer();
    await waitUntil(() => entries.length >= 2);
    expect(entries[0]).toMatchObject({ event: "PROXY_REQUEST", status: 200, method: "GET", path: "/echo", providerAddress: provider.address });
    expect(entries[1]).toMatchObject({ event: "PROXY_REQUEST_ERROR", status: 401, code: "tokenExpired" });
    const text = JSON.stringify(entries);
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain("BEGIN CERTIFICATE");
    expect(text).not.toContain(expired.split(".")[1]!);
  });

  it("sends CORS headers only to allowed origins", async () => {
    const { proxy, provider } = await setup({ corsOrigins: ["http://localhost:5173"] });
    const body = { method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address };
    const allowed = await post(proxy, body, { origin: "http://localhost:5173" });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const other = await post(proxy, body, { origin: "https://evil.example" });
    await expectProxyError(other, 403, "originNotAllowed", /https:\/\/evil\.example is not allowed/);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    // Scripts and the alerts watcher send no Origin and are served.
    expect((await post(proxy, body)).status).toBe(200);
    const preflight = await fetch(proxy.url, { method: "OPTIONS", headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
  });
});

describe("provider proxy: a hostile provider and hostile pages", () => {
  it("never passes a redirect on: 502 providerRedirect, no Location (a 307 would make the browser re-POST the key elsewhere)", async () => {
    const { proxy, provider, tenant } = await setup();
    const res = await post(proxy, { method: "POST", url: `${provider.hostUri}/redirect`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token }, body: "{}" });
    await expectProxyError(res, 502, "providerRedirect", /redirect \(307\)/);
    expect(res.headers.get("location")).toBeNull();
    expect(res.redirected).toBe(false);
  });

  it("forwards only allow-listed headers, serves provider HTML as inert text, and marks every answer nosniff + sandboxed", async () => {
    const { proxy, provider, tenant } = await setup({ corsOrigins: ["http://localhost:5173"] });
    const res = await post(proxy, { method: "GET", url: `${provider.hostUri}/html`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } }, { origin: "http://localhost:5173" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    for (const name of ["set-cookie", "access-control-allow-credentials", "x-frame-options", "refresh", "link"]) expect(res.headers.get(name), name).toBeNull();
    // The provider's "*" does not replace the proxy's own CORS answer, nor its CSP.
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toContain("<script>");
    // The proxy's own errors carry the same protection.
    const error = await post(proxy, { method: "GET", url: "http://nope", providerAddress: provider.address });
    expect(error.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("cuts a provider that trickles its body (slow-loris) or sends more than the response cap", async () => {
    const { proxy, provider, tenant } = await setup({ maxResponseBytes: 1 << 20 });
    const auth = { type: "jwt", token: tenant.token };
    const started = Date.now();
    const trickle = await post(proxy, { method: "GET", url: `${provider.hostUri}/trickle`, providerAddress: provider.address, auth, timeout: 500 });
    expect(trickle.status).toBe(200);
    await expect(trickle.text()).rejects.toThrow();
    // Twice the 500 ms the headers had, not forever.
    expect(Date.now() - started).toBeLessThan(4_000);
    const flood = await post(proxy, { method: "GET", url: `${provider.hostUri}/flood?bytes=${4 << 20}`, providerAddress: provider.address, auth });
    await expect(flood.arrayBuffer()).rejects.toThrow();
    const within = await post(proxy, { method: "GET", url: `${provider.hostUri}/flood?bytes=${1 << 19}`, providerAddress: provider.address, auth });
    expect((await within.arrayBuffer()).byteLength).toBe(1 << 19);
  });

  it("refuses a cross-site form post (no JSON content type) before reading it", async () => {
    const { proxy, provider } = await setup();
    const form = `method=GET&url=${encodeURIComponent(`${provider.hostUri}/status`)}&providerAddress=${provider.address}`;
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]) {
      const res = await fetch(proxy.url, { method: "POST", headers: { "content-type": type }, body: form });
      await expectProxyError(res, 415, "unsupportedMediaType", /application\/json/);
    }
    // A JSON body posted as text/plain (what a form with enctype=text/plain can produce) is refused too.
    const sneaky = await fetch(proxy.url, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address }) });
    await expectProxyError(sneaky, 415, "unsupportedMediaType");
    expect(provider.requests).toHaveLength(0);
  });
});

describe("provider proxy: per-client caps", () => {
  it("caps the requests one client holds in flight, and frees the slot when one ends", async () => {
    const { proxy, provider, tenant } = await setup({ clientLimits: { maxRequestsPerClient: 2 } });
    const hang = () => post(proxy, { method: "GET", url: `${provider.hostUri}/hang`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token }, timeout: 1_500 });
    const held = [hang(), hang()];
    await waitUntil(() => provider.requests.filter((r) => r.path === "/hang").length === 2);
    await expectProxyError(await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address }), 429, "rateLimited", /in flight/);
    for (const res of await Promise.all(held)) expect(res.status).toBe(504);
    expect((await post(proxy, { method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address })).status).toBe(200);
  });

  it("caps the sessions one client holds open, and ends a session at its time limit", async () => {
    const { proxy } = await setup({ clientLimits: { maxSessionsPerClient: 2, maxSessionMs: 600 } });
    const first = await ProxyClient.connect(proxy.url);
    const second = await ProxyClient.connect(proxy.url);
    cleanups.push(() => first.close(), () => second.close());
    await expect(ProxyClient.connect(proxy.url)).rejects.toThrow(/429/);
    await first.waitFor((c) => c.closeInfo !== undefined, 5_000, "session time limit");
    expect(first.closeInfo).toEqual({ code: 1000, reason: "Session time limit reached; reconnect to continue" });
    // Its slot is free again.
    const third = await ProxyClient.connect(proxy.url);
    cleanups.push(() => third.close());
  });
});

describe("provider proxy: WebSocket", () => {
  it("answers ping with pong", async () => {
    const { client } = await setupWs();
    client.send({ type: "ping" });
    await client.waitFor((c) => c.messages.some((m) => m.type === "pong"));
  });

  it("streams logs with JWT auth and reports the provider's close", async () => {
    const { client, provider, tenant } = await setupWs();
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/logs?follow=false&tail=3`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } });
    await client.waitFor((c) => c.messages.some((m) => m.closed), 5_000, "close message");
    const lines = client.messages.filter((m) => !m.closed).map((m) => JSON.parse(m.message as string) as { message: string });
    expect(lines.map((l) => l.message)).toEqual(["log line 0", "log line 1", "log line 2"]);
    expect(client.messages.at(-1)).toEqual({ type: "websocket", message: "", closed: true, code: 1000, reason: "done" });
    expect(provider.requests.find((r) => r.method === "WS")?.auth).toBe("jwt");
  });

  it("streams kube events with mTLS auth", async () => {
    const { client, provider, tenant } = await setupWs();
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/kubeevents?follow=true`, providerAddress: provider.address, auth: { type: "mtls", certPem: tenant.cert.cert, keyPem: tenant.cert.privateKey } });
    await client.waitFor((c) => c.messages.length >= 2);
    expect(JSON.parse(client.messages[1]!.message as string)).toMatchObject({ reason: "Started", object: { name: "web-0" } });
    expect(provider.requests.find((r) => r.method === "WS")?.auth).toBe("mtls");
  });

  it("relays shell binary frames both ways: base64 to a client that speaks it, legacy byte lists accepted", async () => {
    const { client, provider, tenant } = await setupWs();
    const base = { type: "websocket", url: `${provider.hostUri}/lease/1/1/1/shell?cmd0=sh&tty=1&stdin=1&podIndex=0&service=web`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } };
    client.send({ ...base, isBase64: true });
    client.send({ ...base, data: Buffer.concat([Buffer.from([104]), Buffer.from("ls\n")]).toString("base64"), isBase64: true });
    const resize = Buffer.alloc(5);
    resize[0] = 105;
    resize.writeUInt16BE(120, 1);
    resize.writeUInt16BE(40, 3);
    client.send({ ...base, data: Array.from(resize).join(",") });
    client.send({ ...base, data: Buffer.concat([Buffer.from([104]), Buffer.from("exit\n")]).toString("base64"), isBase64: true });
    await client.waitFor((c) => c.messages.some((m) => m.closed), 5_000, "shell exit");
    const replies = client.messages.filter((m) => !m.closed);
    expect(replies.every((m) => m.isBase64 === true && typeof m.message === "string")).toBe(true);
    const frames = replies.map((m) => Buffer.from(m.message as string, "base64"));
    expect(frames[0]![0]).toBe(100);
    expect(frames[0]!.subarray(1).toString()).toBe("ls\n");
    expect(frames[1]![0]).toBe(101);
    expect(frames[1]!.subarray(1).toString()).toBe("resize 120x40");
    expect(frames[2]![0]).toBe(102);
    expect(JSON.parse(frames[2]!.subarray(1).toString())).toEqual({ exit_code: 0 });
  });

  it("sends binary frames as the console's proxy does ({type:Buffer}) to a client that never asked for base64", async () => {
    const { client, provider, tenant } = await setupWs();
    const base = { type: "websocket", url: `${provider.hostUri}/lease/1/1/1/shell?cmd0=sh&tty=1&stdin=1&podIndex=0&service=web`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } };
    client.send(base);
    client.send({ ...base, data: [104, ...Buffer.from("exit\n")].join(",") });
    await client.waitFor((c) => c.messages.some((m) => m.closed), 5_000, "shell exit");
    const first = client.messages[0]!.message as { type: string; data: number[] };
    expect(first.type).toBe("Buffer");
    expect(first.data[0]).toBe(102);
  });

  it("refuses a provider frame over 1 MiB (no giant string, no stall) and keeps serving the client", async () => {
    const { client, provider, tenant } = await setupWs();
    const auth = { type: "jwt", token: tenant.token };
    const before = process.memoryUsage().heapUsed;
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/huge?bytes=${8 << 20}`, providerAddress: provider.address, auth, isBase64: true });
    await client.waitFor((c) => c.messages.some((m) => m.code === "providerFrameTooLarge"), 10_000, "frame refused");
    expect(client.messages.find((m) => m.code === "providerFrameTooLarge")?.error).toMatch(/larger than 1 MiB/);
    expect(client.messages.some((m) => typeof m.message === "string" && m.message.length > 1 << 20)).toBe(false);
    // Far less than the 8 MiB frame as a JSON byte list (~30 MB) would have cost.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(24 << 20);
    // A frame at the limit is relayed.
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/huge?bytes=${1 << 20}`, providerAddress: provider.address, auth, isBase64: true });
    await client.waitFor((c) => c.messages.some((m) => m.isBase64 === true && typeof m.message === "string" && Buffer.from(m.message, "base64").length === 1 << 20), 10_000, "frame at the limit");
    client.send({ type: "ping" });
    await client.waitFor((c) => c.messages.some((m) => m.type === "pong"));
  });

  it("tells the client when the provider connection drops mid-stream, and keeps serving", async () => {
    const { client, provider, tenant } = await setupWs();
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/drop`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } });
    await client.waitFor((c) => c.messages.some((m) => m.closed), 5_000, "drop close");
    expect(client.messages[0]!.message).toBe("first line");
    expect(client.messages.find((m) => m.closed)).toMatchObject({ closed: true, code: 1006, reason: "The provider connection dropped unexpectedly" });
    client.send({ type: "ping" });
    await client.waitFor((c) => c.messages.some((m) => m.type === "pong"));
  });

  it("closes the client socket with 1008 invalidCertificate.<code> when the provider certificate is not the on-chain one", async () => {
    const { client, provider, registry, tenant } = await setupWs();
    const served = new X509Certificate(provider.certPem);
    const impostor = await generateCert(provider.address);
    registry.certs.set(`${provider.address}:${BigInt(`0x${served.serialNumber}`).toString(10)}`, new X509Certificate(impostor.cert));
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/shell?cmd0=sh`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token }, data: "104,105", isBase64: false });
    await client.waitFor((c) => c.closeInfo !== undefined, 5_000, "client close");
    expect(client.closeInfo).toEqual({ code: 1008, reason: "invalidCertificate.fingerprintMismatch" });
    expect(provider.requests).toHaveLength(0);
  });

  it("reports tokenExpired for an expired JWT", async () => {
    const { client, provider, tenant } = await setupWs();
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/logs?follow=true`, providerAddress: provider.address, auth: { type: "jwt", token: jwtFor(tenant.address, -5) } });
    await client.waitFor((c) => c.messages.length > 0);
    expect(client.messages[0]).toEqual({ type: "websocket", error: "tokenExpired", detail: expect.stringMatching(/JWT expired at/) });
    expect(provider.requests).toHaveLength(0);
  });

  it("reports a wrong host, plain ws/http and an unparsable message as errors without closing", async () => {
    const { client, provider } = await setupWs();
    client.send({ type: "websocket", url: `https://provider-9.localhost:${provider.port}/lease/1/1/1/logs`, providerAddress: provider.address });
    client.send({ type: "websocket", url: `http://provider-1.localhost:${provider.port}/lease/1/1/1/logs`, providerAddress: provider.address });
    client.ws.send("{nope");
    await client.waitFor((c) => c.messages.length >= 3);
    expect(client.messages[0]).toMatchObject({ type: "websocket", code: "hostMismatch" });
    expect(client.messages[1]).toMatchObject({ type: "websocket", code: "insecureUrl" });
    expect(client.messages[2]).toMatchObject({ error: "Invalid message format" });
    expect(client.closeInfo).toBeUndefined();
  });

  it("reports an offline provider as unavailable", async () => {
    const { client, provider, tenant } = await setupWs();
    await provider.close();
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/logs?follow=true`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } });
    await client.waitFor((c) => c.messages.some((m) => m.closed), 5_000, "offline close");
    expect(client.messages[0]).toMatchObject({ code: "providerUnavailable", error: expect.stringMatching(/temporarily unavailable/) });
  });

  it("reports the provider refusing the upgrade with its message", async () => {
    const { client, provider } = await setupWs();
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/logs?follow=true`, providerAddress: provider.address, auth: { type: "jwt", token: jwtFor(randomAddress()) } });
    await client.waitFor((c) => c.messages.some((m) => m.closed));
    expect(client.messages.find((m) => m.closed)).toMatchObject({ code: 4001, reason: "JWT is invalid" });
  });

  it("reports a provider that never answers the upgrade as a timeout", async () => {
    const { client, provider, tenant } = await setupWs({ handshakeTimeoutMs: 500 });
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/hang`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } });
    await client.waitFor((c) => c.messages.some((m) => m.closed), 5_000, "timeout close");
    expect(client.messages[0]).toMatchObject({ code: "providerTimeout", error: expect.stringMatching(/did not accept the WebSocket within 500 ms/) });
  });

  it("reports a provider refusing the upgrade with an HTTP status, with its message", async () => {
    const { client, provider, tenant } = await setupWs();
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/forbidden`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } });
    await client.waitFor((c) => c.messages.some((m) => m.closed));
    expect(client.messages[0]).toMatchObject({ code: "providerRejected", status: 403, error: expect.stringMatching(/refused the connection \(403\): lease not owned by tenant/) });
    expect(client.messages.find((m) => m.closed)).toMatchObject({ reason: "Provider refused the connection (403)" });
    expect(client.closeInfo).toBeUndefined();
  });

  it("closes the provider socket when the client goes away, and reopens when the url changes", async () => {
    const { client, provider, tenant, proxy } = await setupWs();
    const auth = { type: "jwt", token: tenant.token };
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/logs?follow=true&tail=1`, providerAddress: provider.address, auth });
    await client.waitFor((c) => c.messages.length >= 1);
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/kubeevents?follow=true`, providerAddress: provider.address, auth });
    await client.waitFor((c) => c.messages.length >= 3);
    expect(client.messages.some((m) => m.closed)).toBe(false);
    expect(provider.requests.filter((r) => r.method === "WS").map((r) => r.path)).toEqual(["/lease/1/1/1/logs", "/lease/1/1/1/kubeevents"]);

    const second = await ProxyClient.connect(proxy.url);
    second.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/logs?follow=true&tail=1`, providerAddress: provider.address, auth });
    await second.waitFor((c) => c.messages.length >= 1);
    expect(provider.openSockets()).toBe(2);
    second.close();
    client.close();
    await waitUntil(() => provider.openSockets() === 0);
  });

  it("stops reading from the provider while the browser is not reading, then delivers everything in order", async () => {
    const { client, provider, tenant } = await setupWs();
    const total = 300_000;
    client.ws.pause();
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/logs?follow=false&tail=${total}`, providerAddress: provider.address, auth: { type: "jwt", token: tenant.token } });
    // Kernel socket buffers and the proxy's bounded queue fill up, then the provider must stall.
    let sentWhilePaused = -1;
    for (let i = 0; i < 40 && provider.logLinesSent() !== sentWhilePaused; i++) {
      sentWhilePaused = provider.logLinesSent();
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(sentWhilePaused).toBeGreaterThan(0);
    expect(sentWhilePaused).toBeLessThan(total);
    expect(provider.logLinesSent()).toBe(sentWhilePaused);
    client.ws.resume();
    await client.waitFor((c) => c.messages.some((m) => m.closed), 30_000, "end of stream");
    const lines = client.messages.filter((m) => !m.closed);
    expect(lines).toHaveLength(total);
    expect(JSON.parse(lines[total - 1]!.message as string)).toMatchObject({ message: `log line ${total - 1}` });
  }, 40_000);

  it("rate-limits opening provider sockets from one client", async () => {
    const { provider, tenant, proxy } = await setup({ rateLimit: { perSecond: 0.5, burst: 3 } });
    const client = await ProxyClient.connect(proxy.url);
    cleanups.push(() => client.close());
    const auth = { type: "jwt", token: tenant.token };
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/logs?follow=true&tail=1`, providerAddress: provider.address, auth });
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/1/1/1/kubeevents?follow=true`, providerAddress: provider.address, auth });
    client.send({ type: "websocket", url: `${provider.hostUri}/lease/2/1/1/logs?follow=true&tail=1`, providerAddress: provider.address, auth });
    await client.waitFor((c) => c.messages.some((m) => m.code === "rateLimited"));
    expect(client.messages.find((m) => m.code === "rateLimited")?.error).toMatch(/Too many provider connections/);
  });

  it("refuses WebSocket upgrades from origins not on the allow-list", async () => {
    const { proxy } = await setup({ corsOrigins: ["http://localhost:5173"] });
    await expect(ProxyClient.connect(proxy.url, { origin: "https://evil.example" })).rejects.toThrow(/403/);
    const ok = await ProxyClient.connect(proxy.url, { origin: "http://localhost:5173" });
    ok.close();
  });
});

async function waitUntil(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function post(proxy: RunningProxy, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

async function expectProxyError(res: Response, status: number, code: string, message?: RegExp): Promise<void> {
  const text = await res.text();
  expect({ status: res.status, code: res.headers.get("x-proxy-error") }, text).toEqual({ status, code });
  if (message) expect(text).toMatch(message);
}

interface SetupOptions extends Partial<Pick<ProxyOptions, "allowLoopback" | "maxBodyBytes" | "rateLimit" | "corsOrigins" | "handshakeTimeoutMs" | "log" | "clientLimits" | "maxResponseBytes">> {
  address?: string;
  providerCert?: { cert: string; privateKey: string };
  registerCert?: boolean;
}

async function setup(opts: SetupOptions = {}) {
  const tenantAddress = randomAddress();
  const tenant = { address: tenantAddress, cert: await generateCert(tenantAddress), token: jwtFor(tenantAddress) };
  const provider: FakeProvider = await startFakeProvider({
    address: opts.address ?? randomAddress(),
    clientCerts: [tenant.cert.cert],
    tokens: [tenant.token],
    serverCert: opts.providerCert,
  });
  cleanups.push(() => provider.close());
  const registry = new FakeRegistry();
  registry.hosts.set(provider.address, provider.hostUri);
  if (opts.registerCert !== false) registry.addCert(provider.address, provider.certPem);
  const proxy = await startProxy({
    host: "127.0.0.1",
    port: 0,
    restUrl: "http://chain.invalid",
    allowLoopback: opts.allowLoopback ?? true,
    registry,
    log: opts.log ?? false,
    rateLimit: opts.rateLimit ?? false,
    maxBodyBytes: opts.maxBodyBytes,
    corsOrigins: opts.corsOrigins,
    handshakeTimeoutMs: opts.handshakeTimeoutMs,
    clientLimits: opts.clientLimits,
    maxResponseBytes: opts.maxResponseBytes,
  });
  cleanups.push(() => proxy.close());
  return { proxy, provider, registry, tenant };
}

async function setupWs(opts: SetupOptions = {}) {
  const ctx = await setup(opts);
  const client = await ProxyClient.connect(ctx.proxy.url);
  cleanups.push(() => client.close());
  return { ...ctx, client };
}
