import { useEffect, useMemo } from "react";
import { Link, useLocation } from "react-router";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { useDeploymentRecords, useDeployments, useLeases } from "@/shared/chain-data";
import { useWallet } from "@/shared/wallet";
import { recoverDeployments } from "./recovery";
import { useForgetRecord } from "./use-forget-record";

/**
 * "You have a deployment waiting for a provider": deployments this device created that have no lease
 * yet (including a flow interrupted by a closed tab or a crash right after the deployment transaction).
 * Reads the owner's deployments and leases through the shared cache (the deployments list shares them), only
 * while this device has records for the owner.
 */
export function RecoveryBanner() {
  const { wallet } = useWallet();
  const location = useLocation();
  const owner = wallet?.address;
  const records = useDeploymentRecords(owner);
  const watched = records.data?.length ? owner : undefined;
  const deployments = useDeployments(watched);
  const leases = useLeases(watched);
  const { waiting, abandoned } = useMemo(
    () => recoverDeployments(records.data ?? [], deployments.data, leases.data, deployments.dataUpdatedAt),
    [records.data, deployments.data, leases.data, deployments.dataUpdatedAt],
  );

  const { mutate: forget } = useForgetRecord();
  const forgettable = abandoned.map((r) => r.dseq).join(",");
  useEffect(() => {
    if (owner && forgettable) for (const dseq of forgettable.split(",")) forget({ owner, dseq });
  }, [forgettable, owner, forget]);

  const items = waiting.filter((r) => !location.pathname.startsWith(`/deployments/${r.dseq}`));
  if (!items.length) return null;
  return (
    <div className="px-4 pt-3" data-testid="recovery-banner">
      {items.slice(0, 3).map((r) => (
        <Alert
          key={r.dseq}
          tone="warn"
          className="mb-2"
          title={`You have a deployment waiting for a provider: ${r.name}`}
          actions={
            <Link to={`/deployments/${r.dseq}/bids`} className={buttonClasses("primary", "sm")}>
              Review bids
            </Link>
          }
        >
          Deployment {r.dseq} holds your deposit until you accept a bid or close it.
        </Alert>
      ))}
    </div>
  );
}
export default RecoveryBanner;
