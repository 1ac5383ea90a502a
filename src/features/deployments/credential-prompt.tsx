import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { getErrorMessage } from "@/lib/errors";
import { isProviderProxyError } from "@/lib/provider-proxy";
import { MissingCredentialError, useProviderAuth } from "@/shared/provider-session";

/** Explains a provider failure; for a missing/expired/revoked credential offers the one-click fix. */
export function ProviderProblem({ error, provider, onRetry }: { error: unknown; provider: string; onRetry?: () => void }) {
  const { credentials } = useProviderAuth();
  if (error instanceof MissingCredentialError) {
    const renew = error.problem !== "missing";
    return (
      <Alert
        tone="warn"
        title={renew ? (error.problem === "expired" ? "Your certificate has expired" : "Your certificate was revoked") : "A certificate is needed to reach the provider"}
        actions={
          <Button size="sm" loading={credentials.busy} disabled={credentials.busy} onClick={() => void (renew ? credentials.renew() : credentials.create())}>
            {renew ? "Renew certificate" : "Create certificate"}
          </Button>
        }
      >
        {error.message}
      </Alert>
    );
  }
  if (isProviderProxyError(error)) {
    const title =
      error.kind === "offline"
        ? "The provider is offline"
        : error.kind === "timeout"
          ? "The provider is not answering"
          : error.kind === "notFound"
            ? "The provider does not know this lease (yet)"
            : error.kind === "unauthorized" || error.kind === "credentialInvalid" || error.kind === "tokenExpired"
              ? "The provider refused your credential"
              : "The provider call failed";
    return (
      <Alert tone={error.kind === "notFound" ? "warn" : "error"} title={title} actions={onRetry && <Button size="sm" variant="secondary" onClick={onRetry}>Retry</Button>}>
        {error.message} {error.details.hint}
        {error.kind === "offline" && ` Your lease and escrow are still on chain; if ${provider} stays offline, close the deployment to get the remaining escrow back and redeploy elsewhere.`}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title="The provider call failed" actions={onRetry && <Button size="sm" variant="secondary" onClick={onRetry}>Retry</Button>}>
      {getErrorMessage(error)}
    </Alert>
  );
}
