import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { useNetwork } from "@/shared/network";
import type { Auction } from "./use-auction";

/** What the chain and this device say about the deployment, when it is not simply open or leased. */
export function DeploymentAlerts({ dseq, auction }: { dseq: string; auction: Auction }) {
  const { network } = useNetwork();
  const { deployment, record, phase } = auction;
  return (
    <>
      {deployment.isError && <Alert tone="error" title="The node is not answering">{deployment.error.message}. Bids keep arriving on chain; this page catches up when the node is back.</Alert>}
      {phase === "pending" && (
        <Alert tone="warn" title="This deployment is not on chain yet">
          The transaction was not confirmed. If it was never sent, <Link className="underline" to="/deploy">deploy again from the editor</Link>.
        </Alert>
      )}
      {phase === "abandoned" && (
        <Alert tone="warn" title="This deployment never reached the chain">
          Its transaction was not included and no longer can be. <Link className="underline" to="/deploy">Deploy again from the editor</Link>.
        </Alert>
      )}
      {phase === "missing" && <Alert tone="error" title="Deployment not found">No deployment {dseq} is owned by this wallet on {network.label}.</Alert>}
      {record.isSuccess && !record.data && deployment.data && (
        <Alert tone="warn" title="No SDL on this device">This deployment was created elsewhere; its manifest cannot be sent from here. You can still close it to get the deposit back.</Alert>
      )}
      {phase === "closed" && (
        <Alert tone="success" title="Deployment closed">
          The remaining deposit was returned to your wallet. <Link className="underline" to="/deploy">Create another deployment</Link>
        </Alert>
      )}
    </>
  );
}
