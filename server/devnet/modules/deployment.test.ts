import { describe, expect, it } from "vitest";
import {
  Group_State,
  QueryDeploymentResponse,
  QueryDeploymentsRequest,
  QueryDeploymentsResponse,
  QueryGroupResponse,
  QueryParamsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { Deployment_State, Scope, Source, Types_State } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { QueryOrdersResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { toGatewayJSON } from "../../shared/gateway-json.ts";
import { TestApp, errorOf, testConfig } from "./testing.ts";
import { T, createDeploymentMsg, groupSpec, hash32, owner } from "./fixtures.test-util.ts";

function app(legacy = false) {
  const a = new TestApp({ ...testConfig, legacyUaktPricing: legacy });
  a.fund(owner, [
    { denom: "uact", amount: "100000000" },
    { denom: "uakt", amount: "100000000" },
  ]);
  return a;
}

const Q = "/akash.deployment.v1beta4.Query/";

describe("MsgCreateDeployment", () => {
  it("creates the deployment, its groups, one order per group and a funded escrow account", () => {
    const a = app();
    const res = a.deliver(T.createDeployment, createDeploymentMsg(10, { groups: [groupSpec({ name: "a" }), groupSpec({ name: "b", count: 2 })] }), owner);
    expect(a.balance(owner, "uact")).toBe(100000000n - 5000000n);
    expect(res.events.map((e) => e.type)).toEqual(expect.arrayContaining(["akash.deployment.v1.EventDeploymentCreated", "akash.market.v1.EventOrderCreated", "transfer"]));
    expect(res.events.filter((e) => e.type === "akash.market.v1.EventOrderCreated")).toHaveLength(2);

    const info = a.query<QueryDeploymentResponse>(`${Q}Deployment`, { id: { owner, dseq: "10" } });
    expect(info.deployment?.state).toBe(Deployment_State.active);
    expect(info.deployment?.createdAt.toString()).toBe("1");
    expect(Buffer.from(info.deployment!.hash)).toEqual(Buffer.from(hash32()));
    expect(info.groups.map((g) => [g.id?.gseq, g.state, g.groupSpec?.name])).toEqual([
      [1, Group_State.open, "a"],
      [2, Group_State.open, "b"],
    ]);
    const json = a.queryJson(`${Q}Deployment`, { id: { owner, dseq: "10" } }) as { groups: { group_spec: { resources: { price: unknown }[] } }[]; escrow_account: unknown };
    expect(json.groups[1]!.group_spec.resources[0]!.price).toEqual({ denom: "uact", amount: "100.000000000000000000" });
    expect(json.escrow_account).toMatchObject({ id: { scope: "deployment", xid: `${owner}/10` }, state: { state: "open", settled_at: "1" } });
    expect(info.escrowAccount?.id?.xid).toBe(`${owner}/10`);
    expect(info.escrowAccount?.state?.state).toBe(Types_State.open);
    expect(info.escrowAccount?.state?.funds).toEqual([{ denom: "uact", amount: "5000000" }]);
    expect(info.escrowAccount?.state?.deposits[0]).toMatchObject({ owner, source: 1, balance: { denom: "uact", amount: "5000000" }, direct: true });

    const orders = a.query<QueryOrdersResponse>("/akash.market.v1beta5.Query/Orders", { filters: { owner, dseq: "10" } });
    expect(orders.orders.map((o) => [o.id?.gseq, o.id?.oseq, o.state])).toEqual([
      [1, 1, 1],
      [2, 1, 1],
    ]);
  });

  it("stores group specs with their non-nullable requirements even when the client omits them", () => {
    const a = app();
    const spec = groupSpec();
    a.deliver(T.createDeployment, createDeploymentMsg(11, { groups: [{ ...spec, requirements: undefined as unknown as typeof spec.requirements }] }), owner);
    const info = a.query<QueryDeploymentResponse>(`${Q}Deployment`, { id: { owner, dseq: "11" } });
    expect(info.groups[0]!.groupSpec!.requirements).toEqual({ signedBy: { allOf: [], anyOf: [] }, attributes: [] });
  });

  it("ValidateBasic: dseq, groups, hash, group specs and denominations", () => {
    const a = app();
    expect(errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(0)))).toMatchObject({ codespace: "sdk", code: 3 });
    expect(errorOf(() => a.deliver(T.createDeployment, { ...createDeploymentMsg(1), groups: [] }))).toMatchObject({ codespace: "deployment", code: 7 });
    expect(errorOf(() => a.deliver(T.createDeployment, { ...createDeploymentMsg(1), hash: new Uint8Array() }))).toMatchObject({ codespace: "deployment", code: 9 });
    expect(errorOf(() => a.deliver(T.createDeployment, { ...createDeploymentMsg(1), hash: new Uint8Array(31) }))).toMatchObject({ codespace: "deployment", code: 10 });
    expect(errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(1, { count: 0 })))).toMatchObject({ codespace: "deployment", code: 19 });
    const noCpu = groupSpec();
    noCpu.resources[0]!.resource.cpu.units = { val: new TextEncoder().encode("0") };
    expect(errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(1, { groups: [noCpu] }))).code).toBe(19);
    const multi = groupSpec();
    multi.resources.push({ ...multi.resources[0]!, resource: { ...multi.resources[0]!.resource, id: 2 }, price: { denom: "uakt", amount: "1" } });
    expect(errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(1, { groups: [multi] }))).message).toMatch(/multi-denonimation/);
    const mismatch = { ...createDeploymentMsg(1), deposit: { amount: { denom: "uakt", amount: "5000000" }, sources: [1] } };
    expect(errorOf(() => a.deliver(T.createDeployment, mismatch))).toMatchObject({ codespace: "deployment", code: 20 });
    expect(errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(1), testConfig.auditorAddress))).toMatchObject({ codespace: "sdk", code: 4 });
  });

  it("rejects duplicates, deposits below min_deposits and uakt pricing outside legacy mode", () => {
    const a = app();
    a.deliver(T.createDeployment, createDeploymentMsg(5), owner);
    expect(errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(5)))).toMatchObject({ codespace: "deployment", code: 3 });
    expect(errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(6, { deposit: "499999" })))).toMatchObject({ codespace: "deployment", code: 20 });
    const akt = errorOf(() => a.deliver(T.createDeployment, createDeploymentMsg(7, { denom: "uakt" })));
    expect(akt).toMatchObject({ codespace: "deployment", code: 20 });
    expect(akt.message).toMatch(/only allowed via AccountDeposit/);
    // Not enough balance: the escrow's AuthorizeDeposits answers market 28.
    const poor = app();
    poor.store.set(`bank/bal/${owner}/uact`, "100");
    expect(errorOf(() => poor.deliver(T.createDeployment, createDeploymentMsg(1)))).toMatchObject({ codespace: "market", code: 28 });
    expect(poor.balance(owner, "uact")).toBe(100n);
  });

  it("accepts uakt deployments in legacy mode", () => {
    const a = app(true);
    a.deliver(T.createDeployment, createDeploymentMsg(8, { denom: "uakt" }), owner);
    expect(a.balance(owner, "uakt")).toBe(100000000n - 5000000n);
  });
});

