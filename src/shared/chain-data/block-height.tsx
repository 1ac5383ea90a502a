import { formatDateTime, estimateHeightTime } from "@/lib/format/dates";
import { formatInteger } from "@/lib/format/numbers";
import { useBlockTime, useBlockTiming, useLatestHeight } from "./blocks";

/**
 * A block height as a person needs it: the height and, beside it, the date and time of that block (from its header),
 * or an estimate said as such for a future block (or a past one whose header the node no longer has).
 */
export function BlockHeight({ height, prefix = "block", className }: { height: number | string | bigint | null | undefined; prefix?: string; className?: string }) {
  const h = height === null || height === undefined || height === "" ? NaN : Number(height);
  const valid = Number.isSafeInteger(h) && h > 0;
  const latest = useLatestHeight();
  const timing = useBlockTiming();
  const future = valid && latest !== undefined && h > latest;
  const header = useBlockTime(valid && !future ? h : undefined);
  // An estimate counts from the latest block's own time (its header), not the browser's clock.
  const needsEstimate = valid && latest !== undefined && (future || header.isError);
  const anchor = useBlockTime(needsEstimate ? latest : undefined);
  if (!valid) return <span className={className}>—</span>;

  let when: { at: number; estimated: boolean } | null = null;
  if (header.data) when = { at: header.data, estimated: false };
  else if (needsEstimate && anchor.data) when = estimateHeightTime(h, latest, timing.secondsPerBlock, anchor.data);

  return (
    <span className={className} data-testid="block-height">
      <span className="tabular-nums">
        {prefix ? `${prefix} ` : ""}
        {formatInteger(h)}
      </span>
      {when ? (
        <span className="text-muted">
          {" · "}
          <time dateTime={new Date(when.at).toISOString()}>
            {when.estimated ? "about " : ""}
            {formatDateTime(when.at)}
          </time>
          {when.estimated ? (future ? " (estimated)" : " (estimated: the node no longer has this block)") : ""}
        </span>
      ) : header.isPending && !future ? (
        <span className="text-muted"> · …</span>
      ) : null}
    </span>
  );
}
