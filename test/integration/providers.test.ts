import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import net from "node:net";
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet, type EncodeObject } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { JwtTokenManager, certificateManager, type CertificatePem } from "@akashnetwork/chain-sdk";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { startDevnet, type RunningDevnet } from "../../server/devnet/index.ts";
import { startProviders, type RunningProviders, type RunningProvider } from "../../server/devnet/providers/index.ts";
import { buildSdl, collectWs, gatewayRequest, gatewayWs, localhostLookup, sdl, testdata, type SdlBuild } from "../../server/devnet/providers/test-support.ts";
import { FRAME, encodeFrame } from "../../server/devnet/providers/shell.ts";
import { AUDITOR_ADDRESS, DEVNET_ADDRESS, DEVNET_MNEMONIC, FAUCET_ADDRESS, FAUCET_MNEMONIC } from "../../server/devnet/config.ts";
import { createAkashRegistry } from "../../server/shared/akash-registry.ts";

/**
 * Simulated providers against the real devnet: a cosmjs tenant deploys from an SDL, providers bid
 * within two blocks, the tenant leases, sends the manifest straight to the provider gateway (mTLS and
 * JWT), watches the lease become ready, opens its URI, uses logs/events/shell over WSS, closes, and
 * every failure path gets its own clear error.
 */
const BLOCK_MS = 500;
let devnet: RunningDevnet;
let providers: RunningProviders;
let tenant: SigningStargateClient;
let other: SigningStargateClient;
let dataDir: string;
let tenantCert: CertificatePem;
let jwt: string;
let otherJwt: string;
let build: SdlBuild;
let dseq: string;
let deployHeight: number;
let winner: RunningProvider;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connect(mnemonic: string) {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
  return SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), wallet, { registry: createAkashRegistry(), gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 100 });
}

async function send(client: SigningStargateClient, from: string, msgs: EncodeObject[]) {
  const res = await client.signAndBroadcast(from, msgs, 2);
  expect(res.code, res.rawLog).toBe(0);
  return res;
}

async function rest<T>(p: string): Promise<T> {
  const res = await fetch(`${devnet.restUrl}${p}`);
  expect(res.status, p).toBe(200);
  return (await res.json()) as T;
}

interface BidJson {
  bid: { id: { owner: string; dseq: string; gseq: number; oseq: number; provider: string; bseq: number }; state: string; price: { denom: string; amount: string }; created_at: string };
}

async function bidsFor(d: string): Promise<BidJson[]> {
  return (await rest<{ bids: BidJson[] }>(`/akash/market/v1beta5/bids/list?filters.owner=${DEVNET_ADDRESS}&filters.dseq=${d}`)).bids;
}

async function createDeployment(b: SdlBuild): Promise<{ dseq: string; height: number }> {
  const d = String(Date.now());
  const res = await send(tenant, DEVNET_ADDRESS, [
    {
      typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
      value: { id: { owner: DEVNET_ADDRESS, dseq: d }, groups: b.groupSpecs, hash: b.version, deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [Source.balance] } },
    },
  ]);
  return { dseq: d, height: res.height };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const leaseUrl = (suffix: string, d = dseq) => `${winner.hostUri}/lease/${d}/1/1/${suffix}`;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "providers-int-"));
  devnet = await startDevnet({ dataDir: path.join(dataDir, "chain"), rpcPort: 0, restPort: 0, faucetPort: 0, blockMs: BLOCK_MS, host: "127.0.0.1", noFaucet: true });
  providers = await startProviders({
    rpcUrl: devnet.rpcUrl,
    restUrl: devnet.restUrl,
    chainId: devnet.chainId,
    dataDir: path.join(dataDir, "providers"),
    bidDelayMs: 100,
    timeScale: 0.3,
    logIntervalMs: 200,
    withdrawIntervalMs: 3_600_000,
    log: () => {},
  });
  tenant = await connect(DEVNET_MNEMONIC);
  other = await connect(FAUCET_MNEMONIC);
  // The other account needs a public key on chain for JWT verification: any signed tx records it.
  await send(other, FAUCET_ADDRESS, [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: FAUCET_ADDRESS, toAddress: FAUCET_ADDRESS, amount: [{ denom: "uakt", amount: "1" }] } }]);

  tenantCert = await certificateManager.generatePEM(DEVNET_ADDRESS);
  await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.cert.v1.MsgCreateCertificate", value: { owner: DEVNET_ADDRESS, cert: Buffer.from(tenantCert.cert), pubkey: Buffer.from(tenantCert.publicKey) } }]);
  jwt = await new JwtTokenManager(await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" })).generateToken({ version: "v1", iss: DEVNET_ADDRESS, leases: { access: "full" } });
  otherJwt = await new JwtTokenManager(await Secp256k1HdWallet.fromMnemonic(FAUCET_MNEMONIC, { prefix: "akash" })).generateToken({ version: "v1", iss: FAUCET_ADDRESS, leases: { access: "full" } });

  build = await buildSdl(testdata("web-app.sdl.yaml"));
  ({ dseq, height: deployHeight } = await createDeployment(build));
}, 120_000);

