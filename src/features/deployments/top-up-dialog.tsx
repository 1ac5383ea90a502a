import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useBalances } from "@/features/account";
import { useNetwork } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { amountOf } from "@/lib/chain/queries";
import { denomInfo, displayToBase, formatCoin } from "@/lib/format/coins";
import { formatDuration } from "./escrow";
import { buildDepositMsg } from "./messages";
import { getDeployment } from "./chain";
import { toast } from "sonner";

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
  const { network } = useNetwork();
  const { wallet, send } = useWallet();
  const balances = useBalances(network, wallet?.address);
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const denom = target?.denom ?? "uact";
  const info = denomInfo(denom);
  const available = amountOf(balances.data, denom);
  const parsed = amount ? displayToBase(amount, info.exponent) : null;
  const extraSeconds = parsed?.ok && target && target.ratePerBlock > 0 ? (Number(parsed.base) / target.ratePerBlock) * (network.blockTimeMs / 1000) : null;
  const totalSeconds = parsed?.ok && target && target.ratePerBlock > 0 ? ((target.balance + Number(parsed.base)) / target.ratePerBlock) * (network.blockTimeMs / 1000) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target || !wallet || sending) return;
    const check = displayToBase(amount, info.exponent);
    if (!check.ok) return setError(check.error);
    if (balances.data && check.base > available) return setError(`You have ${formatCoin(available, denom)}; mint or receive more ${info.symbol} first`);
    setError(null);
    setSending(true);
    try {
      // Deposits before signing: if the node drops out after broadcasting, the chain tells us whether it landed.
      const before = await getDeployment(network.restUrl, target.owner, target.dseq).catch(() => null);
      const result = await send([buildDepositMsg(wallet.address, target.owner, target.dseq, denom, check.base)], { title: `Top up deployment ${target.dseq}` });
      if (result) {
        setAmount("");
        onClose();
        return;
      }
      const after = before ? await getDeployment(network.restUrl, target.owner, target.dseq).catch(() => null) : null;
      const funded = (d: typeof before) => (d?.escrow?.deposits ?? []).reduce((sum, x) => sum + Number(x.balance.amount), 0);
      if (before && after && ((after.escrow?.deposits.length ?? 0) > (before.escrow?.deposits.length ?? 0) || funded(after) > funded(before))) {
        toast.success("The top up went through", { description: "The chain has the new deposit even though the confirmation was lost; do not send it again." });
        setAmount("");
        onClose();
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <Dialog open={target !== null} onClose={onClose} title={`Top up deployment ${target?.dseq ?? ""}`} description="Add funds to the deployment's escrow so its leases keep running.">
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField
          label={`Amount (${info.symbol})`}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={error ?? (parsed && !parsed.ok ? parsed.error : null)}
          hint={balances.data ? `Available: ${formatCoin(available, denom)}` : undefined}
          autoFocus
        />
        {extraSeconds !== null && totalSeconds !== null && (
          <p className="text-sm text-muted" data-testid="top-up-preview">
            Adds about {formatDuration(extraSeconds)} of runtime; about {formatDuration(totalSeconds)} in total at the current rate.
          </p>
        )}
        {target && target.ratePerBlock === 0 && <Alert>This deployment has no active lease, so nothing is being spent from its escrow.</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={sending} disabled={sending || !amount}>
            Review top up
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
