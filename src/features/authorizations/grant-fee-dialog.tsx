import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClasses, TextField } from "@/components/ui/field";
import { getErrorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/dates";
import { shortenAddress } from "@/lib/format/coins";
import { signsAminoOnly } from "@/lib/tx/amino-grants";
import { useNetwork } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { checkFeeAllowance, type FeeAllowanceForm } from "./grant-form";
import { useGrantFeeAllowance } from "./mutations";
import { useGrantForm } from "./use-grant-form";

const PERIOD_WORDS = { day: "a day", week: "a week", month: "every 30 days" } as const;

/** Pay a teammate's transaction fees, so they need no AKT of their own. */
export function GrantFeeDialog({ open, granter, onClose }: { open: boolean; granter: string; onClose: () => void }) {
  const { network } = useNetwork();
  const { wallet } = useWallet();
  // A Ledger through Keplr signs only Amino JSON, which cannot carry a renewing budget (lib/tx/amino-grants.ts).
  const aminoOnly = wallet ? signsAminoOnly(wallet.signer) : false;
  const grant = useGrantFeeAllowance();
  const [draft, setDraft] = useState<FeeAllowanceForm>({ grantee: "", limit: "5", period: "", periodLimit: "", deploymentsOnly: true, expiry: "" });
  const form: FeeAllowanceForm = aminoOnly ? { ...draft, period: "" } : draft;
  const { checked, errors, dismiss, submit } = useGrantForm((now) => checkFeeAllowance(form, { granter, prefix: network.bech32Prefix, now }), grant, onClose);
  const set = (patch: Partial<FeeAllowanceForm>) => setDraft((f) => ({ ...f, ...patch }));

  return (
    <Dialog open={open} onClose={dismiss} title="Pay a teammate's fees" description="A fee allowance: their transactions' fees are paid from this wallet, so they need no AKT.">
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField label="Teammate's address" value={form.grantee} onChange={(e) => set({ grantee: e.target.value })} error={errors.grantee} autoComplete="off" spellCheck={false} placeholder={`${network.bech32Prefix}1…`} autoFocus />
        <TextField label="Total limit (AKT, optional)" inputMode="decimal" value={form.limit} onChange={(e) => set({ limit: e.target.value })} error={errors.limit} hint="Empty: no total limit." autoComplete="off" />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="fee-period" className="text-sm font-medium">
            Budget that renews
          </label>
          <select id="fee-period" className={inputClasses} value={form.period} disabled={aminoOnly} aria-describedby={aminoOnly ? "fee-period-amino" : undefined} onChange={(e) => set({ period: e.target.value as FeeAllowanceForm["period"] })}>
            <option value="">No periodic budget</option>
            <option value="day">Every day</option>
            <option value="week">Every week</option>
            <option value="month">Every 30 days</option>
          </select>
          {aminoOnly && (
            <p id="fee-period-amino" className="text-xs text-muted">
              Not with this wallet: it signs only Amino JSON (a Ledger does), which cannot carry a budget that renews. Set a total limit, or grant from a wallet that signs directly.
            </p>
          )}
        </div>
        {form.period && <TextField label="Budget per period (AKT)" inputMode="decimal" value={form.periodLimit} onChange={(e) => set({ periodLimit: e.target.value })} error={errors.periodLimit} autoComplete="off" />}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={form.deploymentsOnly} onChange={(e) => set({ deploymentsOnly: e.target.checked })} /> Only for deployment work (not for sending tokens)
        </label>
        <TextField label="Expires (optional)" type="date" value={form.expiry} onChange={(e) => set({ expiry: e.target.value })} error={errors.expiry} />
        {checked.ok && (
          <p className="rounded-lg bg-surface-2 p-3 text-sm" data-testid="allowance-review">
            This wallet will pay {shortenAddress(checked.value.grantee)}'s transaction fees
            {form.deploymentsOnly ? " for deployment work" : ""}
            {checked.value.spendLimit ? `, up to ${form.limit.trim()} AKT in total` : ", with no total limit"}
            {form.period ? `, at most ${form.periodLimit.trim()} AKT ${PERIOD_WORDS[form.period]}` : ""}
            {checked.value.expiresAt ? `, until ${formatDateTime(checked.value.expiresAt)}` : ""}. A teammate can have one fee allowance from you; granting again fails until you revoke the old one.
          </p>
        )}
        {grant.error && <Alert tone="error" title="The allowance was not sent">{getErrorMessage(grant.error)}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={dismiss}>
            Cancel
          </Button>
          <Button type="submit" loading={grant.isPending} disabled={grant.isPending}>
            Review allowance
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
