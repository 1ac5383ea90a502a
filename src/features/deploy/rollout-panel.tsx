import { Link } from "react-router";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { leaseKey, type Lease } from "@/lib/chain/market";
import type { AuditedProvider } from "@/lib/chain/provider";
import { NoProxyNotice, useNetwork } from "@/shared/network";
import { LeaseRollout } from "./lease-rollout";

/** "Starting your deployment": one rollout per active lease. */
/** `providers`: undefined while the provider list is read. */
/** `freshLeases`: keys (`leaseKey`) of leases this page just created; they get the manifest without a status read first. */
/** `onRedeployElsewhere`: after a failed start, close and redeploy without that provider (absent without the SDL). */
export function RolloutPanel({ dseq, leases, providers, hasManifest, freshLeases, onRedeployElsewhere }: { dseq: string; leases: Lease[]; providers: ReadonlyMap<string, AuditedProvider> | undefined; hasManifest: boolean; freshLeases: ReadonlySet<string>; onRedeployElsewhere?: (provider: string) => void }) {
  const { network } = useNetwork();
  return (
    <Card>
      <CardBody>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold">Starting your deployment</h2>
          <Link to={`/deployments/${dseq}`} className={buttonClasses("secondary", "sm")}>
            Open deployment
          </Link>
        </div>
        {!network.proxyUrl && <NoProxyNotice pending />}
        {!hasManifest && <p className="text-sm text-muted">The manifest is not on this device, so it cannot be sent from here.</p>}
        <div className="grid gap-3 md:grid-cols-2">
          {leases.map((lease) => (
            <LeaseRollout key={`${lease.gseq}/${lease.oseq}/${lease.provider}`} lease={lease} provider={providers && (providers.get(lease.provider) ?? null)} hasManifest={hasManifest} fresh={freshLeases.has(leaseKey(lease))} onRedeployElsewhere={onRedeployElsewhere} />
          ))}
        </div>
      </CardBody>
    </Card>
  );
}
