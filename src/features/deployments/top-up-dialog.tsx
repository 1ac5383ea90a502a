import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { toast } from "sonner";
import { amountOf } from "@/lib/chain/coins";
import { getErrorMessage } from "@/lib/errors";
import { denomInfo, displayToBase, formatCoin, formatCoinShort } from "@/lib/format/coins";
import { burnFigures } from "@/lib/pricing/deposit";
import { formatDuration } from "@/lib/pricing/runway";
import { usableDepositGrants } from "@/lib/chain/authz";
import { shortenAddress } from "@/lib/format/coins";
import { useBalances, useBlockTiming, useDepositGrantsReceived } from "@/shared/chain-data";
import { useWallet } from "@/shared/wallet";
import { useTopUp } from "./mutations";

export interface TopUpTarget {
  owner: string;
  dseq: string;
  denom: string;
  /** Micro-units per block of the active leases (0 when none). */
  ratePerBlock: number;
  balance: number;
}

/** Adds funds to a deployment's escrow (`MsgAccountDeposit`, scope deployment, from the wallet balance). */
export function TopUpDialog({ target, onClose }: { target: TopUpTarget | null; onClose: () => void }) {
  const { wallet } = useWallet();
  const balances = useBalances(wallet?.address);
  const topUp = useTopUp();
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const denom = target?.denom ?? "uact";
  const info = denomInfo(denom);
  // A deposit authorization funds a top up only when the signer owns the deployment (the escrow keeper's rule).
  const ownsIt = Boolean(target && wallet && target.owner === wallet.address);
  const grantsReceived = useDepositGrantsReceived(ownsIt ? wallet?.address : undefined);
  const [openedAt] = useState(() => Date.now());
  const grants = ownsIt ? usableDepositGrants(grantsReceived.data ?? [], "deployment", denom, openedAt) : [];
  const grantTotal = grants.reduce((sum, g) => sum + g.remaining, 0n);
  const [fundFromGrant, setFundFromGrant] = useState(true);
  const fromGrant = grants.length > 0 && fundFromGrant;
  const available = amountOf(balances.data, denom) + (fromGrant ? grantTotal : 0n);
  const parsed = amount ? displayToBase(amount, info.exponent) : null;
  // The block time the escrow tab and the list use, so "in total" here is what they show after the top up.
  const timing = useBlockTiming();
  const extraSeconds = parsed?.ok && target ? burnFigures(Number(parsed.base), target.ratePerBlock, timing.secondsPerBlock).secondsLeft : null;
  const totalSeconds = parsed?.ok && target ? burnFigures(target.balance + Number(parsed.base), target.ratePerBlock, timing.secondsPerBlock).secondsLeft : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!target || !wallet || topUp.isPending) return;
    const check = displayToBase(amount, info.exponent);
    if (!check.ok) return setError(check.error);
    if (balances.data && check.base > available) return setError(`You have ${formatCoin(available, denom)}; mint or receive more ${info.symbol} first`);
    setError(null);
    topUp.mutate(
      {
        owner: target.owner,
        dseq: target.dseq,
        denom,
        amount: check.base,
        fromGrant: fromGrant && grants[0] ? { label: shortenAddress(grants[0].granter), remaining: grantTotal } : null,
        newRunway: target.ratePerBlock > 0 ? `about ${formatDuration(burnFigures(target.balance + Number(check.base), target.ratePerBlock, timing.secondsPerBlock).secondsLeft ?? 0)} at the current rate` : undefined,
      },
      {
        onSuccess: (outcome) => {
          // null: cancelled or failed (the wallet said why); the typed amount stays for a retry.
          if (!outcome) return;
          if (outcome.status === "landed") toast.success("The top up went through", { description: "The chain has the new deposit even though the confirmation was lost; do not send it again." });
          setAmount("");
          dismiss();
        },
      },
    );
  }

  function dismiss() {
    topUp.reset();
    onClose();
  }

  return (
    <Dialog open={target !== null} onClose={dismiss} title={`Top up deployment ${target?.dseq ?? ""}`} description="Add funds to the deployment's escrow so its leases keep running.">
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField
          label={`Amount (${info.symbol})`}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={error ?? (parsed && !parsed.ok ? parsed.error : null)}
          hint={balances.data ? `Available: ${formatCoinShort(available, denom)}` : undefined}
          autoFocus
        />
        {grants.length > 0 && (
          <label className="flex items-start gap-2 text-sm" data-testid="top-up-from-grant">
            <input type="checkbox" className="mt-1" checked={fromGrant} onChange={(e) => setFundFromGrant(e.target.checked)} />
            <span>
              Fund from {grants.length === 1 ? `${shortenAddress(grants[0]!.granter)}'s deposit authorization` : `your ${grants.length} deposit authorizations`} ({formatCoinShort(grantTotal, denom)} left), then your balance.
            </span>
          </label>
        )}
        {extraSeconds !== null && totalSeconds !== null && (
          <p className="text-sm text-muted" data-testid="top-up-preview">
            Adds about {formatDuration(extraSeconds)} of runtime; about {formatDuration(totalSeconds)} in total at the current rate{timing.measured ? "" : " (estimated: the block time is not measured yet)"}.
          </p>
        )}
        {target && target.ratePerBlock === 0 && <Alert>This deployment has no active lease, so nothing is being spent from its escrow.</Alert>}
        {topUp.error && <Alert tone="error" title="The top up was not sent">{getErrorMessage(topUp.error)}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={dismiss}>
            Cancel
          </Button>
          <Button type="submit" loading={topUp.isPending} disabled={topUp.isPending || !amount}>
            Review top up
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
