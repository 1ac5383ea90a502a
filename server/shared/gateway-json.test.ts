import { describe, expect, it } from "vitest";
import Long from "long";
import * as akashV1 from "@akashnetwork/chain-sdk/private-types/akash.v1";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as v1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import * as cosmos from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import type { ProtoCodec } from "./chain-sdk-codecs.ts";
import { formatLegacyDec, toGatewayJSON, typedEventAttributes } from "./gateway-json.ts";

/**
 * Expected shapes come from the chain-sdk codecs of each nested type, named here explicitly:
 * `fromPartial({})` lists every field of a message; proto names are the snake_case of those.
 */
interface Shape {
  codec: ProtoCodec;
  children?: Record<string, Shape>;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function checkShape(json: unknown, shape: Shape, where: string) {
  expect(json, where).toBeTypeOf("object");
  expect(json, where).not.toBeNull();
  const expected = Object.keys(shape.codec.fromPartial({}) as object).map(snake).sort();
  expect(Object.keys(json as object).sort(), `${where}: keys of ${shape.codec.$type}`).toEqual(expected);
  for (const [key, child] of Object.entries(shape.children ?? {})) {
    const value = (json as Record<string, unknown>)[key];
    if (value === null) continue;
    if (Array.isArray(value)) value.forEach((v, i) => checkShape(v, child, `${where}.${key}[${i}]`));
    else checkShape(value, child, `${where}.${key}`);
  }
}

const c = (codec: unknown, children?: Record<string, Shape>): Shape => ({ codec: codec as ProtoCodec, children });
const decCoin = c(cosmos.DecCoin);
const resources = c(v1beta4.Resources, {
  cpu: c(v1beta4.CPU, { units: c(v1beta4.ResourceValue) }),
  memory: c(v1beta4.Memory, { quantity: c(v1beta4.ResourceValue) }),
  storage: c(v1beta4.Storage, { quantity: c(v1beta4.ResourceValue) }),
  gpu: c(v1beta4.GPU, { units: c(v1beta4.ResourceValue) }),
  endpoints: c(v1beta4.Endpoint),
});
const escrowAccount = c(akashV1.Types_Account, {
  id: c(akashV1.Account),
  state: c(akashV1.AccountState, { transferred: decCoin, funds: decCoin, deposits: c(akashV1.Depositor, { balance: decCoin }) }),
});
const pageResponse = c(cosmos.PageResponse);

const enc = (s: string) => new TextEncoder().encode(s);
const owner = "akash1q8f0l5n8l9xgk0z3n5a6h7ug4tq8x3vqzj5l3x";

/** Wire round trip, as the REST server does with a handler's response. */
function viaWire<T>(codec: ProtoCodec<T>, partial: unknown): T {
  return codec.decode(codec.encode(codec.fromPartial(partial)).finish());
}

describe("gateway JSON", () => {
  it("bids list: every field emitted, 64-bit ints as strings, enums by name, DecCoin with 18 decimals, ResourceValue as decimal", () => {
    const msg = viaWire(v1beta5.QueryBidsResponse, {
      bids: [
        {
          bid: {
            id: { owner, dseq: Long.fromNumber(12, true), gseq: 1, oseq: 1, provider: "akash1prov", bseq: 0 },
            state: 1,
            price: { denom: "uact", amount: "12.345" },
            createdAt: Long.fromNumber(100),
            resourcesOffer: [{ resources: { id: 1, cpu: { units: { val: enc("1000") } }, memory: { quantity: { val: enc("536870912") } } }, count: 1 }],
          },
          escrowAccount: { id: { scope: 2, xid: `${owner}/12/1/1/akash1prov` }, state: { owner: "akash1prov", state: 1, funds: [{ denom: "uact", amount: "500000" }] } },
        },
      ],
      pagination: { total: Long.fromNumber(1, true) },
    });
    const json = toGatewayJSON(v1beta5.QueryBidsResponse, msg) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    checkShape(json, c(v1beta5.QueryBidsResponse, {
      bids: c(v1beta5.QueryBidResponse, {
        bid: c(v1beta5.Bid, { id: c(akashV1.BidID), price: decCoin, resources_offer: c(v1beta5.ResourceOffer, { resources }) }),
        escrow_account: escrowAccount,
      }),
      pagination: pageResponse,
    }), "QueryBidsResponse");
    const bid = json.bids[0].bid;
    expect(bid.id).toEqual({ owner, dseq: "12", gseq: 1, oseq: 1, provider: "akash1prov", bseq: 0 });
    expect(bid.state).toBe("open");
    expect(bid.price).toEqual({ denom: "uact", amount: "12.345000000000000000" });
    expect(bid.created_at).toBe("100");
    expect(bid.resources_offer[0].resources.cpu.units).toEqual({ val: "1000" });
    expect(bid.resources_offer[0].resources.memory.quantity).toEqual({ val: "536870912" });
    expect(bid.resources_offer[0].resources.gpu).toBeNull();
    expect(bid.resources_offer[0].resources.storage).toEqual([]);
    expect(json.bids[0].escrow_account.id).toEqual({ scope: "bid", xid: `${owner}/12/1/1/akash1prov` });
    expect(json.bids[0].escrow_account.state.transferred).toEqual([]);
    expect(json.bids[0].escrow_account.state.funds).toEqual([{ denom: "uact", amount: "500000.000000000000000000" }]);
    expect(json.pagination).toEqual({ next_key: null, total: "1" });
  });

  it("deployment info: group spec, requirements and zero enums by their names", () => {
    const msg = viaWire(v1beta4.QueryDeploymentResponse, {
      deployment: { id: { owner, dseq: Long.fromNumber(5, true) }, state: 1, hash: new Uint8Array(32).fill(1), createdAt: Long.fromNumber(3) },
      groups: [
        {
          id: { owner, dseq: Long.fromNumber(5, true), gseq: 1 },
          state: 1,
          groupSpec: {
            name: "dcloud",
            requirements: { signedBy: { allOf: [], anyOf: [] }, attributes: [{ key: "region", value: "us" }] },
            resources: [{ resource: { id: 1, cpu: { units: { val: enc("500") } }, endpoints: [{ kind: 0, sequenceNumber: 0 }] }, count: 2, price: { denom: "uact", amount: "1" } }],
          },
          createdAt: Long.fromNumber(3),
        },
      ],
      escrowAccount: { id: { scope: 1, xid: `${owner}/5` }, state: { owner, state: 1 } },
    });
    const json = toGatewayJSON(v1beta4.QueryDeploymentResponse, msg) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    checkShape(json, c(v1beta4.QueryDeploymentResponse, {
      groups: c(v1beta4.Group, {
        group_spec: c(v1beta4.GroupSpec, { resources: c(v1beta4.ResourceUnit, { resource: resources, price: decCoin }) }),
      }),
      escrow_account: escrowAccount,
    }), "QueryDeploymentResponse");
    expect(json.deployment.state).toBe("active");
    expect(json.deployment.hash).toBe(Buffer.alloc(32, 1).toString("base64"));
    expect(json.groups[0].state).toBe("open");
    expect(json.groups[0].group_spec.requirements).toEqual({ signed_by: { all_of: [], any_of: [] }, attributes: [{ key: "region", value: "us" }] });
    expect(json.groups[0].group_spec.resources[0].resource.endpoints).toEqual([{ kind: "SHARED_HTTP", sequence_number: 0 }]);
    expect(json.groups[0].group_spec.resources[0].price.amount).toBe("1.000000000000000000");
    expect(json.escrow_account.id.scope).toBe("deployment");
  });

  it("Any is rendered with @type and the decoded fields (auth account)", () => {
    const value = cosmos.BaseAccount.encode(cosmos.BaseAccount.fromPartial({ address: owner, accountNumber: Long.fromNumber(7, true), sequence: Long.fromNumber(2, true) })).finish();
    const json = toGatewayJSON(cosmos.QueryAccountResponse, { account: { typeUrl: "/cosmos.auth.v1beta1.BaseAccount", value } });
    expect(json).toEqual({ account: { "@type": "/cosmos.auth.v1beta1.BaseAccount", address: owner, pub_key: null, account_number: "7", sequence: "2" } });
  });

  // ResourceValue.val is left out: mainnet's gateway prints it as a decimal string ("250") and
  // chain-sdk's fromJSON base64-decodes it, so the SDK misreads it on mainnet too; we match mainnet.
  it("repeated enums inside an Any print names (authz grant of a DepositAuthorization)", () => {
    const auth = akashV1.DepositAuthorization.fromPartial({ spendLimit: { denom: "uact", amount: "5" }, scopes: [akashV1.DepositAuthorization_Scope.deployment, akashV1.DepositAuthorization_Scope.bid] });
    const res = cosmos.QueryGrantsResponse.fromPartial({ grants: [{ authorization: { typeUrl: "/akash.escrow.v1.DepositAuthorization", value: akashV1.DepositAuthorization.encode(auth).finish() } }] });
    const json = toGatewayJSON(cosmos.QueryGrantsResponse as ProtoCodec, res) as { grants: { authorization: unknown; expiration: unknown }[] };
    expect(json.grants[0]).toEqual({ authorization: { "@type": "/akash.escrow.v1.DepositAuthorization", spend_limit: { denom: "uact", amount: "5" }, scopes: ["deployment", "bid"] }, expiration: null });
  });

  it("chain-sdk's own fromJSON reads the gateway JSON back to the same message", () => {
    const cases: [ProtoCodec, unknown][] = [
      [v1beta5.QueryBidsResponse as unknown as ProtoCodec, { bids: [{ bid: { id: { owner, dseq: 9 }, state: 2, price: { denom: "uact", amount: "0.5" }, resourcesOffer: [{ count: 3, resources: { id: 1, endpoints: [{ kind: 1, sequenceNumber: 2 }] } }] } }] }],
      [v1beta4.QueryProvidersResponse as unknown as ProtoCodec, { providers: [{ owner, hostUri: "https://p:8443", attributes: [{ key: "a", value: "b" }], info: { email: "x@y", website: "" } }], pagination: { total: 1 } }],
      [v1beta4.QueryParamsResponse as unknown as ProtoCodec, { params: { minDeposits: [{ denom: "uact", amount: "500000" }] } }],
      [cosmos.QueryAllBalancesResponse as unknown as ProtoCodec, { balances: [{ denom: "uakt", amount: "123" }], pagination: { nextKey: new Uint8Array([1, 2]), total: 5 } }],
    ];
    for (const [codec, partial] of cases) {
      const msg = viaWire(codec, partial);
      const json = JSON.parse(JSON.stringify(toGatewayJSON(codec, msg)));
      // A fixed point: what the SDK decodes from our JSON renders to the very same JSON.
      const decoded = codec.fromJSON(json);
      expect(toGatewayJSON(codec, decoded), codec.$type).toEqual(json);
      expect(codec.encode(decoded).finish(), codec.$type).toEqual(codec.encode(msg).finish());
    }
  });

  it("omits unset oneof members (jsonpb) — signer mode info", () => {
    const msg = viaWire(cosmos.AuthInfo, { signerInfos: [{ modeInfo: { single: { mode: 1 } }, sequence: 3 }], fee: { gasLimit: 100 } });
    const json = toGatewayJSON(cosmos.AuthInfo, msg) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(json.signer_infos[0].mode_info).toEqual({ single: { mode: "SIGN_MODE_DIRECT" } });
    expect(json.signer_infos[0].sequence).toBe("3");
    expect(json.fee).toEqual({ amount: [], gas_limit: "100", payer: "", granter: "" });
  });

  it("typed event attributes emit defaults like the SDK (EventBidCreated)", () => {
    const ev = akashV1.EventBidCreated.fromPartial({ id: { owner, dseq: Long.fromNumber(12, true), gseq: 1, oseq: 1, provider: "akash1prov", bseq: 0 }, price: { denom: "uact", amount: "2.5" } });
    const attrs = Object.fromEntries(typedEventAttributes(akashV1.EventBidCreated as unknown as ProtoCodec, ev).map((a) => [a.key, a.value]));
    expect(attrs.id).toBe(JSON.stringify({ owner, dseq: "12", gseq: 1, oseq: 1, provider: "akash1prov", bseq: 0 }));
    expect(attrs.price).toBe(JSON.stringify({ denom: "uact", amount: "2.500000000000000000" }));
  });

  it("formats LegacyDec", () => {
    expect(formatLegacyDec("50")).toBe("50.000000000000000000");
    expect(formatLegacyDec("0.5")).toBe("0.500000000000000000");
    expect(formatLegacyDec("")).toBe("0.000000000000000000");
    expect(formatLegacyDec("007.25")).toBe("7.250000000000000000");
  });
});
