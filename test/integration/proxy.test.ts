import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { JwtTokenManager, certificateManager, type CertificatePem } from "@akashnetwork/chain-sdk";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { startDevnet, type RunningDevnet } from "../../server/devnet/index.ts";
import { startProviders, type RunningProviders } from "../../server/devnet/providers/index.ts";
import { buildSdl, sdl } from "../../server/devnet/providers/test-support.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC } from "../../server/devnet/config.ts";
import { createAkashRegistry } from "../../server/shared/akash-registry.ts";
import { startProxy, type RunningProxy } from "../../server/proxy/server.ts";
import { ProxyClient } from "../../server/proxy/testing/helpers.ts";

/**
 * The provider proxy against the real devnet and simulated providers: on-chain host_uri and
 * certificate lookups through chain REST, a lease created with cosmjs, the manifest sent through
 * the proxy with JWT and with mTLS, and logs / events / shell through the proxy WebSocket.
 */
let devnet: RunningDevnet;
let providers: RunningProviders;
let proxy: RunningProxy;
let client: SigningStargateClient;
let dataDir: string;
let tenantCert: CertificatePem;
let jwt: string;
let dseq: string;
let providerAddress: string;
let hostUri: string;
let manifestJson: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "proxy-int-"));
  devnet = await startDevnet({ dataDir: path.join(dataDir, "chain"), rpcPort: 0, restPort: 0, faucetPort: 0, blockMs: 200, host: "127.0.0.1", noFaucet: true });
  providers = await startProviders({
    rpcUrl: devnet.rpcUrl,
    restUrl: devnet.restUrl,
    chainId: devnet.chainId,
    dataDir: path.join(dataDir, "providers"),
    count: 2,
    bidDelayMs: 50,
    timeScale: 0.1,
    logIntervalMs: 100,
    log: () => {},
  });
  proxy = await startProxy({ host: "127.0.0.1", port: 0, restUrl: devnet.restUrl, allowLoopback: true, log: false, rateLimit: false });

  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  client = await SigningStargateClient.createWithSigner(await connectComet(devnet.rpcUrl), wallet, {
    registry: createAkashRegistry(),
    gasPrice: GasPrice.fromString("0.025uakt"),
    broadcastPollIntervalMs: 200,
  });

  tenantCert = await certificateManager.generatePEM(DEVNET_ADDRESS);
  const certTx = await client.signAndBroadcast(
    DEVNET_ADDRESS,
    [{ typeUrl: "/akash.cert.v1.MsgCreateCertificate", value: { owner: DEVNET_ADDRESS, cert: Buffer.from(tenantCert.cert), pubkey: Buffer.from(tenantCert.publicKey) } }],
    2,
  );
  expect(certTx.code, certTx.rawLog).toBe(0);

  const build = await buildSdl(sdl({ price: 1000, denom: "uact" }));
  manifestJson = build.manifestJson;
  dseq = String(await client.getHeight());
  const deployTx = await client.signAndBroadcast(
    DEVNET_ADDRESS,
    [
      {
        typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
        value: {
          id: { owner: DEVNET_ADDRESS, dseq },
          groups: build.groupSpecs,
          hash: build.version,
          deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [Source.balance] },
        },
      },
    ],
    2,
  );
  expect(deployTx.code, deployTx.rawLog).toBe(0);

  const bid = await waitForBid(devnet.restUrl, dseq);
  providerAddress = bid.provider;
  const leaseTx = await client.signAndBroadcast(DEVNET_ADDRESS, [{ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId: bid } }], 2);
  expect(leaseTx.code, leaseTx.rawLog).toBe(0);
  hostUri = providers.providers.find((p) => p.address === providerAddress)!.hostUri;

  const aminoWallet = await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  const now = Math.floor(Date.now() / 1000);
  jwt = await new JwtTokenManager(aminoWallet).generateToken({ version: "v1", iss: DEVNET_ADDRESS, iat: now, nbf: now, exp: now + 3600, leases: { access: "full" } });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await providers?.stop();
  client?.disconnect();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

interface BidIdJson {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
  provider: string;
  bseq: number;
}

async function waitForBid(restUrl: string, dseq: string): Promise<BidIdJson> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${restUrl}/akash/market/v1beta5/bids/list?filters.owner=${DEVNET_ADDRESS}&filters.dseq=${dseq}`);
    const body = (await res.json()) as { bids?: Array<{ bid: { id: BidIdJson; state: string } }> };
    const open = body.bids?.find((b) => b.bid.state === "open");
    if (open) return open.bid.id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no bid for dseq ${dseq} within 30 s`);
}

