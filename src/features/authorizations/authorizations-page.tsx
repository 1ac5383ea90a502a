/**
 * Authorizations: the deposit authorizations and fee allowances this wallet gave and received. A treasury funds
 * teammates here; a teammate sees what it may draw on. Everything is read from the chain (x/authz, x/feegrant).
 */
import { useId, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Page } from "@/components/ui/page";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorMessage } from "@/lib/errors";
import { useDepositGrantsGiven, useDepositGrantsReceived, useFeeAllowancesGiven, useFeeAllowancesReceived } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";
import { ConnectWalletButton, useWallet } from "@/shared/wallet";
import { GrantDepositDialog } from "./grant-deposit-dialog";
import { GrantFeeDialog } from "./grant-fee-dialog";
import { AuthzGrantList, FeeAllowanceList } from "./grant-lists";
import { GrantUsageCard } from "./grant-usage-card";
import { useRevokeGrant } from "./mutations";

function Section<T>({ title, description, query, empty, children, action }: { title: string; description: string; query: { data?: T[]; error: Error | null; isPending: boolean }; empty: string; children: (items: T[]) => ReactNode; action?: ReactNode }) {
  const id = useId();
  return (
    <Card labelledBy={id}>
      <CardHeader id={id} title={title} description={description} actions={action} />
      <CardBody>
        {query.error ? (
          <Alert tone="error" title="Could not read these from the node">
            {getErrorMessage(query.error)} Some nodes do not serve authz or feegrant queries; try another node for this network in Settings.
          </Alert>
        ) : query.isPending ? (
          <Skeleton className="h-10" />
        ) : query.data && query.data.length ? (
          children(query.data)
        ) : (
          <p className="text-sm text-muted">{empty}</p>
        )}
      </CardBody>
    </Card>
  );
}

export default function AuthorizationsPage() {
  const { network } = useNetwork();
  const { wallet } = useWallet();
  const address = wallet?.address;
  const given = useDepositGrantsGiven(address);
  const received = useDepositGrantsReceived(address);
  const feeGiven = useFeeAllowancesGiven(address);
  const feeReceived = useFeeAllowancesReceived(address);
  const revoke = useRevokeGrant();
  const [dialog, setDialog] = useState<"deposit" | "fee" | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  // Expired-or-not is judged at page load; the lists refresh every 15 s and a reload re-judges.
  const [now] = useState(() => Date.now());

  if (!address) {
    return (
      <Page title="Authorizations" description={`Fund teammates on ${network.label}.`}>
        <Card>
          <EmptyState title="No wallet connected" action={<ConnectWalletButton />}>
            Connect a wallet to grant teammates deposits and fees, or to see what you were granted.
          </EmptyState>
        </Card>
      </Page>
    );
  }

  function revokeOne(kind: "deposit" | "fee", granter: string, grantee: string) {
    const key = `${granter}/${grantee}/${kind}`;
    setRevoking(key);
    revoke.mutate({ kind, granter, grantee }, { onSettled: () => setRevoking(null) });
  }

  return (
    <Page
      title="Authorizations"
      description="A treasury wallet funds its team here: deposit authorizations pay for teammates' deployments, fee allowances pay their transaction fees. Both can be revoked at any time."
      actions={
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setDialog("deposit")}>Grant deposits</Button>
          <Button variant="secondary" onClick={() => setDialog("fee")}>
            Pay fees
          </Button>
        </div>
      }
    >
      {revoke.error && <Alert tone="error" title="The revocation was not sent">{getErrorMessage(revoke.error)}</Alert>}
      <Section title="Deposit authorizations you gave" description="Teammates who may fund deployments from this wallet, and what they have left." query={given} empty="You have not granted deposits to anyone.">
        {(grants) => <AuthzGrantList grants={grants} direction="given" now={now} revoking={revoking} onRevoke={(g) => revokeOne("deposit", g.granter, g.grantee)} />}
      </Section>
      <Section title="Deposit authorizations you received" description="Treasuries you may fund deployments from: offered when you deploy or top up." query={received} empty="No one has granted you deposits.">
        {(grants) => <AuthzGrantList grants={grants} direction="received" now={now} />}
      </Section>
      {(given.data?.some((g) => g.authorization.kind === "deposit") || received.data?.some((g) => g.authorization.kind === "deposit")) && (
        <GrantUsageCard
          viewer={address}
          grants={[...(given.data ?? []), ...(received.data ?? [])]}
          grantees={[...new Set([...(given.data ?? []).filter((g) => g.authorization.kind === "deposit").map((g) => g.grantee), address])]}
        />
      )}
      <Section title="Fee allowances you gave" description="Teammates whose transaction fees this wallet pays." query={feeGiven} empty="You are not paying anyone's fees.">
        {(allowances) => <FeeAllowanceList allowances={allowances} direction="given" now={now} revoking={revoking} onRevoke={(g) => revokeOne("fee", g.granter, g.grantee)} />}
      </Section>
      <Section title="Fee allowances you received" description="Wallets that pay your transaction fees: used when you sign, so you need no AKT." query={feeReceived} empty="No one pays your fees.">
        {(allowances) => <FeeAllowanceList allowances={allowances} direction="received" now={now} />}
      </Section>
      <GrantDepositDialog open={dialog === "deposit"} granter={address} onClose={() => setDialog(null)} />
      <GrantFeeDialog open={dialog === "fee"} granter={address} onClose={() => setDialog(null)} />
    </Page>
  );
}
