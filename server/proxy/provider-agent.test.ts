import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderCertificateValidator } from "./certificate-validator.ts";
import { ProviderAgent } from "./provider-agent.ts";
import { TargetPolicy } from "./target-policy.ts";
import { FakeRegistry } from "./testing/fake-provider.ts";

const HOST = "provider-1.localhost";

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// A certificate a public CA would issue: valid for the host name. Here the client trusts it as a CA itself.
describe.skipIf(!hasOpenssl())("ProviderAgent: certificates pinned to the chain (skipped without the openssl CLI to make a CA-trusted certificate)", () => {
  let dir: string;
  let server: https.Server;
  let cert: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "agent-test-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", `/CN=${HOST}`, "-addext", `subjectAltName=DNS:${HOST}`], { stdio: "ignore" });
    cert = readFileSync(join(dir, "cert.pem"), "utf8");
    server = https.createServer({ key: readFileSync(join(dir, "key.pem")), cert }, (_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  function get(verdict: "ok" | "unknownCertificate") {
    const seen: string[] = [];
    const validator = {
      validate: async (peer: { subject: string } | undefined) => {
        seen.push(peer?.subject ?? "none");
        return verdict === "ok" ? { ok: true as const } : { ok: false as const, code: "unknownCertificate" as const };
      },
    } as unknown as ProviderCertificateValidator;
    const agent = new ProviderAgent({ providerAddress: "akash1provider", validator, lookup: new TargetPolicy(new FakeRegistry(), true).lookup, keepAlive: false, handshakeTimeoutMs: 5_000 });
    const result = new Promise<{ status?: number; error?: { code?: string } }>((resolve) => {
      const port = (server.address() as AddressInfo).port;
      // `ca`: the TLS layer itself authorises this certificate for the host name (socket.authorized).
      const req = https.request({ hostname: HOST, port, path: "/", agent, ca: cert, servername: HOST }, (res) => {
        res.resume();
        resolve({ status: res.statusCode });
      });
      req.on("error", (error) => resolve({ error: error as { code?: string } }));
      req.end();
    });
    return { result, seen, agent };
  }

  it("refuses a CA-trusted certificate that is not the provider's on-chain one", async () => {
    const { result, seen, agent } = get("unknownCertificate");
    expect(await result).toMatchObject({ error: { code: "invalidCertificate" } });
    expect(seen).toHaveLength(1);
    agent.destroy();
  });

  it("accepts it when the chain says it is the provider's", async () => {
    const { result, seen, agent } = get("ok");
    expect(await result).toEqual({ status: 200 });
    expect(seen).toHaveLength(1);
    agent.destroy();
  });
});
