import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { leaseUriHref } from "@/lib/deployment/lease-uri";
import { TcpEndpointList } from "@/shared/lease-endpoints";
import { ROLLOUT_STEPS, stepIndex } from "./rollout-steps";
import type { LeaseRollout } from "./use-lease-rollout";

/** Per-lease progress: lease created → manifest accepted → pulling → started → ready. */
export function RolloutTimeline({
  rollout,
  onRetry,
  onRenewCertificate,
  onRedeployElsewhere,
  usingCertificate = false,
}: {
  rollout: LeaseRollout;
  onRetry: (renew: boolean) => void;
  onRenewCertificate?: () => void;
  /** Closes the deployment and starts the same SDL with another provider (absent when the SDL is not on this device). */
  onRedeployElsewhere?: () => void;
  /** The user chose the on-chain certificate (mTLS) over wallet-signed tokens. */
  usingCertificate?: boolean;
}) {
  const reached = stepIndex(rollout.step);
  const name = rollout.provider?.name ?? rollout.lease.provider;
  const error = rollout.error;
  const certificateProblem = error?.details.proxyCode === "invalidClientCertificate" || (usingCertificate && (error?.kind === "unauthorized" || error?.kind === "credentialInvalid"));
  const credentialProblem = error && !certificateProblem && (error.kind === "tokenExpired" || error.kind === "unauthorized" || error.kind === "credentialInvalid");
  return (
    <section aria-label={`Lease with ${name}`} className="rounded-xl border border-border p-4">
      <h3 className="text-sm font-semibold">
        Group {rollout.lease.gseq} on {name}
      </h3>
      <ol className="mt-3 flex flex-col gap-2" aria-label="Progress">
        {ROLLOUT_STEPS.map(({ step, label }, index) => {
          const done = index <= reached;
          const current = index === reached + 1 && rollout.busy;
          return (
            <li key={step} className="flex items-center gap-2 text-sm" data-step={step} data-done={done || undefined} aria-current={current ? "step" : undefined}>
              <span className={cn("inline-flex size-5 items-center justify-center rounded-full border text-xs", done ? "border-ok bg-ok text-white" : "border-border text-muted")} aria-hidden="true">
                {done ? "✓" : index + 1}
              </span>
              <span className={cn(done ? "text-fg" : "text-muted")}>
                {label}
                <span className="sr-only">{done ? " (done)" : current ? " (in progress)" : " (waiting)"}</span>
              </span>
              {current && <Spinner className="size-3.5" />}
              {current && step === "manifest" && rollout.attempt > 1 && <span className="text-xs text-muted">attempt {rollout.attempt}</span>}
            </li>
          );
        })}
      </ol>
      {rollout.uris.length > 0 && (
        <div className="mt-3 text-sm">
          <p className="font-medium">URIs</p>
          <ul>
            {rollout.uris.map((uri) => {
              const href = leaseUriHref(uri);
              return (
                <li key={uri}>
                  {href ? (
                    <a className="text-brand underline" href={href} target="_blank" rel="noopener noreferrer" data-testid="lease-uri">
                      {uri}
                    </a>
                  ) : (
                    <span className="break-all" title="Not an http(s) address: not linked">{uri}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {rollout.endpoints.length > 0 && (
        <div className="mt-3 text-sm">
          <p className="mb-1 font-medium">TCP/UDP endpoints</p>
          <TcpEndpointList endpoints={rollout.endpoints} label="TCP/UDP endpoints" />
        </div>
      )}
      {error && (
        <Alert
          className="mt-3"
          tone={rollout.busy ? "warn" : "error"}
          title={error.kind === "manifestRejected" ? "The provider rejected the manifest" : rollout.busy ? "Retrying…" : "Could not reach the provider"}
          actions={
            !rollout.busy && (
              <>
                {certificateProblem && onRenewCertificate && (
                  <Button size="sm" onClick={onRenewCertificate}>
                    Renew certificate and retry
                  </Button>
                )}
                {credentialProblem && (
                  <Button size="sm" onClick={() => onRetry(true)}>
                    Renew access and retry
                  </Button>
                )}
                <Button size="sm" variant="secondary" onClick={() => onRetry(false)}>
                  Retry
                </Button>
                {!certificateProblem && !credentialProblem && onRedeployElsewhere && (
                  <Button size="sm" variant="danger" onClick={onRedeployElsewhere}>
                    Close and redeploy to another provider
                  </Button>
                )}
              </>
            )
          }
        >
          <span data-testid="rollout-error">{error.message}</span>
          {error.details.hint && <span className="block">{error.details.hint}</span>}
        </Alert>
      )}
      {rollout.events.length > 0 && (
        <details className="mt-3 text-xs">
          <summary className="cursor-pointer text-muted">Provider events ({rollout.events.length})</summary>
          <ul className="mt-1 font-mono">
            {rollout.events.map((e, i) => (
              <li key={i}>
                {new Date(e.at).toLocaleTimeString()} {e.reason}: {e.note}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