describe("MsgUpdateDeployment / MsgCloseDeployment", () => {
  it("updates the hash only when it changes and only while active", () => {
    const a = app();
    a.deliver(T.createDeployment, createDeploymentMsg(3), owner);
    expect(errorOf(() => a.deliver(T.updateDeployment, { id: { owner, dseq: "3" }, hash: hash32() }))).toMatchObject({ codespace: "deployment", code: 10 });
    const res = a.deliver(T.updateDeployment, { id: { owner, dseq: "3" }, hash: hash32(9) }, owner);
    expect(res.events.some((e) => e.type === "akash.deployment.v1.EventDeploymentUpdated")).toBe(true);
    expect(errorOf(() => a.deliver(T.updateDeployment, { id: { owner, dseq: "4" }, hash: hash32(9) }))).toMatchObject({ code: 4 });
    a.deliver(T.closeDeployment, { id: { owner, dseq: "3" } }, owner);
    expect(errorOf(() => a.deliver(T.updateDeployment, { id: { owner, dseq: "3" }, hash: hash32(1) }))).toMatchObject({ codespace: "deployment", code: 5 });
  });

  it("close refunds the whole deposit when nothing was spent and closes groups and orders", () => {
    const a = app();
    a.deliver(T.createDeployment, createDeploymentMsg(3), owner);
    a.nextBlock(3);
    a.deliver(T.closeDeployment, { id: { owner, dseq: "3" } }, owner);
    expect(a.balance(owner, "uact")).toBe(100000000n);
    const info = a.query<QueryDeploymentResponse>(`${Q}Deployment`, { id: { owner, dseq: "3" } });
    expect(info.deployment?.state).toBe(Deployment_State.closed);
    expect(info.groups[0]?.state).toBe(Group_State.closed);
    expect(info.escrowAccount?.state?.state).toBe(Types_State.closed);
    const orders = a.query<QueryOrdersResponse>("/akash.market.v1beta5.Query/Orders", { filters: { owner, state: "closed" } });
    expect(orders.orders).toHaveLength(1);
    expect(errorOf(() => a.deliver(T.closeDeployment, { id: { owner, dseq: "3" } }))).toMatchObject({ codespace: "deployment", code: 5 });
    expect(errorOf(() => a.deliver(T.pauseGroup, { id: { owner, dseq: "3", gseq: 1 } }))).toMatchObject({ codespace: "deployment", code: 15 });
  });
});

