/**
 * x/bme (akash.bme.v1): burn-mint equilibrium between AKT and the USD-pegged compute token ACT.
 *
 * Devnet simplifications (documented, on purpose):
 *  - settlement is immediate: the node queues a ledger record and executes it in a later
 *    EndBlocker epoch; here MsgMintACT/MsgBurnACT execute in the same tx and answer
 *    `ledger_record_status_executed`, with the executed record queryable through Query/LedgerRecords;
 *  - the oracle price is config.aktPriceUsd (AKT in USD; 1 ACT = 1 USD), never stale;
 *  - mint: uact = ⌊uakt × price × (10000 − mint_spread_bps) / 10000⌋ (25 bps, the node default);
 *    burn: uakt = ⌊uact / price × (10000 − settle_spread_bps) / 10000⌋ (0 bps default);
 *  - the burned AKT becomes remint credit; the collateral ratio is the USD value of the credits
 *    over the ACT minted and still outstanding, and the circuit breaker uses the node's default
 *    thresholds (warn 95%, halt 90%).
 * Amino: the node registers no amino names for MsgMintACT/MsgBurnACT (only MsgUpdateParams), so
 * these handlers have none; they are signed in direct mode.
 *
 * One deliberate deviation: the node's ValidateBasic requires owner == to (ACT is soulbound and
 * can only be minted to the signer). The devnet accepts a different `to`, because the devnet
 * faucet (server/devnet/faucet) credits ACT by minting from its own AKT to the recipient, and
 * there is no mainnet-valid way to hand someone ACT. Console code must keep owner == to.
 *
 * Error codes (codespace "bme", chain-sdk go/node/bme/v1/errors.go): 6 circuit breaker active, 8 invalid amount, 9 invalid denomination; bad addresses are sdk 7 and
 * malformed coins sdk 10, as in the node.
 */
import {
  EventLedgerRecordExecuted,
  LedgerRecordStatus,
  MintStatus,
  MsgBurnACT,
  MsgBurnACTResponse,
  MsgMintACT,
  MsgMintACTResponse,
  Params as BmeParams,
  QueryLedgerRecordEntry,
  QueryLedgerRecordsRequest,
  QueryLedgerRecordsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryStatusRequest,
  QueryStatusResponse,
  QueryVaultStateRequest,
  QueryVaultStateResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainConfig, Coin, KVStore, Module, TxContext } from "../chain/types.ts";
import { sdkErrors } from "../chain/errors.ts";
import { isValidDenom } from "../chain/coins.ts";
import { DEC_ONE, Grpc, formatDec, isAkashAddress, pad, paginate, parseDec, registerErrors } from "./util.ts";

export const bmeErrors = registerErrors("bme", {
  circuitBreakerActive: [6, Grpc.FailedPrecondition, "circuit breaker is active"],
  invalidAmount: [8, Grpc.InvalidArgument, "invalid amount"],
  invalidDenom: [9, Grpc.InvalidArgument, "invalid denomination"],
  invalidAddress: [10, Grpc.InvalidArgument, "invalid address"],
});

export const DEFAULT_BME_PARAMS = {
  circuitBreakerWarnThreshold: 9500,
  circuitBreakerHaltThreshold: 9000,
  minEpochBlocks: "1",
  epochBlocksBackoffPercent: 0,
  mintSpreadBps: 25,
  settleSpreadBps: 0,
  maxEndblockerRecords: 100,
};

interface VaultState {
  totalBurned: Coin[];
  totalMinted: Coin[];
  remintCredits: Coin[];
}

interface LedgerEntry {
  id: { denom: string; toDenom: string; source: string; height: string; sequence: string };
  record: {
    burnedFrom: string;
    mintedTo: string;
    burner: string;
    minter: string;
    burned: { coin: Coin; price: string };
    minted: { coin: Coin; price: string };
  };
}

const PARAMS = "bme/params";
const VAULT = "bme/vault";
const LEDGER = "bme/ledger/";
const SEQ = "bme/seq";

/** A JS number price as an exact 18-decimal fixed point (via its shortest decimal text). */
export function priceDec(price: number): bigint {
  if (!(price > 0) || !Number.isFinite(price)) throw bmeErrors.invalidAmount(`oracle price ${price} is not positive`);
  const text = price.toPrecision(15);
  return parseDec(text.includes("e") ? price.toFixed(18) : text);
}

function addCoin(list: Coin[], c: Coin, sign = 1n): void {
  const e = list.find((x) => x.denom === c.denom);
  const next = BigInt(e?.amount ?? "0") + sign * BigInt(c.amount);
  if (e) e.amount = (next < 0n ? 0n : next).toString();
  else if (next > 0n) list.push({ denom: c.denom, amount: next.toString() });
}
const amountOf = (list: Coin[], denom: string) => BigInt(list.find((c) => c.denom === denom)?.amount ?? "0");

export class BmeKeeper {
  params(store: KVStore): typeof DEFAULT_BME_PARAMS {
    return store.get<typeof DEFAULT_BME_PARAMS>(PARAMS) ?? DEFAULT_BME_PARAMS;
  }

