import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type RunningDevnet } from "../../server/devnet/index.ts";
import { startProviders, type RunningProviders } from "../../server/devnet/providers/index.ts";
import { startProxy, type RunningProxy } from "../../server/proxy/server.ts";
import { ProxyClient } from "../../server/proxy/testing/helpers.ts";

/**
 * One proxy, two chains: the devnet, and a second devnet with its own chain id standing in for mainnet. Each
 * request is checked against the chain it names; loopback providers are reachable only on the devnet.
 */
let dataDir: string;
let devnet: RunningDevnet;
let standin: RunningDevnet;
let devnetProviders: RunningProviders;
let standinProviders: RunningProviders;
let proxy: RunningProxy;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "proxy-networks-"));
  const chain = (name: string, chainId?: string) =>
    startDevnet({ dataDir: path.join(dataDir, name), rpcPort: 0, restPort: 0, faucetPort: 0, blockMs: 200, host: "127.0.0.1", noFaucet: true, ...(chainId ? { chain: { chainId } } : {}) });
  [devnet, standin] = await Promise.all([chain("devnet"), chain("standin", "akash-standin-2")]);
  const providers = (d: RunningDevnet, name: string) =>
    startProviders({ rpcUrl: d.rpcUrl, restUrl: d.restUrl, chainId: d.chainId, dataDir: path.join(dataDir, `${name}-providers`), count: 1, bidDelayMs: 50, timeScale: 0.1, log: () => {} });
  [devnetProviders, standinProviders] = await Promise.all([providers(devnet, "devnet"), providers(standin, "standin")]);
  proxy = await startProxy({
    host: "127.0.0.1",
    port: 0,
    restUrl: devnet.restUrl,
    allowLoopback: true,
    defaultNetwork: "devnet",
    networks: { mainnet: { restUrl: standin.restUrl } },
    log: false,
    rateLimit: false,
    cache: false,
  });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all([devnetProviders?.stop(), standinProviders?.stop()]);
  await Promise.all([devnet?.stop(), standin?.stop()]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const status = (provider: { address: string; hostUri: string }, network?: string) =>
  fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ method: "GET", url: `${provider.hostUri}/status`, providerAddress: provider.address, ...(network ? { network } : {}) }) });

describe("one provider proxy for several networks", () => {
  it("checks each request against the chain it names", async () => {
    expect(devnet.chainId).not.toBe(standin.chainId);
    const onDevnet = devnetProviders.providers[0]!;
    const onStandin = standinProviders.providers[0]!;
    // Same deterministic provider key on both chains, registered at different host URIs.
    expect(onDevnet.address).toBe(onStandin.address);
    expect(onDevnet.hostUri).not.toBe(onStandin.hostUri);

    // Named or by default, the devnet's provider is reached on the devnet.
    expect((await status(onDevnet, "devnet")).status).toBe(200);
    expect((await status(onDevnet)).status).toBe(200);

    // The devnet's provider, checked against the other chain: that chain registers it elsewhere.
    const crossed = await status(onDevnet, "mainnet");
    expect([crossed.status, crossed.headers.get("x-proxy-error")]).toEqual([403, "hostMismatch"]);
    expect(await crossed.text()).toContain(new URL(onStandin.hostUri).host);
    // And the other way round.
    const back = await status(onStandin, "devnet");
    expect([back.status, back.headers.get("x-proxy-error")]).toEqual([403, "hostMismatch"]);

    // The stand-in's own provider is on loopback: refused for every network but the devnet.
    const loopback = await status(onStandin, "mainnet");
    expect([loopback.status, loopback.headers.get("x-proxy-error")]).toEqual([403, "privateNetwork"]);

    const unknown = await status(onDevnet, "testnet");
    expect([unknown.status, unknown.headers.get("x-proxy-error")]).toEqual([400, "invalidRequest"]);
    expect(await unknown.text()).toMatch(/Unknown network "testnet": this proxy serves mainnet, devnet/);
  });

  it("applies the same rule to WebSocket sessions", async () => {
    const onStandin = standinProviders.providers[0]!;
    const client = await ProxyClient.connect(proxy.url);
    try {
      client.send({ type: "websocket", url: `${onStandin.hostUri}/lease/1/1/1/logs`, providerAddress: onStandin.address, network: "mainnet" });
      await client.waitFor((c) => c.messages.some((m) => m.code === "privateNetwork"), 5_000, "loopback refused on mainnet");
      client.send({ type: "websocket", url: `${onStandin.hostUri}/lease/1/1/1/logs`, providerAddress: onStandin.address, network: "devnet" });
      await client.waitFor((c) => c.messages.some((m) => m.code === "hostMismatch"), 5_000, "host checked against the devnet");
    } finally {
      client.close();
    }
  });

  it("says which networks it serves", async () => {
    expect(await (await fetch(`${proxy.url}/status`)).json()).toMatchObject({ status: "ok", networks: ["mainnet", "devnet"], defaultNetwork: "devnet" });
  });
});