describe("group messages", () => {
  it("pause closes the order, start opens a new order with oseq+1, close is final", () => {
    const a = app();
    a.deliver(T.createDeployment, createDeploymentMsg(3), owner);
    const gid = { owner, dseq: "3", gseq: 1 };
    expect(errorOf(() => a.deliver(T.startGroup, { id: gid }))).toMatchObject({ codespace: "deployment", code: 16 });
    a.deliver(T.pauseGroup, { id: gid }, owner);
    expect(errorOf(() => a.deliver(T.pauseGroup, { id: gid }))).toMatchObject({ codespace: "deployment", code: 17 });
    expect(a.query<QueryGroupResponse>(`${Q}Group`, { id: gid }).group?.state).toBe(Group_State.paused);
    const started = a.deliver(T.startGroup, { id: gid }, owner);
    expect(started.events.map((e) => e.type)).toEqual(["akash.deployment.v1.EventGroupStarted", "akash.market.v1.EventOrderCreated"]);
    const orders = a.query<QueryOrdersResponse>("/akash.market.v1beta5.Query/Orders", { filters: { owner, dseq: "3" } });
    expect(orders.orders.map((o) => [o.id?.oseq, o.state])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    a.deliver(T.closeGroup, { id: gid }, owner);
    expect(errorOf(() => a.deliver(T.closeGroup, { id: gid }))).toMatchObject({ codespace: "deployment", code: 15 });
    expect(errorOf(() => a.deliver(T.startGroup, { id: { ...gid, gseq: 2 } }))).toMatchObject({ codespace: "deployment", code: 14 });
  });
});

describe("queries", () => {
  it("lists with filters, key and offset pagination", () => {
    const a = app();
    for (const d of [1, 2, 3, 4, 5]) a.deliver(T.createDeployment, createDeploymentMsg(d), owner);
    a.deliver(T.closeDeployment, { id: { owner, dseq: "2" } }, owner);
    const all = a.query<QueryDeploymentsResponse>(`${Q}Deployments`, { filters: { owner } });
    expect(all.deployments.map((d) => d.deployment?.id?.dseq.toString())).toEqual(["1", "2", "3", "4", "5"]);
    const active = a.query<QueryDeploymentsResponse>(`${Q}Deployments`, { filters: { owner, state: "active" }, pagination: { limit: 2, countTotal: true } });
    expect(active.deployments.map((d) => d.deployment?.id?.dseq.toString())).toEqual(["1", "3"]);
    expect(active.pagination?.total.toString()).toBe("4");
    const next = a.query<QueryDeploymentsResponse>(`${Q}Deployments`, { filters: { owner, state: "active" }, pagination: { key: active.pagination!.nextKey, limit: 2 } });
    expect(next.deployments.map((d) => d.deployment?.id?.dseq.toString())).toEqual(["4", "5"]);
    expect(next.pagination?.nextKey.length).toBe(0);
    const offset = a.query<QueryDeploymentsResponse>(`${Q}Deployments`, { filters: { owner, state: "active" }, pagination: { offset: 3, limit: 2 } });
    expect(offset.deployments.map((d) => d.deployment?.id?.dseq.toString())).toEqual(["5"]);
    expect(errorOf(() => a.query(`${Q}Deployments`, { filters: { owner }, pagination: { offset: 1 } })).message).toMatch(/if offset is set, filter.state must be provided/);
    const byDseq = a.query<QueryDeploymentsResponse>(`${Q}Deployments`, { filters: { owner, dseq: "4" } });
    expect(byDseq.deployments).toHaveLength(1);
    expect(errorOf(() => a.query(`${Q}Deployment`, { id: { owner, dseq: "99" } }))).toMatchObject({ codespace: "deployment", code: 4 });
    const params = a.query<QueryParamsResponse>(`${Q}Params`, {});
    expect(params.params?.minDeposits).toEqual([
      { denom: "uact", amount: "500000" },
      { denom: "uakt", amount: "500000" },
    ]);
  });
});

describe("deployment answers kept between queries", () => {
  /** The list as the REST gateway renders it (the kept answers and their kept JSON). */
  const gatewayList = (a: TestApp) => {
    const q = a.modules.flatMap((m) => m.queries).find((h) => h.path === `${Q}Deployments`)!;
    const ctx = { store: a.store, height: a.height, time: a.time, config: a.config, keepers: a.keepers };
    return toGatewayJSON(QueryDeploymentsResponse, q.handle(ctx, QueryDeploymentsRequest.fromPartial({ filters: { owner } })) as QueryDeploymentsResponse) as {
      deployments: { deployment: { state: string; hash: string }; groups: { state: string }[]; escrow_account: { state: { funds: { amount: string }[] } } }[];
    };
  };

  it("are the same objects while nothing changes, and rebuilt when the deployment, a group or the escrow account does", () => {
    const a = app();
    a.deliver(T.createDeployment, createDeploymentMsg(1), owner);
    a.deliver(T.createDeployment, createDeploymentMsg(2), owner);
    const first = gatewayList(a);
    const again = gatewayList(a);
    expect(again.deployments[0]).toBe(first.deployments[0]);
    expect(again).toEqual(first);

    a.deliver(T.accountDeposit, { signer: owner, id: { scope: Scope.deployment, xid: `${owner}/1` }, deposit: { amount: { denom: "uact", amount: "1000000" }, sources: [Source.balance] } }, owner);
    const deposited = gatewayList(a);
    expect(deposited.deployments[0]!.escrow_account.state.funds[0]!.amount).toBe("6000000.000000000000000000");
    expect(deposited.deployments[1]).toBe(first.deployments[1]);

    a.deliver(T.updateDeployment, { id: { owner, dseq: "1" }, hash: hash32(9) }, owner);
    expect(gatewayList(a).deployments[0]!.deployment.hash).toBe(Buffer.from(hash32(9)).toString("base64"));

    a.deliver(T.closeDeployment, { id: { owner, dseq: "2" } }, owner);
    const closed = gatewayList(a).deployments[1]!;
    expect(closed.deployment.state).toBe("closed");
    expect(closed.groups[0]!.state).toBe("closed");
  });
});
