/**
 * The devnet's network servers against real clients: cosmjs StargateClient / SigningStargateClient /
 * Comet38Client over the CometBFT RPC, chain-sdk's web SDK (grpc-gateway transport) over REST,
 * and the faucet over HTTP the way @cosmjs/faucet-client calls it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { toBech32, toHex } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import { Comet38Client, connectComet, WebsocketClient } from "@cosmjs/tendermint-rpc";
import { createChainNodeWebSDK } from "@akashnetwork/chain-sdk/web";
import { startDevnet, type RunningDevnet } from "../../server/devnet/index.ts";
import { DEVNET_ADDRESS, DEVNET_MNEMONIC, FAUCET_ADDRESS } from "../../server/devnet/config.ts";
import { createAkashRegistry } from "../../server/shared/akash-registry.ts";
import { TxRaw } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { MsgCreateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import Long from "long";
import { loadRoutes } from "../../server/devnet/rest/routes.ts";
import { FaucetClient } from "@cosmjs/faucet-client";

let devnet: RunningDevnet;
const fresh = () => toBech32("akash", randomBytes(20));

async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  devnet = await startDevnet({ dataDir: null, host: "127.0.0.1", rpcPort: 0, restPort: 0, faucetPort: 0, blockMs: 250 });
  await waitFor("first block", () => (devnet.chain.latestHeight() >= 1 ? true : undefined));
});

afterAll(async () => {
  await devnet?.stop();
});

describe("CometBFT RPC with cosmjs", () => {
  it("StargateClient reads chain id, height, balances and accounts", async () => {
    const client = await StargateClient.connect(devnet.rpcUrl);
    expect(await client.getChainId()).toBe(devnet.chainId);
    expect(await client.getHeight()).toBeGreaterThanOrEqual(1);
    const bal = await client.getBalance(DEVNET_ADDRESS, "uakt");
    expect(BigInt(bal.amount)).toBeGreaterThan(0n);
    expect(await client.getAccount(fresh())).toBeNull();
    client.disconnect();
  });

  it("connectComet returns a Comet38Client whose decoders accept every read method", async () => {
    const comet = await connectComet(devnet.rpcUrl);
    expect(comet).toBeInstanceOf(Comet38Client);
    const status = await comet.status();
    expect(status.nodeInfo.version).toMatch(/^0\.38\./);
    expect(status.nodeInfo.network).toBe(devnet.chainId);
    const height = status.syncInfo.latestBlockHeight;
    const block = await comet.block(height);
    expect(block.block.header.chainId).toBe(devnet.chainId);
    expect((await comet.blockResults(height)).height).toBe(height);
    const chainInfo = await comet.blockchain(1, height);
    expect(chainInfo.blockMetas[0]!.header.height).toBe(height);
    expect((await comet.validatorsAll(height)).validators.length).toBe(1);
    expect((await comet.genesis()).chainId).toBe(devnet.chainId);
    expect((await comet.abciInfo()).lastBlockHeight).toBeGreaterThanOrEqual(height);
    await comet.health();

    // The mempool count: nothing pending yet; with block production paused, one valid tx is pending
    // (a tx that fails CheckTx is not added); once blocks resume it is included and the count drops back.
    expect((await comet.numUnconfirmedTxs()).total).toBe(0);
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
    const signer = await SigningStargateClient.connectWithSigner(devnet.rpcUrl, wallet, { registry: createAkashRegistry() });
    const send = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: DEVNET_ADDRESS, toAddress: fresh(), amount: [{ denom: "uakt", amount: "1" }] } };
    const raw = await signer.sign(DEVNET_ADDRESS, [send], { amount: [{ denom: "uakt", amount: "10000" }], gas: "300000" }, "mempool count");
    signer.disconnect();
    await devnet.chain.stop();
    let pendingHash = "";
    try {
      const pending = await comet.broadcastTxSync({ tx: TxRaw.encode(raw).finish() });
      expect(pending.code, pending.log).toBe(0);
      pendingHash = toHex(pending.hash).toUpperCase();
      expect((await comet.numUnconfirmedTxs()).total).toBe(1);
      const garbage = await comet.broadcastTxSync({ tx: new Uint8Array([1, 2, 3, 4]) });
      expect(garbage.code).not.toBe(0);
      expect((await comet.numUnconfirmedTxs()).total).toBe(1);
    } finally {
      await devnet.chain.start();
    }
    const included = await waitFor("pending tx included", () => devnet.chain.waitForTx(pendingHash, 5_000));
    expect(included.result.code).toBe(0);
    expect((await comet.numUnconfirmedTxs()).total).toBe(0);
    comet.disconnect();
  });

  it("signs and broadcasts; tx_search, NewBlock and Tx subscriptions with an attribute condition see it", async () => {
    const ws = Comet38Client.create(new WebsocketClient(devnet.rpcUrl.replace(/^http/, "ws")));
    const heights: number[] = [];
    const txHashes: string[] = [];
    const blockSub = ws.subscribeNewBlock().subscribe({ next: (b) => heights.push(b.header.height) });
    const txSub = ws.subscribeTx(`tm.event='Tx' AND message.sender='${DEVNET_ADDRESS}'`).subscribe({ next: (t) => txHashes.push(toHex(t.hash).toUpperCase()) });
    await new Promise((r) => setTimeout(r, 300));

    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
    const signer = await SigningStargateClient.connectWithSigner(devnet.rpcUrl, wallet, {
      registry: createAkashRegistry(),
      gasPrice: GasPrice.fromString("0.025uakt"),
      broadcastPollIntervalMs: 200,
    });
    const to = fresh();
    const result = await signer.sendTokens(DEVNET_ADDRESS, to, [{ denom: "uakt", amount: "12345" }], "auto", "rpc-rest integration");
    expect(result.code).toBe(0);
    expect((await signer.getBalance(to, "uakt")).amount).toBe("12345");

    const found = await signer.getTx(result.transactionHash);
    expect(found?.height).toBe(result.height);
    const bySender = await signer.searchTx(`message.sender='${DEVNET_ADDRESS}'`);
    expect(bySender.map((t) => t.hash)).toContain(result.transactionHash);
    const byHeight = await signer.searchTx(`tx.height=${result.height}`);
    expect(byHeight.map((t) => t.hash)).toContain(result.transactionHash);

    await waitFor("tx event", () => (txHashes.includes(result.transactionHash) ? true : undefined));
    await waitFor("two new blocks", () => (heights.length >= 2 ? true : undefined));
    expect(heights[1]! - heights[0]!).toBe(1);
    blockSub.unsubscribe();
    txSub.unsubscribe();
    ws.disconnect();
    signer.disconnect();
  });
});

describe("Cosmos REST with chain-sdk's grpc-gateway transport", () => {
  it("reads balances, deployment params, providers and deployments/list", async () => {
    const sdk = createChainNodeWebSDK({ query: { baseUrl: devnet.restUrl } });
    const bal = await sdk.cosmos.bank.v1beta1.getBalance({ address: DEVNET_ADDRESS, denom: "uakt" });
    expect(BigInt(bal.balance?.amount ?? "0")).toBeGreaterThan(0n);
    const params = await sdk.akash.deployment.v1beta4.getParams();
    expect(params.params?.minDeposits.map((c) => c.denom)).toContain("uact");
    const providers = await sdk.akash.provider.v1beta4.getProviders({ pagination: { limit: 50 } });
    expect(Array.isArray(providers.providers)).toBe(true);
    const deployments = await sdk.akash.deployment.v1beta4.getDeployments({ filters: { owner: DEVNET_ADDRESS }, pagination: { limit: 10 } });
    expect(Array.isArray(deployments.deployments)).toBe(true);
    const latest = await fetch(`${devnet.restUrl}/cosmos/base/tendermint/v1beta1/blocks/latest`).then((r) => r.json() as Promise<{ block: { header: { height: string } } }>);
    expect(Number(latest.block.header.height)).toBeGreaterThanOrEqual(1);
    const account = await fetch(`${devnet.restUrl}/cosmos/auth/v1beta1/accounts/${fresh()}`);
    expect(account.status).toBe(404);
  });
});

describe("Akash state over REST after a real MsgCreateDeployment", () => {
  it("deployments, groups and orders render in gateway JSON; every served list route answers", async () => {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
    const signer = await SigningStargateClient.connectWithSigner(devnet.rpcUrl, wallet, {
      registry: createAkashRegistry(),
      gasPrice: GasPrice.fromString("0.025uakt"),
      broadcastPollIntervalMs: 200,
    });
    const rv = (n: number) => ({ val: new TextEncoder().encode(String(n)) });
    const dseq = String(await signer.getHeight());
    const msg = {
      typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
      value: MsgCreateDeployment.fromPartial({
        id: { owner: DEVNET_ADDRESS, dseq },
        groups: [
          {
            name: "dcloud",
            requirements: { signedBy: { allOf: [], anyOf: [] }, attributes: [] },
            resources: [
              {
                resource: {
                  id: 1,
                  cpu: { units: rv(250), attributes: [] },
                  memory: { quantity: rv(268435456), attributes: [] },
                  storage: [{ name: "default", quantity: rv(1073741824), attributes: [] }],
                  gpu: { units: rv(0), attributes: [] },
                  endpoints: [{ kind: 0, sequenceNumber: 0 }],
                },
                count: 1,
                price: { denom: "uact", amount: "1000" },
              },
            ],
          },
        ],
        hash: new Uint8Array(32).fill(9),
        deposit: { amount: { denom: "uact", amount: "500000" }, sources: [Source.balance] },
      }),
    };
    const result = await signer.signAndBroadcast(DEVNET_ADDRESS, [msg], "auto");
    expect(result.code, result.rawLog).toBe(0);
    signer.disconnect();

    const get = (path: string) => fetch(devnet.restUrl + path).then(async (r) => ({ status: r.status, json: (await r.json()) as any })); // eslint-disable-line @typescript-eslint/no-explicit-any
    const list = await get(`/akash/deployment/v1beta4/deployments/list?filters.owner=${DEVNET_ADDRESS}&filters.dseq=${dseq}&pagination.count_total=true`);
    expect(list.status).toBe(200);
    // Exactly the one deployment this test created matches owner + dseq.
    expect(list.json.deployments).toHaveLength(1);
    expect(list.json.pagination.total).toBe("1");
    const d = list.json.deployments[0];
    expect(d.deployment).toEqual({ id: { owner: DEVNET_ADDRESS, dseq }, state: "active", hash: Buffer.alloc(32, 9).toString("base64"), created_at: String(result.height) });
    const unit = d.groups[0].group_spec.resources[0];
    expect(unit.resource.cpu).toEqual({ units: { val: "250" }, attributes: [] });
    expect(unit.resource.endpoints).toEqual([{ kind: "SHARED_HTTP", sequence_number: 0 }]);
    expect(unit.price).toEqual({ denom: "uact", amount: "1000.000000000000000000" });
    expect(d.groups[0].state).toBe("open");
    expect(d.escrow_account.id).toEqual({ scope: "deployment", xid: `${DEVNET_ADDRESS}/${dseq}` });

    const info = await get(`/akash/deployment/v1beta4/deployments/info?id.owner=${DEVNET_ADDRESS}&id.dseq=${dseq}`);
    expect(info.json.deployment.id.dseq).toBe(dseq);
    const missing = await get(`/akash/deployment/v1beta4/deployments/info?id.owner=${DEVNET_ADDRESS}&id.dseq=1`);
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe(5);
    const orders = await get(`/akash/market/v1beta5/orders/list?filters.owner=${DEVNET_ADDRESS}&filters.dseq=${dseq}&pagination.count_total=true`);
    expect(orders.json.orders).toHaveLength(1);
    expect(orders.json.pagination.total).toBe("1");
    expect(orders.json.orders[0].id).toEqual({ owner: DEVNET_ADDRESS, dseq, gseq: 1, oseq: 1 });
    expect(orders.json.orders[0].state).toBe("open");

    // chain-sdk's web SDK sees the same deployment.
    const sdk = createChainNodeWebSDK({ query: { baseUrl: devnet.restUrl } });
    const viaSdk = await sdk.akash.deployment.v1beta4.getDeployments({ filters: { owner: DEVNET_ADDRESS, dseq: Long.fromString(dseq, true) } });
    expect(viaSdk.deployments[0]?.groups[0]?.groupSpec?.resources[0]?.price).toEqual({ denom: "uact", amount: "1000.000000000000000000" });

    // Every Akash route the devnet serves answers an empty request with 200 gateway JSON, or a gateway error.
    const routes = (await loadRoutes()).filter((r) => r.httpMethod === "GET" && r.service.startsWith("akash.") && devnet.chain.queryHandler(r.grpcPath));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const r of routes) {
      const path = r.httpPath.replace(/\{[^}]+\}/g, DEVNET_ADDRESS);
      const res = await get(path);
      if (res.status === 200) {
        // Top-level keys are the response message's proto field names, every one emitted.
        const expected = Object.keys(r.output.fromPartial({}) as object).map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
        expect(Object.keys(res.json).sort(), path).toEqual(expected.sort());
      }
      else expect(res.json, path).toMatchObject({ code: expect.any(Number), message: expect.any(String), details: [] });
      expect(res.status, `${path}: ${JSON.stringify(res.json)}`).toBeLessThan(500);
    }
  });
});

describe("tx service over REST with a real signed tx", () => {
  it("simulate, broadcast (sync), get by hash and search by event", async () => {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
    const signer = await SigningStargateClient.connectWithSigner(devnet.rpcUrl, wallet, { registry: createAkashRegistry() });
    const to = fresh();
    const msg = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: DEVNET_ADDRESS, toAddress: to, amount: [{ denom: "uakt", amount: "777" }] } };
    const raw = await signer.sign(DEVNET_ADDRESS, [msg], { amount: [{ denom: "uakt", amount: "10000" }], gas: "300000" }, "via rest");
    const txBytes = Buffer.from(TxRaw.encode(raw).finish()).toString("base64");
    signer.disconnect();

    const post = (path: string, body: unknown) =>
      fetch(devnet.restUrl + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, json: (await r.json()) as any })); // eslint-disable-line @typescript-eslint/no-explicit-any
    const sim = await post("/cosmos/tx/v1beta1/simulate", { tx_bytes: txBytes });
    expect(sim.status).toBe(200);
    expect(Number(sim.json.gas_info.gas_used)).toBeGreaterThan(0);
    const sent = await post("/cosmos/tx/v1beta1/txs", { tx_bytes: txBytes, mode: "BROADCAST_MODE_SYNC" });
    expect(sent.status).toBe(200);
    expect(sent.json.tx_response.code).toBe(0);
    const hash: string = sent.json.tx_response.txhash;
    const got = await waitFor("tx by hash", async () => {
      const r = await fetch(`${devnet.restUrl}/cosmos/tx/v1beta1/txs/${hash}`);
      return r.status === 200 ? ((await r.json()) as any) : undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    });
    expect(got.tx_response.code).toBe(0);
    expect(got.tx.body.messages[0]).toMatchObject({ "@type": "/cosmos.bank.v1beta1.MsgSend", to_address: to, amount: [{ denom: "uakt", amount: "777" }] });
    expect(got.tx.body.memo).toBe("via rest");
    const search = await fetch(`${devnet.restUrl}/cosmos/tx/v1beta1/txs?query=${encodeURIComponent(`transfer.recipient='${to}'`)}`).then((r) => r.json() as Promise<any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(search.tx_responses.map((t: { txhash: string }) => t.txhash)).toEqual([hash]);
    expect(search.total).toBe("1");
  });
});

describe("faucet", () => {
  it("@cosmjs/faucet-client credits an address", async () => {
    const to = fresh();
    await new FaucetClient(devnet.faucetUrl).credit(to, "uakt");
    const client = await StargateClient.connect(devnet.rpcUrl);
    expect((await client.getBalance(to, "uakt")).amount).toBe("100000000");
    client.disconnect();
  });

  const credit = (address: string, denom: string) =>
    fetch(`${devnet.faucetUrl}/credit`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ address, denom }) });

  it("credits uakt, rate-limits repeats and rejects bad input", async () => {
    const to = fresh();
    const res = await credit(to, "uakt");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    const client = await StargateClient.connect(devnet.rpcUrl);
    expect(BigInt((await client.getBalance(to, "uakt")).amount)).toBeGreaterThan(0n);
    client.disconnect();
    expect((await credit(to, "uakt")).status).toBe(429);
    // ACT is not transferable: the faucet mints it for the recipient with MsgMintACT.
    const act = await credit(to, "uact");
    expect(act.status, await act.clone().text()).toBe(200);
    const client2 = await StargateClient.connect(devnet.rpcUrl);
    expect(BigInt((await client2.getBalance(to, "uact")).amount)).toBeGreaterThanOrEqual(100_000_000n);
    client2.disconnect();
    expect((await credit("cosmos1notakash", "uakt")).status).toBe(400);
    expect((await credit(fresh(), "ufoo")).status).toBe(422);
    // Concurrent credits are batched into few txs and all arrive.
    const client3 = await StargateClient.connect(devnet.rpcUrl);
    const faucetTxsBefore = (await client3.searchTx(`message.sender='${FAUCET_ADDRESS}'`)).length;
    const many = Array.from({ length: 6 }, fresh);
    const answers = await Promise.all(many.map((a) => credit(a, "uakt")));
    expect(answers.map((r) => r.status)).toEqual(many.map(() => 200));
    for (const a of many) expect((await client3.getBalance(a, "uakt")).amount).toBe("100000000");
    const faucetTxsAfter = (await client3.searchTx(`message.sender='${FAUCET_ADDRESS}'`)).length;
    expect(faucetTxsAfter - faucetTxsBefore).toBeGreaterThanOrEqual(1);
    expect(faucetTxsAfter - faucetTxsBefore).toBeLessThanOrEqual(3);
    client3.disconnect();
    const status = (await (await fetch(`${devnet.faucetUrl}/status`)).json()) as { chainId: string; holder: { address: string } };
    expect(status.chainId).toBe(devnet.chainId);
    expect(status.holder.address).toBe(FAUCET_ADDRESS);
  });
});
