/**
 * Simulate ≈ delivery: cosmjs (and chain-sdk) size a tx's gas limit as simulated gas × 1.3, so a
 * simulation that is cheaper than the delivery by more than that makes real txs run out of gas.
 * Every representative message is simulated exactly as cosmjs does it (no fee, empty signature,
 * SIGN_MODE_UNSPECIFIED), then signed with gas = round(simulated × 1.3) and delivered in the next
 * block; the delivery must succeed and use within ±10% of the simulation, both as the signer's
 * first tx (pubkey not yet on the account) and for an account that has transacted before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DirectSecp256k1HdWallet, type EncodeObject } from "@cosmjs/proto-signing";
import { stringToPath } from "@cosmjs/crypto";
import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { encodePubkey } from "@cosmjs/proto-signing";
import { calculateFee, GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { AuthInfo, Fee, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { certificateManager } from "@akashnetwork/chain-sdk";
import { Source } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { DevnetApp } from "./app.ts";
import { getAccount } from "./accounts.ts";
import { BranchStore } from "./stores.ts";
import { DevnetEventManager } from "./events.ts";
import { BasicGasMeter } from "./gas.ts";
import type { TxContext } from "./types.ts";
import { akashModules } from "../modules/index.ts";
import { groupSpec, hash32, resources } from "../modules/fixtures.test-util.ts";
import { defaultChainConfig, DEVNET_ADDRESS, DEVNET_MNEMONIC, FAUCET_ADDRESS, GENESIS_BALANCES, PROVIDER_ADDRESSES, PROVIDER_MNEMONIC, providerHdPath } from "../config.ts";
import { createAkashRegistry } from "../../shared/akash-registry.ts";

const config = defaultChainConfig();
const registry = createAkashRegistry();
const gasPrice = GasPrice.fromString("0.025uakt");
const tenant = DEVNET_ADDRESS;
const provider = PROVIDER_ADDRESSES[0];
const DSEQ = "4242";
const bidId = { owner: tenant, dseq: DSEQ, gseq: 1, oseq: 1, provider, bseq: 0 };

interface Signer {
  address: string;
  client: SigningStargateClient;
  pubkey: Uint8Array;
}
let signers: Record<"tenant" | "provider", Signer>;
let certPem: { cert: string; publicKey: string };

beforeAll(async () => {
  const make = async (wallet: DirectSecp256k1HdWallet): Promise<Signer> => {
    const [acc] = await wallet.getAccounts();
    return { address: acc!.address, client: await SigningStargateClient.offline(wallet, { registry }), pubkey: acc!.pubkey };
  };
  signers = {
    tenant: await make(await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" })),
    provider: await make(await DirectSecp256k1HdWallet.fromMnemonic(PROVIDER_MNEMONIC, { prefix: "akash", hdPaths: [stringToPath(providerHdPath(0))] })),
  };
  certPem = await certificateManager.generatePEM(tenant);
});

const enc = (s: string) => new TextEncoder().encode(s);
const providerInfo = (region: string) => ({ owner: provider, hostUri: "https://provider-0.devnet.test:8443", attributes: [{ key: "region", value: region }, { key: "host", value: "akash" }], info: { email: "ops@devnet.test", website: "https://devnet.test" } });

interface Step {
  name: string;
  signer: "tenant" | "provider";
  msg: () => EncodeObject;
}

/** A tenant/provider flow in order; each step's preconditions are the steps before it. */
const FLOW: Step[] = [
  { name: "MsgSend", signer: "tenant", msg: () => ({ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: tenant, toAddress: FAUCET_ADDRESS, amount: [{ denom: "uakt", amount: "12345" }] } }) },
  { name: "MsgCreateCertificate", signer: "tenant", msg: () => ({ typeUrl: "/akash.cert.v1.MsgCreateCertificate", value: { owner: tenant, cert: enc(certPem.cert), pubkey: enc(certPem.publicKey) } }) },
  { name: "MsgMintACT", signer: "tenant", msg: () => ({ typeUrl: "/akash.bme.v1.MsgMintACT", value: { owner: tenant, to: tenant, coinsToBurn: { denom: "uakt", amount: "10000000" } } }) },
  { name: "MsgCreateProvider", signer: "provider", msg: () => ({ typeUrl: "/akash.provider.v1beta4.MsgCreateProvider", value: providerInfo("devnet") }) },
  { name: "MsgUpdateProvider", signer: "provider", msg: () => ({ typeUrl: "/akash.provider.v1beta4.MsgUpdateProvider", value: providerInfo("devnet") }) },
  {
    name: "MsgCreateDeployment",
    signer: "tenant",
    msg: () => ({
      typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
      value: { id: { owner: tenant, dseq: DSEQ }, groups: [groupSpec({ price: "1000.5" })], hash: hash32(), deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [Source.grant, Source.balance] } },
    }),
  },
  {
    name: "MsgCreateBid",
    signer: "provider",
    msg: () => ({ typeUrl: "/akash.market.v1beta5.MsgCreateBid", value: { id: bidId, price: { denom: "uact", amount: "800.25" }, deposit: { amount: { denom: "uact", amount: "500000" }, sources: [Source.balance] }, resourcesOffer: [{ resources: resources(), count: 1 }] } }),
  },
  { name: "MsgCreateLease", signer: "tenant", msg: () => ({ typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId } }) },
  // With an active lease the update checks the lease's placement against the new attributes.
  { name: "MsgUpdateProvider (active lease)", signer: "provider", msg: () => ({ typeUrl: "/akash.provider.v1beta4.MsgUpdateProvider", value: providerInfo("devnet") }) },
  { name: "MsgAccountDeposit", signer: "tenant", msg: () => ({ typeUrl: "/akash.escrow.v1.MsgAccountDeposit", value: { signer: tenant, id: { scope: 1, xid: `${tenant}/${DSEQ}` }, deposit: { amount: { denom: "uact", amount: "1000000" }, sources: [Source.balance] } } }) },
  { name: "MsgCloseDeployment", signer: "tenant", msg: () => ({ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: tenant, dseq: DSEQ } } }) },
];

