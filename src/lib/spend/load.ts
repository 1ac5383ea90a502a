/**
 * Everything the spend dashboard, `npm run spend` and `npm run alerts` compute, loaded from one node's REST gateway
 * through the chain readers, in two steps so a page can show the first before the second arrives:
 *  - now (`loadSpendNow`): leases and deployments (with escrow) per address, wallet balances, the latest block and the
 *    block time: burn, runways, reserved vs available; no block header besides the latest;
 *  - period (`loadSpendPeriod`): the day boundaries' block headers (few, in parallel, see block-clock.ts) and from them
 *    the range's daily history, the previous period and the month to date.
 * `loadTeamSpend` does both (the CLI, the alerts watcher, the bench).
 */
import { getBalances } from "../chain/bank";
import { getLatestBlock } from "../chain/blocks";
import { measureBlockTime, type MeasuredBlockTime } from "../chain/block-time";
import type { Coin } from "../chain/coins";
import { listDeployments, type Deployment } from "../chain/deployment";
import { listLeases } from "../chain/market";
import { BlockClock, type HeaderPoint, type HeaderSource } from "./block-clock";
import { addDays, dayOf, daysBetween, isDay, monthStart } from "./days";
import { headerPoint, restHeaderSource } from "./header-source";
import { dayBoundaries, historyFromBounds, spendLease, spentBetween, withEscrowShortfall, type SpendHistory, type SpendLease } from "./history";
import { burnRate, deploymentRunways, forecastFrom, periodComparison, previousPeriod, walletAtoms, type BurnRate, type DeploymentRunway, type MonthForecast, type PeriodComparison } from "./overview";
import { isAkashAddress } from "./teams";
import type { DenomAmounts } from "./money";

export interface LoadNowOptions {
  restUrl: string;
  addresses: ReadonlyArray<string>;
  /** Seconds per block; default: measureBlockTime (lib/chain/block-time) over the last `blockTimeWindow` blocks. */
  secondsPerBlock?: number;
  blockTimeWindow?: number;
  /** How the block time is measured when `secondsPerBlock` is not given; a page passes its query cache's, so the
   * measurement every page shares is not taken twice. */
  readBlockTime?: (signal?: AbortSignal) => Promise<MeasuredBlockTime>;
  /** How an owner's deployments are read (default: the chain reader); a page passes its query cache's, so a
   * card showing the same list on the same screen shares one request. */
  readDeployments?: (owner: string, signal?: AbortSignal) => Promise<Deployment[]>;
  signal?: AbortSignal;
}

export interface LoadPeriodOptions {
  /** UTC days, inclusive; default: the `rangeDays` days ending today. */
  from?: string;
  to?: string;
  /** Length of the default range (default 30). */
  rangeDays?: number;
  /** Inner day boundaries known to within this many blocks (default 0: exact); outer ones are always exact. */
  toleranceBlocks?: number;
  /** Where block headers come from (default: the REST gateway); a long-lived caller passes a cached one. */
  headerSource?: HeaderSource;
  /** Header fetches in flight at once (default 6). */
  concurrency?: number;
  signal?: AbortSignal;
}

export type LoadSpendOptions = LoadNowOptions & LoadPeriodOptions;

export interface WalletState {
  address: string;
  balances: Coin[];
}

/** What the chain says now, without history: enough for the burn, runway and per-deployment figures. */
export interface SpendNow {
  restUrl: string;
  addresses: string[];
  latest: HeaderPoint;
  secondsPerBlock: number;
  today: string;
  burn: BurnRate;
  runways: DeploymentRunway[];
  /** First and last deployment to run dry (null when nothing runs). */
  firstDry: DeploymentRunway | null;
  allDry: DeploymentRunway | null;
  escrowReserved: DenomAmounts;
  walletAvailable: DenomAmounts;
  wallets: WalletState[];
  deployments: Deployment[];
  leases: SpendLease[];
}

/** The period figures, from the day boundaries' headers. */
export interface SpendPeriod {
  /** The chosen range, day by day. */
  range: SpendHistory;
  comparison: PeriodComparison;
  month: MonthForecast;
  /** Block headers asked of the header source (besides the latest). */
  headerFetches: number;
}

export interface TeamSpend extends SpendNow, SpendPeriod {}

export class SpendInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpendInputError";
  }
}

function checkAddresses(input: ReadonlyArray<string>): string[] {
  const addresses = [...new Set(input.map((a) => a.trim()).filter(Boolean))];
  if (addresses.length === 0) throw new SpendInputError("No address given");
  const bad = addresses.filter((a) => !isAkashAddress(a));
  if (bad.length) throw new SpendInputError(`Not an akash address: ${bad.join(", ")}`);
  return addresses;
}

function checkDays(options: LoadPeriodOptions): void {
  for (const day of [options.from, options.to]) if (day !== undefined && !isDay(day)) throw new SpendInputError(`Not a date (YYYY-MM-DD): ${day}`);
  if (options.from !== undefined && options.to !== undefined && options.to < options.from) throw new SpendInputError(`--to ${options.to} is before --from ${options.from}`);
}

