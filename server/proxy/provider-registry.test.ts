import http from "node:http";
import type { AddressInfo } from "node:net";
import { X509Certificate } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { CachedProviderRegistry, RestProviderRegistry, type ProviderRegistry } from "./provider-registry.ts";
import { generateCert } from "./testing/fake-provider.ts";
import { randomAddress } from "./testing/helpers.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("RestProviderRegistry", () => {
  it("tells clients the chain is unavailable without naming the proxy's internal node or echoing its answer", async () => {
    const internal = "http://10.20.30.40:1317/internal-node";
    const down = new RestProviderRegistry(internal, (async () => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    }) as typeof fetch);
    const failing = new RestProviderRegistry(internal, (async () => new Response(`upstream ${internal} exploded`, { status: 500 })) as typeof fetch);
    for (const registry of [down, failing]) {
      const error = (await registry.getHostUri(randomAddress()).catch((e: unknown) => e)) as Error & { code?: string };
      expect(error.code).toBe("chainUnavailable");
      expect(error.message).not.toContain("10.20.30.40");
      expect(error.message).not.toContain("internal-node");
    }
  });

  it("reads host_uri and the valid certificate with the requested serial from chain REST", async () => {
    const { registry, owner, cert, serial, seen } = await setup();
    expect(await registry.getHostUri(owner)).toBe("https://provider-1.localhost:8443");
    const found = await registry.getCertificate(owner, serial);
    expect(found?.fingerprint256).toBe(new X509Certificate(cert.cert).fingerprint256);
    expect(seen.at(-1)).toBe(
      `/akash/cert/v1/certificates/list?filter.owner=${owner}&filter.serial=${serial}&filter.state=valid&pagination.limit=1`,
    );
  });

  it("returns null for an unknown provider or certificate", async () => {
    const { registry, owner } = await setup();
    expect(await registry.getHostUri(randomAddress())).toBeNull();
    expect(await registry.getCertificate(owner, "12345")).toBeNull();
  });

  it("reports an unreachable chain as chainUnavailable", async () => {
    const registry = new RestProviderRegistry("http://127.0.0.1:1", fetch, 1_000);
    await expect(registry.getHostUri(randomAddress())).rejects.toMatchObject({ code: "chainUnavailable", status: 502 });
  });
});

describe("CachedProviderRegistry", () => {
  it("caches positive answers for their TTL and negative answers briefly, de-duplicating concurrent lookups", async () => {
    let calls = 0;
    let clock = 0;
    const inner: ProviderRegistry = {
      getHostUri: async (owner) => {
        calls++;
        return owner === "known" ? "https://p:1" : null;
      },
      getCertificate: async () => null,
    };
    const cached = new CachedProviderRegistry(inner, { hostTtlMs: 1_000, negativeTtlMs: 100, now: () => clock });
    await Promise.all([cached.getHostUri("known"), cached.getHostUri("known")]);
    expect(calls).toBe(1);
    clock = 999;
    await cached.getHostUri("known");
    expect(calls).toBe(1);
    clock = 1_001;
    await cached.getHostUri("known");
    expect(calls).toBe(2);
    await cached.getHostUri("unknown");
    clock = 1_050;
    await cached.getHostUri("unknown");
    expect(calls).toBe(3);
    clock = 1_200;
    await cached.getHostUri("unknown");
    expect(calls).toBe(4);
  });

  it("does not cache chain errors", async () => {
    let calls = 0;
    const inner: ProviderRegistry = {
      getHostUri: async () => {
        calls++;
        if (calls === 1) throw new Error("down");
        return "https://p:1";
      },
      getCertificate: async () => null,
    };
    const cached = new CachedProviderRegistry(inner);
    await expect(cached.getHostUri("a")).rejects.toThrow("down");
    expect(await cached.getHostUri("a")).toBe("https://p:1");
  });
});

async function setup() {
  const owner = randomAddress();
  const cert = await generateCert(owner);
  const serial = BigInt(`0x${new X509Certificate(cert.cert).serialNumber}`).toString(10);
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://chain");
    res.setHeader("content-type", "application/json");
    if (url.pathname === `/akash/provider/v1beta4/providers/${owner}`) {
      res.end(JSON.stringify({ provider: { owner, host_uri: "https://provider-1.localhost:8443", attributes: [], info: { email: "", website: "" } } }));
    } else if (url.pathname.startsWith("/akash/provider/v1beta4/providers/")) {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: 5, message: "invalid provider: address not found", details: [] }));
    } else if (url.pathname === "/akash/cert/v1/certificates/list") {
      const match = url.searchParams.get("filter.owner") === owner && url.searchParams.get("filter.serial") === serial;
      const certificates = match
        ? [{ certificate: { state: "valid", cert: Buffer.from(cert.cert).toString("base64"), pubkey: Buffer.from(cert.publicKey).toString("base64") }, serial }]
        : [];
      res.end(JSON.stringify({ certificates, pagination: { next_key: null, total: String(certificates.length) } }));
    } else {
      res.statusCode = 501;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const registry = new RestProviderRegistry(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return { registry, owner, cert, serial, seen };
}
