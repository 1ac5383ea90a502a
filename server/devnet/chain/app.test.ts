import { beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { SigningStargateClient } from "@cosmjs/stargate";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { QueryAccountRequest, QueryAccountResponse, QueryBalanceRequest, QueryBalanceResponse, SimulateRequest, SimulateResponse, TxMsgData } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { DevnetApp, requiredFee } from "./app.ts";
import { defaultChainConfig, DEVNET_ADDRESS, DEVNET_MNEMONIC, FAUCET_ADDRESS, GENESIS_BALANCES } from "../config.ts";
import { getAccount } from "./accounts.ts";
import { akashModules } from "../modules/index.ts";
import { createDevnetAminoTypes } from "./amino.ts";
import { createAkashRegistry } from "../../shared/akash-registry.ts";
import { MsgCreateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";

const config = defaultChainConfig();
const fee = { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" };
const OTHER = "akash1qyqszqgpqyqszqgpqyqszqgpqyqszqgplgve5x";

let direct: SigningStargateClient;
let amino: SigningStargateClient;

beforeAll(async () => {
  direct = await SigningStargateClient.offline(await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }));
  amino = await SigningStargateClient.offline(await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }));
});

function newApp(): DevnetApp {
  const app = new DevnetApp({ config, modules: [] });
  app.initChain(GENESIS_BALANCES, new Date());
  return app;
}

async function sendTx(client: SigningStargateClient, app: DevnetApp, opts: { sequence?: number; amount?: string; denom?: string; feeAmount?: string; gas?: string; memo?: string; chainId?: string; accountNumber?: number } = {}) {
  const acc = getAccount(app.store, DEVNET_ADDRESS)!;
  const raw = await client.sign(
    DEVNET_ADDRESS,
    [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: DEVNET_ADDRESS, toAddress: OTHER, amount: [{ denom: opts.denom ?? "uakt", amount: opts.amount ?? "1000" }] } }],
    { amount: [{ denom: "uakt", amount: opts.feeAmount ?? fee.amount[0]!.amount }], gas: opts.gas ?? fee.gas },
    opts.memo ?? "",
    { accountNumber: opts.accountNumber ?? Number(acc.accountNumber), sequence: opts.sequence ?? Number(acc.sequence), chainId: opts.chainId ?? config.chainId },
  );
  return TxRaw.encode(raw).finish();
}

function balance(app: DevnetApp, address: string, denom = "uakt"): bigint {
  return app.bank.balance(app.store, address, denom);
}