  vault(store: KVStore): VaultState {
    return store.get<VaultState>(VAULT) ?? { totalBurned: [], totalMinted: [], remintCredits: [] };
  }

  /** Collateral ratio (18-dec scaled): USD value of the remint credits / ACT outstanding from mints. */
  collateralRatio(store: KVStore, config: ChainConfig): bigint {
    const v = this.vault(store);
    const outstanding = amountOf(v.totalMinted, config.actDenom) - amountOf(v.totalBurned, config.actDenom);
    if (outstanding <= 0n) return DEC_ONE;
    const creditsUsd = amountOf(v.remintCredits, config.bondDenom) * priceDec(config.aktPriceUsd);
    return creditsUsd / outstanding;
  }

  status(store: KVStore, config: ChainConfig): { status: MintStatus; ratio: bigint } {
    const p = this.params(store);
    const ratio = this.collateralRatio(store, config);
    const bps = (ratio * 10000n) / DEC_ONE;
    const status = bps >= BigInt(p.circuitBreakerWarnThreshold) ? MintStatus.mint_status_healthy : bps >= BigInt(p.circuitBreakerHaltThreshold) ? MintStatus.mint_status_warning : MintStatus.mint_status_halt_cr;
    return { status, ratio };
  }

  private nextSequence(ctx: TxContext): string {
    const seq = BigInt(ctx.store.get<string>(SEQ) ?? "0") + 1n;
    ctx.store.set(SEQ, seq.toString());
    return seq.toString();
  }

  /** Burns `burn` from `from`, mints `mintDenom` to `to` at the oracle price; returns the ledger id. */
  private execute(ctx: TxContext, from: string, to: string, burn: Coin, mintDenom: string): LedgerEntry["id"] {
    const p = this.params(ctx.store);
    const price = priceDec(ctx.config.aktPriceUsd);
    const amount = BigInt(burn.amount);
    const minting = mintDenom === ctx.config.actDenom;
    if (minting && this.status(ctx.store, ctx.config).status === MintStatus.mint_status_halt_cr) throw bmeErrors.circuitBreakerActive("collateral ratio below the halt threshold");
    const minted = minting
      ? (amount * price * BigInt(10000 - p.mintSpreadBps)) / (10000n * DEC_ONE)
      : (amount * DEC_ONE * BigInt(10000 - p.settleSpreadBps)) / (price * 10000n);
    if (minted <= 0n) throw bmeErrors.invalidAmount(`${burn.amount}${burn.denom} is too small to mint any ${mintDenom}`);
    const mintCoin = { denom: mintDenom, amount: minted.toString() };
    const bank = ctx.keepers.bank;
    bank.burn(ctx, from, [burn]);
    bank.mint(ctx, to, [mintCoin]);

    const v = this.vault(ctx.store);
    addCoin(v.totalBurned, burn);
    addCoin(v.totalMinted, mintCoin);
    if (minting) addCoin(v.remintCredits, burn);
    else addCoin(v.remintCredits, mintCoin, -1n);
    ctx.store.set(VAULT, v);

    const id = { denom: burn.denom, toDenom: mintDenom, source: from, height: String(ctx.height), sequence: this.nextSequence(ctx) };
    const aktPrice = formatDec(price);
    const actPrice = formatDec(DEC_ONE);
    const entry: LedgerEntry = {
      id,
      record: {
        burnedFrom: from,
        mintedTo: to,
        burner: bank.moduleAddress("bme"),
        minter: bank.moduleAddress("bme"),
        burned: { coin: burn, price: minting ? aktPrice : actPrice },
        minted: { coin: mintCoin, price: minting ? actPrice : aktPrice },
      },
    };
    ctx.store.set(`${LEDGER}${pad(id.height)}/${pad(id.sequence)}`, entry);
    ctx.events.emitTyped(EventLedgerRecordExecuted, EventLedgerRecordExecuted.fromPartial({ id }));
    return id;
  }

  mintAct(ctx: TxContext, msg: MsgMintACT): MsgMintACTResponse {
    const id = this.execute(ctx, msg.owner, msg.to, { denom: msg.coinsToBurn!.denom, amount: msg.coinsToBurn!.amount }, ctx.config.actDenom);
    return MsgMintACTResponse.fromPartial({ id, status: LedgerRecordStatus.ledger_record_status_executed });
  }

  burnAct(ctx: TxContext, msg: MsgBurnACT): MsgBurnACTResponse {
    const id = this.execute(ctx, msg.owner, msg.to, { denom: msg.coinsToBurn!.denom, amount: msg.coinsToBurn!.amount }, ctx.config.bondDenom);
    return MsgBurnACTResponse.fromPartial({ id, status: LedgerRecordStatus.ledger_record_status_executed });
  }

  ledgerEntry(e: LedgerEntry): QueryLedgerRecordEntry {
    return QueryLedgerRecordEntry.fromPartial({ id: e.id, status: LedgerRecordStatus.ledger_record_status_executed, executedRecord: e.record });
  }
}

