import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Long from "long";
import { createChainNodeWebSDK } from "@akashnetwork/chain-sdk/web";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as cosmos from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import type { QueryHandler } from "../chain/types.ts";
import { grpcErrors } from "../chain/errors-grpc.ts";
import { FakeChain, fakeTxBytes } from "../rpc/fake-chain.ts";
import type { ServerHandle } from "../rpc/backend.ts";
import { startRestServer } from "./server.ts";

const owner = "akash1q8f0l5n8l9xgk0z3n5a6h7ug4tq8x3vqzj5l3x";
let chain: FakeChain;
let server: ServerHandle;
const seenRequests: unknown[] = [];

function handler<Req, Res>(path: string, request: unknown, response: unknown, handle: (req: Req) => Res): QueryHandler {
  return { path, request, response, handle: (_ctx, req) => handle(req as Req) } as QueryHandler;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const get = async (p: string): Promise<{ status: number; json: any }> => {
  const res = await fetch(server.url + p);
  return { status: res.status, json: await res.json() };
};

beforeAll(async () => {
  chain = new FakeChain();
  const h = [
    handler<cosmos.QueryBalanceRequest, cosmos.QueryBalanceResponse>("/cosmos.bank.v1beta1.Query/Balance", cosmos.QueryBalanceRequest, cosmos.QueryBalanceResponse, (req) =>
      cosmos.QueryBalanceResponse.fromPartial({ balance: { denom: req.denom, amount: req.address === owner ? "1234567" : "0" } }),
    ),
    handler<cosmos.QueryAllBalancesRequest, cosmos.QueryAllBalancesResponse>("/cosmos.bank.v1beta1.Query/AllBalances", cosmos.QueryAllBalancesRequest, cosmos.QueryAllBalancesResponse, (req) => {
      if (!req.address.startsWith("akash1")) throw grpcErrors.invalidArgument(`invalid address ${req.address}`);
      return cosmos.QueryAllBalancesResponse.fromPartial({ balances: [{ denom: "uakt", amount: "1234567" }], pagination: { total: 1 } });
    }),
    handler("/akash.deployment.v1beta4.Query/Params", v1beta4.QueryParamsRequest, v1beta4.QueryParamsResponse, () =>
      v1beta4.QueryParamsResponse.fromPartial({ params: { minDeposits: [{ denom: "uact", amount: "500000" }, { denom: "uakt", amount: "500000" }] } }),
    ),
    handler("/akash.provider.v1beta4.Query/Providers", v1beta4.QueryProvidersRequest, v1beta4.QueryProvidersResponse, () =>
      v1beta4.QueryProvidersResponse.fromPartial({
        providers: [{ owner: "akash1prov", hostUri: "https://provider.devnet:8443", attributes: [{ key: "region", value: "local" }], info: { email: "ops@devnet", website: "" } }],
        pagination: { total: 1 },
      }),
    ),
    handler<v1beta4.QueryDeploymentsRequest, v1beta4.QueryDeploymentsResponse>("/akash.deployment.v1beta4.Query/Deployments", v1beta4.QueryDeploymentsRequest, v1beta4.QueryDeploymentsResponse, (req) => {
      seenRequests.push(req);
      return v1beta4.QueryDeploymentsResponse.fromPartial({
        deployments: [{ deployment: { id: { owner: req.filters?.owner, dseq: 77 }, state: 1, hash: new Uint8Array(32), createdAt: 5 }, groups: [] }],
        pagination: { total: 1 },
      });
    }),
    handler("/akash.deployment.v1beta4.Query/Deployment", v1beta4.QueryDeploymentRequest, v1beta4.QueryDeploymentResponse, () => {
      throw grpcErrors.notFound("deployment not found");
    }),
  ];
  for (const x of h) chain.handlers.set(x.path, x);
  chain.produceBlock();
  const tx = fakeTxBytes("rest-tx", [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: cosmos.MsgSend.encode(cosmos.MsgSend.fromPartial({ fromAddress: owner, toAddress: "akash1to", amount: [{ denom: "uakt", amount: "5" }] })).finish() }]);
  chain.produceBlock([{ tx, events: [{ type: "message", attributes: [{ key: "sender", value: owner, index: true }] }] }]);
  server = await startRestServer(chain, { host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await server.close();
});

describe("REST gateway read by chain-sdk's grpc-gateway transport", () => {
  it("createChainNodeWebSDK reads bank, params, providers and deployments", async () => {
    const sdk = createChainNodeWebSDK({ query: { baseUrl: server.url } });
    const bal = await sdk.cosmos.bank.v1beta1.getBalance({ address: owner, denom: "uakt" });
    expect(bal.balance).toEqual({ denom: "uakt", amount: "1234567" });
    const params = await sdk.akash.deployment.v1beta4.getParams();
    expect(params.params?.minDeposits).toEqual([
      { denom: "uact", amount: "500000" },
      { denom: "uakt", amount: "500000" },
    ]);
    const providers = await sdk.akash.provider.v1beta4.getProviders({});
    expect(providers.providers[0]?.hostUri).toBe("https://provider.devnet:8443");
    expect(providers.pagination?.total.toString()).toBe("1");
    const deployments = await sdk.akash.deployment.v1beta4.getDeployments({ filters: { owner, state: "active" }, pagination: { limit: 10 } });
    expect(deployments.deployments[0]?.deployment?.id?.dseq.toString()).toBe("77");
    expect(deployments.deployments[0]?.deployment?.state).toBe(1);
    const seen = seenRequests.at(-1) as v1beta4.QueryDeploymentsRequest;
    expect(seen.filters?.owner).toBe(owner);
    expect(seen.filters?.state).toBe("active");
    expect(seen.pagination?.limit.toString()).toBe("10");
    await expect(sdk.akash.deployment.v1beta4.getDeployment({ id: { owner, dseq: Long.fromNumber(1, true) } })).rejects.toMatchObject({ code: 5 });
  });

  it("errors: NotFound 404, InvalidArgument 400, bad params 400, unknown route 501", async () => {
    const nf = await get(`/akash/deployment/v1beta4/deployments/info?id.owner=${owner}&id.dseq=1`);
    expect(nf.status).toBe(404);
    expect(nf.json).toEqual({ code: 5, message: "deployment not found", details: [] });
    const inv = await get("/cosmos/bank/v1beta1/balances/cosmos1xyz");
    expect(inv.status).toBe(400);
    expect(inv.json.code).toBe(3);
    const badParam = await get("/akash/deployment/v1beta4/deployments/list?pagination.limit=ten");
    expect(badParam.status).toBe(400);
    expect(badParam.json.message).toMatch(/pagination.limit/);
    const unknown = await get("/akash/nothing/here");
    expect(unknown.status).toBe(501);
    expect(unknown.json).toEqual({ code: 12, message: "Not Implemented", details: [] });
    const wrongMethod = await fetch(`${server.url}/akash/deployment/v1beta4/params`, { method: "POST", body: "{}" });
    expect(wrongMethod.status).toBe(501);
    expect(await wrongMethod.json()).toEqual({ code: 12, message: "Method Not Allowed", details: [] });
  });

  it("emits defaults like the gateway", async () => {
    const raw = await fetch(`${server.url}/cosmos/bank/v1beta1/balances/${owner}`);
    expect(raw.headers.get("grpc-metadata-x-cosmos-block-height")).toBe(String(chain.latestHeight()));
    const r = await get("/cosmos/bank/v1beta1/balances/" + owner);
    expect(r.json).toEqual({ balances: [{ denom: "uakt", amount: "1234567" }], pagination: { next_key: null, total: "1" } });
    const d = await get(`/akash/deployment/v1beta4/deployments/list?filters.owner=${owner}`);
    expect(d.json.deployments[0]).toEqual({
      deployment: { id: { owner, dseq: "77" }, state: "active", hash: Buffer.alloc(32).toString("base64"), created_at: "5" },
      groups: [],
      escrow_account: null,
    });
  });

  it("tendermint service and tx service", async () => {
    const latest = await get("/cosmos/base/tendermint/v1beta1/blocks/latest");
    expect(latest.json.block.header.height).toBe("2");
    expect(latest.json.block.header.chain_id).toBe("devnet-test-1");
    expect(latest.json.sdk_block.header.proposer_address).toMatch(/^akashvalcons1/);
    expect((await get("/cosmos/base/tendermint/v1beta1/blocks/1")).json.block.header.height).toBe("1");
    expect((await get("/cosmos/base/tendermint/v1beta1/blocks/99")).status).toBe(400);
    const info = await get("/cosmos/base/tendermint/v1beta1/node_info");
    expect(info.json.default_node_info.network).toBe("devnet-test-1");
    expect(info.json.application_version.app_name).toBe("akash");
    expect((await get("/cosmos/base/tendermint/v1beta1/syncing")).json).toEqual({ syncing: false });
    const vals = await get("/cosmos/base/tendermint/v1beta1/validatorsets/latest");
    expect(vals.json.validators[0].pub_key["@type"]).toBe("/cosmos.crypto.ed25519.PubKey");

    const hash = chain.indexed[0]!.hash;
    const tx = await get(`/cosmos/tx/v1beta1/txs/${hash}`);
    expect(tx.status).toBe(200);
    expect(tx.json.tx_response.txhash).toBe(hash);
    expect(tx.json.tx_response.height).toBe("2");
    expect(tx.json.tx_response.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(tx.json.tx.body.messages[0]).toEqual({ "@type": "/cosmos.bank.v1beta1.MsgSend", from_address: owner, to_address: "akash1to", amount: [{ denom: "uakt", amount: "5" }] });
    expect((await get(`/cosmos/tx/v1beta1/txs/${"0".repeat(64)}`)).status).toBe(404);
    const search = await get(`/cosmos/tx/v1beta1/txs?query=${encodeURIComponent(`message.sender='${owner}'`)}`);
    expect(search.json.total).toBe("1");
    expect(search.json.tx_responses[0].txhash).toBe(hash);
    expect((await get(`/cosmos/tx/v1beta1/txs`)).status).toBe(400);

    const garbage = await fetch(`${server.url}/cosmos/tx/v1beta1/txs`, { method: "POST", body: JSON.stringify({ tx_bytes: "AQID", mode: "BROADCAST_MODE_SYNC" }) });
    const gj = (await garbage.json()) as { tx_response: { code: number } };
    expect(gj.tx_response.code).toBe(2);
    const block = await fetch(`${server.url}/cosmos/tx/v1beta1/txs`, { method: "POST", body: JSON.stringify({ tx_bytes: "AQID", mode: "BROADCAST_MODE_BLOCK" }) });
    expect(block.status).toBe(400);
    const sim = await fetch(`${server.url}/cosmos/tx/v1beta1/simulate`, { method: "POST", body: JSON.stringify({ tx_bytes: Buffer.from(fakeTxBytes("sim")).toString("base64") }) });
    expect(((await sim.json()) as { gas_info: { gas_used: string } }).gas_info.gas_used).toBe("81234");
  });

  it("rejects oversized bodies with InvalidArgument", async () => {
    const big = await fetch(`${server.url}/cosmos/tx/v1beta1/simulate`, { method: "POST", body: JSON.stringify({ tx_bytes: "A".repeat(2_500_000) }) });
    expect(big.status).toBe(400);
    expect(((await big.json()) as { message: string }).message).toMatch(/larger than/);
  });

  it("CORS preflight", async () => {
    const pre = await fetch(`${server.url}/cosmos/bank/v1beta1/balances/x`, { method: "OPTIONS", headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "GET" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
  });
});
