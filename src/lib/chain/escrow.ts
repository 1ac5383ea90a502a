/**
 * x/escrow v1 accounts as the deployment and lease reads embed them, and the arithmetic on them: balance left,
 * spent, burn rate, blocks to depletion. The chain settles lazily, so the balance it reports is as of `settledAt`;
 * what the active leases accrued since then is subtracted using the latest height.
 */
import { burnFigures } from "../pricing/deposit";
import { coinOf, sumOf, type CoinJson, type DecCoin } from "./coins";

export interface EscrowAccount {
  state: string;
  funds: DecCoin[];
  transferred: DecCoin[];
  /** Height of the last settlement. */
  settledAt: number;
  deposits: Array<{ owner: string; height: number; source: string; balance: DecCoin }>;
}

export interface EscrowAccountJson {
  state?: { state?: string; funds?: CoinJson[]; transferred?: CoinJson[]; settled_at?: string; deposits?: Array<{ owner?: string; height?: string; source?: string; balance?: CoinJson }> };
}

const num = (v: string | undefined): number => Number(v ?? 0) || 0;

export function parseEscrowAccount(json: EscrowAccountJson | undefined): EscrowAccount | null {
  const s = json?.state;
  if (!s) return null;
  return {
    state: s.state ?? "unknown",
    funds: (s.funds ?? []).map(coinOf),
    transferred: (s.transferred ?? []).map(coinOf),
    settledAt: num(s.settled_at),
    deposits: (s.deposits ?? []).map((d) => ({ owner: d.owner ?? "", height: num(d.height), source: d.source ?? "", balance: coinOf(d.balance) })),
  };
}

export interface EscrowSummary {
  denom: string;
  /** Escrow funds as last settled by the chain (micro-units). */
  settledBalance: number;
  /** Owed to providers since the last settlement. */
  accrued: number;
  /** What is really left now. */
  balance: number;
  /** Paid out to providers so far. */
  spent: number;
  /** Σ active lease prices, micro-units per block. */
  ratePerBlock: number;
  /** Blocks until the balance runs out; null with no active lease. */
  blocksLeft: number | null;
  /** Seconds until depletion at the given block time (balance ÷ burn rate, in whole blocks); null with no active lease. */
  secondsLeft: number | null;
  /** Sum of every deposit ever made. */
  deposited: number;
}

/** What the summary reads of a deployment and its leases (structural, so this module depends on neither reader). */
export interface EscrowedDeployment {
  state: string;
  escrow: EscrowAccount | null;
  groups: ReadonlyArray<{ resources: ReadonlyArray<{ price: DecCoin }> }>;
}
export interface PricedLease {
  state: string;
  price: DecCoin;
}

/** `secondsPerBlock`: the network's measured block time (`useBlockTiming`), the one its burn rates are shown at. */
export function summarizeEscrow(deployment: EscrowedDeployment, leases: ReadonlyArray<PricedLease>, latestHeight: number, secondsPerBlock: number): EscrowSummary {
  const escrow = deployment.escrow;
  const active = leases.filter((l) => l.state === "active");
  const denom = escrow?.funds[0]?.denom || active[0]?.price.denom || deployment.groups[0]?.resources[0]?.price.denom || "uact";
  const settledBalance = sumOf(escrow?.funds, denom);
  const spent = sumOf(escrow?.transferred, denom);
  const deposited = sumOf(escrow?.deposits.map((d) => d.balance), denom);
  const ratePerBlock = sumOf(active.map((l) => l.price), denom);
  const open = deployment.state === "active" && escrow?.state !== "closed";
  const elapsed = open && escrow && latestHeight > escrow.settledAt ? latestHeight - escrow.settledAt : 0;
  const accrued = Math.min(settledBalance, ratePerBlock * elapsed);
  const balance = Math.max(0, settledBalance - accrued);
  const blocksLeft = open && ratePerBlock > 0 ? Math.floor(balance / ratePerBlock) : null;
  return {
    denom,
    settledBalance,
    accrued,
    balance,
    spent: spent + accrued,
    ratePerBlock,
    blocksLeft,
    secondsLeft: blocksLeft === null ? null : burnFigures(balance, ratePerBlock, secondsPerBlock).secondsLeft,
    deposited,
  };
}

/**
 * Who besides the owner funded an escrow (deposits drawn on a deposit authorization are recorded under the
 * granter): on close each depositor gets back what is left of their own deposit, so these are told apart.
 */
export function otherDepositors(escrow: Pick<EscrowAccount, "deposits"> | null | undefined, owner: string): string[] {
  return [...new Set((escrow?.deposits ?? []).filter((d) => d.owner && d.owner !== owner).map((d) => d.owner))];
}