/** The range asked for, defaults filled from today (the latest block's UTC day). */
export function spendRange(today: string, options: LoadPeriodOptions): { from: string; to: string } {
  checkDays(options);
  const to = options.to ?? today;
  const from = options.from ?? addDays(to, 1 - Math.max(1, Math.floor(options.rangeDays ?? 30)));
  if (to < from) throw new SpendInputError(`--to ${to} is before --from ${from}`);
  return { from, to };
}

export async function loadSpendNow(options: LoadNowOptions): Promise<SpendNow> {
  const { restUrl, signal } = options;
  const addresses = checkAddresses(options.addresses);
  const readDeployments = options.readDeployments ?? ((owner: string, s?: AbortSignal) => listDeployments(restUrl, owner, s));
  // Everything at once: the lists do not depend on the latest block, nor the block time on the lists.
  const [latestBlock, perAddress, secondsPerBlock] = await Promise.all([
    getLatestBlock(restUrl, signal),
    Promise.all(
      addresses.map(async (owner) => {
        const [leases, deployments, balances] = await Promise.all([listLeases(restUrl, { owner }, signal), readDeployments(owner, signal), getBalances(restUrl, owner, signal)]);
        return { owner, leases, deployments, balances };
      }),
    ),
    options.secondsPerBlock ?? (options.readBlockTime?.(signal) ?? measureBlockTime(restUrl, { window: options.blockTimeWindow, signal })).then((m) => m.secondsPerBlock),
  ]);
  // The lists may be read a block or two after this latest block: whatever they show as newer (a lease created, an
  // escrow settled) counts nothing past it, as leaseEnd and the accruals clamp at the latest height.
  const latest = headerPoint(latestBlock);
  const deployments = perAddress.flatMap((p) => p.deployments);
  const leases = withEscrowShortfall(
    perAddress.flatMap((p) => p.leases.map(spendLease)),
    deployments,
    latest.height,
  );
  const runways = deploymentRunways(deployments, leases, latest, secondsPerBlock);
  const running = runways.filter((r) => r.secondsLeft !== null);
  const escrowReserved: DenomAmounts = {};
  for (const r of runways) escrowReserved[r.denom] = (escrowReserved[r.denom] ?? 0n) + r.escrowLeft;
  const wallets = perAddress.map((p) => ({ address: p.owner, balances: p.balances }));
  return {
    restUrl,
    addresses,
    latest,
    secondsPerBlock,
    today: dayOf(latest.timeMs),
    burn: burnRate(runways, secondsPerBlock),
    runways,
    firstDry: running[0] ?? null,
    allDry: running.length ? running.reduce((a, b) => ((b.secondsLeft ?? 0) > (a.secondsLeft ?? 0) ? b : a)) : null,
    escrowReserved,
    walletAvailable: walletAtoms(wallets.flatMap((w) => w.balances)),
    wallets,
    deployments,
    leases,
  };
}

/**
 * The range day by day, the previous period and the month to date. Only the range's days need every boundary; the
 * previous period and the month are sums between exact outer boundaries (spend in blocks [a, b) needs no day in
 * between), so one batch of boundaries serves all three: the range's days, the day after it, the previous period's
 * first day and the month's first day.
 */
export async function loadSpendPeriod(now: SpendNow, options: LoadPeriodOptions = {}): Promise<SpendPeriod> {
  const { from, to } = spendRange(now.today, options);
  const clock = new BlockClock(options.headerSource ?? restHeaderSource(now.restUrl, options.signal), now.latest);
  const prev = previousPeriod(from, to);
  const month = monthStart(now.today);
  const end = addDays(to, 1);
  const exact = new Set([from, end, prev.from, month]);
  const bounds = await dayBoundaries(clock, now.leases, [...daysBetween(from, to), end, prev.from, month], exact, { dayToleranceBlocks: options.toleranceBlocks, concurrency: options.concurrency });
  const latestHeight = now.latest.height;
  const range = historyFromBounds(now.leases, from, to, bounds, latestHeight, clock.fetches);
  const previousTotal = spentBetween(now.leases, bounds.get(prev.from)!.height, bounds.get(from)!.height, latestHeight);
  const monthToDate = spentBetween(now.leases, bounds.get(month)!.height, latestHeight + 1, latestHeight);
  return {
    range,
    comparison: periodComparison(from, to, range.total, previousTotal),
    month: forecastFrom(monthToDate, now.today, now.burn, now.latest, now.secondsPerBlock),
    headerFetches: clock.fetches,
  };
}

export async function loadTeamSpend(options: LoadSpendOptions): Promise<TeamSpend> {
  checkAddresses(options.addresses);
  checkDays(options);
  const now = await loadSpendNow(options);
  return { ...now, ...(await loadSpendPeriod(now, options)) };
}