function post(body: Record<string, unknown>): Promise<Response> {
  return fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

const mtls = () => ({ type: "mtls", certPem: tenantCert.cert, keyPem: tenantCert.privateKey });
const jwtAuth = () => ({ type: "jwt", token: jwt });
const lease = () => `${hostUri}/lease/${dseq}/1/1`;

/** Like the console: the provider may not have seen the lease yet ("no lease for deployment"). */
async function sendManifest(auth: Record<string, unknown>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await post({ method: "PUT", url: `${hostUri}/deployment/${dseq}/manifest`, providerAddress, auth, body: manifestJson, timeout: 30_000 });
    if (res.status !== 404 || attempt >= 20) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("provider proxy with the devnet", () => {
  it("sends the manifest with JWT auth, after verifying the provider's on-chain certificate", async () => {
    const res = await sendManifest(jwtAuth());
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it("sends the manifest again and reads lease status with mTLS auth", async () => {
    const res = await sendManifest(mtls());
    expect(res.status, await res.clone().text()).toBe(200);
    const deadline = Date.now() + 20_000;
    let status: { services?: Record<string, { available: number; total: number }> } = {};
    while (Date.now() < deadline) {
      const r = await post({ method: "GET", url: `${lease()}/status`, providerAddress, auth: mtls() });
      expect(r.status).toBe(200);
      status = (await r.json()) as typeof status;
      if (status.services?.web && status.services.web.available >= 1) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status.services?.web?.available).toBeGreaterThanOrEqual(1);
  });

  it("streams logs through the proxy WebSocket (JWT)", async () => {
    const ws = await ProxyClient.connect(proxy.url);
    try {
      ws.send({ type: "websocket", url: `${lease()}/logs?follow=true&tail=10&service=web`, providerAddress, auth: jwtAuth() });
      await ws.waitFor((c) => c.messages.some((m) => typeof m.message === "string" && m.message.includes('"message"')), 15_000, "a log line");
      const line = ws.messages.find((m) => typeof m.message === "string" && m.message.includes('"message"'))!;
      expect(JSON.parse(line.message as string)).toMatchObject({ name: expect.any(String), message: expect.any(String) });
    } finally {
      ws.close();
    }
  });

  it("streams kube events through the proxy WebSocket (mTLS)", async () => {
    const ws = await ProxyClient.connect(proxy.url);
    try {
      ws.send({ type: "websocket", url: `${lease()}/kubeevents?follow=false`, providerAddress, auth: mtls() });
      await ws.waitFor((c) => c.messages.some((m) => typeof m.message === "string" && m.message.includes("reason")), 15_000, "an event");
      const event = ws.messages.find((m) => typeof m.message === "string" && m.message.includes("reason"))!;
      expect(JSON.parse(event.message as string)).toMatchObject({ reason: expect.any(String), object: { kind: expect.any(String) } });
    } finally {
      ws.close();
    }
  });

  it("runs a shell command through the proxy WebSocket with binary frames", async () => {
    const ws = await ProxyClient.connect(proxy.url);
    try {
      const url = `${lease()}/shell?cmd0=echo&cmd1=hello-proxy&tty=0&stdin=0&podIndex=0&service=web`;
      ws.send({ type: "websocket", url, providerAddress, auth: jwtAuth() });
      await ws.waitFor((c) => c.messages.some((m) => frameCode(m) === 102), 15_000, "the result frame");
      const frames = ws.messages.flatMap((m) => (m.message && typeof m.message === "object" ? [Buffer.from((m.message as { data: number[] }).data)] : []));
      const stdout = frames.filter((f) => f[0] === 100).map((f) => f.subarray(1).toString()).join("");
      expect(stdout).toContain("hello-proxy");
      const result = frames.find((f) => f[0] === 102)!;
      expect(JSON.parse(result.subarray(1).toString())).toMatchObject({ exit_code: 0 });
    } finally {
      ws.close();
    }
  });

  it("passes the provider's rejection of a certificate that is not on chain and of a JWT from another key", async () => {
    const stranger = await certificateManager.generatePEM(DEVNET_ADDRESS);
    const badCert = await post({ method: "GET", url: `${lease()}/status`, providerAddress, auth: { type: "mtls", certPem: stranger.cert, keyPem: stranger.privateKey } });
    expect(badCert.status).toBe(401);
    expect(badCert.headers.get("x-proxy-error")).toBeNull();

    // The tenant's claims with a signature made by another key.
    const otherWallet = await Secp256k1HdWallet.generate(12, { prefix: "akash" });
    const [other] = await otherWallet.getAccounts();
    const now = Math.floor(Date.now() / 1000);
    const otherToken = await new JwtTokenManager(otherWallet).generateToken({ version: "v1", iss: other!.address, iat: now, nbf: now, exp: now + 600, leases: { access: "full" } });
    const forged = `${jwt.split(".").slice(0, 2).join(".")}.${otherToken.split(".")[2]}`;
    const badJwt = await post({ method: "GET", url: `${lease()}/status`, providerAddress, auth: { type: "jwt", token: forged } });
    expect(badJwt.status).toBe(401);
    expect(badJwt.headers.get("x-proxy-error")).toBeNull();
  });

  it("refuses another provider's host for this provider, and reports an offline (503) or hanging (504) provider", async () => {
    const other = providers.providers.find((p) => p.address !== providerAddress)!;
    const wrong = await post({ method: "GET", url: `${other.hostUri}/status`, providerAddress, auth: jwtAuth() });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get("x-proxy-error")).toBe("hostMismatch");

    other.setOnline(false);
    try {
      const offline = await post({ method: "GET", url: `${other.hostUri}/status`, providerAddress: other.address });
      expect(offline.status).toBe(503);
      expect(await offline.text()).toMatch(/is temporarily unavailable/);
      other.setOnline(false, "hang");
      const hanging = await post({ method: "GET", url: `${other.hostUri}/status`, providerAddress: other.address, timeout: 500 });
      expect(hanging.status).toBe(504);
      expect(hanging.headers.get("x-proxy-error")).toBe("providerTimeout");
    } finally {
      other.setOnline(true);
    }
    const back = await post({ method: "GET", url: `${other.hostUri}/status`, providerAddress: other.address });
    expect(back.status).toBe(200);
  });
});

function frameCode(m: { message?: unknown }): number | undefined {
  const msg = m.message as { type?: string; data?: number[] } | undefined;
  return msg && typeof msg === "object" && msg.type === "Buffer" ? msg.data?.[0] : undefined;
}
