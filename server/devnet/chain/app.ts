import { SignDoc, SignMode, SimulateRequest, SimulateResponse, TxMsgData, TxRaw, TxBody, AuthInfo } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { createHash } from "node:crypto";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { AminoTypes } from "@cosmjs/stargate";
import Long from "long";
import type { BlockContext, ChainConfig, ChainEvent, Coin, KVStore, Keepers, Module, MsgHandler, QueryContext, QueryHandler, TxContext } from "./types.ts";
import type { AbciQueryResult, SimulateResult, TxResult } from "./node-types.ts";
import { ChainError, sdkErrors } from "./errors.ts";
import { toQueryError } from "./errors-grpc.ts";
import { BranchStore, DELETED, RootStore, type Change } from "./stores.ts";
import { AUTH_GAS, BasicGasMeter, GasKVStore, isOutOfGas } from "./gas.ts";
import { DevnetEventManager } from "./events.ts";
import { createBankKeeper, type DevnetBankKeeper } from "./bank.ts";
import { authBankModule } from "./auth-bank.ts";
import { AuthzKeeper, authzModule } from "./authz.ts";
import { FeegrantKeeper, feegrantModule } from "./feegrant.ts";
import { ensureAccount, getAccount, setAccount } from "./accounts.ts";
import { secp256k1PubkeyToAddress } from "./address.ts";
import { coinsToString, normalizeCoins, validatePositiveCoins } from "./coins.ts";
import { createDevnetAminoTypes, aminoSignBytesCandidates } from "./amino.ts";
import { verifySecp256k1 } from "./secp256k1.ts";
import { decodeTx, MAX_TX_BYTES, txHash, type DecodedTx } from "./tx-decode.ts";
import { getErrorMessage } from "../../shared/errors.ts";

export type ExecMode = "check" | "deliver" | "simulate";

/** What simulate adds for bytes the signed tx will carry: a secp256k1 signature, a pubkey Any, a fee. */
const SIM_SIGNATURE_BYTES = 64;
/** SignerInfo.public_key: Any{"/cosmos.crypto.secp256k1.PubKey", PubKey{33-byte key}}. */
const SIM_PUBKEY_BYTES = 72;
/** AuthInfo growth from a simulation to the signed tx: Fee{[{uakt, 4–5 digits}], gas 5–6 digits} and the sign mode. */
const SIM_FEE_BYTES = 20;
/** Fee simulated when none is given: a typical fee's size (~300k gas at 0.025uakt), so the balances the fee transfer writes have the real tx's lengths. */
const SIM_FEE_AMOUNT = 10_000n;
/** A placeholder compressed secp256k1 key (the SDK's simSecp256k1Pubkey is also a fixed 33-byte key). */
const SIM_SECP256K1_PUBKEY = new Uint8Array([0x03, ...new Array<number>(32).fill(0x01)]);

/** Standard module accounts created at genesis, with the SDK's permissions. */
const GENESIS_MODULE_ACCOUNTS: [string, string[]][] = [
  ["fee_collector", []],
  ["distribution", []],
  ["mint", ["minter"]],
  ["bonded_tokens_pool", ["burner", "staking"]],
  ["not_bonded_tokens_pool", ["burner", "staking"]],
  ["gov", ["burner"]],
  ["transfer", ["minter", "burner"]],
];

export interface GenesisAccount {
  address: string;
  coins: Coin[];
}

interface RunOutcome {
  result: TxResult;
  msgResponses: { typeUrl: string; value: Uint8Array }[];
}

function emptyResult(gasWanted: number): TxResult {
  return { code: 0, codespace: "", log: "", data: new Uint8Array(), gasWanted, gasUsed: 0, events: [], info: "" };
}

function errorResult(err: unknown, gasWanted: number, gasUsed: number, events: ChainEvent[]): TxResult {
  const e = asChainError(err);
  return { code: e.code, codespace: e.codespace, log: e.message, data: new Uint8Array(), gasWanted, gasUsed, events, info: "" };
}

/** Non-ChainError exceptions are bugs in a handler; baseapp turns panics into ErrPanic (sdk 111222). */
export function asChainError(err: unknown): ChainError {
  if (err instanceof ChainError) return err;
  console.error("[devnet] handler panic:", err);
  return new ChainError("sdk", 111222, `recovered: ${getErrorMessage(err)}: panic`);
}

