import { Link } from "react-router";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Page } from "@/components/ui/page";
import { cn } from "@/components/ui/cn";
import { BalancesCard } from "@/features/account";
import { useBalances, useRefreshOnNewBlock } from "@/shared/chain-data";
import { useNetwork, useNodeHealth } from "@/shared/network";
import { ConnectWalletButton, useWallet } from "@/shared/wallet";
import { amountOf } from "@/lib/chain/coins";

export function HomePage() {
  const { network } = useNetwork();
  const { health } = useNodeHealth();
  const { wallet } = useWallet();
  useRefreshOnNewBlock(wallet?.address);
  const balances = useBalances(wallet?.address);
  const hasAkt = amountOf(balances.data, network.denoms.fee) > 0n;
  const hasAct = amountOf(balances.data, network.denoms.compute) > 0n;
  const steps = [
    { done: Boolean(wallet), title: "Connect a wallet", text: network.builtinWallet ? "Use the built-in devnet wallet or a browser extension." : "Keplr, Leap or Cosmostation.", action: wallet ? null : <ConnectWalletButton size="sm" /> },
    { done: hasAkt, title: network.faucetUrl ? "Fund it with test AKT" : "Hold some AKT", text: network.faucetUrl ? "One click on the faucet in your account page." : "AKT pays network fees and is burnt to mint ACT.", action: wallet && !hasAkt ? <Link className={buttonClasses("secondary", "sm")} to="/account">Open account</Link> : null },
    { done: hasAct, title: "Mint ACT", text: "Deployments are priced and funded in ACT, minted by burning AKT.", action: wallet && hasAkt && !hasAct ? <Link className={buttonClasses("secondary", "sm")} to="/account">Mint ACT</Link> : null },
    { done: false, title: "Deploy from a template", text: "Pick a template, adjust the SDL, review the cost, and choose a provider's bid.", action: <Link className={buttonClasses("secondary", "sm")} to="/templates">Browse templates</Link> },
  ];
  return (
    <Page title="Welcome to Akash Console" description="Deploy containers on the Akash decentralized cloud.">
      <div className="grid gap-6 lg:grid-cols-[1.4fr_1fr]">
        <Card labelledBy="start-title">
          <CardHeader id="start-title" title="Get started" description={`On ${network.label}`} />
          <ol className="divide-y divide-border">
            {steps.map((step, i) => (
              <li key={step.title} className="flex items-start gap-4 px-5 py-4">
                <span className={cn("flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold", step.done ? "bg-ok/15 text-ok" : "bg-surface-2 text-muted")} aria-hidden="true">
                  {step.done ? "✓" : i + 1}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium">
                    {step.title}
                    {step.done && <span className="sr-only"> (done)</span>}
                  </p>
                  <p className="text-sm text-muted">{step.text}</p>
                </div>
                {step.action}
              </li>
            ))}
          </ol>
        </Card>
        <Card labelledBy="net-title" className="self-start">
          <CardHeader id="net-title" title="Network" />
          <CardBody>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted">Name</dt>
              <dd>{network.label}</dd>
              <dt className="text-muted">Chain id</dt>
              <dd className="font-mono text-xs leading-5">{health?.chainId ?? (network.chainId || "—")}</dd>
              <dt className="text-muted">Block</dt>
              <dd className="tabular-nums">{health?.height?.toLocaleString("en-US") ?? "—"}</dd>
              <dt className="text-muted">Status</dt>
              <dd className={health?.state === "ok" ? "text-ok" : "text-danger"}>{!health ? "Checking…" : health.state === "ok" ? "Healthy" : health.message}</dd>
            </dl>
            <Link to="/settings" className="mt-4 inline-block text-sm text-brand hover:underline">
              Network settings
            </Link>
          </CardBody>
        </Card>
      </div>
      {wallet && <BalancesCard network={network} address={wallet.address} actions={<Link className={buttonClasses("secondary", "sm")} to="/account">Account</Link>} />}
    </Page>
  );
}

export default HomePage;
