import { Card, CardBody } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Page } from "@/components/ui/page";
import { useNetwork } from "@/shared/network";
import { ConnectWalletButton, useWallet, walletLabel } from "@/shared/wallet";
import { BalancesCard } from "./balances-card";
import { FaucetCard } from "./faucet-card";
import { MintActCard } from "./mint-act-card";
import { useRefreshOnNewBlock } from "@/shared/chain-data";
import { RecentTxsCard } from "./recent-txs-card";

export function AccountPage() {
  const { network } = useNetwork();
  const { wallet } = useWallet();
  useRefreshOnNewBlock(wallet?.address);
  if (!wallet) {
    return (
      <Page title="Account" description={`Your account on ${network.label}.`}>
        <Card>
          <EmptyState title="No wallet connected" action={<ConnectWalletButton />}>
            Connect a wallet to see balances, mint ACT and sign transactions.
          </EmptyState>
        </Card>
      </Page>
    );
  }
  return (
    <Page title="Account" description={`${walletLabel(wallet.kind)} on ${network.label}`}>
      <Card>
        <CardBody className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0">
            <p className="text-xs font-medium tracking-wide text-muted uppercase">Address</p>
            <p className="font-mono text-sm break-all" data-testid="account-address">
              {wallet.address}
            </p>
          </div>
          <CopyButton value={wallet.address} label="Copy address" />
        </CardBody>
      </Card>
      <BalancesCard network={network} address={wallet.address} />
      <FaucetCard network={network} address={wallet.address} />
      <MintActCard network={network} address={wallet.address} />
      <RecentTxsCard address={wallet.address} />
    </Page>
  );
}

export default AccountPage;
