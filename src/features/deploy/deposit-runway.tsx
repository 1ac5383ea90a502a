import { denomInfo } from "@/lib/format/coins";
import { formatTokenAmount } from "@/lib/format/numbers";
import { burnFigures } from "@/lib/pricing/deposit";
import type { CostEstimate } from "@/lib/pricing/estimate";
import { formatDuration } from "@/lib/pricing/runway";
import { describeBlockTiming, type BlockTiming } from "@/lib/pricing/time";

/**
 * How long the reviewed deposit lasts at the likely and at the max price, with the hourly rate each figure divides
 * by: the same block time and arithmetic (`burnFigures`) as the escrow tab, so the deployment page later agrees.
 */
export function DepositRunway({ deposit, denom, estimate, timing }: { deposit: bigint | null; denom: string; estimate: CostEstimate; timing: BlockTiming }) {
  if (deposit === null || deposit <= 0n) return null;
  const info = denomInfo(denom);
  const amount = (micro: number) => formatTokenAmount(micro / 10 ** info.exponent, info.symbol);
  const lines = [
    estimate.totalMarket && { key: "typical", label: "At the likely price", prefix: "about", perBlock: estimate.totalMarket.typical.perBlock },
    estimate.totalMax.perBlock > 0 && { key: "max", label: "At the SDL's max price", prefix: "at least", perBlock: estimate.totalMax.perBlock },
  ].filter((l): l is { key: string; label: string; prefix: string; perBlock: number } => Boolean(l));
  if (!lines.length) return null;
  return (
    <section aria-labelledby="review-runway" className="rounded-lg border border-border p-3 text-sm" data-testid="review-runway">
      <h3 id="review-runway" className="font-semibold">
        How long {amount(Number(deposit))} lasts{timing.measured ? "" : " (estimated)"}
      </h3>
      <ul className="mt-1 flex flex-col gap-0.5">
        {lines.map((l) => {
          const f = burnFigures(Number(deposit), l.perBlock, timing.secondsPerBlock);
          return (
            <li key={l.key} data-testid={`review-runway-${l.key}`}>
              {l.label} (<span data-testid="rate">{amount(f.perHour)}/h</span>): {l.prefix} <span data-testid="duration">{formatDuration(f.secondsLeft ?? 0)}</span>
            </li>
          );
        })}
      </ul>
      <p className="mt-1 text-xs text-muted">{describeBlockTiming(timing)}. Top up any time from the deployment page.</p>
    </section>
  );
}
