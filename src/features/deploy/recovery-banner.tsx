import { useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "react-router";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { useNetwork } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { deploymentStore, type DeploymentRecordSummary } from "@/lib/deployment/local-store";
import { getDeployment, listLeases } from "@/lib/deployment/queries";
import { reconcilePending } from "./reconcile";

/**
 * "You have a deployment waiting for a provider": deployments this device created that have no lease
 * yet (including a flow interrupted by a closed tab or a crash right after the deployment transaction).
 */
export function RecoveryBanner() {
  const { network } = useNetwork();
  const { wallet } = useWallet();
  const location = useLocation();
  const owner = wallet?.address;
  const waiting = useQuery({
    queryKey: ["chain", network.id, "deploy-recovery", owner ?? ""],
    enabled: Boolean(owner),
    refetchInterval: 30_000,
    queryFn: async ({ signal }) => {
      const store = deploymentStore();
      const out: DeploymentRecordSummary[] = [];
      for (const record of store.list(network.id, owner!)) {
        if (record.status === "closed" || record.status === "leased") continue;
        if (record.status === "pending") {
          const outcome = await reconcilePending(network, owner!, record.dseq, record.updatedAt);
          if (!outcome.ok) continue;
        }
        const [deployment, leases] = await Promise.all([getDeployment(network.restUrl, owner!, record.dseq, signal), listLeases(network.restUrl, owner!, record.dseq, signal)]);
        if (!deployment || deployment.state === "closed") {
          if (deployment) await store.update(network.id, owner!, record.dseq, { status: "closed" });
          continue;
        }
        if (leases.some((l) => l.state === "active")) {
          await store.update(network.id, owner!, record.dseq, { status: "leased" });
          continue;
        }
        out.push(record);
      }
      return out;
    },
  });
  const items = (waiting.data ?? []).filter((r) => !location.pathname.startsWith(`/deployments/${r.dseq}`));
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
