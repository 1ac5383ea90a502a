import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import type { DepositScope } from "@/lib/chain/authz";
import { getErrorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/dates";
import { shortenAddress } from "@/lib/format/coins";
import { useNetwork } from "@/shared/network";
import { checkDepositGrant } from "./grant-form";
import { useGrantDeposit } from "./mutations";
import { useGrantForm } from "./use-grant-form";

/** A treasury lets a teammate fund deployments from it, up to a limit, until a date. */
export function GrantDepositDialog({ open, granter, onClose }: { open: boolean; granter: string; onClose: () => void }) {
  const { network } = useNetwork();
  const grant = useGrantDeposit();
  const [grantee, setGrantee] = useState("");
  const [limit, setLimit] = useState("");
  const [scopes, setScopes] = useState<DepositScope[]>(["deployment"]);
  const [expiry, setExpiry] = useState("");
  const { checked, errors, dismiss, submit } = useGrantForm(
    (now) => checkDepositGrant({ grantee, limit, scopes, expiry }, { granter, prefix: network.bech32Prefix, now }),
    grant,
    onClose,
    () => {
      setGrantee("");
      setLimit("");
    },
  );

  function toggle(scope: DepositScope) {
    setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));
  }

  return (
    <Dialog open={open} onClose={dismiss} title="Grant a deposit authorization" description="Let a teammate fund deployments from this wallet, up to a limit you set.">
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField label="Teammate's address" value={grantee} onChange={(e) => setGrantee(e.target.value)} error={errors.grantee} autoComplete="off" spellCheck={false} placeholder={`${network.bech32Prefix}1…`} autoFocus />
        <TextField label="Spending limit (ACT)" inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} error={errors.limit} hint="The most their deposits may take from this wallet, in total." autoComplete="off" />
        <fieldset className="flex flex-col gap-1.5">
          <legend className="text-sm font-medium">May fund</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={scopes.includes("deployment")} onChange={() => toggle("deployment")} /> Deployments (create and top up)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={scopes.includes("bid")} onChange={() => toggle("bid")} /> Provider bids (for provider operators)
          </label>
          {errors.scopes && <p className="text-xs text-danger">{errors.scopes}</p>}
        </fieldset>
        <TextField label="Expires (optional)" type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} error={errors.expiry} hint="Leave empty for no expiry; you can revoke it at any time." />
        {checked.ok && (
          <p className="rounded-lg bg-surface-2 p-3 text-sm" data-testid="grant-review">
            {shortenAddress(checked.value.grantee)} will be able to fund {scopes.includes("deployment") ? "deployments" : ""}
            {scopes.length === 2 ? " and " : ""}
            {scopes.includes("bid") ? "provider bids" : ""} from this wallet, up to <strong>{limit.trim()} ACT</strong> in total
            {checked.value.expiresAt ? `, until ${formatDateTime(checked.value.expiresAt)}` : ", with no expiry"}. Nothing leaves your wallet now. What their
            deployments do not spend comes back to this wallet when they close.
          </p>
        )}
        {grant.error && <Alert tone="error" title="The grant was not sent">{getErrorMessage(grant.error)}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={dismiss}>
            Cancel
          </Button>
          <Button type="submit" loading={grant.isPending} disabled={grant.isPending}>
            Review grant
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
