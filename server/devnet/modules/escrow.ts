/**
 * x/escrow (akash.escrow.v1): escrow accounts (deployment and bid deposits) and payments
 * (lease streams from a deployment account to a provider).
 *
 * Arithmetic follows the node's keeper: a payment accrues `rate × blocks` (LegacyDec, 18 decimals,
 * bigint fixed point here) which is deducted from the account's depositors in order; what cannot
 * be covered stays `unsettled` and the account and its payments become `overdrawn`. Withdrawals
 * pay the integer part of a payment's balance. Devnet differences, on purpose:
 *  - settlement is lazy, as on the node (on deposit, withdraw, payment create/close and account
 *    close), so an account's stored balance is as of its `settled_at`. One addition: the node only
 *    notices an account that ran dry at its next settlement (a provider's withdrawal), while the
 *    devnet settles it in the EndBlock of the block it runs dry (the depletion schedule below), so
 *    leases end for insufficient funds at a predictable height. The amounts are the node's:
 *    rate × n blocks is exact;
 *  - the take rate is 0: providers receive all earnings (the node's x/take fee goes to the
 *    community pool);
 *  - a refunded grant deposit grows the grant's single `spend_limit` (chain-sdk alpha.25 has no
 *    `spend_limits`), see restoreGrant.
 *
 * Error codes (codespace "escrow", chain-sdk go/node/escrow/module/error.go): 1 account exists,
 * 2 account closed, 3 account not found, 4 account overdrawn, 5 invalid denomination,
 * 6 payment exists, 7 payment closed, 8 payment not found, 9 payment rate zero, 12 invalid ID,
 * 13 invalid account, 15 unauthorized deposit scope, 16 invalid deposit.
 */