/** "/akash.deployment.v1beta4.MsgCreateDeployment" → "deployment" (sdk.GetModuleNameFromTypeURL). */
function moduleNameFromTypeUrl(typeUrl: string): string {
  return typeUrl.split(".")[1] ?? "";
}

function withMsgIndex(events: ChainEvent[], i: number): ChainEvent[] {
  return events.map((e) => ({ type: e.type, attributes: [...e.attributes, { key: "msg_index", value: String(i), index: true }] }));
}

/** Stable serialisation of a block's change set (for the app hash). */
export function serializeChanges(changes: Map<string, Change>): string {
  const keys = [...changes.keys()].sort();
  const parts = keys.map((k) => {
    const v = changes.get(k);
    return JSON.stringify([k, v === DELETED ? null : v]);
  });
  return parts.join("\n");
}

/**
 * The devnet's ABCI application: the SDK's baseapp tx pipeline (decode, ValidateBasic, ante
 * handler, message routing in a cache branch), BeginBlock/EndBlock hooks, queries and commit.
 */
export class DevnetApp {
  readonly config: ChainConfig;
  readonly store: RootStore;
  readonly bank: DevnetBankKeeper;
  /** x/feegrant's keeper: the ante handler spends allowances for txs with a fee granter. */
  readonly feegrant: FeegrantKeeper;
  readonly keepers: Keepers;
  readonly modules: Module[];
  readonly handlers = new Map<string, MsgHandler>();
  readonly queries = new Map<string, QueryHandler>();
  readonly aminoTypes: AminoTypes;
  /** State for CheckTx: committed state plus the ante effects (fees, sequences) of pending txs. */
  private checkState: BranchStore;
  /** Signatures already verified: `${txHash}/${signerIndex}/${accountNumber}/${pubKey}`. */
  private readonly verified = new Set<string>();

  height = 0;
  time = new Date(0);
  appHash: Uint8Array = new Uint8Array(createHash("sha256").digest());

  constructor(opts: { config: ChainConfig; modules: Module[]; store?: RootStore }) {
    this.config = opts.config;
    this.store = opts.store ?? new RootStore();
    this.bank = createBankKeeper(opts.config);
    this.keepers = { bank: this.bank };
    this.feegrant = new FeegrantKeeper();
    this.keepers.router = { handler: (typeUrl) => this.handlers.get(typeUrl) };
    this.modules = [authBankModule(this.bank), authzModule(new AuthzKeeper(), () => this.keepers.router), feegrantModule(this.feegrant), ...opts.modules];
    for (const m of this.modules) {
      if (m.keeper !== undefined) this.keepers[m.name] = m.keeper;
      for (const h of m.msgs) {
        if (this.handlers.has(h.typeUrl)) throw new Error(`duplicate msg handler ${h.typeUrl}`);
        this.handlers.set(h.typeUrl, h);
      }
      for (const q of m.queries) {
        if (this.queries.has(q.path)) throw new Error(`duplicate query handler ${q.path}`);
        this.queries.set(q.path, q);
      }
    }
    this.aminoTypes = createDevnetAminoTypes(this.handlers.values());
    this.checkState = new BranchStore(this.store);
  }

  /** InitChain: genesis balances, module accounts, module genesis. Changes are committed as height 0. */
  initChain(accounts: GenesisAccount[], time: Date): void {
    this.time = time;
    for (const [name, permissions] of GENESIS_MODULE_ACCOUNTS) ensureAccount(this.store, this.bank.moduleAddress(name), { name, permissions });
    for (const a of accounts) this.bank.genesisCredit(this.store, a.address, a.coins);
    const ctx = this.blockContext(this.store, new DevnetEventManager(), 0, time);
    for (const m of this.modules) m.initGenesis?.(ctx);
    this.commit();
  }

  blockContext(store: KVStore, events: DevnetEventManager, height: number, time: Date): BlockContext {
    return { store, height, time, config: this.config, keepers: this.keepers, events, gas: new BasicGasMeter(Infinity) };
  }

  queryContext(): QueryContext {
    return { store: this.store, height: this.height, time: this.time, config: this.config, keepers: this.keepers };
  }