afterAll(async () => {
  await providers?.stop();
  tenant?.disconnect();
  other?.disconnect();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("simulated providers on the devnet", () => {
  it("registers providers on chain with host URI, attributes, certificate; provider-1 is audited", async () => {
    expect(providers.providers).toHaveLength(5);
    const p1 = providers.providers[0]!;
    expect(p1.hostUri).toMatch(/^https:\/\/provider-1\.localhost:\d+$/);
    const onChain = await rest<{ provider: { host_uri: string; attributes: { key: string; value: string }[] } }>(`/akash/provider/v1beta4/providers/${p1.address}`);
    expect(onChain.provider.host_uri).toBe(p1.hostUri);
    expect(onChain.provider.attributes).toContainEqual({ key: "region", value: "us-west" });
    const gpu = await rest<{ provider: { attributes: { key: string }[] } }>(`/akash/provider/v1beta4/providers/${providers.providers[1]!.address}`);
    expect(gpu.provider.attributes.map((a) => a.key)).toEqual(expect.arrayContaining(["capabilities/gpu/vendor/nvidia/model/a100", "capabilities/gpu/vendor/nvidia/model/rtx4090"]));
    const audit = await rest<{ providers: { auditor: string }[] }>(`/akash/audit/v1/audit/attributes/${p1.address}/list`);
    expect(audit.providers.length).toBe(1);

    // The TLS server certificate is exactly the on-chain certificate (serial + SHA-256 fingerprint), TLS 1.3.
    const res = await gatewayRequest(`${p1.hostUri}/address`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ address: p1.address });
    expect(res.tlsVersion).toBe("TLSv1.3");
    const serial = BigInt("0x" + res.serverCert!.serialNumber).toString(10);
    const certs = await rest<{ certificates: { certificate: { cert: string; state: string } }[] }>(`/akash/cert/v1/certificates/list?filter.owner=${p1.address}&filter.serial=${serial}&filter.state=valid`);
    expect(certs.certificates).toHaveLength(1);
    expect(new X509Certificate(Buffer.from(certs.certificates[0]!.certificate.cert, "base64").toString()).fingerprint256).toBe(res.serverCert!.fingerprint256);
    expect(res.serverCert!.subject).toBe(`CN=${p1.address}`);
    const version = JSON.parse((await gatewayRequest(`${p1.hostUri}/version`)).body);
    expect(version.akash.version).toBeTruthy();
  });

  it("at least 3 providers bid within 2 blocks, never above the order's max price", async () => {
    const bids = await waitFor("3 bids", async () => {
      const b = await bidsFor(dseq);
      return b.length >= 3 ? b : undefined;
    });
    const within2 = bids.filter((b) => Number(b.bid.created_at) <= deployHeight + 2);
    expect(within2.length, `bids at heights ${bids.map((b) => b.bid.created_at)} for deployment at ${deployHeight}`).toBeGreaterThanOrEqual(3);
    for (const b of bids) {
      expect(b.bid.price.denom).toBe("uact");
      expect(Number(b.bid.price.amount)).toBeLessThanOrEqual(1000);
    }
    // Prices differ by provider (scale strategy, per-provider per-unit prices).
    expect(new Set(bids.map((b) => b.bid.price.amount)).size).toBe(bids.length);
    // provider-1 at helm defaults: 500m·0.004 + 512Mi·0.0016 + 1Gi·0.00016 + 2 endpoints = 4.98304
    const p1bid = bids.find((b) => b.bid.id.provider === providers.providers[0]!.address);
    expect(p1bid?.bid.price.amount).toBe("4.983040000000000000");
  });

  it("leases provider-1; inventory is reserved", async () => {
    winner = providers.providers[0]!;
    // While bidding, the order's resources are held as "pending" (like the real provider's reservations).
    const bidding = JSON.parse((await gatewayRequest(`${winner.hostUri}/status`)).body);
    expect(bidding.cluster.inventory.pending).toEqual([{ cpu: 500, gpu: 0, memory: 512 * 1024 ** 2, storage_ephemeral: 1024 ** 3 }]);
    expect(bidding.cluster.leases).toBe(0);
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId: { owner: DEVNET_ADDRESS, dseq, gseq: 1, oseq: 1, provider: winner.address, bseq: 0 } } }]);
    await waitFor("lease reservation", async () => {
      const s = JSON.parse((await gatewayRequest(`${winner.hostUri}/status`)).body);
      return s.cluster.leases === 1 && s.cluster.inventory.pending.length === 0 && s.cluster.inventory.active[0]?.cpu === 500 && s.devnet.inventory.used.cpu === 500;
    });
  });

  it("accepts the manifest over mTLS and again with a JWT", async () => {
    const url = `${winner.hostUri}/deployment/${dseq}/manifest`;
    const mtls = await gatewayRequest(url, { method: "PUT", body: build.manifestJson, cert: tenantCert });
    expect([mtls.status, mtls.body]).toEqual([200, ""]);
    const viaJwt = await gatewayRequest(url, { method: "PUT", body: build.manifestJson, jwt });
    expect([viaJwt.status, viaJwt.body]).toEqual([200, ""]);
  });

  it("lease status becomes ready with a URI that answers over HTTP", async () => {
    const status = await waitFor("ready replicas", async () => {
      const r = await gatewayRequest(leaseUrl("status"), { jwt });
      expect(r.status).toBe(200);
      const s = JSON.parse(r.body);
      return s.services.web.ready_replicas === 1 ? s : undefined;
    });
    expect(status.services.web).toMatchObject({ name: "web", available: 1, total: 1, replicas: 1, available_replicas: 1 });
    const uri: string = status.services.web.uris[0];
    expect(uri).toMatch(new RegExp(`^[a-z2-7]+\\.ingress\\.provider-1\\.localhost:${winner.ingressPort}$`));
    // The 9090 expose is forwarded to a real port.
    const fwd = status.forwarded_ports.web[0];
    expect(fwd).toMatchObject({ host: "provider-1.localhost", port: 9090, proto: "TCP", name: "web" });
    const banner = await new Promise<string>((resolve, reject) => {
      const s = net.connect(fwd.externalPort, "127.0.0.1");
      let d = "";
      s.on("data", (c) => (d += c));
      s.on("end", () => resolve(d));
      s.on("error", reject);
    });
    expect(banner).toContain(`web (container port 9090) on lease ${dseq}/1/1`);

    const page = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(`http://${uri}/`, { lookup: localhostLookup }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on("error", reject);
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain("nginx:1.25");
    expect(page.body).toContain("GREETING");
    expect(page.body).toContain("hello from akash");
    expect(page.body).toContain("API_SECRET");
    expect(page.body).not.toContain("s3cr3t-value");

    const svc = await gatewayRequest(leaseUrl("service/web/status"), { cert: tenantCert });
    expect(JSON.parse(svc.body).ready_replicas).toBe(1);
    const m = await gatewayRequest(leaseUrl("manifest"), { jwt });
    expect(JSON.parse(m.body)[0].services[0].image).toBe("nginx:1.25");
  });

  it("streams logs, kube events and runs shell commands over WSS", async () => {
    const logs = await collectWs(gatewayWs(`${leaseUrl("logs")}?follow=false&tail=100&service=web`, { jwt }));
    expect(logs.code).toBe(1000);
    const lines = logs.messages.map((m) => JSON.parse(String(m)) as { name: string; message: string });
    expect(lines.some((l) => l.message.includes("Configuration complete; ready for start up"))).toBe(true);
    // The ingress request above shows up in the access log.
    expect(lines.some((l) => /"GET \/ HTTP\/1.1" 200/.test(l.message))).toBe(true);
    expect(lines[0]!.name).toMatch(/^web-/);

    // follow: new lines keep coming while the lease runs
    const followed = await collectWs(gatewayWs(`${leaseUrl("logs")}?follow=true&tail=0`, { cert: tenantCert }), { until: (m) => m.length >= 2 });
    expect(followed.messages.length).toBeGreaterThanOrEqual(2);

    const events = await collectWs(gatewayWs(`${leaseUrl("kubeevents")}?follow=false`, { jwt }));
    const reasons = events.messages.map((m) => JSON.parse(String(m)).reason);
    expect(reasons).toEqual(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    expect(JSON.parse(String(events.messages[0]))).toMatchObject({ type: "Normal", reportingController: "default-scheduler", object: { kind: "Pod" } });

    const ws = gatewayWs(`${leaseUrl("shell")}?cmd0=env&tty=0&stdin=0&podIndex=0&service=web`, { jwt });
    const shell = await collectWs(ws);
    const frames = shell.messages.map((m) => m as Buffer);
    const stdout = Buffer.concat(frames.filter((f) => f[0] === FRAME.stdout).map((f) => f.subarray(1))).toString();
    expect(stdout).toContain("GREETING=hello from akash");
    expect(stdout).toContain(`AKASH_DEPLOYMENT_SEQUENCE=${dseq}`);
    const result = frames.find((f) => f[0] === FRAME.result)!;
    expect(JSON.parse(result.subarray(1).toString())).toEqual({ exit_code: 0 });

    // Interactive: the console's default command, stdin frames, exit code from `exit`.
    const q = new URLSearchParams({ cmd0: "sh", cmd1: "-c", cmd2: "command -v bash >/dev/null && exec bash || exec sh", tty: "1", stdin: "1", podIndex: "0", service: "web" });
    const iws = gatewayWs(`${leaseUrl("shell")}?${q}`, { cert: tenantCert });
    iws.on("open", () => {
      iws.send(encodeFrame(FRAME.resize, Buffer.from([0, 80, 0, 24])));
      iws.send(encodeFrame(FRAME.stdin, "cat /etc/hostname\r"));
      iws.send(encodeFrame(FRAME.stdin, "exit 7\r"));
    });
    const session = await collectWs(iws);
    const out = Buffer.concat(session.messages.map((m) => m as Buffer).filter((f) => f[0] === FRAME.stdout).map((f) => f.subarray(1))).toString();
    expect(out).toMatch(/root@web-[a-z2-7-]+:\/# /);
    expect(out).toMatch(/web-[a-z2-7]+-[a-z2-7]+\r\n/);
    const r2 = session.messages.map((m) => m as Buffer).find((f) => f[0] === FRAME.result)!;
    expect(JSON.parse(r2.subarray(1).toString())).toEqual({ exit_code: 7 });
  });

  it("a deployment update (new hash on chain, new manifest) redeploys the lease; re-sending the same manifest does not", async () => {
    const gen = async () => JSON.parse((await gatewayRequest(leaseUrl("status"), { jwt })).body).services.web.observed_generation as number;
    const before = await gen();
    expect((await gatewayRequest(`${winner.hostUri}/deployment/${dseq}/manifest`, { method: "PUT", body: build.manifestJson, jwt })).status).toBe(200);
    expect(await gen()).toBe(before);
    const updated = await buildSdl(testdata("web-app.sdl.yaml").replace("GREETING=hello from akash", "GREETING=updated greeting"));
    // The old manifest no longer matches once the hash changes on chain, so send the new one after the update.
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.deployment.v1beta4.MsgUpdateDeployment", value: { id: { owner: DEVNET_ADDRESS, dseq }, hash: updated.version } }]);
    const stale = await gatewayRequest(`${winner.hostUri}/deployment/${dseq}/manifest`, { method: "PUT", body: build.manifestJson, jwt });
    expect([stale.status, stale.body]).toEqual([500, expect.stringMatching(/^manifest version validation failed/)]);
    expect((await gatewayRequest(`${winner.hostUri}/deployment/${dseq}/manifest`, { method: "PUT", body: updated.manifestJson, jwt })).status).toBe(200);
    expect(await gen()).toBe(before + 1);
    await waitFor("updated replicas ready", async () => JSON.parse((await gatewayRequest(leaseUrl("status"), { jwt })).body).services.web.ready_replicas === 1);
    const shell = await collectWs(gatewayWs(`${leaseUrl("shell")}?cmd0=printenv&cmd1=GREETING&tty=0&stdin=0&podIndex=0&service=web`, { jwt }));
    expect(Buffer.concat(shell.messages.map((m) => m as Buffer).filter((f) => f[0] === FRAME.stdout).map((f) => f.subarray(1))).toString()).toBe("updated greeting\n");
    build = updated;
  });

  it("withdraws lease earnings", async () => {
    expect(await winner.withdrawNow()).toBe(1);
    const leases = await rest<{ leases: { escrow_payment: { state: { withdrawn: { amount: string } } } }[] }>(`/akash/market/v1beta5/leases/list?filters.owner=${DEVNET_ADDRESS}&filters.dseq=${dseq}`);
    expect(Number(leases.leases[0]!.escrow_payment.state.withdrawn.amount)).toBeGreaterThan(0);
  });
});

describe("failure paths", () => {
  it("rejects a certificate that is not on chain, or revoked", async () => {
    const stranger = await certificateManager.generatePEM(DEVNET_ADDRESS);
    const r = await gatewayRequest(leaseUrl("status"), { cert: stranger });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).message).toMatch(/is not registered on chain/);

    const revoked = await certificateManager.generatePEM(DEVNET_ADDRESS);
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.cert.v1.MsgCreateCertificate", value: { owner: DEVNET_ADDRESS, cert: Buffer.from(revoked.cert), pubkey: Buffer.from(revoked.publicKey) } }]);
    expect((await gatewayRequest(leaseUrl("status"), { cert: revoked })).status).toBe(200);
    const serial = BigInt("0x" + new X509Certificate(revoked.cert).serialNumber).toString(10);
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.cert.v1.MsgRevokeCertificate", value: { id: { owner: DEVNET_ADDRESS, serial } } }]);
    const after = await gatewayRequest(leaseUrl("status"), { cert: revoked });
    expect(after.status).toBe(401);
    expect(JSON.parse(after.body).message).toMatch(/revoked/);
  });

  it("rejects an expired or forged JWT, and mTLS + JWT together", async () => {
    const now = Math.floor(Date.now() / 1000);
    const short = await new JwtTokenManager(await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" })).generateToken({ version: "v1", iss: DEVNET_ADDRESS, iat: now - 10, nbf: now - 10, exp: now + 1 });
    await sleep(2100);
    const expired = await gatewayRequest(leaseUrl("status"), { jwt: short });
    expect([expired.status, JSON.parse(expired.body).message]).toEqual([401, "JWT is expired"]);
    // A token claiming the tenant but signed by another key.
    const [, payload] = jwt.split(".");
    const [h, , sig] = otherJwt.split(".");
    const forged = await gatewayRequest(leaseUrl("status"), { jwt: `${h}.${payload}.${sig}` });
    expect([forged.status, JSON.parse(forged.body).message]).toEqual([401, "JWT is invalid: signature verification failed"]);
    const both = await gatewayRequest(leaseUrl("status"), { jwt, cert: tenantCert });
    expect(both.status).toBe(400);
    expect(JSON.parse(both.body).message).toMatch(/ambiguous/);
    const none = await gatewayRequest(leaseUrl("status"));
    expect(none.status).toBe(401);
  });

  it("rejects a manifest with the wrong hash, another owner's lease, and a lease that does not exist", async () => {
    const url = `${winner.hostUri}/deployment/${dseq}/manifest`;
    const wrong = await gatewayRequest(url, { method: "PUT", body: build.manifestJson.replace("nginx:1.25", "nginx:1.27"), jwt });
    expect(wrong.status).toBe(500);
    expect(wrong.body).toMatch(/^manifest version validation failed/);
    const garbage = await gatewayRequest(url, { method: "PUT", body: "{oops", jwt });
    expect(garbage.status).toBe(422);
    expect(garbage.body).toMatch(/^manifest decode error/);

    // Another owner: neither the manifest nor the lease is visible.
    const foreign = await gatewayRequest(url, { method: "PUT", body: build.manifestJson, jwt: otherJwt });
    expect([foreign.status, foreign.body.trim()]).toEqual([404, "no lease for deployment"]);
    const peek = await gatewayRequest(leaseUrl("status"), { jwt: otherJwt });
    expect([peek.status, peek.body.trim()]).toEqual([404, "lease not found"]);
    const peekLogs = await collectWs(gatewayWs(`${leaseUrl("logs")}?follow=false`, { jwt: otherJwt }));
    expect([peekLogs.code, peekLogs.reason]).toEqual([4001, "lease not found"]);

    const missing = await gatewayRequest(leaseUrl("status", "999999"), { jwt });
    expect([missing.status, missing.body.trim()]).toEqual([404, "lease not found"]);
    const noDeployment = await gatewayRequest(`${winner.hostUri}/deployment/999999/manifest`, { method: "PUT", body: build.manifestJson, jwt });
    expect([noDeployment.status, noDeployment.body.trim()]).toEqual([404, "no lease for deployment"]);
  });

  it("bad shell parameters get a clear error", async () => {
    const r = await collectWs(gatewayWs(`${leaseUrl("shell")}?cmd0=ls&tty=0&stdin=0&service=web`, { jwt }));
    expect(r.unexpected).toBe(400);
    expect(JSON.parse(String(r.messages[0])).message).toMatch(/podIndex/);
    // An unknown service or pod ends with a result frame carrying the reason, as the provider does.
    for (const [q, msg] of [
      ["service=nope&podIndex=0", /no service "nope"/],
      ["service=web&podIndex=3", /podIndex 3 is out of range/],
    ] as const) {
      const s = await collectWs(gatewayWs(`${leaseUrl("shell")}?cmd0=ls&tty=0&stdin=0&${q}`, { jwt }));
      const frame = s.messages[0] as Buffer;
      expect(frame[0]).toBe(FRAME.result);
      expect(JSON.parse(frame.subarray(1).toString()).message).toMatch(msg);
    }
  });

  it("a WebSocket dropped mid-stream (provider goes offline) closes cleanly and the provider recovers", async () => {
    const ws = gatewayWs(`${leaseUrl("logs")}?follow=true&tail=0`, { jwt });
    const collected = collectWs(ws);
    await new Promise((r) => ws.once("message", r));
    winner.setOnline(false);
    const dropped = await collected;
    expect(dropped.code).toBe(1006);
    await expect(gatewayRequest(`${winner.hostUri}/status`)).rejects.toThrow(/ECONNRESET|socket hang up/);
    const admin = await fetch(`${providers.adminUrl}/providers/${winner.name}/online`, { method: "POST" });
    expect(await admin.json()).toMatchObject({ name: "provider-1", online: true });
    expect((await gatewayRequest(leaseUrl("status"), { jwt })).status).toBe(200);
  });

  it("an offline provider that hangs times out, and offline providers do not bid", async () => {
    const flaky = providers.providers[4]!;
    const res = await fetch(`${providers.adminUrl}/providers/${flaky.name}/offline?mode=hang`, { method: "POST" });
    expect(await res.json()).toMatchObject({ online: false, mode: "hang" });
    await expect(gatewayRequest(`${flaky.hostUri}/status`, { timeoutMs: 700 })).rejects.toThrow(/timed out/);

    // A cheap order: the expensive provider-3 must not bid above the max price; flaky is offline.
    const cheap = await buildSdl(sdl({ cpu: "0.5", price: 6 }));
    const { dseq: d2 } = await createDeployment(cheap);
    const slow = providers.providers[3]!;
    const bids = await waitFor("the slow provider's bid", async () => {
      const b = await bidsFor(d2);
      return b.some((x) => x.bid.id.provider === slow.address) ? b : undefined;
    });
    await sleep(4 * BLOCK_MS);
    const who = new Set((await bidsFor(d2)).map((b) => b.bid.id.provider));
    expect(who.has(providers.providers[0]!.address)).toBe(true);
    expect(who.has(providers.providers[2]!.address)).toBe(false);
    expect(who.has(flaky.address)).toBe(false);
    expect(bids.every((b) => Number(b.bid.price.amount) <= 6)).toBe(true);
    flaky.setOnline(true);
    expect((await gatewayRequest(`${flaky.hostUri}/status`)).status).toBe(200);
    // Back online it catches up (one REST scan, like a restart) and bids on the order it missed.
    await waitFor("the recovered provider's bid", async () => (await bidsFor(d2)).some((x) => x.bid.id.provider === flaky.address));
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: DEVNET_ADDRESS, dseq: d2 } } }]);
  });
});

