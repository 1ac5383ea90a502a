import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { ConnectWalletButton, useWallet } from "@/shared/wallet";
import type { CertificateRow, CertificateStatus } from "./model";
import { useCertificates } from "./use-certificates";
import { useProviderCredentials } from "./provider-credentials";

const statusText: Record<CertificateStatus, string> = {
  valid: "Valid",
  expired: "Expired",
  revoked: "Revoked",
  "not-yet-valid": "Not yet valid",
  pending: "Confirming",
};

const statusTone: Record<CertificateStatus, string> = {
  valid: "bg-ok/15 text-ok",
  expired: "bg-warn/15 text-warn",
  revoked: "bg-danger/15 text-danger",
  "not-yet-valid": "bg-warn/15 text-warn",
  pending: "bg-surface-2 text-muted",
};

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-pem-file" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const dateText = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) : "—");

/** Settings → Certificates: create, list, revoke, export, renew the wallet's provider (mTLS) certificates. */
export function SettingsCertificatesSection() {
  const { wallet } = useWallet();
  const certs = useCertificates();
  const { preferMtls, setPreferMtls } = useProviderCredentials();

  async function exportPem(row: CertificateRow) {
    const unlocked = row.hasKey ? await certs.unlock(row.serial).catch(() => null) : null;
    if (row.hasKey && !unlocked) {
      toast.error("The private key could not be decrypted in this browser");
      return;
    }
    download(`akash-certificate-${row.serial}.pem`, unlocked ? `${unlocked.certPem.trim()}\n${unlocked.keyPem.trim()}\n` : row.certPem);
  }

  const problem = certs.problem;
  return (
    <Card labelledBy="certificates-title">
      <CardHeader
        id="certificates-title"
        title="Certificates"
        description="Client certificates prove to providers that you own your deployments (mTLS). Private keys stay in this browser, encrypted."
        actions={
          wallet && (
            <Button size="sm" onClick={() => void certs.create()} loading={certs.busy} disabled={certs.busy}>
              Create certificate
            </Button>
          )
        }
      />
      <CardBody className="flex flex-col gap-3">
        {!wallet ? (
          <Alert title="Connect a wallet to manage its certificates" actions={<ConnectWalletButton size="sm" />} />
        ) : certs.loading ? (
          <div className="flex flex-col gap-2">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-2/3" />
          </div>
        ) : certs.error ? (
          <Alert tone="error" title="Could not load certificates">
            {certs.error.message}
          </Alert>
        ) : (
          <>
            {problem && problem.status !== "missing" && (
              <Alert
                tone="warn"
                title={problem.status === "expired" ? "Your certificate has expired" : "Your certificate was revoked"}
                actions={
                  <Button size="sm" onClick={() => void certs.renew()} loading={certs.busy} disabled={certs.busy}>
                    Renew certificate
                  </Button>
                }
              >
                Providers refuse it. Renewing revokes it and creates a new one in a single transaction.
              </Alert>
            )}
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-0.5 accent-[var(--brand)]" checked={preferMtls} onChange={(e) => setPreferMtls(e.target.checked)} />
              <span>
                Use my certificate (mTLS) for providers
                <span className="block text-xs text-muted">Otherwise the wallet signs a short-lived access token (AEP-64 JWT); wallets that cannot sign one use the certificate.</span>
              </span>
            </label>
            {certs.rows.length === 0 ? (
              <p className="text-sm text-muted">No certificates yet. Create one to reach providers with mTLS when a signed token is not available.</p>
            ) : (
              <ul className="flex flex-col divide-y divide-border rounded-lg border border-border" aria-label="Certificates">
                {certs.rows.map((row) => (
                  <li key={row.serial} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm" aria-label={`Certificate ${row.serial}`}>
                    <div className="min-w-0 flex-1">
                      <p className="flex flex-wrap items-center gap-2">
                        <span className="truncate font-mono text-xs">{row.serial}</span>
                        <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium", statusTone[row.status])}>{statusText[row.status]}</span>
                        {row.hasKey && <span className="rounded-full bg-surface-2 px-2 py-0.5 text-xs text-muted">Key in this browser</span>}
                      </p>
                      <p className="mt-0.5 text-xs text-muted">
                        Issued {dateText(row.notBefore)} · expires {dateText(row.notAfter)}
                      </p>
                    </div>
                    <div className="flex gap-2">
                      <Button size="sm" variant="secondary" onClick={() => void exportPem(row)} aria-label={`Export certificate ${row.serial}`}>
                        Export
                      </Button>
                      {row.onChain && row.status !== "revoked" && (
                        <Button size="sm" variant="danger" onClick={() => void certs.revoke([row.serial])} disabled={certs.busy} aria-label={`Revoke certificate ${row.serial}`}>
                          Revoke
                        </Button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </CardBody>
    </Card>
  );
}
