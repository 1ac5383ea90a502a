import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { Grant } from "@/lib/chain/authz";
import type { FeeGrant } from "@/lib/chain/feegrant";
import { formatCoin, shortenAddress } from "@/lib/format/coins";
import { formatDateTime } from "@/lib/format/dates";
import { listOf } from "@/lib/format/words";

const SCOPE_WORDS = { deployment: "deployments", bid: "provider bids" } as const;

function expiryText(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return "No expiry";
  return expiresAt <= now ? `Expired ${formatDateTime(expiresAt)}` : `Until ${formatDateTime(expiresAt)}`;
}

function Account({ address }: { address: string }) {
  return (
    <span className="inline-flex items-center gap-1 font-mono text-xs" title={address}>
      {shortenAddress(address)}
      <CopyButton value={address} label="Copy address" />
    </span>
  );
}

function Row({ who, what, when, action }: { who: ReactNode; what: ReactNode; when: string; action?: ReactNode }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 border-b border-border py-3 last:border-0" data-testid="grant-row">
      <div className="min-w-0 flex-1">
        <div>{who}</div>
        <div className="text-sm">{what}</div>
        <div className="text-xs text-muted">{when}</div>
      </div>
      {action}
    </li>
  );
}

/** Deposit authorizations (and other authz grants) to or from this wallet. `direction` says which side is shown. */
export function AuthzGrantList({ grants, direction, now, onRevoke, revoking }: { grants: Grant[]; direction: "given" | "received"; now: number; onRevoke?: (grant: Grant) => void; revoking?: string | null }) {
  return (
    <ul>
      {grants.map((grant) => {
        const other = direction === "given" ? grant.grantee : grant.granter;
        const auth = grant.authorization;
        const what =
          auth.kind === "deposit" ? (
            <>
              Funds {listOf(auth.scopes.map((s) => SCOPE_WORDS[s]))}: <strong>{auth.spendLimits.map((c) => formatCoin(c.amount, c.denom)).join(", ") || "nothing"}</strong> left
            </>
          ) : auth.kind === "generic" ? (
            <>May send {auth.msgTypeUrl.split(".").pop()} for {direction === "given" ? "you" : "them"}</>
          ) : auth.kind === "send" ? (
            <>May send up to {auth.spendLimits.map((c) => formatCoin(c.amount, c.denom)).join(", ")}</>
          ) : (
            <>Another kind of authorization ({auth.typeUrl})</>
          );
        const key = `${grant.granter}/${grant.grantee}/${auth.kind}`;
        return (
          <Row
            key={key + (auth.kind === "generic" ? auth.msgTypeUrl : "")}
            who={
              <>
                <span className="text-xs text-muted">{direction === "given" ? "To " : "From "}</span>
                <Account address={other} />
              </>
            }
            what={what}
            when={expiryText(grant.expiresAt, now)}
            action={
              onRevoke && auth.kind === "deposit" ? (
                <Button variant="secondary" size="sm" loading={revoking === key} disabled={Boolean(revoking)} onClick={() => onRevoke(grant)}>
                  Revoke
                </Button>
              ) : undefined
            }
          />
        );
      })}
    </ul>
  );
}

function allowanceWords(grant: FeeGrant): ReactNode {
  const a = grant.allowance;
  if (a.kind === "other") return <>Another kind of allowance ({a.typeUrl})</>;
  const parts: string[] = [a.spendLimit.length ? `${a.spendLimit.map((c) => formatCoin(c.amount, c.denom)).join(", ")} left in total` : "no total limit"];
  if (a.period) {
    const days = a.period.seconds / 86_400;
    const every = days === 1 ? "a day" : Number.isInteger(days) ? `every ${days} days` : `every ${Math.round(a.period.seconds / 3600)} h`;
    parts.push(`${a.period.limit.map((c) => formatCoin(c.amount, c.denom)).join(", ")} ${every} (${a.period.canSpend.map((c) => formatCoin(c.amount, c.denom)).join(", ") || "nothing"} left${a.period.resetsAt ? `, renews ${formatDateTime(a.period.resetsAt)}` : ""})`);
  }
  if (a.allowedMessages) parts.push(`only for ${a.allowedMessages.length} message types`);
  return <>Pays fees: {parts.join("; ")}</>;
}

export function FeeAllowanceList({ allowances, direction, now, onRevoke, revoking }: { allowances: FeeGrant[]; direction: "given" | "received"; now: number; onRevoke?: (grant: FeeGrant) => void; revoking?: string | null }) {
  return (
    <ul>
      {allowances.map((grant) => {
        const key = `${grant.granter}/${grant.grantee}/fee`;
        return (
          <Row
            key={key}
            who={
              <>
                <span className="text-xs text-muted">{direction === "given" ? "To " : "From "}</span>
                <Account address={direction === "given" ? grant.grantee : grant.granter} />
              </>
            }
            what={allowanceWords(grant)}
            when={expiryText(grant.allowance.expiresAt, now)}
            action={
              onRevoke ? (
                <Button variant="secondary" size="sm" loading={revoking === key} disabled={Boolean(revoking)} onClick={() => onRevoke(grant)}>
                  Revoke
                </Button>
              ) : undefined
            }
          />
        );
      })}
    </ul>
  );
}