  decode(bytes: Uint8Array): DecodedTx {
    if (bytes.length > MAX_TX_BYTES) throw sdkErrors.txTooLarge(`tx too large. Max size is ${MAX_TX_BYTES}, but got ${bytes.length}`);
    return decodeTx(bytes, this.handlers);
  }

  // ---------------------------------------------------------------- CheckTx / DeliverTx / Simulate

  /** CheckTx: decode and run the ante handler against the check state (msgs are not executed). */
  checkTx(bytes: Uint8Array): { result: TxResult; tx?: DecodedTx } {
    let tx: DecodedTx;
    try {
      tx = this.decode(bytes);
    } catch (e) {
      return { result: errorResult(e, 0, 0, []) };
    }
    const out = this.runTx("check", tx, this.checkState, this.height + 1, new Date());
    return out.result.code === 0 ? { result: out.result, tx } : { result: out.result };
  }

  /** DeliverTx (FinalizeBlock) against the committed store at `height`. */
  deliverTx(bytesOrTx: Uint8Array | DecodedTx, height: number, time: Date): TxResult {
    let tx: DecodedTx;
    if (bytesOrTx instanceof Uint8Array) {
      try {
        tx = this.decode(bytesOrTx);
      } catch (e) {
        return errorResult(e, 0, 0, []);
      }
    } else tx = bytesOrTx;
    try {
      return this.runTx("deliver", tx, this.store, height, time).result;
    } catch (e) {
      // Only a bug can get here (runTx handles ChainErrors); never abort a block for it.
      return errorResult(e, tx.gasLimit, 0, []);
    }
  }

  /** Simulate: no signature checks, infinite gas, on a throw-away branch of the check state. */
  simulate(bytes: Uint8Array): SimulateResult {
    let tx: DecodedTx;
    try {
      tx = this.decode(bytes);
    } catch (e) {
      const err = asChainError(e);
      return { gasWanted: 0, gasUsed: 0, error: { code: err.code, codespace: err.codespace, log: err.message } };
    }
    const branch = new BranchStore(this.checkState);
    const out = this.runTx("simulate", tx, branch, this.height + 1, new Date());
    branch.discard();
    const r = out.result;
    if (r.code !== 0) return { gasWanted: r.gasWanted, gasUsed: r.gasUsed, error: { code: r.code, codespace: r.codespace, log: r.log } };
    return { gasWanted: r.gasWanted, gasUsed: r.gasUsed, result: { data: r.data, log: r.log, events: r.events, msgResponses: out.msgResponses } };
  }

  private runTx(mode: ExecMode, tx: DecodedTx, base: KVStore, height: number, time: Date): RunOutcome {
    const gasWanted = tx.gasLimit;
    try {
      this.validateBasic(tx, mode, height);
    } catch (e) {
      return { result: errorResult(e, gasWanted, 0, []), msgResponses: [] };
    }
    const meter = new BasicGasMeter(mode === "simulate" ? Infinity : tx.gasLimit);
    const anteEvents = new DevnetEventManager();
    const anteBranch = new BranchStore(base);
    try {
      this.ante(mode, tx, anteBranch, meter, anteEvents, height, time);
    } catch (e) {
      return { result: errorResult(e, gasWanted, meter.consumed, []), msgResponses: [] };
    }
    // The ante handler's writes (fee, sequence, pubkey) stick even if a message fails.
    anteBranch.commit();
    if (mode === "check") return { result: { ...emptyResult(gasWanted), gasUsed: meter.consumed, events: anteEvents.events }, msgResponses: [] };

    const msgBranch = new BranchStore(base);
    const msgStore = new GasKVStore(msgBranch, meter);
    const events: ChainEvent[] = [...anteEvents.events];
    const msgResponses: { typeUrl: string; value: Uint8Array }[] = [];
    for (let i = 0; i < tx.msgs.length; i++) {
      const m = tx.msgs[i]!;
      const em = new DevnetEventManager();
      const ctx: TxContext = { store: msgStore, height, time, config: this.config, keepers: this.keepers, events: em, gas: meter, signers: tx.signers, msgIndex: i };
      try {
        const res = m.handler.handle(ctx, m.value);
        const msgSigners = m.handler.signers(m.value);
        const msgEvent: ChainEvent = {
          type: "message",
          attributes: [
            { key: "action", value: m.typeUrl, index: true },
            ...(msgSigners[0] ? [{ key: "sender", value: msgSigners[0], index: true }] : []),
            { key: "module", value: moduleNameFromTypeUrl(m.typeUrl), index: true },
          ],
        };
        const rt = m.handler.responseType;
        msgResponses.push({ typeUrl: `/${rt.$type}`, value: rt.encode(res ?? rt.fromPartial({})).finish() });
        events.push(...withMsgIndex([msgEvent, ...em.events], i));
      } catch (e) {
        msgBranch.discard();
        const err = isOutOfGas(e) ? (e as ChainError) : wrapMsgError(e, i);
        return { result: errorResult(err, gasWanted, meter.consumed, anteEvents.events), msgResponses: [] };
      }
    }
    msgBranch.commit();
    const data = TxMsgData.encode(TxMsgData.fromPartial({ msgResponses })).finish();
    return {
      result: { code: 0, codespace: "", log: "", data, gasWanted, gasUsed: meter.consumed, events, info: "" },
      msgResponses,
    };
  }