const TWO_GROUPS = `version: "2.0"
services:
  web:
    image: nginx:1.25
    expose:
      - port: 80
        to:
          - global: true
  api:
    image: node:22
    expose:
      - port: 3000
        as: 80
        to:
          - global: true
profiles:
  compute:
    small:
      resources:
        cpu:
          units: 0.25
        memory:
          size: 256Mi
        storage:
          size: 512Mi
  placement:
    east:
      pricing:
        small:
          denom: uact
          amount: 100
    west:
      pricing:
        small:
          denom: uact
          amount: 100
deployment:
  web:
    east:
      profile: small
      count: 1
  api:
    west:
      profile: small
      count: 1
`;

describe("several orders at once", () => {
  it("providers bid on every group of a multi-group deployment within 2 blocks (bids are batched per provider)", async () => {
    const b = await buildSdl(TWO_GROUPS);
    expect(b.groupSpecs).toHaveLength(2);
    const { dseq: d3, height } = await createDeployment(b);
    const bids = await waitFor("bids on both groups", async () => {
      const all = await bidsFor(d3);
      const byProvider = new Map<string, number>();
      for (const x of all) byProvider.set(x.bid.id.provider, (byProvider.get(x.bid.id.provider) ?? 0) + 1);
      return [...byProvider.values()].filter((n) => n === 2).length >= 3 ? all : undefined;
    });
    const early = bids.filter((x) => Number(x.bid.created_at) <= height + 2);
    const providersOnBoth = new Set(early.filter((x) => early.some((y) => y.bid.id.provider === x.bid.id.provider && y.bid.id.gseq !== x.bid.id.gseq)).map((x) => x.bid.id.provider));
    expect(providersOnBoth.size, `bid heights ${bids.map((x) => x.bid.created_at)} for deployment at ${height}`).toBeGreaterThanOrEqual(3);
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: DEVNET_ADDRESS, dseq: d3 } } }]);
  });
});