/**
 * MsgMintACT/MsgBurnACT.ValidateBasic (chain-sdk go/node/bme/v1/msgs.go) plus the swap route's
 * denom, except the node's owner == to rule (see the file comment).
 */
function validateConversion(m: { owner: string; to: string; coinsToBurn?: Coin | undefined }, denom: (c: ChainConfig) => string, config: ChainConfig): void {
  if (!isAkashAddress(m.owner)) throw sdkErrors.invalidAddress(`invalid owner address: ${m.owner}`);
  if (!isAkashAddress(m.to)) throw sdkErrors.invalidAddress(`invalid to address: ${m.to}`);
  const c = m.coinsToBurn;
  if (!c || !isValidDenom(c.denom) || !/^\d+$/.test(c.amount)) throw sdkErrors.invalidCoins(`invalid coins: ${c ? `${c.amount}${c.denom}` : "none"}`);
  if (BigInt(c.amount) === 0n) throw bmeErrors.invalidAmount("amount must not be 0");
  if (c.denom !== denom(config)) throw bmeErrors.invalidDenom(`coins_to_burn must be ${denom(config)}, got ${c.denom}`);
}

const STATUS_NAMES: Record<string, boolean> = { "": true, ledger_record_status_executed: true, executed: true };

export function bmeModule(keeper: BmeKeeper): Module & { keeper: BmeKeeper } {
  return {
    name: "bme",
    keeper,
    initGenesis(ctx) {
      if (!ctx.store.has(PARAMS)) ctx.store.set(PARAMS, DEFAULT_BME_PARAMS);
    },
    msgs: [
      {
        typeUrl: "/akash.bme.v1.MsgMintACT",
        type: MsgMintACT,
        responseType: MsgMintACTResponse,
        signers: (m: MsgMintACT) => [m.owner],
        validateBasic: (m: MsgMintACT, config) => validateConversion(m, (c) => c.bondDenom, config),
        handle: (ctx, m: MsgMintACT) => keeper.mintAct(ctx, m),
      },
      {
        typeUrl: "/akash.bme.v1.MsgBurnACT",
        type: MsgBurnACT,
        responseType: MsgBurnACTResponse,
        signers: (m: MsgBurnACT) => [m.owner],
        validateBasic: (m: MsgBurnACT, config) => validateConversion(m, (c) => c.actDenom, config),
        handle: (ctx, m: MsgBurnACT) => keeper.burnAct(ctx, m),
      },
    ],
    queries: [
      {
        path: "/akash.bme.v1.Query/Params",
        request: QueryParamsRequest,
        response: QueryParamsResponse,
        handle: (ctx) => QueryParamsResponse.fromPartial({ params: BmeParams.fromPartial(keeper.params(ctx.store)) }),
      },
      {
        path: "/akash.bme.v1.Query/VaultState",
        request: QueryVaultStateRequest,
        response: QueryVaultStateResponse,
        handle(ctx) {
          const v = keeper.vault(ctx.store);
          const balances = ctx.keepers.bank.allBalances(ctx.store, ctx.keepers.bank.moduleAddress("bme"));
          return QueryVaultStateResponse.fromPartial({ vaultState: { balances, totalBurned: v.totalBurned, totalMinted: v.totalMinted, remintCredits: v.remintCredits } });
        },
      },
      {
        path: "/akash.bme.v1.Query/Status",
        request: QueryStatusRequest,
        response: QueryStatusResponse,
        handle(ctx) {
          const p = keeper.params(ctx.store);
          const { status, ratio } = keeper.status(ctx.store, ctx.config);
          return QueryStatusResponse.fromPartial({
            status,
            collateralRatio: formatDec(ratio),
            warnThreshold: formatDec((BigInt(p.circuitBreakerWarnThreshold) * DEC_ONE) / 10000n),
            haltThreshold: formatDec((BigInt(p.circuitBreakerHaltThreshold) * DEC_ONE) / 10000n),
            mintsAllowed: status !== MintStatus.mint_status_halt_cr,
            refundsAllowed: true,
          });
        },
      },
      {
        path: "/akash.bme.v1.Query/LedgerRecords",
        request: QueryLedgerRecordsRequest,
        response: QueryLedgerRecordsResponse,
        handle(ctx, req: QueryLedgerRecordsRequest) {
          const f = req.filters;
          const wantStatus = f?.status ?? "";
          const page = paginate<LedgerEntry, QueryLedgerRecordEntry>(
            ctx.store,
            LEDGER,
            req.pagination,
            (e) => STATUS_NAMES[wantStatus] === true && (!f?.source || e.id.source === f.source) && (!f?.denom || e.id.denom === f.denom) && (!f?.toDenom || e.id.toDenom === f.toDenom),
            (e) => keeper.ledgerEntry(e),
          );
          return QueryLedgerRecordsResponse.fromPartial({ records: page.items, pagination: page.pagination });
        },
      },
    ],
  };
}
