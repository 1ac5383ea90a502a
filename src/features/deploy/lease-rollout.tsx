import type { Lease } from "@/lib/chain/market";
import type { AuditedProvider } from "@/lib/chain/provider";
import { useProviderSession } from "@/shared/provider-session";
import { RolloutTimeline } from "./rollout-timeline";
import { useLeaseRollout } from "./use-lease-rollout";

/** One lease's rollout: its progress, and the credential fixes its failures call for. */
/** `provider`: undefined while the provider list is read, null when the lease's provider is not registered. */
export function LeaseRollout({ lease, provider, hasManifest, fresh = false, onRedeployElsewhere }: { lease: Lease; provider: AuditedProvider | null | undefined; hasManifest: boolean; fresh?: boolean; onRedeployElsewhere?: (provider: string) => void }) {
  const { rollout, retry } = useLeaseRollout({ lease, provider, hasManifest, fresh });
  const { credentials } = useProviderSession();
  return (
    <RolloutTimeline
      rollout={rollout}
      onRetry={(renew) => void retry(renew)}
      usingCertificate={credentials.preferMtls && Boolean(credentials.serial)}
      onRedeployElsewhere={onRedeployElsewhere && (() => onRedeployElsewhere(lease.provider))}
      onRenewCertificate={async () => {
        if (await credentials.renew()) await retry(false);
      }}
    />
  );
}
