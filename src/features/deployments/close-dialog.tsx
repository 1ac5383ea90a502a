import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { getErrorMessage } from "@/lib/errors";
import type { PersistentVolume } from "@/lib/chain/deployment";
import { countOf, listOf } from "@/lib/format/words";
import { shortenAddress } from "@/lib/format/coins";
import { formatBytes } from "@/lib/provider-proxy/provider-status";
import { Term } from "@/components/ui/term";
import { formatMicro } from "./format";
import { useCloseDeployments } from "@/shared/deployment-actions";

export interface CloseTarget {
  owner: string;
  dseq: string;
  name?: string;
  denom: string;
  /** Escrow left now (micro-units): what a close returns to the depositors. */
  refund: number;
  activeLeases: number;
  /** Persistent volumes: their data is deleted with the lease, so the dialog says so before anyone signs. */
  persistentVolumes?: readonly PersistentVolume[];
  /** Treasuries whose deposit authorizations funded it: their part of the refund goes back to them. */
  otherDepositors?: readonly string[];
}

const closeRequest = (t: CloseTarget) => ({ owner: t.owner, dseq: t.dseq, refund: { denom: t.denom, base: t.refund } });

function volumeText(v: PersistentVolume): string {
  return `${v.name || "unnamed"} (${formatBytes(v.bytes)}${v.storageClass ? `, ${v.storageClass}` : ""})`;
}

/** What a close destroys besides the workloads: the data on persistent volumes (kept only for the lease's life). */
function PersistentDataWarning({ targets }: { targets: readonly CloseTarget[] }) {
  const withData = targets.filter((t) => (t.persistentVolumes?.length ?? 0) > 0);
  if (withData.length === 0) return null;
  return (
    <Alert tone="warn" title="The data on persistent storage is deleted too">
      <Term id="persistentStorage">Persistent storage</Term> lives on the provider only as long as the lease: closing deletes{" "}
      {withData.length === 1 && targets.length === 1
        ? `the volume${withData[0]!.persistentVolumes!.length === 1 ? "" : "s"} ${listOf(withData[0]!.persistentVolumes!.map(volumeText))}`
        : listOf(withData.map((t) => `${listOf(t.persistentVolumes!.map(volumeText))} of ${t.name || t.dseq}`))}
      , and it cannot be recovered. Copy what you need first (for example a database dump from the Shell tab).
    </Alert>
  );
}

/** Closes one or several deployments in a single transaction, after showing what comes back. */
export function CloseDialog({ targets, onClose, onClosed }: { targets: CloseTarget[]; onClose: () => void; onClosed?: (dseqs: string[]) => void }) {
  const close = useCloseDeployments();
  const total = new Map<string, number>();
  for (const t of targets) total.set(t.denom, (total.get(t.denom) ?? 0) + t.refund);
  const leases = targets.reduce((s, t) => s + t.activeLeases, 0);
  const treasuries = [...new Set(targets.flatMap((t) => t.otherDepositors ?? []))];

  function confirm() {
    if (close.isPending || targets.length === 0) return;
    close.mutate(targets.map(closeRequest), {
      onSuccess: (tx) => {
        if (!tx) return;
        onClosed?.(targets.map((t) => t.dseq));
        dismiss();
      },
    });
  }

  function dismiss() {
    close.reset();
    onClose();
  }

  return (
    <Dialog open={targets.length > 0} onClose={dismiss} title={targets.length === 1 ? `Close deployment ${targets[0]!.dseq}?` : `Close ${targets.length} deployments?`}>
      <div className="flex flex-col gap-4">
        <ul className="flex flex-col gap-1 text-sm" aria-label="Refund summary">
          {targets.map((t) => (
            <li key={t.dseq} className="flex justify-between gap-4">
              <span className="min-w-0 truncate">
                {t.name ? `${t.name} ` : ""}
                <span className="font-mono text-xs text-muted">{t.dseq}</span>
              </span>
              <span className="tabular-nums">{formatMicro(t.refund, t.denom)}</span>
            </li>
          ))}
        </ul>
        <Alert title={`About ${[...total].map(([d, a]) => formatMicro(a, d)).join(" + ") || "nothing"} ${treasuries.length ? "returns to those who paid it" : "returns to your wallet"}`}>
          {treasuries.length > 0 && `What a treasury's deposit authorization paid goes back to it (${listOf(treasuries.map((a) => shortenAddress(a)))}); what you paid comes back to your wallet. `}
          {leases > 0 ? `${countOf(leases, "active lease")} will stop and the providers remove the workloads. ` : ""}The escrow is settled first, so the exact refund can be a little lower. This cannot be undone.
        </Alert>
        <PersistentDataWarning targets={targets} />
        {close.error && <Alert tone="error" title="The deployments were not closed">{getErrorMessage(close.error)}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={dismiss}>
            Keep running
          </Button>
          <Button variant="danger" onClick={confirm} loading={close.isPending} disabled={close.isPending}>
            {targets.length === 1 ? "Close deployment" : `Close ${targets.length} deployments`}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
