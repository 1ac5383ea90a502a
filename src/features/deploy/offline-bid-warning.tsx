import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { Auction } from "./use-auction";

/** Before a lease with a provider shown offline: it may never start the workload, and the deposit then waits in escrow. */
export function OfflineBidWarning({ auction }: { auction: Auction }) {
  const picks = auction.offlinePicks;
  const names = picks?.providers.join(", ") ?? "";
  return (
    <Dialog open={picks !== null} onClose={auction.cancelOfflinePicks} title={picks && picks.providers.length > 1 ? "These providers are offline" : "This provider is offline"}>
      <div className="flex flex-col gap-4">
        <Alert tone="warn" title={`${names} did not answer just now`}>
          A lease starts paying the provider from the deployment's escrow at once, but an offline provider cannot run your workload. If it does not come back, close the deployment to get the rest of the deposit back. Choosing another bid is safer.
        </Alert>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={auction.cancelOfflinePicks}>
            Choose another bid
          </Button>
          <Button variant="danger" onClick={() => void auction.acceptOfflineAnyway()} loading={auction.accepting}>
            Accept anyway
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