  /** baseapp.validateBasicTxMsgs + ValidateBasicDecorator + TxTimeoutHeight + ValidateMemo. */
  private validateBasic(tx: DecodedTx, mode: ExecMode, height: number): void {
    if (tx.msgs.length === 0) throw sdkErrors.invalidRequest("must contain at least one message");
    // RejectExtensionOptionsDecorator: no extension options are registered.
    if (tx.body.extensionOptions.length > 0) throw new ChainError("sdk", 31, "unknown extension options");
    for (const m of tx.msgs) m.handler.validateBasic?.(m.value, this.config);
    if (tx.signatures.length === 0) throw sdkErrors.noSignatures();
    if (tx.signatures.length !== tx.signers.length) {
      throw sdkErrors.unauthorized(`wrong number of signers; expected ${tx.signers.length}, got ${tx.signatures.length}`);
    }
    if (tx.fee.length > 0) {
      try {
        validatePositiveCoins(tx.fee);
      } catch {
        throw sdkErrors.insufficientFee(`invalid fee provided: ${coinsToString(tx.fee)}`);
      }
    }
    if (tx.timeoutHeight > 0n && BigInt(height) > tx.timeoutHeight) {
      throw new ChainError("sdk", 30, `block height: ${height}, timeout height: ${tx.timeoutHeight}: tx timeout height`);
    }
    if ([...tx.memo].length > AUTH_GAS.maxMemoCharacters) {
      throw sdkErrors.memoTooLarge(`maximum number of characters is ${AUTH_GAS.maxMemoCharacters} but received ${[...tx.memo].length} characters`);
    }
    if (mode !== "simulate" && tx.gasLimit <= 0) throw sdkErrors.invalidGasLimit("must provide positive gas");
  }

