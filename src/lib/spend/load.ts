/**
 * Everything the spend dashboard, `npm run spend` and `npm run alerts` compute, loaded from one node's REST gateway
 * through the chain readers: leases and deployments (with escrow) per address, wallet balances, the latest block and
 * the few block headers the day boundaries need.
 */
import { getBalances } from "../chain/bank";
import { getLatestBlock } from "../chain/blocks";
import { measureBlockTime } from "../chain/block-time";
import type { Coin } from "../chain/coins";
import { listDeployments, type Deployment } from "../chain/deployment";
import { listLeases } from "../chain/market";
import { BlockClock, type HeaderPoint, type HeaderSource } from "./block-clock";
import { addDays, dayOf, isDay, monthStart } from "./days";
import { headerPoint, restHeaderSource } from "./header-source";
import { spendHistory, spendLease, withEscrowShortfall, type SpendHistory, type SpendLease } from "./history";
import { burnRate, comparePeriods, deploymentRunways, monthForecast, previousPeriod, sliceHistory, walletAtoms, type BurnRate, type DeploymentRunway, type MonthForecast, type PeriodComparison } from "./overview";
import { isAkashAddress } from "./teams";
import type { DenomAmounts } from "./money";

export interface LoadSpendOptions {
  restUrl: string;
  addresses: ReadonlyArray<string>;
  /** UTC days, inclusive; default: the `rangeDays` days ending today. */
  from?: string;
  to?: string;
  /** Length of the default range (default 30). */
  rangeDays?: number;
  /** Seconds per block; default: measureBlockTime (lib/chain/block-time) over the last `blockTimeWindow` blocks. */
  secondsPerBlock?: number;
  blockTimeWindow?: number;
  /** Day boundaries known to within this many blocks (default 0: exact). */
  toleranceBlocks?: number;
  /** Where block headers come from (default: the REST gateway); a long-lived caller passes a cached one. */
  headerSource?: HeaderSource;
  signal?: AbortSignal;
}

export interface WalletState {
  address: string;
  balances: Coin[];
}

export interface TeamSpend {
  restUrl: string;
  addresses: string[];
  latest: HeaderPoint;
  secondsPerBlock: number;
  today: string;
  /** The chosen range. */
  range: SpendHistory;
  comparison: PeriodComparison;
  month: MonthForecast;
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
  /** Block headers fetched (besides the latest). */
  headerFetches: number;
}

export class SpendInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpendInputError";
  }
}

export async function loadTeamSpend(options: LoadSpendOptions): Promise<TeamSpend> {
  const { restUrl, signal } = options;
  const addresses = [...new Set(options.addresses.map((a) => a.trim()).filter(Boolean))];
  if (addresses.length === 0) throw new SpendInputError("No address given");
  const bad = addresses.filter((a) => !isAkashAddress(a));
  if (bad.length) throw new SpendInputError(`Not an akash address: ${bad.join(", ")}`);
  for (const day of [options.from, options.to]) if (day !== undefined && !isDay(day)) throw new SpendInputError(`Not a date (YYYY-MM-DD): ${day}`);

  const latest = headerPoint(await getLatestBlock(restUrl, signal));
  const today = dayOf(latest.timeMs);
  const to = options.to ?? today;
  const from = options.from ?? addDays(to, 1 - Math.max(1, Math.floor(options.rangeDays ?? 30)));
  if (to < from) throw new SpendInputError(`--to ${to} is before --from ${from}`);

  const perAddress = await Promise.all(
    addresses.map(async (owner) => {
      const [leases, deployments, balances] = await Promise.all([listLeases(restUrl, { owner }, signal), listDeployments(restUrl, owner, signal), getBalances(restUrl, owner, signal)]);
      return { owner, leases, deployments, balances };
    }),
  );
  const deployments = perAddress.flatMap((p) => p.deployments);
  const leases = withEscrowShortfall(
    perAddress.flatMap((p) => p.leases.map(spendLease)),
    deployments,
    latest.height,
  );

  const clock = new BlockClock(options.headerSource ?? restHeaderSource(restUrl, signal), latest, { toleranceBlocks: options.toleranceBlocks ?? 0 });
  const secondsPerBlock = options.secondsPerBlock ?? (await measureBlockTime(restUrl, { window: options.blockTimeWindow, signal })).secondsPerBlock;

  // One history covers the range, the period before it and this month, so every sum comes from the same days.
  const prev = previousPeriod(from, to);
  const spanFrom = [prev.from, monthStart(today)].sort()[0]!;
  const spanTo = [to, today].sort()[1]!;
  const history = await spendHistory(clock, leases, spanFrom, spanTo);

  const runways = deploymentRunways(deployments, leases, latest, secondsPerBlock);
  const burn = burnRate(runways, secondsPerBlock);
  const running = runways.filter((r) => r.secondsLeft !== null);
  const escrowReserved: DenomAmounts = {};
  for (const r of runways) escrowReserved[r.denom] = (escrowReserved[r.denom] ?? 0n) + r.escrowLeft;
  const wallets = perAddress.map((p) => ({ address: p.owner, balances: p.balances }));
  return {
    restUrl,
    addresses,
    latest,
    secondsPerBlock,
    today,
    range: sliceHistory(history, from, to),
    comparison: comparePeriods(history, from, to),
    month: monthForecast(history, today, burn, latest, secondsPerBlock),
    burn,
    runways,
    firstDry: running[0] ?? null,
    allDry: running.length ? running.reduce((a, b) => ((b.secondsLeft ?? 0) > (a.secondsLeft ?? 0) ? b : a)) : null,
    escrowReserved,
    walletAvailable: walletAtoms(wallets.flatMap((w) => w.balances)),
    wallets,
    deployments,
    leases,
    headerFetches: clock.fetches,
  };
}
