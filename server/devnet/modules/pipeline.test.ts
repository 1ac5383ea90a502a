/**
 * The Akash modules behind the chain's real tx pipeline (DevnetApp: decoding, signatures, fees,
 * gas, ABCI queries): a full tenant/provider flow signed with cosmjs, as the console and the
 * simulated providers do it, and the state stays plain JSON (what persistence writes).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { stringToPath } from "@cosmjs/crypto";
import { SigningStargateClient } from "@cosmjs/stargate";
import { TxRaw } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { QueryDeploymentResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { QueryLeaseRequest, QueryLeaseResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { QueryDeploymentRequest } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { DevnetApp } from "../chain/app.ts";
import { getAccount } from "../chain/accounts.ts";
import { defaultChainConfig, DEVNET_ADDRESS, DEVNET_MNEMONIC, GENESIS_BALANCES, PROVIDER_ADDRESSES, PROVIDER_MNEMONIC, providerHdPath } from "../config.ts";
import { createAkashRegistry } from "../../shared/akash-registry.ts";
import { akashModules } from "./index.ts";
import { resources, groupSpec, hash32 } from "./fixtures.test-util.ts";

const config = defaultChainConfig();
const owner = DEVNET_ADDRESS;
const provider = PROVIDER_ADDRESSES[0];
const fee = { amount: [{ denom: "uakt", amount: "20000" }], gas: "800000" };

const registry = createAkashRegistry();
let ownerClient: SigningStargateClient;
let ownerAmino: SigningStargateClient;
let providerClient: SigningStargateClient;

let app: DevnetApp;
let height = 0;
let time = new Date("2026-03-01T00:00:00Z");

beforeAll(async () => {
  app = new DevnetApp({ config, modules: akashModules() });
  app.initChain(GENESIS_BALANCES, time);
  ownerClient = await SigningStargateClient.offline(await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), { registry });
  ownerAmino = await SigningStargateClient.offline(await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), { registry, aminoTypes: app.aminoTypes });
  providerClient = await SigningStargateClient.offline(await DirectSecp256k1HdWallet.fromMnemonic(PROVIDER_MNEMONIC, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(0))] }), { registry });
});

/** One block with the given signed txs; returns their results. */
async function block(txs: { client: SigningStargateClient; signer: string; msgs: { typeUrl: string; value: unknown }[] }[] = []) {
  height++;
  time = new Date(time.getTime() + 6000);
  app.beginBlock(height, time);
  const results = [];
  for (const t of txs) {
    const acc = getAccount(app.store, t.signer)!;
    // Clients encode chain-sdk message objects (Long for uint64), so build them with fromPartial.
    const msgs = t.msgs.map((m) => ({ typeUrl: m.typeUrl, value: (registry.lookupType(m.typeUrl) as unknown as { fromPartial(v: unknown): unknown }).fromPartial(m.value) }));
    const raw = await t.client.sign(t.signer, msgs, fee, "", { accountNumber: Number(acc.accountNumber), sequence: Number(acc.sequence), chainId: config.chainId });
    results.push(app.deliverTx(TxRaw.encode(TxRaw.fromPartial(raw)).finish(), height, time));
  }
  app.endBlock(height, time);
  app.commit();
  return results;
}

function query<T>(path: string, req: Uint8Array, decode: (b: Uint8Array) => T): T {
  const res = app.query(path, req);
  expect(res.log).toBe("");
  return decode(res.value);
}