/** Clients encode chain-sdk message objects (Long for uint64), so build them with fromPartial. */
function normalize(m: EncodeObject): EncodeObject {
  return { typeUrl: m.typeUrl, value: (registry.lookupType(m.typeUrl) as unknown as { fromPartial(v: unknown): unknown }).fromPartial(m.value) };
}

class Chain {
  readonly app = new DevnetApp({ config, modules: akashModules() });
  height = 0;
  time = new Date("2026-03-01T00:00:00Z");

  constructor() {
    this.app.initChain(GENESIS_BALANCES, this.time);
    this.block(() => undefined);
  }

  block(inside: (height: number, time: Date) => void): void {
    this.height++;
    this.time = new Date(this.time.getTime() + 6000);
    this.app.beginBlock(this.height, this.time);
    inside(this.height, this.time);
    this.app.endBlock(this.height, this.time);
    this.app.commit();
  }

  /** Genesis-style state: runs a message's handler straight on the store (no tx, no ante, no pubkey). */
  seed(m: EncodeObject): void {
    const msg = normalize(m).value;
    const handler = this.app.handlers.get(m.typeUrl)!;
    this.block((height, time) => {
      const branch = new BranchStore(this.app.store);
      const ctx: TxContext = { store: branch, height, time, config, keepers: this.app.keepers, events: new DevnetEventManager(), gas: new BasicGasMeter(Infinity), signers: handler.signers(msg), msgIndex: 0 };
      handler.validateBasic?.(msg, config);
      handler.handle(ctx, msg);
      branch.commit();
    });
  }

  /**
   * cosmjs' SigningStargateClient.simulate, byte for byte; `omitPubkey` leaves the signer's pubkey
   * out, which the SDK's Simulate accepts (it stands in a simulated key).
   */
  simulate(s: Signer, m: EncodeObject, opts: { omitPubkey?: boolean } = {}): number {
    const acc = getAccount(this.app.store, s.address)!;
    const tx = Tx.fromPartial({
      authInfo: AuthInfo.fromPartial({
        fee: Fee.fromPartial({}),
        signerInfos: [
          {
            ...(opts.omitPubkey ? {} : { publicKey: encodePubkey(encodeSecp256k1Pubkey(s.pubkey)) }),
            sequence: BigInt(acc.sequence),
            modeInfo: { single: { mode: SignMode.SIGN_MODE_UNSPECIFIED } },
          },
        ],
      }),
      body: TxBody.fromPartial({ messages: [registry.encodeAsAny(normalize(m))], memo: "" }),
      signatures: [new Uint8Array()],
    });
    const res = this.app.query("/cosmos.tx.v1beta1.Service/Simulate", SimulateRequest.encode(SimulateRequest.fromPartial({ txBytes: Tx.encode(tx).finish() })).finish());
    expect(res.log, `simulate ${m.typeUrl}`).toBe("");
    return Number(SimulateResponse.decode(res.value).gasInfo!.gasUsed);
  }

  /** Signs with cosmjs' "auto" fee (simulated × 1.3) and delivers in the next block (CheckTx first). */
  async deliver(s: Signer, m: EncodeObject, gasLimit: number): Promise<{ code: number; log: string; gasUsed: number }> {
    const acc = getAccount(this.app.store, s.address)!;
    const raw = await s.client.sign(s.address, [normalize(m)], calculateFee(gasLimit, gasPrice), "", { accountNumber: Number(acc.accountNumber), sequence: Number(acc.sequence), chainId: config.chainId });
    const bytes = TxRaw.encode(raw).finish();
    const check = this.app.checkTx(bytes).result;
    expect(check.log, `checkTx ${m.typeUrl}`).toBe("");
    let out = { code: -1, log: "", gasUsed: 0 };
    this.block((height, time) => {
      const r = this.app.deliverTx(bytes, height, time);
      out = { code: r.code, log: r.log, gasUsed: r.gasUsed };
    });
    return out;
  }