  /**
   * The SDK's default ante chain (x/auth/ante NewAnteHandler) with x/feegrant, minus extension options.
   * `branch` is the ante's cache branch; every store access below goes through the gas store over it,
   * so simulate and delivery are charged the same reads and writes.
   */
  private ante(mode: ExecMode, tx: DecodedTx, branch: KVStore, meter: BasicGasMeter, events: DevnetEventManager, height: number, time: Date): void {
    const store = new GasKVStore(branch, meter);
    // ConsumeGasForTxSize. Simulate adds what the real tx's missing bytes will cost: the signature,
    // the pubkey if omitted, and the fee if the simulation came without one (cosmjs sends none).
    meter.consume(AUTH_GAS.txSizeCostPerByte * tx.bytes.length, "txSize");
    if (mode === "simulate") {
      let missing = tx.fee.length === 0 && tx.gasLimit === 0 ? SIM_FEE_BYTES : 0;
      for (let i = 0; i < tx.signers.length; i++) {
        const sigLen = tx.signatures[i]?.length ?? 0;
        const pk = tx.signerInfos[i]?.pubKey;
        missing += (sigLen === 0 ? SIM_SIGNATURE_BYTES : 0) + (pk ? 0 : SIM_PUBKEY_BYTES);
      }
      meter.consume(AUTH_GAS.txSizeCostPerByte * missing, "txSize");
    }

    // MempoolFeeDecorator (CheckTx only): fee >= gas limit × min gas price.
    if (mode === "check" && this.config.minGasPrice > 0) {
      const required = requiredFee(tx.gasLimit, this.config.minGasPrice);
      const paid = BigInt(tx.fee.find((c) => c.denom === this.config.bondDenom)?.amount ?? "0");
      if (paid < required) {
        throw sdkErrors.insufficientFee(`insufficient fees; got: ${coinsToString(tx.fee)} required: ${required}${this.config.bondDenom}`);
      }
    }

    // DeductFeeDecorator: with a fee granter, its allowance must accept the fee (UseGrantedFees)
    // and the fee is taken from the granter.
    const payer = tx.feePayer || tx.signers[0]!;
    if (tx.feePayer && !tx.signers.includes(tx.feePayer)) throw sdkErrors.invalidRequest(`fee payer ${tx.feePayer} is not a signer`);
    const fee = normalizeCoins(tx.fee);
    const ctx: TxContext = { store, height, time, config: this.config, keepers: this.keepers, events, gas: meter, signers: tx.signers, msgIndex: 0 };
    let deductFrom = payer;
    if (tx.feeGranter) {
      if (tx.feeGranter !== payer) {
        try {
          this.feegrant.useGrantedFees(ctx, tx.feeGranter, payer, fee, tx.msgs.map((m) => m.typeUrl));
        } catch (e) {
          const err = asChainError(e);
          throw new ChainError(err.codespace, err.code, `${tx.feeGranter} does not allow to pay fees for ${payer}: ${err.message}`);
        }
      }
      deductFrom = tx.feeGranter;
    }
    if (!getAccount(store, deductFrom)) throw sdkErrors.unknownAddress(`fee payer address: ${deductFrom} does not exist`);
    // Simulations (cosmjs "auto" gas) come with no fee; deduct a typical one so the estimate includes
    // the fee transfer's store gas, which the real tx will spend. The simulation branch is discarded.
    // (The balance is read from the unmetered branch: the real tx does not make that read.)
    const simFeeBalance = mode === "simulate" && fee.length === 0 ? this.bank.balance(branch, deductFrom, this.config.bondDenom) : 0n;
    const simFee = simFeeBalance > 0n ? [{ denom: this.config.bondDenom, amount: String(simFeeBalance < SIM_FEE_AMOUNT ? simFeeBalance : SIM_FEE_AMOUNT) }] : undefined;
    if (fee.length > 0 || simFee) {
      try {
        this.bank.send(ctx, deductFrom, this.bank.moduleAddress("fee_collector"), simFee ?? fee);
      } catch (e) {
        if (e instanceof ChainError && e.code === 5) throw sdkErrors.insufficientFunds(e.message);
        throw e;
      }
    }
    events.emit("tx", { fee: coinsToString(fee), fee_payer: deductFrom });

    // SetPubKeyDecorator.
    for (let i = 0; i < tx.signers.length; i++) {
      const signer = tx.signers[i]!;
      const info = tx.signerInfos[i];
      const acc = getAccount(store, signer);
      if (!acc) throw sdkErrors.unknownAddress(`account ${signer} does not exist`);
      // Simulate may omit the pubkey (or send a placeholder); like the SDK it then stores a simulated
      // one, so a first tx's estimate includes the account write the real tx makes.
      const pk = info?.pubKey ?? (mode === "simulate" ? SIM_SECP256K1_PUBKEY : undefined);
      if (pk && mode !== "simulate" && secp256k1PubkeyToAddress(pk) !== signer) {
        throw sdkErrors.invalidPubKey(`pubKey does not match signer address ${signer} with signer index: ${i}`);
      }
      if (pk && acc.pubKey === null) setAccount(store, { ...acc, pubKey: Buffer.from(pk).toString("base64") });
      events.emit("tx", { acc_seq: `${signer}/${info?.sequence ?? 0n}` });
      events.emit("tx", { signature: Buffer.from(tx.signatures[i] ?? new Uint8Array()).toString("base64") });
    }

    // SigGasConsumeDecorator + SigVerificationDecorator + IncrementSequenceDecorator.
    for (let i = 0; i < tx.signers.length; i++) {
      meter.consume(AUTH_GAS.sigVerifyCostSecp256k1, "ante verify: secp256k1");
    }
    if (tx.signerInfos.length !== tx.signers.length) {
      throw sdkErrors.unauthorized(`invalid number of signer;  expected: ${tx.signers.length}, got ${tx.signerInfos.length}`);
    }
    for (let i = 0; i < tx.signers.length; i++) {
      const signer = tx.signers[i]!;
      const info = tx.signerInfos[i]!;
      const acc = getAccount(store, signer)!;
      if (acc.pubKey === null && mode !== "simulate") throw sdkErrors.invalidPubKey("pubkey on account is not set");
      if (info.sequence !== BigInt(acc.sequence)) {
        throw sdkErrors.wrongSequence(`account sequence mismatch, expected ${acc.sequence}, got ${info.sequence}`);
      }
      if (mode !== "simulate") this.verifySignature(tx, i, acc.accountNumber, acc.sequence, acc.pubKey!);
      setAccount(store, { ...acc, sequence: (BigInt(acc.sequence) + 1n).toString() });
    }
  }

