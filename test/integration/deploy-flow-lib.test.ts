/**
 * The deploy flow's environment-neutral libraries against the real stack (devnet + simulated providers +
 * provider proxy), with real cosmjs clients: the bid feed gets bids from the CometBFT subscription as they
 * are committed, the lease is created, the manifest goes through the proxy with a wallet-signed scoped JWT,
 * kube events stream over the proxy WebSocket, and the lease status reports the URI.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { startStack, type RunningStack } from "../../server/stack.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC } from "../../server/devnet/config.ts";
import { BidFeed, type FeedStatus } from "../../src/lib/deployment/bid-feed.ts";
import type { Bid } from "../../src/lib/deployment/bids.ts";
import { prepareManifest } from "../../src/lib/deployment/manifest.ts";
import { buildCreateDeploymentMsg, buildCreateLeaseMsg } from "../../src/lib/deployment/messages.ts";
import { getLatestBlock } from "../../src/lib/chain/blocks.ts";
import { listLeases } from "../../src/lib/chain/market.ts";
import { listAudits, listProviders, withAuditors } from "../../src/lib/chain/provider.ts";
import { ProviderJwtCache, ProviderProxyClient, ProviderWebSocketSession, leasePath, providerUrl, type WebSocketLike } from "../../src/lib/provider-proxy/index.ts";
import { createRegistry } from "../../src/lib/tx/registry.ts";

const SDL = fs.readFileSync(path.join(import.meta.dirname, "../../src/features/templates/builtin/nginx-static-site/deploy.yaml"), "utf8");
let stack: RunningStack;
let tenant: SigningStargateClient;
let dataDir: string;

async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-lib-int-"));
  stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0, proxy: 0 }, blockMs: 400, log: () => {} });
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  tenant = await SigningStargateClient.createWithSigner(await connectComet(stack.rpcUrl), wallet, { registry: createRegistry(), gasPrice: GasPrice.fromString("0.025uakt"), broadcastPollIntervalMs: 100 });
}, 120_000);

afterAll(async () => {
  tenant?.disconnect();
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("deploy flow libraries on the devnet", () => {
  it("bids arrive over the subscription as they are committed; lease, manifest (JWT via proxy), events and URI", async () => {
    const prepared = await prepareManifest(SDL, { requireUact: true });
    if (!prepared.ok) throw new Error(prepared.error);
    const dseq = String((await getLatestBlock(stack.restUrl)).height);

    const statuses: FeedStatus[] = [];
    let bids: Bid[] = [];
    const sources: string[] = [];
    const feed = new BidFeed({ rpcUrl: stack.rpcUrl, restUrl: stack.restUrl, owner: DEVNET_ADDRESS, dseq, blockTimeMs: 400, onBids: (next, source) => ((bids = next), sources.push(source)), onStatus: (s) => statuses.push(s) });
    feed.start();
    try {
      await waitFor("live feed", () => feed.status === "live");
      const created = await tenant.signAndBroadcast(DEVNET_ADDRESS, [buildCreateDeploymentMsg({ owner: DEVNET_ADDRESS, dseq, prepared: prepared.value, deposit: { denom: "uact", amount: 500_000n } })], 2);
      expect(created.code, created.rawLog).toBe(0);
      await waitFor("five bids", () => bids.length >= 5, 30_000);
      expect(sources).toContain("event");
      expect(new Set(bids.map((b) => b.provider)).size).toBe(5);
      // REST enrichment adds the offered resources to bids first seen as events.
      await waitFor("offered resources", () => bids.every((b) => b.resources?.length));
    } finally {
      feed.stop();
    }

    const providers = withAuditors(await listProviders(stack.restUrl), await listAudits(stack.restUrl));
    const audited = providers.filter((p) => p.auditors.length).map((p) => p.owner);
    const pick = [...bids].filter((b) => audited.includes(b.provider)).sort((a, b) => a.price.amount - b.price.amount)[0]!;
    const provider = providers.find((p) => p.owner === pick.provider)!;
    const leased = await tenant.signAndBroadcast(DEVNET_ADDRESS, [buildCreateLeaseMsg(pick)], 2);
    expect(leased.code, leased.rawLog).toBe(0);
    expect((await listLeases(stack.restUrl, { owner: DEVNET_ADDRESS, dseq })).map((l) => l.state)).toEqual(["active"]);

    const amino = await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
    const jwt = new ProviderJwtCache(() => amino);
    const target = { address: DEVNET_ADDRESS, provider: pick.provider };
    const token = await jwt.token({ ...target, scope: ["send-manifest", "status", "events"] });
    expect(await jwt.token({ ...target, scope: ["events", "status", "send-manifest"] })).toBe(token);
    // Granular: this provider and these scopes only.
    expect(JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).leases).toEqual({
      access: "granular",
      permissions: [{ provider: pick.provider, access: "scoped", scope: ["events", "send-manifest", "status"] }],
    });
    const auth = { type: "jwt" as const, token };
    const client = new ProviderProxyClient({ proxyUrl: stack.proxyUrl! });
    const lease = { dseq, gseq: pick.gseq, oseq: pick.oseq };

    const events: string[] = [];
    const session = new ProviderWebSocketSession({
      proxyUrl: stack.proxyUrl!,
      url: providerUrl(provider.hostUri, `${leasePath(lease)}/kubeevents?follow=true`),
      providerAddress: provider.owner,
      auth,
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    });
    session.onFrame((frame) => frame.kind === "text" && events.push((JSON.parse(frame.text) as { reason: string }).reason));

    await client.sendManifest({ hostUri: provider.hostUri, providerAddress: provider.owner, dseq, manifestJson: prepared.value.manifestJson, auth });
    session.connect();
    const status = await waitFor("lease ready", async () => {
      const s = await client.leaseStatus({ hostUri: provider.hostUri, providerAddress: provider.owner, lease, auth });
      return s.services.web && s.services.web.available >= 1 ? s : undefined;
    });
    expect(status.services.web!.uris?.[0]).toMatch(/ingress\.provider-\d\.localhost/);
    await waitFor("kube events", () => events.includes("Started"));
    expect(session.state).toBe("open");
    session.close();

    // A token without the scope is refused by the provider, classified for the UI.
    const narrow = await jwt.token({ ...target, scope: ["shell"] });
    await expect(client.leaseStatus({ hostUri: provider.hostUri, providerAddress: provider.owner, lease, auth: { type: "jwt", token: narrow } })).rejects.toMatchObject({ kind: "unauthorized" });
    // A token made for another provider, replayed here, does not open this lease.
    const otherProvider = await jwt.token({ ...target, provider: providers.find((p) => p.owner !== pick.provider)!.owner, scope: ["status"] });
    await expect(client.leaseStatus({ hostUri: provider.hostUri, providerAddress: provider.owner, lease, auth: { type: "jwt", token: otherProvider } })).rejects.toMatchObject({ kind: "unauthorized" });
  }, 120_000);
});
