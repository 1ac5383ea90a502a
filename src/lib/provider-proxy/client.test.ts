import { describe, expect, it } from "vitest";
import { ProviderProxyClient } from "./client";
import { ProviderProxyError } from "./errors";
import { ProviderWebSocketSession, type WebSocketLike } from "./websocket-session";

function fakeFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: Array<{ url: string; body: unknown }> = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init?.body)) });
    return new Response(body, { status, headers });
  };
  return { fetch, calls };
}

const base = { method: "GET" as const, url: "https://provider.example:8443/status", providerAddress: "akash1p" };

describe("ProviderProxyClient", () => {
  it("posts the proxy envelope and returns the provider's answer", async () => {
    const { fetch, calls } = fakeFetch(200, '{"ok":true}');
    const client = new ProviderProxyClient({ proxyUrl: "http://proxy.example/", fetch });
    const response = await client.request({ ...base, auth: { type: "jwt", token: "t" }, timeout: 5000 });
    expect(response.json()).toEqual({ ok: true });
    expect(calls[0]).toEqual({ url: "http://proxy.example/", body: { ...base, auth: { type: "jwt", token: "t" }, timeout: 5000 } });
  });

  it("names the network the proxy must check the provider against, when it has one", async () => {
    const { fetch, calls } = fakeFetch(200, "{}");
    await new ProviderProxyClient({ proxyUrl: "http://proxy.example", network: "mainnet", fetch }).request(base);
    await new ProviderProxyClient({ proxyUrl: "http://proxy.example", network: "", fetch }).request(base);
    expect(calls.map((c) => (c.body as { network?: string }).network)).toEqual(["mainnet", undefined]);
  });

  it.each([
    [503, "providerUnavailable", "offline"],
    [504, "providerTimeout", "timeout"],
    [495, "invalidCertificate", "certificateInvalid"],
    [401, "tokenExpired", "tokenExpired"],
    [400, "invalidClientCertificate", "credentialInvalid"],
    [403, "hostMismatch", "rejectedByProxy"],
  ])("classifies proxy error %i %s as %s", async (status, code, kind) => {
    const { fetch } = fakeFetch(status, "message", { "x-proxy-error": code });
    const client = new ProviderProxyClient({ proxyUrl: "http://proxy.example", fetch });
    await expect(client.request(base)).rejects.toMatchObject({ kind, details: { proxyCode: code, status } });
  });

  it("turns a provider's manifest rejection into a message with what to change", async () => {
    const { fetch } = fakeFetch(400, "manifest cross-validation error: group count mismatch");
    const client = new ProviderProxyClient({ proxyUrl: "http://proxy.example", fetch });
    const error = (await client.sendManifest({ hostUri: "https://provider.example:8443", providerAddress: "akash1p", dseq: "5", manifestJson: "[]", auth: { type: "jwt", token: "t" } }).catch((e: unknown) => e)) as ProviderProxyError;
    expect(error.kind).toBe("manifestRejected");
    expect(error.details.providerMessage).toBe("manifest cross-validation error: group count mismatch");
    expect(error.details.hint).toMatch(/SDL/);
  });

  it("reports an unreachable proxy as offline", async () => {
    const client = new ProviderProxyClient({ proxyUrl: "http://proxy.example", fetch: async () => Promise.reject(new TypeError("Failed to fetch")) });
    await expect(client.request(base)).rejects.toMatchObject({ kind: "offline" });
  });
});

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("ProviderWebSocketSession", () => {
  it("sends the envelope, decodes text, base64 and Buffer frames, and reports provider closes", async () => {
    const sockets: FakeSocket[] = [];
    const session = new ProviderWebSocketSession({ proxyUrl: "http://proxy.example", url: "https://p.example:8443/lease/1/1/1/logs", providerAddress: "akash1p", auth: { type: "jwt", token: "t" }, createSocket: () => sockets[sockets.push(new FakeSocket()) - 1]! });
    const frames: unknown[] = [];
    const closes: unknown[] = [];
    session.onFrame((f) => frames.push(f));
    session.onClose((c) => closes.push(c));
    session.connect();
    sockets[0]!.open();
    await tick();
    expect(session.state).toBe("open");
    expect(JSON.parse(sockets[0]!.sent[0]!)).toEqual({ type: "websocket", url: "https://p.example:8443/lease/1/1/1/logs", providerAddress: "akash1p", auth: { type: "jwt", token: "t" }, isBase64: true });
    session.send(new Uint8Array([104, 105]));
    await tick();
    expect(JSON.parse(sockets[0]!.sent[1]!)).toMatchObject({ data: "aGk=", isBase64: true });
    sockets[0]!.receive({ type: "websocket", message: '{"name":"pod","message":"hello"}' });
    sockets[0]!.receive({ type: "websocket", message: { type: "Buffer", data: [100, 65] } });
    sockets[0]!.receive({ type: "websocket", message: "ZEI=", isBase64: true });
    // Not base64: dropped, not thrown.
    sockets[0]!.receive({ type: "websocket", message: "%%%", isBase64: true });
    expect(frames).toEqual([
      { kind: "text", text: '{"name":"pod","message":"hello"}' },
      { kind: "binary", data: new Uint8Array([100, 65]) },
      { kind: "binary", data: new Uint8Array([100, 66]) },
    ]);
    sockets[0]!.receive({ type: "websocket", message: "", closed: true, code: 4000, reason: "no running pods" });
    expect(closes).toEqual([{ code: 4000, reason: "no running pods", byProvider: true }]);
    expect(session.state).toBe("closed");
  });

  it("renews an expired token and reconnects; fails on an invalid provider certificate", async () => {
    const sockets: FakeSocket[] = [];
    const renewals: boolean[] = [];
    const session = new ProviderWebSocketSession({
      proxyUrl: "http://proxy.example",
      url: "https://p.example:8443/lease/1/1/1/kubeevents",
      providerAddress: "akash1p",
      auth: async ({ renew }) => {
        renewals.push(renew);
        return { type: "jwt", token: renew ? "fresh" : "old" };
      },
      backoffMs: 1,
      createSocket: () => sockets[sockets.push(new FakeSocket()) - 1]!,
    });
    session.connect();
    sockets[0]!.open();
    await tick();
    sockets[0]!.receive({ type: "websocket", error: "tokenExpired" });
    await new Promise((r) => setTimeout(r, 20));
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    await tick();
    expect(JSON.parse(sockets[1]!.sent[0]!).auth).toEqual({ type: "jwt", token: "fresh" });
    expect(renewals).toEqual([false, true]);
    const errors: ProviderProxyError[] = [];
    session.onError((e) => errors.push(e));
    sockets[1]!.onclose?.({ code: 1008, reason: "invalidCertificate.fingerprintMismatch" });
    expect(session.state).toBe("failed");
    expect(errors.at(-1)?.kind).toBe("certificateInvalid");
  });
});