describe("Akash modules in the DevnetApp tx pipeline", () => {
  it("mint ACT, register a provider, deploy (amino-signed), bid, lease, settle, withdraw and close", async () => {
    const bal = (addr: string, denom: string) => app.bank.balance(app.store, addr, denom);
    const uactBefore = bal(owner, "uact");

    const [mint] = await block([{ client: ownerClient, signer: owner, msgs: [{ typeUrl: "/akash.bme.v1.MsgMintACT", value: { owner, to: owner, coinsToBurn: { denom: "uakt", amount: "10000000" } } }] }]);
    expect(mint!.log).toBe("");
    expect(bal(owner, "uact") - uactBefore).toBe(BigInt(Math.floor(10 * config.aktPriceUsd * 0.9975 * 1e6)));

    const [prov] = await block([
      {
        client: providerClient,
        signer: provider,
        msgs: [{ typeUrl: "/akash.provider.v1beta4.MsgCreateProvider", value: { owner: provider, hostUri: "https://provider-0.devnet.test:8443", attributes: [{ key: "region", value: "devnet" }], info: { email: "", website: "" } } }],
      },
    ]);
    expect(prov!.log).toBe("");

    const dseq = 1000;
    const [dep] = await block([
      {
        client: ownerAmino,
        signer: owner,
        msgs: [
          {
            typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
            value: { id: { owner, dseq: String(dseq) }, groups: [groupSpec({ price: "1000.5" })], hash: hash32(), deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [Source.grant, Source.balance] } },
          },
        ],
      },
    ]);
    expect(dep!.log).toBe("");
    expect(dep!.events.some((e) => e.type === "akash.deployment.v1.EventDeploymentCreated" && e.attributes.some((a) => a.key === "msg_index"))).toBe(true);

    const bidId = { owner, dseq: String(dseq), gseq: 1, oseq: 1, provider, bseq: 0 };
    const [bid] = await block([
      {
        client: providerClient,
        signer: provider,
        msgs: [{ typeUrl: "/akash.market.v1beta5.MsgCreateBid", value: { id: bidId, price: { denom: "uact", amount: "800.25" }, deposit: { amount: { denom: "uact", amount: "500000" }, sources: [Source.balance] }, resourcesOffer: [{ resources: resources(), count: 1 }] } }],
      },
    ]);
    expect(bid!.log).toBe("");

    const [lease] = await block([{ client: ownerClient, signer: owner, msgs: [{ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId } }] }]);
    expect(lease!.log).toBe("");
    const leaseHeight = height;

    await block();
    await block();
    await block();
    const l = query("/akash.market.v1beta5.Query/Lease", QueryLeaseRequest.encode(QueryLeaseRequest.fromPartial({ id: bidId })).finish(), (b) => QueryLeaseResponse.decode(b));
    expect(l.lease?.state).toBe(1);
    // Settlement is lazy, as on the node: nothing has moved to the payment until someone settles.
    expect(l.escrowPayment?.state?.balance?.amount).toBe("0");

    const provBefore = bal(provider, "uact");
    const [wd] = await block([{ client: providerClient, signer: provider, msgs: [{ typeUrl: "/akash.market.v1beta5.MsgWithdrawLease", value: { id: bidId } }] }]);
    expect(wd!.log).toBe("");
    // The withdrawal block settles its own block too: 4 blocks × 800.25 = 3201.
    expect(bal(provider, "uact") - provBefore).toBe(3201n);

    const [close] = await block([{ client: ownerClient, signer: owner, msgs: [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner, dseq: String(dseq) } } }] }]);
    expect(close!.log).toBe("");
    const blocksPaid = BigInt(height - leaseHeight);
    const d = query("/akash.deployment.v1beta4.Query/Deployment", QueryDeploymentRequest.encode(QueryDeploymentRequest.fromPartial({ id: { owner, dseq: String(dseq) } })).finish(), (b) => QueryDeploymentResponse.decode(b));
    expect(d.deployment?.state).toBe(2);
    expect(d.escrowAccount?.state?.transferred[0]?.amount).toBe((800.25 * Number(blocksPaid)).toString());

    const missing = app.query("/akash.deployment.v1beta4.Query/Deployment", QueryDeploymentRequest.encode(QueryDeploymentRequest.fromPartial({ id: { owner, dseq: "1" } })).finish());
    expect(missing.code).not.toBe(0);
    expect(missing.log).toMatch(/rpc error: code = NotFound/);

    // State is plain JSON, as persistence stores it.
    for (const [key, value] of app.store.entries()) {
      if (!/^(deployment|market|escrow|provider|bme)\//.test(key)) continue;
      expect(JSON.parse(JSON.stringify(value)), key).toEqual(value);
    }
  });

  it("a failing module message returns the module's codespace and code", async () => {
    const [res] = await block([{ client: ownerClient, signer: owner, msgs: [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner, dseq: "424242" } } }] }]);
    expect(res).toMatchObject({ code: 4, codespace: "deployment" });
  });
});
