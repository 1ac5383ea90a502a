import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Term } from "@/components/ui/term";
import { previewMint } from "@/lib/chain/bme";
import { amountOf } from "@/lib/chain/coins";
import { getErrorMessage } from "@/lib/errors";
import { baseToDisplay, displayToBase } from "@/lib/format/coins";
import { formatCoinShort } from "@/lib/format/coins";
import { formatPricePerToken } from "@/lib/format/numbers";
import { estimateCost } from "@/lib/pricing/estimate";
import { formatUsd, microToUsd } from "@/lib/pricing/denoms";
import type { SdlSummary } from "@/lib/sdl/resources";
import { describeTxError } from "@/lib/tx/errors";
import { burnFigures } from "@/lib/pricing/deposit";
import { formatDuration } from "@/lib/pricing/runway";
import { usableDepositGrants } from "@/lib/chain/authz";
import { shortenAddress } from "@/lib/format/coins";
import { useBalances, useBlockTiming, useDepositGrantsReceived, useMarketSnapshot, useMinDeposit, useMintQuote, useRefreshOnNewBlock } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { ConnectWalletButton, FaucetButton, useWallet } from "@/shared/wallet";
import { DepositRunway } from "./deposit-runway";
import { bidsPath, uaktForAct, useMintAct } from "@/shared/deployment-actions";
import { ResourcesTable } from "./resources-table";
import { useCreateDeployment } from "./create-deployment";
import { useCreateFeeEstimate } from "./use-fee-estimate";

