/**
 * Where deposit grants went: for a set of grants (given by a treasury, or received by this wallet), the grantees'
 * deployments funded from them and what sits in their escrow now, next to what is left to draw.
 */
import { useQueries } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { Grant } from "@/lib/chain/authz";
import { listDeployments, type Deployment } from "@/lib/chain/deployment";
import { formatCoin, shortenAddress } from "@/lib/format/coins";
import { countOf } from "@/lib/format/words";
import { grantUsage } from "@/lib/grants/usage";
import { deploymentKeys } from "@/shared/chain-data";
import { useNetwork } from "@/shared/network";

/** `viewer`: only pairs this wallet is part of (the Authorizations page); omitted: every pair among `grantees` (a team). */
export function GrantUsageCard({ grants, grantees, title = "Where your grants went", viewer }: { grants: readonly Grant[]; grantees: readonly string[]; title?: string; viewer?: string }) {
  const { network } = useNetwork();
  const denom = network.denoms.compute;
  const id = useId();
  const reads = useQueries({
    queries: grantees.map((owner) => ({
      queryKey: deploymentKeys.list(network.id, owner),
      queryFn: ({ signal }: { signal: AbortSignal }) => listDeployments(network.restUrl, owner, signal),
      refetchInterval: 15_000,
      // A list the spend dashboard has just read (same key) is not read again on mount.
      staleTime: 10_000,
    })),
  });
  // Cheap (a pass over a few deployments' deposits): computed each render, no memo to keep in step.
  const byOwner = new Map<string, readonly Deployment[]>(grantees.map((owner, i) => [owner, reads[i]?.data ?? []]));
  const usage = grantUsage(grants, byOwner, denom).filter((u) => (viewer ? u.granter === viewer || u.grantee === viewer : grantees.includes(u.grantee)));
  const failed = reads.find((r) => r.error)?.error;

  return (
    <Card labelledBy={id}>
      <CardHeader id={id} title={title} description="Deposits drawn on deposit authorizations are recorded under the treasury that paid them: what is escrowed now in each deployment, and what is left to draw." />
      <CardBody>
        {failed && <Alert tone="error">Could not read some deployments: {failed.message}</Alert>}
        {usage.length === 0 ? (
          <p className="text-sm text-muted">No deployment is funded from a deposit authorization yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="grant-usage">
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th className="py-1 pr-3 font-medium">Treasury → teammate</th>
                  <th className="py-1 pr-3 font-medium">Left to draw</th>
                  <th className="py-1 pr-3 font-medium">In escrow now</th>
                  <th className="py-1 font-medium">Deployments funded</th>
                </tr>
              </thead>
              <tbody>
                {usage.map((u) => (
                  <tr key={`${u.granter}/${u.grantee}`} className="border-t border-border align-top">
                    <td className="py-2 pr-3 font-mono text-xs">
                      {shortenAddress(u.granter)} → {shortenAddress(u.grantee)}
                    </td>
                    <td className="py-2 pr-3 tabular-nums">{u.leftToDraw === null ? "no grant now" : formatCoin(u.leftToDraw, u.denom)}</td>
                    <td className="py-2 pr-3 tabular-nums">{formatCoin(u.escrowedNow, u.denom)}</td>
                    <td className="py-2">
                      {u.deployments.length === 0
                        ? "none yet"
                        : u.grantee === viewer || (!viewer && grantees.length === 1)
                          ? u.deployments.map((d) => (
                              <Link key={d.dseq} to={`/deployments/${d.dseq}`} className="mr-2 underline">
                                {d.dseq}
                              </Link>
                            ))
                          : `${countOf(u.deployments.length, "deployment")} (${u.deployments.map((d) => `${d.dseq}${d.state === "closed" ? ", closed" : ""}`).join("; ")})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
