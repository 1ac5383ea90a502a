import { useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Page } from "@/components/ui/page";
import { Spinner } from "@/components/ui/spinner";
import { ConnectWalletButton } from "@/shared/wallet";
import { DeploymentAlerts } from "./deployment-alerts";
import { LiveAuction } from "./live-auction";
import { OfflineBidWarning } from "./offline-bid-warning";
import { RolloutPanel } from "./rollout-panel";
import { useAuction } from "./use-auction";

/** `/deployments/:dseq/bids`: the live auction of a deployment, then its leases' rollout. */
export function AuctionPage() {
  const { dseq = "" } = useParams();
  const auction = useAuction(dseq);

  if (!auction.connected) {
    return (
      <Page title={`Deployment ${dseq}`}>
        <Alert title="Connect your wallet" actions={<ConnectWalletButton />}>
          Bids and leases belong to the deployment's owner. Connect the wallet that created deployment {dseq}.
        </Alert>
      </Page>
    );
  }

  const { phase, deployment } = auction;
  const closeButton = deployment.data?.state === "active" && (
    <Button variant="danger" onClick={() => void auction.close()} loading={auction.closing} disabled={auction.accepting || auction.closing}>
      Close deployment
    </Button>
  );
  return (
    <Page title={auction.name} description={`dseq ${dseq}${auction.escrow ? ` · escrow ${auction.escrow}` : ""}`} actions={closeButton}>
      <div className="flex flex-col gap-4">
        <DeploymentAlerts dseq={dseq} auction={auction} />
        {phase === "leased" && <RolloutPanel dseq={dseq} leases={auction.activeLeases} providers={auction.providers} hasManifest={Boolean(auction.record.data)} freshLeases={auction.freshLeases} onRedeployElsewhere={auction.closeAndRedeploy} />}
        {phase === "open" && auction.excluded.length > 0 && (
          <p className="text-sm text-muted" data-testid="excluded-providers">
            Bids from {auction.excluded.join(", ")} are left out: {auction.excluded.length === 1 ? "it" : "they"} could not start this deployment before.
          </p>
        )}
        {phase === "open" && <LiveAuction auction={auction} closeButton={closeButton} />}
        <OfflineBidWarning auction={auction} />
        {deployment.isPending && (
          <p className="flex items-center gap-2 text-sm text-muted">
            <Spinner className="size-4" /> Loading deployment…
          </p>
        )}
      </div>
    </Page>
  );
}

export default AuctionPage;