  async measure(s: Signer, m: EncodeObject): Promise<{ simulated: number; used: number; code: number; log: string }> {
    const simulated = this.simulate(s, m);
    const r = await this.deliver(s, m, Math.round(simulated * 1.3));
    return { simulated, used: r.gasUsed, code: r.code, log: r.log };
  }
}

function expectClose(name: string, r: { simulated: number; used: number; code: number; log: string }): void {
  expect(r.log, name).toBe("");
  expect(r.code, name).toBe(0);
  expect(r.used, `${name}: used ${r.used} vs simulated ${r.simulated}`).toBeLessThanOrEqual(r.simulated * 1.1);
  expect(r.used, `${name}: used ${r.used} vs simulated ${r.simulated}`).toBeGreaterThanOrEqual(r.simulated * 0.9);
}

/** One measured tx per step and mode; the "report" test checks the table is complete and sane. */
interface ReportRow {
  mode: "existing" | "fresh";
  step: string;
  simulated: number;
  used: number;
  code: number;
  /** Fresh signers only: the simulation with the pubkey left out of the signer info. */
  withoutPubkey?: number;
}
const report: ReportRow[] = [];
const formatRow = (r: ReportRow) =>
  `${r.mode} ${r.step}: simulated ${r.simulated}${r.withoutPubkey === undefined ? "" : ` (without pubkey ${r.withoutPubkey})`}, used ${r.used} (${((r.used / r.simulated - 1) * 100).toFixed(1)}%)`;

describe("simulated gas matches delivered gas", () => {
  it("for an account that has transacted before", async () => {
    const chain = new Chain();
    // Both accounts have their pubkey on chain and a non-zero sequence.
    for (const s of Object.values(signers)) {
      await chain.deliver(s, { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: s.address, toAddress: FAUCET_ADDRESS, amount: [{ denom: "uakt", amount: "1" }] } }, 200_000);
      expect(getAccount(chain.app.store, s.address)!.pubKey).not.toBeNull();
    }
    for (const step of FLOW) {
      const r = await chain.measure(signers[step.signer], step.msg());
      report.push({ mode: "existing", step: step.name, simulated: r.simulated, used: r.used, code: r.code });
      expectClose(`existing ${step.name}`, r);
    }
  });

  it.each(FLOW.map((step, i) => [step.name, i] as const))("as the signer's first tx: %s", async (_name, i) => {
    const chain = new Chain();
    for (const prior of FLOW.slice(0, i)) chain.seed(prior.msg());
    const step = FLOW[i]!;
    const s = signers[step.signer];
    expect(getAccount(chain.app.store, s.address)!.pubKey).toBeNull();
    const withoutPubkey = chain.simulate(s, step.msg(), { omitPubkey: true });
    const r = await chain.measure(s, step.msg());
    report.push({ mode: "fresh", step: step.name, simulated: r.simulated, used: r.used, code: r.code, withoutPubkey });
    expectClose(`fresh ${step.name}`, r);
    expectClose(`fresh ${step.name}, simulated without pubkey`, { ...r, simulated: withoutPubkey });
    expect(getAccount(chain.app.store, s.address)!.pubKey).not.toBeNull();
  });

  // Runs after the tests above (same file, sequential) and checks the table they collected.
  it("report: every step measured in both modes, delivered within ±10% of simulated and under cosmjs' limit", () => {
    if (process.env.GAS_REPORT) console.log(report.map(formatRow).join("\n"));
    // Exactly one row per step and mode: nothing skipped or measured twice.
    const expected = FLOW.flatMap((s) => [`existing ${s.name}`, `fresh ${s.name}`]);
    expect(report.map((r) => `${r.mode} ${r.step}`).sort()).toEqual(expected.sort());
    for (const r of report) {
      const row = formatRow(r);
      expect(r.code, row).toBe(0);
      for (const gas of [r.simulated, r.used, ...(r.withoutPubkey === undefined ? [] : [r.withoutPubkey])]) {
        expect(Number.isSafeInteger(gas) && gas > 0, `${row}: ${gas} is not a positive integer`).toBe(true);
      }
      expect(Math.abs(r.used / r.simulated - 1), row).toBeLessThanOrEqual(0.1);
      // The gas limit cosmjs would sign with ("auto" = simulated × 1.3) covers the delivery.
      expect(r.used, row).toBeLessThanOrEqual(Math.round(r.simulated * 1.3));
      if (r.withoutPubkey !== undefined) expect(Math.abs(r.used / r.withoutPubkey - 1), row).toBeLessThanOrEqual(0.1);
    }
  });
});