/** Review before deploying: resources, estimated cost, deposit (minting ACT when short), fee, then one transaction. */
/** `initialDeposit`: the deposit typed in the editor's cost panel (display units; empty: the chain minimum). */
/** `excludeProviders`: left out of the new deployment's auction (a redeploy after one failed to start it). */
export function ReviewDialog({ open, onClose, sdl, summary, defaultName, templateId, initialDeposit, excludeProviders = [] }: { open: boolean; onClose: () => void; sdl: string; summary: SdlSummary; defaultName: string; templateId?: string; initialDeposit?: string; excludeProviders?: ReadonlyArray<string> }) {
  const { network } = useNetwork();
  const { wallet, openConnectDialog } = useWallet();
  const navigate = useNavigate();
  const denom = network.denoms.compute;
  const balances = useBalances(wallet?.address);
  const minDeposit = useMinDeposit(denom);
  const market = useMarketSnapshot();
  const create = useCreateDeployment();
  const mintAct = useMintAct();
  const [name, setName] = useState(defaultName);
  const [depositText, setDepositText] = useState<string | null>(initialDeposit?.trim() ? initialDeposit.trim() : null);
  const timing = useBlockTiming();
  const grantsReceived = useDepositGrantsReceived(open ? wallet?.address : undefined);
  // Judged when the dialog mounts: an expiry passing while it is open is caught by the chain, and explained.
  const [openedAt] = useState(() => Date.now());
  const grants = useMemo(() => usableDepositGrants(grantsReceived.data ?? [], "deployment", denom, openedAt), [grantsReceived.data, denom, openedAt]);
  const grantTotal = grants.reduce((sum, g) => sum + g.remaining, 0n);
  const [fundFromGrant, setFundFromGrant] = useState<boolean | null>(null);
  // A teammate with a treasury's authorization funds from it unless they say otherwise.
  const fromGrant = grants.length > 0 && (fundFromGrant ?? true);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const busy = create.isPending ? "create" : mintAct.isPending ? "mint" : null;
  // Fetch the auction page (and its WebSocket client) while the user reviews, so bids show the moment they land.
  useEffect(() => {
    if (open) void import("./auction-page");
  }, [open]);

  const minimum = minDeposit.data ?? 0n;
  const depositValue = depositText ?? (minDeposit.data !== undefined ? baseToDisplay(minimum, 6) : "");
  const parsed = displayToBase(depositValue, 6);
  const actBalance = amountOf(balances.data, denom);
  const aktBalance = amountOf(balances.data, network.denoms.fee);
  const deposit = parsed.ok ? parsed.base : null;
  const belowMinimum = deposit !== null && minDeposit.data !== undefined && deposit < minimum;
  const short = deposit !== null && balances.data !== undefined ? deposit - actBalance - (fromGrant ? grantTotal : 0n) : 0n;
  const quote = useMintQuote({ enabled: open && short > 0n });
  const mintUakt = short > 0n && quote.data ? uaktForAct(short, quote.data) : null;
  const estimate = useMemo(() => estimateCost(summary, timing.secondsPerBlock, market.data?.market), [summary, market.data, timing.secondsPerBlock]);
  const depositError = !parsed.ok && depositValue ? parsed.error : belowMinimum ? `The chain requires at least ${baseToDisplay(minimum, 6)} ACT` : null;
  const fee = useCreateFeeEstimate({ wallet, sdl, deposit, fromGrant, enabled: open && !depositError && short <= 0n && balances.data !== undefined });
  const feeCoin = fee.data?.amount.find((c) => c.denom === network.denoms.fee);

  // Short of funds, the faucet and the mint are here: the balance follows each block so the next step unlocks itself.
  useRefreshOnNewBlock(open && short > 0n ? wallet?.address : undefined);
  const needsAkt = mintUakt !== null && mintUakt > aktBalance;

  /** What the deposit buys, for the signing dialog: the same figure as the runway shown here. */
  function depositNote(): string | undefined {
    const perBlock = estimate.totalMarket?.typical.perBlock ?? estimate.totalMax.perBlock;
    if (deposit === null || !(perBlock > 0)) return undefined;
    const seconds = burnFigures(Number(deposit), perBlock, timing.secondsPerBlock).secondsLeft;
    return seconds === null ? undefined : `It lasts about ${formatDuration(seconds)} at the ${estimate.totalMarket ? "likely" : "SDL's max"} price.`;
  }

  function mint() {
    if (!wallet || !mintUakt || mintAct.isPending) return;
    mintAct.mutate({ owner: wallet.address, uakt: mintUakt, title: `Mint ACT with ${baseToDisplay(mintUakt, 6)} AKT`, quote: quote.data });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!wallet) {
      openConnectDialog();
      return;
    }
    // One click, one transaction, even when the button is clicked twice before it re-renders.
    if (inFlight.current || deposit === null || depositError || short > 0n) return;
    inFlight.current = true;
    setError(null);
    try {
      const outcome = await create.mutateAsync({ owner: wallet.address, sdl, name: name.trim() || defaultName, deposit: { denom, amount: deposit }, templateId, depositNote: depositNote(), fromGrant: fromGrant && grants[0] ? { granter: grants[0].granter, label: shortenAddress(grants[0].granter), remaining: grantTotal } : null });
      if (outcome.ok) {
        onClose();
        void navigate(bidsPath(outcome.dseq, excludeProviders));
      } else if (outcome.error) {
        setError(outcome.error);
      }
    } catch (failure) {
      setError(getErrorMessage(failure));
    } finally {
      inFlight.current = false;
    }
  }

  const usdMonth = (amount: number) => (estimate.denom ? microToUsd(amount, estimate.denom, market.data?.aktPriceUsd) : undefined);

  return (
    <Dialog open={open} onClose={onClose} title="Review deployment" description={`On ${network.label}. One transaction creates the deployment and funds its escrow.`} className="w-[min(44rem,calc(100vw-2rem))]">
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField label="Deployment name" value={name} onChange={(e) => setName(e.target.value)} hint="Kept on this device with the SDL (the chain only stores a hash)." maxLength={80} />
        <section aria-labelledby="review-resources">
          <h3 id="review-resources" className="mb-1 text-sm font-semibold">
            Resources
          </h3>
          <ResourcesTable summary={summary} />
        </section>
        <section aria-labelledby="review-estimate" className="rounded-lg border border-border p-3 text-sm">
          <h3 id="review-estimate" className="font-semibold">
            Estimated cost
          </h3>
          <p data-testid="review-estimate" className="mt-1">
            {estimate.totalMarket ? (
              <>
                Market estimate {fmtMonth(estimate.totalMarket.low.perMonth, usdMonth)} – {fmtMonth(estimate.totalMarket.high.perMonth, usdMonth)} per month
                <span className="text-muted"> · max price {fmtMonth(estimate.totalMax.perMonth, usdMonth)}/month</span>
              </>
            ) : (
              <>Up to {fmtMonth(estimate.totalMax.perMonth, usdMonth)} per month (the SDL's max price)</>
            )}
          </p>
          <p className="mt-1 text-muted">You pay the accepted <Term id="bid">bid</Term>'s price, never more than the <Term id="maxPrice">max price</Term> in the SDL.</p>
        </section>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Deposit (ACT)"
            inputMode="decimal"
            value={depositValue}
            onChange={(e) => setDepositText(e.target.value)}
            error={depositError}
            hint={minDeposit.data !== undefined ? `Chain minimum ${baseToDisplay(minimum, 6)} ACT. Refunded when you close the deployment.` : "Reading the chain minimum…"}
          />
          <div className="text-sm">
            <p className="font-medium">Your balance</p>
            <p data-testid="review-balance" className="text-muted">
              {balances.data ? `${formatCoinShort(actBalance, "uact")} · ${formatCoinShort(aktBalance, "uakt")}` : wallet ? "Loading…" : "Connect a wallet"}
            </p>
            <p className="mt-2 font-medium">Network fee</p>
            <p className="text-muted" data-testid="review-fee">
              {feeCoin
                ? `≈ ${baseToDisplay(BigInt(feeCoin.amount), 6)} AKT${fee.data?.granter ? `, paid by ${shortenAddress(fee.data.granter)} (fee allowance)` : ""} (simulated; confirmed before you sign)`
                : fee.isFetching
                  ? "Simulating…"
                  : fee.error
                    ? `Could not simulate: ${describeTxError(fee.error).title}`
                    : "Paid in AKT; simulated once the deposit is covered."}
            </p>
          </div>
        </div>
        {grants.length > 0 && (
          <label className="flex items-start gap-2 rounded-lg border border-border p-3 text-sm" data-testid="fund-from-grant">
            <input type="checkbox" className="mt-1" checked={fromGrant} onChange={(e) => setFundFromGrant(e.target.checked)} />
            <span>
              Fund the deposit from {grants.length === 1 ? `${shortenAddress(grants[0]!.granter)}'s deposit authorization` : `your ${grants.length} deposit authorizations`} ({formatCoinShort(grantTotal, denom)} left
              {grants.length === 1 && grants[0]!.expiresAt ? `, until ${new Date(grants[0]!.expiresAt).toLocaleDateString()}` : ""}); your own balance covers any rest. What is left when you close goes back to the treasury.
            </span>
          </label>
        )}
        {!depositError && <DepositRunway deposit={deposit} denom={denom} estimate={estimate} timing={timing} />}
        {wallet && short > 0n && !depositError && (
          <Alert
            tone="warn"
            title={`You need ${baseToDisplay(short, 6)} more ACT`}
            actions={
              <>
                {needsAkt && <FaucetButton address={wallet.address} size="sm" />}
                <Button size="sm" variant="secondary" onClick={mint} loading={busy === "mint"} disabled={!mintUakt || busy !== null || needsAkt}>
                  {mintUakt ? `Mint with ${baseToDisplay(mintUakt, 6)} AKT` : "Mint ACT"}
                </Button>
              </>
            }
          >
            ACT pays for deployments. Mint it by burning AKT{quote.data ? ` at ${formatPricePerToken(Number(quote.data.priceUsd), "AKT")}` : ""}.
            {needsAkt && (network.faucetUrl ? ` You need ${baseToDisplay(mintUakt - aktBalance, 6)} more AKT first: get it from the faucet here, then mint.` : ` You need ${baseToDisplay(mintUakt - aktBalance, 6)} more AKT first: send AKT to this wallet from an exchange or another wallet.`)}
            {quote.error && ` The mint price is unavailable (${quote.error.message}).`}
            {mintUakt && quote.data && ` You will receive about ${baseToDisplay(previewMint(mintUakt, quote.data), 6)} ACT.`}
          </Alert>
        )}
        {error && <Alert tone="error" title="The deployment was not created">{error}</Alert>}
        <div className="flex justify-end gap-2 border-t border-border pt-3">
          <Button variant="secondary" onClick={onClose}>
            Back to editor
          </Button>
          {wallet ? (
            <Button type="submit" loading={busy === "create"} disabled={busy !== null || deposit === null || Boolean(depositError) || short > 0n || !balances.data}>
              Create deployment
            </Button>
          ) : (
            <ConnectWalletButton />
          )}
        </div>
      </form>
    </Dialog>
  );
}

function fmtMonth(micro: number, toUsd: (micro: number) => number | undefined): string {
  const usd = toUsd(micro);
  return usd !== undefined ? formatUsd(usd) : `${(micro / 1e6).toFixed(4)} units`;
}
