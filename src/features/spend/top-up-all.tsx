/**
 * "Top up all to N days": per running deployment of the connected wallet, what reaches N days of runway at its burn
 * (measured block time), the total, ACT minting in place when the balance is short, and one transaction for all.
 */
import { useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { amountOf } from "@/lib/chain/coins";
import { previewMint } from "@/lib/chain/bme";
import { getErrorMessage } from "@/lib/errors";
import { baseToDisplay, formatCoin } from "@/lib/format/coins";
import { formatPricePerToken } from "@/lib/format/numbers";
import { formatDuration } from "@/lib/pricing/runway";
import type { SpendNow } from "@/lib/spend/load";
import { useBalances, useBlockTiming, useMintQuote, useRefreshOnNewBlock } from "@/shared/chain-data";
import { uaktForAct, useMintAct } from "@/shared/deployment-actions";
import { useNetwork } from "@/shared/network";
import { ConnectWalletButton, FaucetButton, useWallet } from "@/shared/wallet";
import { topUpPlan } from "./top-up-plan";
import { useTopUpAll } from "./top-up-all-mutation";

export function TopUpAll({ spend, labels }: { spend: SpendNow; labels: (address: string) => string }) {
  const { network } = useNetwork();
  const { wallet } = useWallet();
  const timing = useBlockTiming();
  const [daysText, setDaysText] = useState("7");
  // Fractions too (0.5 d): a fast test network's days cost what weeks do on mainnet.
  const days = /^\d{1,4}(\.\d{1,2})?$/.test(daysText.trim()) ? Number(daysText.trim()) : NaN;
  const daysError = days >= 0.01 && days <= 3650 ? null : "Days, 0.01 to 3650";
  const plan = useMemo(() => topUpPlan(spend.runways, wallet?.address, daysError ? 0 : days, timing.secondsPerBlock), [spend.runways, wallet?.address, days, daysError, timing.secondsPerBlock]);
  const balances = useBalances(wallet?.address);
  const topUp = useTopUpAll();
  const mintAct = useMintAct();
  const inFlight = useRef(false);
  const [error, setError] = useState<string | null>(null);

  const act = network.denoms.compute;
  const shortBy = Object.entries(plan.total)
    .map(([denom, need]) => ({ denom, short: need - amountOf(balances.data, denom) }))
    .filter((s) => s.short > 0n);
  const actShort = shortBy.find((s) => s.denom === act)?.short ?? 0n;
  const quote = useMintQuote({ enabled: actShort > 0n });
  const mintUakt = actShort > 0n && quote.data ? uaktForAct(actShort, quote.data) : null;
  const aktBalance = amountOf(balances.data, network.denoms.fee);
  const needsAkt = mintUakt !== null && mintUakt > aktBalance;
  // Short of funds, the faucet and the mint are here: the balance follows each block so the button unlocks itself.
  useRefreshOnNewBlock(shortBy.length > 0 ? wallet?.address : undefined);
  const funded = plan.lines.filter((l) => l.amount > 0n);
  const busy = topUp.isPending || mintAct.isPending;

  async function send() {
    if (inFlight.current || funded.length === 0 || shortBy.length > 0 || daysError) return;
    inFlight.current = true;
    setError(null);
    try {
      await topUp.mutateAsync({ days, lines: funded });
    } catch (failure) {
      setError(getErrorMessage(failure));
    } finally {
      inFlight.current = false;
    }
  }

  return (
    <Card labelledBy="top-up-all-title">
      <CardHeader
        id="top-up-all-title"
        title="Top up all"
        description={`Brings every running deployment of the connected wallet to N days of runway at its current rate, in one transaction (${timing.secondsPerBlock.toFixed(2)} s per block, ${timing.measured ? "measured" : "estimated"}).`}
      />
      <CardBody className="flex flex-col gap-3">
        {!wallet ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span>Only the wallet that owns a deployment can top it up from its balance here.</span>
            <ConnectWalletButton />
          </div>
        ) : (
          <>
            <div className="max-w-40">
              <TextField label="Runway (days)" inputMode="decimal" value={daysText} onChange={(e) => setDaysText(e.target.value)} error={daysError ?? undefined} />
            </div>
            {plan.lines.length === 0 ? (
              <p className="text-sm text-muted">The connected wallet has no running deployment among those watched.</p>
            ) : (
              <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Top-up per deployment">
                <table className="w-full text-left text-sm">
                  <thead>
                    <tr className="border-b border-border text-muted">
                      <th scope="col" className="py-1 pr-3">Deployment</th>
                      <th scope="col" className="py-1 pr-3 text-right">Runway now</th>
                      <th scope="col" className="py-1 pr-3 text-right">Added</th>
                      <th scope="col" className="py-1 text-right">Runway after</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.lines.map((l) => (
                      <tr key={l.dseq} className="border-b border-border/60 tabular-nums" data-testid="top-up-line">
                        <th scope="row" className="py-1 pr-3 font-normal">{l.dseq}</th>
                        <td className="py-1 pr-3 text-right">{formatDuration(l.secondsBefore)}</td>
                        <td className="py-1 pr-3 text-right">{l.amount > 0n ? formatCoin(l.amount, l.denom) : "Nothing (lasts long enough)"}</td>
                        <td className="py-1 text-right">{formatDuration(l.secondsAfter)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr className="font-medium">
                      <th scope="row" className="py-1 pr-3" colSpan={2}>Total</th>
                      <td className="py-1 pr-3 text-right tabular-nums" data-testid="top-up-total" colSpan={2}>
                        {funded.length ? Object.entries(plan.total).map(([d, a]) => formatCoin(a, d)).join(" + ") : "Nothing to add"}
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
            {plan.notOwned.length > 0 && (
              <p className="text-sm text-muted" data-testid="top-up-not-owned">
                Not included: {plan.notOwned.map((r) => `${labels(r.owner)} · ${r.dseq}`).join(", ")}. Only the wallet that owns a deployment can top it up from its own balance here; the owner (or a deposit authorization they use) funds it.
              </p>
            )}
            {shortBy.map((s) =>
              s.denom === act ? (
                <Alert
                  key={s.denom}
                  tone="warn"
                  title={`You need ${baseToDisplay(s.short, 6)} more ACT`}
                  actions={
                    <>
                      {needsAkt && <FaucetButton address={wallet.address} size="sm" />}
                      <Button size="sm" variant="secondary" loading={mintAct.isPending} disabled={!mintUakt || busy || needsAkt} onClick={() => mintUakt && mintAct.mutate({ owner: wallet.address, uakt: mintUakt, title: `Mint ACT with ${baseToDisplay(mintUakt, 6)} AKT`, quote: quote.data })}>
                        {mintUakt ? `Mint with ${baseToDisplay(mintUakt, 6)} AKT` : "Mint ACT"}
                      </Button>
                    </>
                  }
                >
                  ACT pays for deployments. Mint it by burning AKT{quote.data ? ` at ${formatPricePerToken(Number(quote.data.priceUsd), "AKT")}` : ""}.
                  {needsAkt && (network.faucetUrl ? ` You need ${baseToDisplay(mintUakt - aktBalance, 6)} more AKT first: get it from the faucet here, then mint.` : ` You need ${baseToDisplay(mintUakt - aktBalance, 6)} more AKT first: send AKT to this wallet from an exchange or another wallet.`)}
                  {quote.error && ` The mint price is unavailable (${getErrorMessage(quote.error)}).`}
                  {mintUakt && quote.data && ` You will receive about ${baseToDisplay(previewMint(mintUakt, quote.data), 6)} ACT.`}
                </Alert>
              ) : (
                <Alert key={s.denom} tone="warn" title={`You need ${formatCoin(s.short, s.denom)} more`}>
                  These deployments' escrow is in {s.denom}; send it to this wallet first.
                </Alert>
              ),
            )}
            {error && <Alert tone="error" title="The top-up was not sent">{error}</Alert>}
            <div>
              <Button onClick={() => void send()} loading={topUp.isPending} disabled={busy || Boolean(daysError) || funded.length === 0 || shortBy.length > 0 || !balances.data}>
                {daysError ? "Top up all" : `Top up all to ${days} d`}
              </Button>
            </div>
          </>
        )}
      </CardBody>
    </Card>
  );
}