  private verifySignature(tx: DecodedTx, i: number, accountNumber: string, sequence: string, pubKeyB64: string): void {
    const cacheKey = `${tx.hash}/${i}/${accountNumber}/${pubKeyB64}`;
    if (this.verified.has(cacheKey)) return;
    const info = tx.signerInfos[i]!;
    const sig = tx.signatures[i]!;
    let candidates: Uint8Array[];
    if (info.mode === SignMode.SIGN_MODE_DIRECT) {
      candidates = [SignDoc.encode({
        bodyBytes: tx.raw.bodyBytes,
        authInfoBytes: tx.raw.authInfoBytes,
        chainId: this.config.chainId,
        accountNumber: Long.fromString(accountNumber, true),
      }).finish()];
    } else if (info.mode === SignMode.SIGN_MODE_LEGACY_AMINO_JSON) {
      try {
        candidates = aminoSignBytesCandidates(tx, this.aminoTypes, this.config.chainId, accountNumber, sequence);
      } catch (e) {
        throw sdkErrors.invalidRequest(`cannot build amino sign doc: ${getErrorMessage(e)}`);
      }
    } else {
      throw sdkErrors.invalidRequest(`unsupported sign mode ${info.mode}`);
    }
    const pubKey = Buffer.from(pubKeyB64, "base64");
    const ok = candidates.some((signBytes) => verifySecp256k1(pubKey, signBytes, sig));
    if (!ok) {
      throw sdkErrors.unauthorized(
        `signature verification failed; please verify account number (${accountNumber}), sequence (${sequence}) and chain-id (${this.config.chainId})`,
      );
    }
    if (this.verified.size > 50_000) this.verified.clear();
    this.verified.add(cacheKey);
  }

  // ---------------------------------------------------------------- blocks

  /** Runs one hook of every module, each in its own branch (a failing hook changes nothing). */
  private runHooks(kind: "beginBlock" | "endBlock", height: number, time: Date): ChainEvent[] {
    const out: ChainEvent[] = [];
    for (const m of this.modules) {
      const hook = m[kind];
      if (!hook) continue;
      const branch = new BranchStore(this.store);
      const em = new DevnetEventManager();
      try {
        hook.call(m, this.blockContext(branch, em, height, time));
        branch.commit();
        const mode = kind === "beginBlock" ? "BeginBlock" : "EndBlock";
        out.push(...em.events.map((e) => ({ type: e.type, attributes: [...e.attributes, { key: "mode", value: mode, index: true }] })));
      } catch (e) {
        branch.discard();
        console.error(`[devnet] ${m.name}.${kind} at height ${height} failed:`, e);
      }
    }
    return out;
  }

  beginBlock(height: number, time: Date): ChainEvent[] {
    this.height = height;
    this.time = time;
    return this.runHooks("beginBlock", height, time);
  }

  endBlock(height: number, time: Date): ChainEvent[] {
    return this.runHooks("endBlock", height, time);
  }

  /** Commit: computes the app hash over this block's changes and resets the check state. */
  commit(): { appHash: Uint8Array; changes: Map<string, Change> } {
    const changes = this.store.takeChanges();
    // sha256(previous app hash ‖ this block's changes), with Node's native hash: the changes of a block that settles
    // 1,000 leases run to megabytes.
    this.appHash = new Uint8Array(createHash("sha256").update(this.appHash).update(serializeChanges(changes), "utf8").digest());
    this.checkState = new BranchStore(this.store);
    return { appHash: this.appHash, changes };
  }