describe("DevnetApp tx pipeline", () => {
  it("accepts a direct-signed MsgSend, charges the fee and emits SDK events", async () => {
    const app = newApp();
    const before = balance(app, DEVNET_ADDRESS);
    const tx = await sendTx(direct, app);
    expect(app.checkTx(tx).result.code).toBe(0);
    app.beginBlock(1, new Date());
    const res = app.deliverTx(tx, 1, new Date());
    expect(res.log).toBe("");
    expect(res.code).toBe(0);
    app.commit();
    expect(balance(app, OTHER)).toBe(1000n);
    expect(balance(app, DEVNET_ADDRESS)).toBe(before - 1000n - 5000n);
    expect(getAccount(app.store, DEVNET_ADDRESS)!.sequence).toBe("1");
    expect(getAccount(app.store, DEVNET_ADDRESS)!.pubKey).not.toBeNull();
    const types = res.events.map((e) => e.type);
    expect(types).toEqual(["coin_spent", "coin_received", "transfer", "message", "tx", "tx", "tx", "message", "coin_spent", "coin_received", "transfer", "message"]);
    const msg = res.events[7]!.attributes.map((a) => [a.key, a.value]);
    expect(msg).toEqual([["action", "/cosmos.bank.v1beta1.MsgSend"], ["sender", DEVNET_ADDRESS], ["module", "bank"], ["msg_index", "0"]]);
    expect(res.events[4]!.attributes.map((a) => [a.key, a.value])).toEqual([["fee", "5000uakt"], ["fee_payer", DEVNET_ADDRESS]]);
    expect(TxMsgData.decode(res.data).msgResponses[0]!.typeUrl).toBe("/cosmos.bank.v1beta1.MsgSendResponse");
    expect(res.gasUsed).toBeGreaterThan(10_000);
    expect(res.gasUsed).toBeLessThan(200_000);
  });

  it("accepts an amino-signed (LEGACY_AMINO_JSON) MsgSend", async () => {
    const app = newApp();
    const tx = await sendTx(amino, app);
    const r = app.checkTx(tx).result;
    expect(r.log).toBe("");
    expect(app.deliverTx(tx, 1, new Date()).code).toBe(0);
    expect(balance(app, OTHER)).toBe(1000n);
  });

  it("accepts amino-signed Akash messages whose prices the client wrote with 18 decimals", async () => {
    const app = new DevnetApp({ config, modules: akashModules() });
    app.initChain(GENESIS_BALANCES, new Date());
    const signer = await SigningStargateClient.offline(await Secp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" }), {
      registry: createAkashRegistry(),
      aminoTypes: createDevnetAminoTypes(app.handlers.values()),
    });
    const rv = (n: number) => ({ val: new TextEncoder().encode(String(n)) });
    const msg = MsgCreateDeployment.fromPartial({
      id: { owner: DEVNET_ADDRESS, dseq: "42" },
      groups: [
        {
          name: "dcloud",
          requirements: { signedBy: { allOf: [], anyOf: [] }, attributes: [] },
          resources: [
            {
              resource: { id: 1, cpu: { units: rv(500), attributes: [] }, memory: { quantity: rv(536870912), attributes: [] }, storage: [{ name: "default", quantity: rv(1073741824), attributes: [] }], gpu: { units: rv(0), attributes: [] }, endpoints: [{ kind: 0, sequenceNumber: 0 }] },
              count: 1,
              price: { denom: "uact", amount: "100.000000000000000000" },
            },
          ],
        },
      ],
      hash: new Uint8Array(32).fill(1),
      deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [Source.balance] },
    });
    const raw = await signer.sign(DEVNET_ADDRESS, [{ typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment", value: msg }], { amount: [{ denom: "uakt", amount: "12500" }], gas: "500000" }, "", {
      accountNumber: 7,
      sequence: 0,
      chainId: config.chainId,
    });
    const r = app.deliverTx(TxRaw.encode(raw).finish(), 1, new Date());
    expect(r.log).toBe("");
    expect(r.code).toBe(0);
  });

  it("rejects a wrong sequence with sdk 32 and the SDK's message", async () => {
    const app = newApp();
    const r = app.checkTx(await sendTx(direct, app, { sequence: 3 })).result;
    expect([r.codespace, r.code, r.log]).toEqual(["sdk", 32, "account sequence mismatch, expected 0, got 3: incorrect account sequence"]);
  });

  it("tracks pending sequences in the check state", async () => {
    const app = newApp();
    expect(app.checkTx(await sendTx(direct, app, { sequence: 0 })).result.code).toBe(0);
    expect(app.checkTx(await sendTx(direct, app, { sequence: 1 })).result.code).toBe(0);
    expect(app.checkTx(await sendTx(direct, app, { sequence: 1 })).result.code).toBe(32);
  });

  it("rejects a bad signature (wrong chain id) with sdk 4", async () => {
    const app = newApp();
    const r = app.checkTx(await sendTx(direct, app, { chainId: "akashnet-2" })).result;
    expect(r.code).toBe(4);
    expect(r.log).toBe("signature verification failed; please verify account number (7), sequence (0) and chain-id (akash-devnet-1): unauthorized");
  });

  it("rejects an insufficient fee with sdk 13 in CheckTx", async () => {
    const app = newApp();
    const r = app.checkTx(await sendTx(direct, app, { feeAmount: "100" })).result;
    expect([r.code, r.log]).toEqual([13, "insufficient fees; got: 100uakt required: 5000uakt: insufficient fee"]);
  });

  it("computes the minimum fee exactly (ceil of gas × price)", () => {
    expect(requiredFee(200_000, 0.025)).toBe(5000n);
    expect(requiredFee(123_457, 0.025)).toBe(3087n);
    expect(requiredFee(3, 0.1)).toBe(1n);
    expect(requiredFee(10, 0.1)).toBe(1n);
    expect(requiredFee(1, 2)).toBe(2n);
  });

  it("a failing message applies nothing but the fee and sequence", async () => {
    const app = newApp();
    const before = balance(app, DEVNET_ADDRESS);
    const tx = await sendTx(direct, app, { amount: "999999999999999999" });
    expect(app.checkTx(tx).result.code).toBe(0);
    const r = app.deliverTx(tx, 1, new Date());
    expect(r.code).toBe(5);
    expect(r.log).toMatch(/^failed to execute message; message index: 0: spendable balance \d+uakt is smaller than 999999999999999999uakt: insufficient funds$/);
    expect(balance(app, DEVNET_ADDRESS)).toBe(before - 5000n);
    expect(balance(app, OTHER)).toBe(0n);
    expect(getAccount(app.store, OTHER)).toBeUndefined();
    expect(getAccount(app.store, DEVNET_ADDRESS)!.sequence).toBe("1");
    expect(r.events.map((e) => e.type)).toContain("tx");
  });

  it("runs out of gas with sdk 11 and keeps nothing", async () => {
    const app = newApp();
    const before = balance(app, DEVNET_ADDRESS);
    const tx = await sendTx(direct, app, { gas: "3000", feeAmount: "5000" });
    const r = app.deliverTx(tx, 1, new Date());
    expect(r.code).toBe(11);
    expect(r.log).toMatch(/^out of gas in location: txSize; gasWanted: 3000, gasUsed: \d+: out of gas$/);
    expect(balance(app, DEVNET_ADDRESS)).toBe(before);
  });

  it("refuses uact transfers (bank 5) and memo over 256 chars (sdk 12)", async () => {
    const app = newApp();
    const r = app.deliverTx(await sendTx(direct, app, { denom: "uact" }), 1, new Date());
    expect([r.codespace, r.code, r.log]).toEqual(["bank", 5, "failed to execute message; message index: 0: uact transfers are currently disabled: send transactions are disabled"]);
    const m = app.checkTx(await sendTx(direct, app, { memo: "x".repeat(257), sequence: 1 })).result;
    expect([m.code, m.log]).toEqual([12, "maximum number of characters is 256 but received 257 characters: memo too large"]);
  });

  it("rejects oversized (sdk 21), undecodable (sdk 2) and unknown-message (sdk 2) txs", async () => {
    const app = newApp();
    expect(app.checkTx(new Uint8Array(1024 * 1024 + 1)).result.code).toBe(21);
    const garbage = app.checkTx(new Uint8Array([0xff, 0xff, 0xff]));
    expect([garbage.result.codespace, garbage.result.code]).toEqual(["sdk", 2]);
    const raw = TxRaw.decode(await sendTx(direct, app));
    const { TxBody } = await import("cosmjs-types/cosmos/tx/v1beta1/tx");
    const body = TxBody.decode(raw.bodyBytes);
    body.messages[0]!.typeUrl = "/akash.nope.v1.MsgNope";
    const unknown = app.checkTx(TxRaw.encode({ ...raw, bodyBytes: TxBody.encode(body).finish() }).finish()).result;
    expect([unknown.code, unknown.log]).toEqual([2, "unable to resolve type URL /akash.nope.v1.MsgNope: tx parse error"]);
  });

  it("serves account/balance queries and unknown accounts the way cosmjs expects", () => {
    const app = newApp();
    const acc = app.query("/cosmos.auth.v1beta1.Query/Account", QueryAccountRequest.encode({ address: FAUCET_ADDRESS }).finish());
    expect(acc.code).toBe(0);
    expect(QueryAccountResponse.decode(acc.value).account?.typeUrl).toBe("/cosmos.auth.v1beta1.BaseAccount");
    const missing = app.query("/cosmos.auth.v1beta1.Query/Account", QueryAccountRequest.encode({ address: OTHER }).finish());
    expect(missing.code).toBe(22);
    expect(missing.log).toContain(`rpc error: code = NotFound desc = account ${OTHER} not found: key not found`);
    const bal = app.query("/cosmos.bank.v1beta1.Query/Balance", QueryBalanceRequest.encode({ address: FAUCET_ADDRESS, denom: "uakt" }).finish());
    expect(QueryBalanceResponse.decode(bal.value).balance?.amount).toBe("1000000000000000");
    expect(app.query("/nope.Query/X", new Uint8Array()).code).toBe(6);
  });

  it("simulates without signatures or state changes", async () => {
    const app = newApp();
    const signed = TxRaw.decode(await sendTx(direct, app));
    // As cosmjs simulates: no fee, zero gas, empty signature.
    const { AuthInfo, Fee } = await import("cosmjs-types/cosmos/tx/v1beta1/tx");
    const authInfo = AuthInfo.decode(signed.authInfoBytes);
    const unsigned = TxRaw.encode({ ...signed, authInfoBytes: AuthInfo.encode({ ...authInfo, fee: Fee.fromPartial({}) }).finish(), signatures: [new Uint8Array()] }).finish();
    const before = balance(app, DEVNET_ADDRESS);
    const q = app.query("/cosmos.tx.v1beta1.Service/Simulate", SimulateRequest.encode(SimulateRequest.fromPartial({ txBytes: unsigned })).finish());
    expect(q.log).toBe("");
    const sim = SimulateResponse.decode(q.value);
    expect(sim.gasInfo!.gasUsed.toNumber()).toBeGreaterThan(10_000);
    expect(balance(app, DEVNET_ADDRESS)).toBe(before);
    // The real tx uses no more gas than simulated.
    const r = app.deliverTx(await sendTx(direct, app), 1, new Date());
    expect(r.gasUsed).toBeLessThanOrEqual(sim.gasInfo!.gasUsed.toNumber());
  });
});
