import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Term } from "@/components/ui/term";
import type { Deployment } from "@/lib/chain/deployment";
import type { EscrowSummary } from "@/lib/chain/escrow";
import { formatDuration, runwayLevel } from "@/lib/pricing/runway";
import { describeBlockTiming, type BlockTiming } from "@/lib/pricing/time";
import { BlockHeight } from "@/shared/chain-data/block-height";
import { runwayClass } from "./badges";
import { formatMicro, formatRate } from "./format";

/** `escrow` must be summarized at `timing`'s block time: the burn rate and the time left shown here both use it. */
export function EscrowTab({ deployment, escrow, timing, height, onTopUp }: { deployment: Deployment; escrow: EscrowSummary; timing: BlockTiming; height: number; onTopUp: () => void }) {
  const rate = formatRate(escrow.ratePerBlock, escrow.denom, timing.secondsPerBlock);
  const level = runwayLevel(escrow.secondsLeft);
  const active = deployment.state === "active";
  const now = useNow(30_000);
  const depletesAt = escrow.secondsLeft !== null ? new Date(now + escrow.secondsLeft * 1000) : null;
  return (
    <Card labelledBy="escrow-title">
      <CardHeader
        id="escrow-title"
        title={<Term id="escrow">Escrow</Term>}
        description={
          <>
            Last settled at <BlockHeight height={deployment.escrow?.settledAt} /> (the chain is at block {Math.max(height, deployment.escrow?.settledAt ?? 0) || "—"} now).
          </>
        }
        actions={active && <Button size="sm" onClick={onTopUp}>Top up</Button>}
      />
      <CardBody className="flex flex-col gap-4">
        {active && (level === "critical" || level === "low" || level === "empty") && (
          <Alert tone={level === "low" ? "warn" : "error"} title={level === "empty" ? "The escrow is empty" : `The escrow runs out in ${formatDuration(escrow.secondsLeft ?? 0)}`}>
            When it runs out the chain closes every lease with “insufficient funds” and the providers remove your workloads. Top up now, or deposit enough for the time you need when you deploy.
          </Alert>
        )}
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3" data-testid="escrow-summary">
          <Item label="Balance" value={formatMicro(escrow.balance, escrow.denom, 4)} testId="escrow-balance" />
          <Item label="Spent" value={formatMicro(escrow.spent, escrow.denom, 4)} />
          <Item label="Burn rate" value={escrow.ratePerBlock > 0 ? rate.hour : "—"} sub={escrow.ratePerBlock > 0 ? `${rate.month} · ${rate.block}` : "no active lease"} testId="escrow-burn-rate" />
          <Item
            label={timing.measured ? "Time left" : "Time left (estimated)"}
            value={escrow.secondsLeft === null ? "—" : formatDuration(escrow.secondsLeft)}
            sub={depletesAt ? `around ${depletesAt.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })} (${describeBlockTiming(timing)})` : active ? "nothing is being spent" : "deployment closed"}
            className={runwayClass(escrow.secondsLeft)}
            testId="escrow-time-left"
          />
          <Item label="Escrow state" value={deployment.escrow?.state ?? "—"} />
        </dl>
        {(deployment.escrow?.deposits.length ?? 0) > 0 && (
          <div>
            <h3 className="mb-1 text-xs font-medium text-muted">Deposits (what is left of each; a close refunds it to its depositor)</h3>
            <ul className="flex flex-col gap-1 text-sm">
              {deployment.escrow!.deposits.map((d, i) => (
                <li key={`${d.height}-${i}`} className="flex justify-between gap-3">
                  <span className="text-muted">
                    <BlockHeight height={d.height} prefix="Block" /> · {d.source}
                  </span>
                  <span className="tabular-nums">{formatMicro(Number(d.balance.amount), d.balance.denom, 4)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardBody>
    </Card>
  );
}

function Item({ label, value, sub, className, testId }: { label: string; value: string; sub?: string; className?: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className={cn("text-base font-semibold tabular-nums", className)} data-testid={testId}>
        {value}
      </dd>
      {sub && <dd className="text-xs text-muted">{sub}</dd>}
    </div>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