describe("placement", () => {
  it("a GPU order gets a bid only from the GPU provider, priced by model; signedBy the auditor only from the audited provider", async () => {
    const gpu = await buildSdl(sdl({ gpu: "rtx4090", price: 500 }));
    const audited = await buildSdl(sdl({ signedBy: { anyOf: [AUDITOR_ADDRESS] }, price: 100 }));
    const { dseq: dg } = await createDeployment(gpu);
    const { dseq: da } = await createDeployment(audited);
    const gpuBids = await waitFor("the GPU bid", async () => {
      const b = await bidsFor(dg);
      return b.length ? b : undefined;
    });
    const auditedBids = await waitFor("the audited bid", async () => {
      const b = await bidsFor(da);
      return b.length ? b : undefined;
    });
    await sleep(8 * BLOCK_MS); // give everyone (including the slow provider) time to bid if they would
    const gpuProviders = new Set((await bidsFor(dg)).map((b) => b.bid.id.provider));
    const auditedProviders = new Set((await bidsFor(da)).map((b) => b.bid.id.provider));
    expect([...gpuProviders]).toEqual([providers.providers[1]!.address]);
    expect([...auditedProviders]).toEqual([providers.providers[0]!.address]);
    // provider-2: 1000m·0.0044 + 512Mi·0.00176 + 1Gi·0.000176 + 1 endpoint·1.1 + 1 rtx4090·70
    expect(gpuBids[0]!.bid.price.amount).toBe("76.581344000000000000");
    expect(auditedBids[0]!.bid.price.amount).toBe("5.983040000000000000");
    for (const d of [dg, da]) await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: DEVNET_ADDRESS, dseq: d } } }]);
  });
});

