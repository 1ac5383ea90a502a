import { useMemo, useState, type ChangeEvent } from "react";
import { diffLines } from "diff";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TextAreaField } from "@/components/ui/field";
import type { Deployment } from "@/lib/chain/deployment";
import type { Lease } from "@/lib/chain/market";
import type { DeploymentRecord } from "@/lib/deployment/local-store";
import { prepareManifest } from "@/lib/deployment/manifest";
import { getErrorMessage } from "@/lib/errors";
import { shortenAddress } from "@/lib/format/coins";
import { isProviderProxyError } from "@/lib/provider-proxy";
import { useDeploymentRecord } from "@/shared/chain-data";
import { networkKey, readJson, useNetwork, writeJson } from "@/shared/network";
import { SdlStatus, SdlWorkbench, useSdlText, useSdlValidation } from "@/shared/sdl-editing";
import { useWallet } from "@/shared/wallet";
import { chainVersionHex } from "./manifest-version";
import { useImportSdl, useUpdateDeployment, type ManifestSendResult } from "./mutations";

function describeSendError(result: ManifestSendResult): string {
  if (result.ok) return "accepted";
  const { error } = result;
  if (isProviderProxyError(error)) return `${error.message}${error.details.hint ? ` ${error.details.hint}` : ""}`;
  return getErrorMessage(error);
}

/** Update (edit SDL → diff → MsgUpdateDeployment when the version changes → resend manifest) and SDL import. */
export function UpdateTab({ deployment, leases }: { deployment: Deployment; leases: Lease[] }) {
  const { wallet } = useWallet();
  const record = useDeploymentRecord(wallet?.address, deployment.dseq);
  if (record.isPending) return null;
  if (!record.data) return <ImportSdl deployment={deployment} />;
  return <EditSdl deployment={deployment} leases={leases} record={record.data} />;
}

function ImportSdl({ deployment }: { deployment: Deployment }) {
  const importSdl = useImportSdl();
  const [text, setText] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const onChainHex = chainVersionHex(deployment.hashB64);

  function change(value: string) {
    setText(value);
    setFileError(null);
    importSdl.reset();
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > 1_000_000) return setFileError("That file is larger than 1 MB; an SDL is a few KB.");
    change(await file.text());
  }

  function verify() {
    importSdl.mutate({ deployment, sdl: text }, { onSuccess: () => toast.success("SDL imported", { description: "It matches the version on chain." }) });
  }

  return (
    <Card labelledBy="import-title">
      <CardHeader id="import-title" title="Import SDL" description="This deployment was created elsewhere (CLI or another browser), so its SDL is not in this browser. The chain keeps only its manifest version hash." />
      <CardBody className="flex flex-col gap-3">
        <TextAreaField label="SDL (YAML)" rows={12} value={text} onChange={(e) => change(e.target.value)} spellCheck={false} placeholder={'version: "2.0"\nservices:\n  …'} error={fileError ?? (importSdl.error ? getErrorMessage(importSdl.error) : null)} />
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm">
            <span className="sr-only">SDL file</span>
            <input type="file" accept=".yml,.yaml,.txt,text/yaml" onChange={(e) => void onFile(e)} aria-label="SDL file" className="text-sm file:mr-3 file:rounded-lg file:border file:border-border file:bg-surface file:px-3 file:py-1.5 file:text-sm" />
          </label>
          <Button className="ml-auto" onClick={verify} disabled={!text.trim() || importSdl.isPending} loading={importSdl.isPending}>
            Verify and import
          </Button>
        </div>
        <p className="text-xs text-muted">On-chain version: <span className="font-mono">{onChainHex || "—"}</span></p>
      </CardBody>
    </Card>
  );
}