import {
  MsgAccountDeposit,
  MsgAccountDepositResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryPaymentsRequest,
  QueryPaymentsResponse,
  Types_Account,
  Types_Payment,
  Scope,
  Source,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { DepositAuthorization } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { sdkErrors } from "../chain/errors.ts";
import { ACCOUNT_DEPOSIT_URL, DEPOSIT_AUTHORIZATION_URL, type AuthzKeeper, type RoutedMsg } from "../chain/authz.ts";
import type { BlockContext, Coin, DecCoin, KVStore, Module, TxContext } from "../chain/types.ts";
import {
  Grpc,
  coin,
  decCoin,
  decFromInt,
  formatDec,
  pad,
  padXid,
  paginate,
  parseDec,
  registerErrors,
  requireAddress,
  truncateDec,
} from "./util.ts";

export const escrowErrors = registerErrors("escrow", {
  accountExists: [1, Grpc.AlreadyExists, "account exists"],
  accountClosed: [2, Grpc.FailedPrecondition, "account closed"],
  accountNotFound: [3, Grpc.NotFound, "account not found"],
  accountOverdrawn: [4, Grpc.FailedPrecondition, "account overdrawn"],
  invalidDenomination: [5, Grpc.InvalidArgument, "invalid denomination"],
  paymentExists: [6, Grpc.AlreadyExists, "payment exists"],
  paymentClosed: [7, Grpc.FailedPrecondition, "payment closed"],
  paymentNotFound: [8, Grpc.NotFound, "payment not found"],
  paymentRateZero: [9, Grpc.InvalidArgument, "payment rate zero"],
  invalidId: [12, Grpc.InvalidArgument, "invalid ID"],
  invalidAccount: [13, Grpc.InvalidArgument, "invalid account"],
  unauthorizedDepositScope: [15, Grpc.PermissionDenied, "unauthorized deposit scope"],
  invalidDeposit: [16, Grpc.InvalidArgument, "invalid deposit"],
});

export type EscrowScope = "deployment" | "bid";
export type EscrowState = "open" | "closed" | "overdrawn";

export interface AccountId {
  scope: EscrowScope;
  /** "owner/dseq" for deployments, "owner/dseq/gseq/oseq/provider" for bids. */
  xid: string;
}

export interface Depositor {
  owner: string;
  height: string;
  source: "balance" | "grant";
  balance: DecCoin;
  direct: boolean;
}

/** Stored account state (proto field names in camelCase, amounts as 18-decimal strings). */
export interface EscrowAccount {
  id: AccountId;
  owner: string;
  state: EscrowState;
  transferred: DecCoin[];
  settledAt: string;
  funds: { denom: string; amount: string }[];
  deposits: Depositor[];
}

export interface EscrowPayment {
  /** The account this payment draws from. */
  aid: AccountId;
  /** "gseq/oseq/provider" for a lease. */
  xid: string;
  owner: string;
  state: EscrowState;
  rate: DecCoin;
  balance: DecCoin;
  unsettled: DecCoin;
  withdrawn: Coin;
}

export interface DepositRequest {
  amount: Coin;
  sources: ("balance" | "grant")[];
}

export type AccountHook = (ctx: TxContext, account: EscrowAccount) => void;
export type PaymentHook = (ctx: TxContext, payment: EscrowPayment) => void;

const ACC = "escrow/acc/";
const PAY = "escrow/pay/";
/**
 * The depletion schedule: `escrow/dry/<height>/<account>` → account id, the height at which an open account's open
 * payments first ask for more than its funds hold (EndBlock settles it then), and `escrow/dry-of/<account>` → that
 * height, to move the entry when the account changes.
 */
const DRY = "escrow/dry/";
const DRY_OF = "escrow/dry-of/";
/** Set once the depletion schedule exists (state persisted before it existed is scheduled once). */
const DRY_INDEX_MARKER = "escrow/meta/dry-index";
/** What per-block settlement kept (an index of open payments, and its marker); dropped by scheduleAll. */
const LEGACY_OPEN_INDEX = "escrow/open/";
const LEGACY_OPEN_INDEX_MARKER = "escrow/meta/open-index";

function accountKey(id: AccountId): string {
  return `${ACC}${id.scope}/${padXid(id.xid)}`;
}
function paymentPrefix(aid: AccountId): string {
  return `${PAY}${aid.scope}/${padXid(aid.xid)}/`;
}
function paymentKey(aid: AccountId, xid: string): string {
  return `${paymentPrefix(aid)}${padXid(xid)}`;
}
function dryKey(height: bigint, aid: AccountId): string {
  return `${DRY}${pad(height)}/${aid.scope}/${padXid(aid.xid)}`;
}
function dryOfKey(aid: AccountId): string {
  return `${DRY_OF}${aid.scope}/${padXid(aid.xid)}`;
}

/** Block hooks get a TxContext-shaped context so bank transfers can emit their events. */
export function asTxContext(ctx: BlockContext | TxContext): TxContext {
  return "signers" in ctx ? ctx : { ...ctx, signers: [], msgIndex: 0 };
}

const SCOPE_NAMES: Record<EscrowScope, Scope> = { deployment: Scope.deployment, bid: Scope.bid };
const STATE_NAMES: Record<EscrowState, number> = { open: 1, closed: 2, overdrawn: 3 };

export function deploymentAccountId(owner: string, dseq: string): AccountId {
  return { scope: "deployment", xid: `${owner}/${dseq}` };
}
export function bidAccountId(owner: string, dseq: string, gseq: number, oseq: number, provider: string): AccountId {
  return { scope: "bid", xid: `${owner}/${dseq}/${gseq}/${oseq}/${provider}` };
}
export function leasePaymentXid(gseq: number, oseq: number, provider: string): string {
  return `${gseq}/${oseq}/${provider}`;
}

export class EscrowKeeper {
  private readonly accountClosedHooks: AccountHook[] = [];
  private readonly paymentClosedHooks: PaymentHook[] = [];

  onAccountClosed(hook: AccountHook): void {
    this.accountClosedHooks.push(hook);
  }
  onPaymentClosed(hook: PaymentHook): void {
    this.paymentClosedHooks.push(hook);
  }

  escrowAddress(ctx: { keepers: TxContext["keepers"] }): string {
    return ctx.keepers.bank.moduleAddress("escrow");
  }

  getAccount(store: KVStore, id: AccountId): EscrowAccount | undefined {
    return store.get<EscrowAccount>(accountKey(id));
  }

  getPayment(store: KVStore, aid: AccountId, xid: string): EscrowPayment | undefined {
    return store.get<EscrowPayment>(paymentKey(aid, xid));
  }

  accountPayments(store: KVStore, aid: AccountId): EscrowPayment[] {
    return [...store.iterate<EscrowPayment>(paymentPrefix(aid))].map(([, p]) => p);
  }

  /**
   * The node's AuthorizeDeposits (x/escrow/keeper/keeper.go): each source in order, until the amount
   * is covered. `balance` takes what the owner (the message's signer) can spend. `grant` walks the
   * owner's unexpired grants of MsgAccountDeposit's type in granter order; each granter's
   * DepositAuthorization runs TryAccept (partial) on a copy of `msg` carrying the remaining amount,
   * the reduced grant is saved (kept at zero: "Delete is ignored here"), and the granter becomes a
   * depositor of what its limit covered. A grant whose scope or denom does not fit is skipped. What
   * stays uncovered fails with market ErrInvalidDeposit "insufficient balance".
   */
  authorizeDeposits(ctx: TxContext, owner: string, deposit: DepositRequest, msg: RoutedMsg): Depositor[] {
    const { denom } = deposit.amount;
    let remainder = BigInt(deposit.amount.amount);
    const out: Depositor[] = [];
    for (const source of deposit.sources) {
      if (remainder === 0n) break;
      if (source === "balance") {
        const spendable = ctx.keepers.bank.balance(ctx.store, owner, denom);
        if (spendable <= 0n) continue;
        const take = spendable < remainder ? spendable : remainder;
        out.push({ owner, height: String(ctx.height), source: "balance", balance: decCoin(denom, decFromInt(take)), direct: true });
        remainder -= take;
        continue;
      }
      const authz = ctx.keepers.authz as AuthzKeeper | undefined;
      if (!authz) continue;
      authz.granteeGrantsByMsgType(ctx.store, owner, ACCOUNT_DEPOSIT_URL, ctx.time, (granter, a, expiration) => {
        if (a.typeUrl !== DEPOSIT_AUTHORIZATION_URL) return false;
        const limit = (a.value as DepositAuthorization).spendLimit;
        if (!limit || BigInt(limit.amount || "0") === 0n) return false;
        const requested = withDepositAmount(msg, { denom, amount: remainder.toString() });
        let updated: DepositAuthorization;
        try {
          const resp = authz.tryAccept(a, requested);
          if (!resp.accept) return false;
          updated = resp.updated as DepositAuthorization;
          authz.saveGrant(ctx, granter, owner, { typeUrl: DEPOSIT_AUTHORIZATION_URL, value: updated }, expiration);
        } catch {
          return false;
        }
        const left = updated.spendLimit?.denom === limit.denom ? BigInt(updated.spendLimit.amount) : 0n;
        const spent = limit.denom === denom ? BigInt(limit.amount) - left : 0n;
        if (spent <= 0n) return false;
        out.push({ owner: granter, height: String(ctx.height), source: "grant", balance: decCoin(denom, decFromInt(spent)), direct: false });
        remainder -= spent;
        return remainder === 0n;
      });
    }
    if (remainder !== 0n) {
      throw marketInsufficientDeposit();
    }
    return out;
  }

  accountCreate(ctx: TxContext, id: AccountId, owner: string, deposits: Depositor[]): EscrowAccount {
    requireAddress(owner, "escrow account owner");
    if (this.getAccount(ctx.store, id)) throw escrowErrors.accountExists(`${id.scope}/${id.xid}`);
    const denoms = [...new Set(deposits.map((d) => d.balance.denom))];
    if (denoms.length !== 1) throw escrowErrors.invalidAccount("an escrow account holds exactly one denomination");
    const acc: EscrowAccount = {
      id,
      owner,
      state: "open",
      transferred: denoms.map((d) => decCoin(d, 0n)),
      settledAt: String(ctx.height),
      funds: denoms.map((d) => ({ denom: d, amount: formatDec(0n) })),
      deposits: [],
    };
    this.fetchDeposits(ctx, acc, deposits);
    ctx.store.set(accountKey(id), acc);
    return acc;
  }

  /** MsgAccountDeposit / top-up. Re-settles an overdrawn account (which then closes). */
  accountDeposit(ctx: TxContext, id: AccountId, deposits: Depositor[]): void {
    const acc = this.getAccount(ctx.store, id);
    if (!acc) throw escrowErrors.accountNotFound(`${id.scope}/${id.xid}`);
    if (acc.state === "closed") throw escrowErrors.accountClosed(`${id.scope}/${id.xid}`);
    this.fetchDeposits(ctx, acc, deposits);
    if (acc.state === "overdrawn") {
      const { payments, overdrawn } = this.settle(ctx, acc);
      for (const p of payments) {
        if (p.state === "open") p.state = "closed";
        this.paymentWithdrawInner(ctx, p);
      }
      if (!overdrawn) acc.state = "closed";
      this.save(ctx, acc, payments);
    } else {
      ctx.store.set(accountKey(id), acc);
      this.schedule(ctx.store, acc);
    }
  }

  /** Settles an account up to the current height; returns whether it is overdrawn. */
  accountSettle(ctx: TxContext, id: AccountId): boolean {
    const acc = this.getAccount(ctx.store, id);
    if (!acc) throw escrowErrors.accountNotFound(`${id.scope}/${id.xid}`);
    const { payments, overdrawn } = this.settle(ctx, acc);
    this.save(ctx, acc, payments);
    return overdrawn;
  }

  /** Settles, closes every payment (paying providers) and refunds the rest to the depositors. */
  accountClose(ctx: TxContext, id: AccountId): void {
    const acc = this.getAccount(ctx.store, id);
    if (!acc) throw escrowErrors.accountNotFound(`${id.scope}/${id.xid}`);
    if (acc.state === "closed") throw escrowErrors.accountClosed(`${id.scope}/${id.xid}`);
    const { payments } = this.settle(ctx, acc);
    // Payments already settled this block are not in `payments`; they close too.
    for (const p of this.accountPayments(ctx.store, id)) {
      if (p.state !== "closed" && !payments.some((x) => x.xid === p.xid)) payments.push(p);
    }
    if (acc.state === "open") acc.state = "closed";
    for (const p of payments) {
      if (p.state === "open") p.state = "closed";
      this.paymentWithdrawInner(ctx, p);
    }
    this.save(ctx, acc, payments);
  }

  paymentCreate(ctx: TxContext, aid: AccountId, xid: string, owner: string, rate: DecCoin): EscrowPayment {
    const acc = this.getAccount(ctx.store, aid);
    if (!acc) throw escrowErrors.accountNotFound(`${aid.scope}/${aid.xid}`);
    const { payments, overdrawn } = this.settle(ctx, acc);
    if (overdrawn) throw escrowErrors.accountOverdrawn(`${aid.scope}/${aid.xid}`);
    if (!acc.funds.some((f) => f.denom === rate.denom)) throw escrowErrors.invalidDenomination(rate.denom);
    if (parseDec(rate.amount) === 0n) throw escrowErrors.paymentRateZero();
    if (this.getPayment(ctx.store, aid, xid)) throw escrowErrors.paymentExists(xid);
    this.save(ctx, acc, payments);
    const p: EscrowPayment = {
      aid,
      xid,
      owner,
      state: "open",
      rate: decCoin(rate.denom, parseDec(rate.amount)),
      balance: decCoin(rate.denom, 0n),
      unsettled: decCoin(rate.denom, 0n),
      withdrawn: coin(rate.denom, 0n),
    };
    this.savePayment(ctx, p);
    this.schedule(ctx.store, acc);
    return p;
  }

  /** Provider withdrawal: settle, then pay out the integer part of the payment's balance. */
  paymentWithdraw(ctx: TxContext, aid: AccountId, xid: string): void {
    const acc = this.getAccount(ctx.store, aid);
    if (!acc) throw escrowErrors.accountNotFound(`${aid.scope}/${aid.xid}`);
    const existing = this.getPayment(ctx.store, aid, xid);
    if (!existing) throw escrowErrors.paymentNotFound(xid);
    if (existing.state !== "open") throw escrowErrors.paymentClosed(xid);
    const { payments, overdrawn } = this.settle(ctx, acc);
    if (!overdrawn) {
      const p = payments.find((x) => x.xid === xid);
      if (p) this.paymentWithdrawInner(ctx, p);
      else {
        // No settlement happened in this block (same height): withdraw from the stored payment.
        this.paymentWithdrawInner(ctx, existing);
        payments.push(existing);
      }
    }
    this.save(ctx, acc, payments);
  }

  /** Closes one payment (lease close): settle, pay the provider, stop the stream. */
  paymentClose(ctx: TxContext, aid: AccountId, xid: string): void {
    const acc = this.getAccount(ctx.store, aid);
    if (!acc) throw escrowErrors.accountNotFound(`${aid.scope}/${aid.xid}`);
    const existing = this.getPayment(ctx.store, aid, xid);
    if (!existing) throw escrowErrors.paymentNotFound(xid);
    if (existing.state === "closed") throw escrowErrors.paymentClosed(xid);
    const { payments } = this.settle(ctx, acc);
    let p = payments.find((x) => x.xid === xid);
    if (!p) {
      p = existing;
      payments.push(p);
    }
    if (p.state === "open") p.state = "closed";
    this.paymentWithdrawInner(ctx, p);
    this.save(ctx, acc, payments);
  }

  /** EndBlock: settles the accounts that run dry in this block (the depletion schedule), and only those. */
  settleDue(ctx: TxContext): void {
    if (!ctx.store.has(DRY_INDEX_MARKER)) this.scheduleAll(ctx.store);
    const due: AccountId[] = [];
    const now = BigInt(ctx.height);
    for (const [key, aid] of ctx.store.iterate<AccountId>(DRY)) {
      if (BigInt(key.slice(DRY.length, DRY.length + 20)) > now) break;
      due.push(aid);
    }
    for (const aid of due) {
      const acc = this.getAccount(ctx.store, aid);
      if (!acc || acc.state !== "open") {
        this.unschedule(ctx.store, aid);
        continue;
      }
      const { payments } = this.settle(ctx, acc);
      this.save(ctx, acc, payments);
    }
  }

  /**
   * (Re)schedules an account's depletion: with funds F and open payments at R a block (per denom), settling at
   * settled_at + k first falls short when k·R > F, i.e. at k = ⌊F / R⌋ + 1. Called whenever the account is saved.
   */
  private schedule(store: KVStore, acc: EscrowAccount): void {
    this.unschedule(store, acc.id);
    if (acc.state !== "open") return;
    const rates = new Map<string, bigint>();
    for (const p of this.accountPayments(store, acc.id)) {
      if (p.state === "open") rates.set(p.rate.denom, (rates.get(p.rate.denom) ?? 0n) + parseDec(p.rate.amount));
    }
    let blocks: bigint | undefined;
    for (const [denom, rate] of rates) {
      if (rate <= 0n) continue;
      const funds = acc.funds.find((f) => f.denom === denom);
      const left = funds ? parseDec(funds.amount) : 0n;
      const k = left < 0n ? 1n : left / rate + 1n;
      if (blocks === undefined || k < blocks) blocks = k;
    }
    if (blocks === undefined) return;
    const height = BigInt(acc.settledAt) + blocks;
    store.set(dryKey(height, acc.id), acc.id);
    store.set(dryOfKey(acc.id), height.toString());
  }

  private unschedule(store: KVStore, aid: AccountId): void {
    const at = store.get<string>(dryOfKey(aid));
    if (at === undefined) return;
    store.delete(dryKey(BigInt(at), aid));
    store.delete(dryOfKey(aid));
  }

  /**
   * Schedules every open account with open payments (once, for state saved before the schedule existed), and drops
   * the open-payment index that per-block settlement kept in such state.
   */
  scheduleAll(store: KVStore): void {
    for (const [key] of [...store.iterate(LEGACY_OPEN_INDEX)]) store.delete(key);
    store.delete(LEGACY_OPEN_INDEX_MARKER);
    const seen = new Set<string>();
    for (const [, p] of [...store.iterate<EscrowPayment>(PAY)]) {
      const k = accountKey(p.aid);
      if (p.state !== "open" || seen.has(k)) continue;
      seen.add(k);
      const acc = this.getAccount(store, p.aid);
      if (acc) this.schedule(store, acc);
    }
    store.set(DRY_INDEX_MARKER, 1);
  }

  // -------------------------------------------------------------------------------------------

  private fetchDeposits(ctx: TxContext, acc: EscrowAccount, deposits: Depositor[]): void {
    const escrowAddr = this.escrowAddress(ctx);
    for (const d of deposits) {
      const funds = acc.funds.find((f) => f.denom === d.balance.denom);
      if (!funds) throw escrowErrors.invalidDenomination(`${d.balance.denom} (account holds ${acc.funds.map((f) => f.denom).join(",")})`);
      if (parseDec(funds.amount) < 0n) funds.amount = formatDec(0n);
      ctx.keepers.bank.send(ctx, d.owner, escrowAddr, [coin(d.balance.denom, truncateDec(parseDec(d.balance.amount)))]);
      funds.amount = formatDec(parseDec(funds.amount) + parseDec(d.balance.amount));
    }
    acc.deposits.push(...deposits);
  }

  /** accountSettle: moves rate × blocks from the account's deposits into each payment's balance. */
  private settle(ctx: TxContext, acc: EscrowAccount): { payments: EscrowPayment[]; overdrawn: boolean } {
    if (acc.state === "closed") throw escrowErrors.accountClosed(`${acc.id.scope}/${acc.id.xid}`);
    const funds = acc.funds[0]!;
    if (parseDec(funds.amount) < 0n) return { payments: [], overdrawn: true };
    let delta = 0n;
    if (acc.state !== "overdrawn") {
      delta = BigInt(ctx.height) - BigInt(acc.settledAt);
      acc.settledAt = String(ctx.height);
    }
    const payments = this.accountPayments(ctx.store, acc.id).filter((p) => p.state === "overdrawn" || (delta !== 0n && p.state === "open"));
    if (payments.length === 0) return { payments, overdrawn: false };

    const transfers = payments.map((p) => {
      if (p.state === "overdrawn") {
        const t = parseDec(p.unsettled.amount);
        p.unsettled = decCoin(p.unsettled.denom, 0n);
        return t;
      }
      return parseDec(p.rate.amount) * delta;
    });

    let overdrawn = false;
    payments.forEach((p, i) => {
      const want = transfers[i]!;
      const settled = this.deductFromBalance(acc, p.rate.denom, want);
      if (settled > 0n) p.balance = decCoin(p.balance.denom, parseDec(p.balance.amount) + settled);
      if (settled < want) {
        overdrawn = true;
        p.state = "overdrawn";
        p.unsettled = decCoin(p.unsettled.denom, parseDec(p.unsettled.amount) + (want - settled));
      } else {
        p.state = "open";
      }
    });

    if (overdrawn) {
      acc.state = "overdrawn";
      for (const p of payments) {
        p.state = "overdrawn";
        this.paymentWithdrawInner(ctx, p);
      }
    }
    return { payments, overdrawn };
  }

  /** Deducts from depositors in order; the uncovered rest makes funds negative. Returns what was covered. */
  private deductFromBalance(acc: EscrowAccount, denom: string, amount: bigint): bigint {
    const funds = acc.funds.find((f) => f.denom === denom);
    const transferred = acc.transferred.find((t) => t.denom === denom);
    if (!funds || !transferred) throw escrowErrors.invalidDenomination(denom);
    let remaining = amount;
    let withdrew = 0n;
    let emptied = 0;
    for (const d of acc.deposits) {
      if (remaining === 0n) break;
      const bal = parseDec(d.balance.amount);
      const take = bal < remaining ? bal : remaining;
      d.balance = decCoin(d.balance.denom, bal - take);
      if (bal - take === 0n) emptied++;
      remaining -= take;
      withdrew += take;
    }
    if (emptied > 0) acc.deposits = acc.deposits.filter((d) => parseDec(d.balance.amount) !== 0n);
    transferred.amount = formatDec(parseDec(transferred.amount) + withdrew);
    funds.amount = formatDec(parseDec(funds.amount) - withdrew - remaining);
    return withdrew;
  }

  /** Pays the integer part of a payment's balance to its owner (take fee 0 on the devnet). */
  private paymentWithdrawInner(ctx: TxContext, p: EscrowPayment): void {
    const earnings = truncateDec(parseDec(p.balance.amount));
    if (earnings <= 0n) return;
    ctx.keepers.bank.send(ctx, this.escrowAddress(ctx), p.owner, [coin(p.balance.denom, earnings)]);
    p.withdrawn = coin(p.withdrawn.denom, BigInt(p.withdrawn.amount) + earnings);
    p.balance = decCoin(p.balance.denom, parseDec(p.balance.amount) - decFromInt(earnings));
  }

  /** Saves payments then the account; refunds depositors and runs hooks for closed/overdrawn ones. */
  private savePayment(ctx: TxContext, p: EscrowPayment): void {
    ctx.store.set(paymentKey(p.aid, p.xid), p);
  }

  private save(ctx: TxContext, acc: EscrowAccount, payments: EscrowPayment[]): void {
    for (const p of payments) this.savePayment(ctx, p);
    if (acc.state === "closed" || acc.state === "overdrawn") {
      const escrowAddr = this.escrowAddress(ctx);
      for (const d of acc.deposits) {
        const refund = truncateDec(parseDec(d.balance.amount));
        if (refund > 0n) {
          ctx.keepers.bank.send(ctx, escrowAddr, d.owner, [coin(d.balance.denom, refund)]);
          if (d.source === "grant") restoreGrant(ctx, acc.owner, d.owner, coin(d.balance.denom, refund));
          const funds = acc.funds.find((f) => f.denom === d.balance.denom);
          if (funds) funds.amount = formatDec(parseDec(funds.amount) - decFromInt(refund));
        }
      }
      acc.deposits = [];
    }
    ctx.store.set(accountKey(acc.id), acc);
    this.schedule(ctx.store, acc);
    // Payment hooks first, so leases end as insufficient_funds before the deployment closes.
    for (const p of payments) {
      if (p.state === "closed" || p.state === "overdrawn") for (const h of this.paymentClosedHooks) h(ctx, p);
    }
    if (acc.state === "closed" || acc.state === "overdrawn") for (const h of this.accountClosedHooks) h(ctx, acc);
  }

  // -------------------------------------------------------------------------------------------
  // Wire messages

  accountMessage(acc: EscrowAccount): Types_Account {
    return Types_Account.fromPartial({
      id: { scope: SCOPE_NAMES[acc.id.scope], xid: acc.id.xid },
      state: {
        owner: acc.owner,
        state: STATE_NAMES[acc.state],
        transferred: acc.transferred,
        settledAt: acc.settledAt,
        funds: acc.funds,
        deposits: acc.deposits.map((d) => ({
          owner: d.owner,
          height: d.height,
          source: d.source === "balance" ? Source.balance : Source.grant,
          balance: d.balance,
          direct: d.direct,
        })),
      },
    });
  }

  paymentMessage(p: EscrowPayment): Types_Payment {
    return Types_Payment.fromPartial({
      id: { aid: { scope: SCOPE_NAMES[p.aid.scope], xid: p.aid.xid }, xid: p.xid },
      state: { owner: p.owner, state: STATE_NAMES[p.state], rate: p.rate, balance: p.balance, unsettled: p.unsettled, withdrawn: p.withdrawn },
    });
  }
}

/**
 * saveAccount's refund of a grant deposit: if the granter's DepositAuthorization to the owner still
 * exists (unexpired), its limit grows by what was refunded, so the owner can reuse it without a
 * new grant. (The node adds to `spend_limits`; chain-sdk 1.0.0-alpha.25's DepositAuthorization has
 * the single `spend_limit`, which grows instead when the denom matches.)
 */
function restoreGrant(ctx: TxContext, owner: string, granter: string, refund: Coin): void {
  const authz = ctx.keepers.authz as AuthzKeeper | undefined;
  const found = authz?.getAuthorization(ctx.store, granter, owner, ACCOUNT_DEPOSIT_URL, ctx.time);
  if (!authz || !found || found.authorization.typeUrl !== DEPOSIT_AUTHORIZATION_URL) return;
  const a = found.authorization.value as DepositAuthorization;
  if (!a.spendLimit || a.spendLimit.denom !== refund.denom) return;
  const grown = DepositAuthorization.fromPartial({ scopes: a.scopes, spendLimit: { denom: refund.denom, amount: (BigInt(a.spendLimit.amount) + BigInt(refund.amount)).toString() } });
  authz.saveGrant(ctx, granter, owner, { typeUrl: DEPOSIT_AUTHORIZATION_URL, value: grown }, found.expiration);
}

/** A copy of a deposit-carrying message (MsgAccountDeposit, MsgCreateDeployment, MsgCreateBid) with another amount. */
function withDepositAmount(msg: RoutedMsg, amount: Coin): RoutedMsg {
  const v = msg.value as { deposit?: { amount?: Coin; sources?: unknown } };
  return { typeUrl: msg.typeUrl, value: { ...v, deposit: { ...v.deposit, amount } } };
}

function marketInsufficientDeposit() {
  // x/escrow AuthorizeDeposits returns market's ErrInvalidDeposit (codespace market, code 28).
  return registerErrors("market", { d: [28, Grpc.InvalidArgument, "deposit invalid"] }).d("insufficient balance");
}

export function depositSources(sources: Source[]): ("balance" | "grant")[] {
  return sources.filter((s) => s === Source.balance || s === Source.grant).map((s) => (s === Source.balance ? "balance" : "grant"));
}

function scopeFromProto(s: Scope): EscrowScope | undefined {
  return s === Scope.deployment ? "deployment" : s === Scope.bid ? "bid" : undefined;
}

function stateFilter(state: string): EscrowState | undefined {
  if (state === "") return undefined;
  if (state === "open" || state === "closed" || state === "overdrawn") return state;
  throw sdkErrors.invalidRequest(`invalid state value "${state}"`);
}

/** The xid filter names one account ("owner/dseq", "owner/dseq/gseq/oseq/provider"). */
function xidMatches(xid: string, filter: string): boolean {
  return filter === "" || xid === filter;
}

export function escrowModule(keeper: EscrowKeeper): Module & { keeper: EscrowKeeper } {
  return {
    name: "escrow",
    keeper,
    msgs: [
      {
        typeUrl: "/akash.escrow.v1.MsgAccountDeposit",
        aminoType: "akash-sdk/x/escrow/MsgAccountDeposit",
        type: MsgAccountDeposit,
        responseType: MsgAccountDepositResponse,
        signers: (msg: MsgAccountDeposit) => [msg.signer],
        validateBasic(msg: MsgAccountDeposit) {
          requireAddress(msg.signer, "signer");
          if (!msg.id || scopeFromProto(msg.id.scope) === undefined || msg.id.xid === "") throw escrowErrors.invalidId("account id must have a scope and xid");
          const amount = msg.deposit?.amount;
          if (!amount || !/^\d+$/.test(amount.amount) || BigInt(amount.amount) <= 0n) throw escrowErrors.invalidDeposit("deposit amount must be positive");
          if (depositSources(msg.deposit!.sources).length === 0) throw escrowErrors.invalidDeposit("deposit sources must not be empty");
        },
        handle(ctx: TxContext, msg: MsgAccountDeposit) {
          const id: AccountId = { scope: scopeFromProto(msg.id!.scope)!, xid: msg.id!.xid };
          const acc = keeper.getAccount(ctx.store, id);
          if (!acc) throw escrowErrors.accountNotFound(`${id.scope}/${id.xid}`);
          // Bid deposits belong to the provider that bid; nobody else may add to them.
          if (id.scope === "bid" && msg.signer !== acc.owner) throw escrowErrors.unauthorizedDepositScope("only the bidding provider may deposit to a bid account");
          const amount = msg.deposit!.amount!;
          if (!acc.funds.some((f) => f.denom === amount.denom)) throw escrowErrors.invalidDenomination(`${amount.denom} (account holds ${acc.funds.map((f) => f.denom).join(",")})`);
          const deposits = keeper.authorizeDeposits(ctx, msg.signer, { amount: { denom: amount.denom, amount: amount.amount }, sources: depositSources(msg.deposit!.sources) }, { typeUrl: ACCOUNT_DEPOSIT_URL, value: msg });
          for (const d of deposits) d.direct = d.source === "balance" && msg.signer === acc.owner;
          keeper.accountDeposit(ctx, id, deposits);
          return MsgAccountDepositResponse.fromPartial({});
        },
      },
    ],
    queries: [
      {
        path: "/akash.escrow.v1.Query/Accounts",
        request: QueryAccountsRequest,
        response: QueryAccountsResponse,
        handle(ctx, req: QueryAccountsRequest) {
          const state = stateFilter(req.state);
          const page = paginate<EscrowAccount, Types_Account>(
            ctx.store,
            ACC,
            req.pagination,
            (a) => (state === undefined || a.state === state) && xidMatches(a.id.xid, req.xid),
            (a) => keeper.accountMessage(a),
          );
          return QueryAccountsResponse.fromPartial({ accounts: page.items, pagination: page.pagination });
        },
      },
      {
        path: "/akash.escrow.v1.Query/Payments",
        request: QueryPaymentsRequest,
        response: QueryPaymentsResponse,
        handle(ctx, req: QueryPaymentsRequest) {
          const state = stateFilter(req.state);
          const page = paginate<EscrowPayment, Types_Payment>(
            ctx.store,
            PAY,
            req.pagination,
            (p) => (state === undefined || p.state === state) && (xidMatches(p.aid.xid, req.xid) || xidMatches(`${p.aid.xid}/${p.xid}`, req.xid)),
            (p) => keeper.paymentMessage(p),
          );
          return QueryPaymentsResponse.fromPartial({ payments: page.items, pagination: page.pagination });
        },
      },
    ],
    initGenesis(ctx: BlockContext) {
      keeper.scheduleAll(ctx.store);
    },
    endBlock(ctx: BlockContext) {
      keeper.settleDue(asTxContext(ctx));
    },
  };
}