describe("closing", () => {
  it("closing the deployment closes the lease and frees the inventory", async () => {
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: DEVNET_ADDRESS, dseq } } }]);
    const s = await waitFor("inventory freed", async () => {
      const st = JSON.parse((await gatewayRequest(`${winner.hostUri}/status`)).body);
      return st.cluster.leases === 0 ? st : undefined;
    });
    expect(s.devnet.inventory.used.cpu).toBe(0);
    expect(s.devnet.inventory.available.cpu).toBe(s.devnet.inventory.capacity.cpu);
    const gone = await gatewayRequest(leaseUrl("status"), { jwt });
    expect(gone.status).toBe(404);
  });

  it("a restart reuses keys and certificates, updates the host URI on chain and brings running leases back", async () => {
    const p1 = providers.providers[0]!;
    // A running lease on provider-1 with its manifest.
    const b = await buildSdl(sdl({ cpu: "0.5", price: 100, env: ["MODE=restart-test"] }));
    const { dseq: d4 } = await createDeployment(b);
    await waitFor("provider-1's bid", async () => (await bidsFor(d4)).some((x) => x.bid.id.provider === p1.address));
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId: { owner: DEVNET_ADDRESS, dseq: d4, gseq: 1, oseq: 1, provider: p1.address, bseq: 0 } } }]);
    const put = await waitFor("manifest accepted", async () => {
      const r = await gatewayRequest(`${p1.hostUri}/deployment/${d4}/manifest`, { method: "PUT", body: b.manifestJson, jwt });
      return r.status === 200 ? r : undefined;
    });
    expect(put.body).toBe("");
    const before = await gatewayRequest(`${p1.hostUri}/address`);

    await providers.stop();
    providers = await startProviders({ rpcUrl: devnet.rpcUrl, restUrl: devnet.restUrl, chainId: devnet.chainId, dataDir: path.join(dataDir, "providers"), count: 2, timeScale: 0.3, log: () => {} });
    const again = providers.providers[0]!;
    expect(again.address).toBe(p1.address);
    const after = await gatewayRequest(`${again.hostUri}/address`);
    expect(after.serverCert!.fingerprint256).toBe(before.serverCert!.fingerprint256);
    const certs = await rest<{ certificates: unknown[] }>(`/akash/cert/v1/certificates/list?filter.owner=${p1.address}`);
    expect(certs.certificates).toHaveLength(1);
    const onChain = await rest<{ provider: { host_uri: string } }>(`/akash/provider/v1beta4/providers/${p1.address}`);
    expect(onChain.provider.host_uri).toBe(again.hostUri);

    // The lease is found again on chain and its workload comes back without re-sending the manifest.
    const status = await waitFor("restored lease ready", async () => {
      const r = await gatewayRequest(`${again.hostUri}/lease/${d4}/1/1/status`, { jwt });
      if (r.status !== 200) return undefined;
      const st = JSON.parse(r.body);
      return st.services.web.ready_replicas === 1 ? st : undefined;
    });
    expect(status.services.web.uris[0]).toContain(`:${again.ingressPort}`);
    const shell = await collectWs(gatewayWs(`${again.hostUri}/lease/${d4}/1/1/shell?cmd0=printenv&cmd1=MODE&tty=0&stdin=0&podIndex=0&service=web`, { jwt }));
    expect(Buffer.concat(shell.messages.map((m) => m as Buffer).filter((f) => f[0] === FRAME.stdout).map((f) => f.subarray(1))).toString()).toBe("restart-test\n");
    await send(tenant, DEVNET_ADDRESS, [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: DEVNET_ADDRESS, dseq: d4 } } }]);
  });
});