function EditSdl({ deployment, leases, record }: { deployment: Deployment; leases: Lease[]; record: DeploymentRecord }) {
  const { network } = useNetwork();
  const requireUact = network.denoms.compute === "uact";
  const update = useUpdateDeployment();
  const draftKey = networkKey(network.id, `deployment-draft:${deployment.owner}:${deployment.dseq}`);
  const [initialText] = useState(() => readJson<string>(draftKey) ?? record.sdl);
  const [invalid, setInvalid] = useState<string | null>(null);
  /** What is being reviewed: the edit against the SDL it started from (the record changes once applied). */
  const [reviewed, setReviewed] = useState<{ base: string; versionHex: string } | null>(null);
  const sdl = useSdlText(initialText, (value) => {
    setInvalid(null);
    setReviewed(null);
    // The edit survives a reload or a failed transaction until it is applied.
    if (value === record.sdl) localStorage.removeItem(draftKey);
    else writeJson(draftKey, value);
  });
  const { text, changedAt, applyText } = sdl;
  const validation = useSdlValidation(text, { requireUact }, changedAt);
  const onChainHex = chainVersionHex(deployment.hashB64);
  const active = deployment.state === "active";
  const changed = text !== record.sdl;
  const diff = useMemo(() => (reviewed ? diffLines(reviewed.base, text) : []), [reviewed, text]);
  const results = update.data?.results;
  const failed = results?.filter((r) => !r.ok) ?? [];

  async function review() {
    const result = await prepareManifest(text, { requireUact });
    if (!result.ok) return setInvalid(result.error);
    setReviewed({ base: record.sdl, versionHex: result.value.versionHex });
  }

  function apply(onlyResend: boolean) {
    if (update.isPending) return;
    update.mutate(
      { deployment, leases, record, sdl: onlyResend ? record.sdl : text },
      {
        onSuccess: (outcome) => {
          // null: nothing was signed or the transaction failed; the reviewed edit stays for a retry.
          if (!outcome) return;
          localStorage.removeItem(draftKey);
          setReviewed(null);
          const { results: sent, updatedOnChain } = outcome;
          if (sent.every((r) => r.ok)) toast.success(updatedOnChain ? "Deployment updated" : "Manifest sent", { description: sent.length ? `Accepted by ${sent.length} provider${sent.length === 1 ? "" : "s"}.` : undefined });
        },
      },
    );
  }

  return (
    <Card labelledBy="update-title">
      <CardHeader
        id="update-title"
        title="Update"
        description="Edit the SDL, review the changes, then update the deployment on chain and send the new manifest to its providers."
        actions={
          active && (
            <Button size="sm" variant="secondary" onClick={() => apply(true)} disabled={update.isPending || changed} title={changed ? "Apply or discard your edits first" : undefined}>
              Resend manifest
            </Button>
          )
        }
      />
      <CardBody className="flex flex-col gap-3">
        {record.manifestVersion && onChainHex && record.manifestVersion !== onChainHex && (
          <Alert tone="warn" title="The saved SDL is not the version running on chain">
            The deployment was updated elsewhere. Import the running SDL, or update the deployment with this one.
          </Alert>
        )}
        {!active && <Alert title="This deployment is closed; it can no longer be updated." />}
        <div className="flex flex-wrap items-center gap-3">
          <SdlStatus validation={validation} text={text} />
          <span className="text-xs text-muted">The same editor and form as Deploy: edit the YAML or switch to Form.</span>
        </div>
        {validation.workerError && <Alert tone="error" title="Validation is unavailable">{validation.workerError}. Your text is kept; the review still checks it.</Alert>}
        <SdlWorkbench sdl={sdl} validation={validation} readOnly={!active || update.isPending} editorHeight="h-[55vh]" />
        {invalid && <Alert tone="error" title="The SDL is not valid">{invalid}</Alert>}
        {reviewed && (
          <section aria-label="Changes" className="flex flex-col gap-2">
            <h3 className="text-sm font-medium">Changes</h3>
            <pre className="max-h-80 overflow-auto rounded-lg border border-border bg-surface-2 p-3 font-mono text-xs" data-testid="sdl-diff">
              {diff.map((part, i) =>
                part.value
                  .replace(/\n$/, "")
                  .split("\n")
                  .map((line, j) => (
                    <div key={`${i}-${j}`} className={cn(part.added ? "bg-ok/15 text-ok" : part.removed ? "bg-danger/15 text-danger" : "text-muted")}>
                      {part.added ? "+ " : part.removed ? "- " : "  "}
                      {line}
                    </div>
                  )),
              )}
            </pre>
            <p className="text-sm text-muted">
              {reviewed.versionHex === onChainHex ? "The manifest version is unchanged, so no transaction is needed: the manifest is only sent to the providers again." : "The manifest version changes: you sign “Update deployment”, then the new manifest goes to every provider."}
            </p>
          </section>
        )}
        {update.error && <Alert tone="error" title="The deployment was not updated">{getErrorMessage(update.error)}</Alert>}
        {failed.length > 0 && (
          <Alert tone="error" title="Some providers did not accept the manifest" actions={<Button size="sm" variant="secondary" onClick={() => apply(true)} disabled={update.isPending}>Resend manifest</Button>}>
            <ul className="list-disc pl-4">
              {failed.map((r) => (
                <li key={r.provider}>
                  {shortenAddress(r.provider)}: {describeSendError(r)}
                </li>
              ))}
            </ul>
            The update is saved in this browser; resend when the provider is back.
          </Alert>
        )}
        {results && results.length > 0 && failed.length === 0 && <Alert tone="success" title={`Manifest accepted by ${results.length} provider${results.length === 1 ? "" : "s"}`} />}
        {active && (
          <div className="flex justify-end gap-2">
            {changed && (
              <Button variant="secondary" onClick={() => applyText(record.sdl)} disabled={update.isPending}>
                Discard changes
              </Button>
            )}
            {!reviewed ? (
              <Button onClick={() => void review()} disabled={!changed}>
                Review changes
              </Button>
            ) : (
              <Button onClick={() => apply(false)} loading={update.isPending} disabled={update.isPending}>
                Update deployment
              </Button>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