  /** Restores height/time/app hash after loading state from disk. */
  restore(height: number, time: Date, appHash: Uint8Array): void {
    this.height = height;
    this.time = time;
    this.appHash = appHash;
    this.checkState = new BranchStore(this.store);
  }

  appHashHex(): string {
    return bytesToHex(this.appHash).toUpperCase();
  }

  // ---------------------------------------------------------------- queries

  query(path: string, data: Uint8Array): AbciQueryResult {
    const height = this.height;
    if (path === "/cosmos.tx.v1beta1.Service/Simulate") return this.querySimulate(data, height);
    const handler = this.queries.get(path);
    if (!handler) return { code: 6, codespace: "sdk", log: "unknown query path: unknown request", value: new Uint8Array(), height };
    try {
      const req = handler.request.decode(data);
      const res = handler.handle(this.queryContext(), req);
      return { code: 0, codespace: "", log: "", value: handler.response.encode(res).finish(), height };
    } catch (e) {
      const err = toQueryError(e);
      return { code: err.code, codespace: err.codespace, log: err.message, value: new Uint8Array(), height };
    }
  }

  private querySimulate(data: Uint8Array, height: number): AbciQueryResult {
    let txBytes: Uint8Array;
    try {
      const req = SimulateRequest.decode(data);
      if (req.txBytes.length > 0) txBytes = req.txBytes;
      else if (req.tx) {
        txBytes = TxRaw.encode({
          bodyBytes: TxBody.encode(req.tx.body ?? TxBody.fromPartial({})).finish(),
          authInfoBytes: AuthInfo.encode(req.tx.authInfo ?? AuthInfo.fromPartial({})).finish(),
          signatures: req.tx.signatures,
        }).finish();
      } else {
        return { code: 18, codespace: "sdk", log: "rpc error: code = InvalidArgument desc = empty txBytes is not allowed: invalid request", value: new Uint8Array(), height };
      }
    } catch (e) {
      return { code: 2, codespace: "sdk", log: `${getErrorMessage(e)}: tx parse error`, value: new Uint8Array(), height };
    }
    const sim = this.simulate(txBytes);
    if (sim.error) {
      // x/tx service: status.Errorf(codes.Unknown, "%v With gas wanted: '%d' and gas used: '%d' ", ...).
      const log = `rpc error: code = Unknown desc = ${sim.error.log} With gas wanted: '${sim.gasWanted}' and gas used: '${sim.gasUsed}' : unknown request`;
      return { code: 6, codespace: "sdk", log, value: new Uint8Array(), height };
    }
    const res = SimulateResponse.fromPartial({
      gasInfo: { gasWanted: Long.fromNumber(sim.gasWanted, true), gasUsed: Long.fromNumber(sim.gasUsed, true) },
      result: {
        data: new Uint8Array(),
        log: "",
        events: sim.result!.events.map((e) => ({ type: e.type, attributes: e.attributes })),
        msgResponses: sim.result!.msgResponses,
      },
    });
    return { code: 0, codespace: "", log: "", value: SimulateResponse.encode(res).finish(), height };
  }
}

/** ceil(gasLimit × gasPrice) in exact decimal arithmetic, as the SDK (and cosmjs calculateFee) compute it. */
export function requiredFee(gasLimit: number, gasPrice: number): bigint {
  // String() gives the shortest decimal that round-trips ("0.025"), unlike toFixed's binary expansion.
  const text = /e/i.test(String(gasPrice)) ? gasPrice.toFixed(20).replace(/0+$/, "") : String(gasPrice);
  const [int, frac = ""] = text.split(".");
  const scale = 10n ** BigInt(frac.length);
  const price = BigInt(int!) * scale + BigInt(frac || "0");
  return (BigInt(gasLimit) * price + scale - 1n) / scale;
}

function wrapMsgError(err: unknown, i: number): ChainError {
  const e = asChainError(err);
  return new ChainError(e.codespace, e.code, `failed to execute message; message index: ${i}: ${e.message}`);
}

export { txHash };
