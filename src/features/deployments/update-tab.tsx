import { useMemo, useState, type ChangeEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { diffLines } from "diff";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TextAreaField } from "@/components/ui/field";
import { networkKey, readJson, useNetwork, writeJson } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { deploymentStore, type DeploymentRecord } from "@/lib/deployment/local-store";
import { isProviderProxyError } from "@/lib/provider-proxy";
import { shortenAddress } from "@/lib/format/coins";
import type { Deployment, Lease } from "./chain";
import { buildManifest, type BuiltManifest } from "./manifest";
import { useManifestSender, type ManifestSendResult } from "./manifest-sender";
import { buildUpdateDeploymentMsg } from "./messages";
import { useLocalRecord } from "./names";

function b64ToHex(b64: string): string {
  try {
    return Array.from(atob(b64), (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  } catch {
    return "";
  }
}

function describeSendError(error: unknown): string {
  if (isProviderProxyError(error)) return `${error.message}${error.details.hint ? ` ${error.details.hint}` : ""}`;
  return error instanceof Error ? error.message : String(error);
}

/** Update (edit SDL → diff → MsgUpdateDeployment when the version changes → resend manifest) and SDL import. */
export function UpdateTab({ deployment, leases }: { deployment: Deployment; leases: Lease[] }) {
  const { wallet } = useWallet();
  const record = useLocalRecord(wallet?.address, deployment.dseq);
  if (record.isPending) return null;
  if (!record.data) return <ImportSdl deployment={deployment} leases={leases} />;
  return <EditSdl deployment={deployment} leases={leases} record={record.data} />;
}

function useSaveRecord() {
  const queryClient = useQueryClient();
  return async (record: DeploymentRecord) => {
    await deploymentStore().save(record);
    await queryClient.invalidateQueries({ queryKey: ["local", record.networkId, "deployment-records", record.owner] });
  };
}

function ImportSdl({ deployment, leases }: { deployment: Deployment; leases: Lease[] }) {
  const { network } = useNetwork();
  const save = useSaveRecord();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const onChainHex = b64ToHex(deployment.hashB64);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > 1_000_000) return setError("That file is larger than 1 MB; an SDL is a few KB.");
    setText(await file.text());
    setError(null);
  }

  async function verify() {
    setChecking(true);
    try {
      const built = await buildManifest(text);
      if (!built.ok) return setError(`This SDL is not valid: ${built.errors.slice(0, 3).join(" ")}`);
      if (built.versionHex !== onChainHex) {
        return setError(`This SDL does not match the deployment on chain: its manifest version is ${built.versionHex.slice(0, 12)}…, the chain has ${onChainHex.slice(0, 12)}…. Import the exact SDL the deployment runs (same images, env, resources and prices).`);
      }
      const now = Date.now();
      await save({
        networkId: network.id,
        owner: deployment.owner,
        dseq: deployment.dseq,
        name: "",
        sdl: text,
        manifestJson: built.manifestJson,
        manifestVersion: built.versionHex,
        status: deployment.state === "closed" ? "closed" : leases.some((l) => l.state === "active") ? "leased" : "created",
        createdAt: now,
        updatedAt: now,
        leases: leases.map((l) => ({ gseq: l.gseq, oseq: l.oseq, provider: l.provider })),
      });
      toast.success("SDL imported", { description: "It matches the version on chain." });
    } finally {
      setChecking(false);
    }
  }

  return (
    <Card labelledBy="import-title">
      <CardHeader id="import-title" title="Import SDL" description="This deployment was created elsewhere (CLI or another browser), so its SDL is not in this browser. The chain keeps only its manifest version hash." />
      <CardBody className="flex flex-col gap-3">
        <TextAreaField label="SDL (YAML)" rows={12} value={text} onChange={(e) => { setText(e.target.value); setError(null); }} spellCheck={false} placeholder={'version: "2.0"\nservices:\n  …'} error={error} />
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm">
            <span className="sr-only">SDL file</span>
            <input type="file" accept=".yml,.yaml,.txt,text/yaml" onChange={(e) => void onFile(e)} aria-label="SDL file" className="text-sm file:mr-3 file:rounded-lg file:border file:border-border file:bg-surface file:px-3 file:py-1.5 file:text-sm" />
          </label>
          <Button className="ml-auto" onClick={() => void verify()} disabled={!text.trim() || checking} loading={checking}>
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
  const { wallet, send } = useWallet();
  const save = useSaveRecord();
  const sendManifest = useManifestSender();
  const draftKey = networkKey(network.id, `deployment-draft:${deployment.owner}:${deployment.dseq}`);
  const [text, setText] = useState(() => readJson<string>(draftKey) ?? record.sdl);
  const [built, setBuilt] = useState<BuiltManifest | null>(null);
  const [stage, setStage] = useState<"edit" | "review" | "sending">("edit");
  const [results, setResults] = useState<ManifestSendResult[] | null>(null);
  const onChainHex = b64ToHex(deployment.hashB64);
  const active = deployment.state === "active";
  const changed = text !== record.sdl;
  const diff = useMemo(() => (stage === "review" ? diffLines(record.sdl, text) : []), [stage, record.sdl, text]);

  function edit(value: string) {
    setText(value);
    setBuilt(null);
    setStage("edit");
    // The edit survives a reload or a failed transaction until it is applied.
    if (value === record.sdl) localStorage.removeItem(draftKey);
    else writeJson(draftKey, value);
  }

  async function review() {
    const result = await buildManifest(text);
    setBuilt(result);
    if (result.ok) setStage("review");
  }

  async function apply(onlyResend: boolean) {
    if (!wallet) return;
    const current = onlyResend ? await buildManifest(record.sdl) : built;
    if (!current?.ok) return;
    setStage("sending");
    setResults(null);
    let next: "edit" | "review" = "edit";
    try {
      const needsTx = current.versionHex !== onChainHex;
      if (needsTx) {
        const tx = await send([buildUpdateDeploymentMsg(deployment.owner, deployment.dseq, current.version)], { title: `Update deployment ${deployment.dseq}` });
        if (!tx) {
          // Nothing was signed or it failed: keep the reviewed edit so the user can retry.
          if (!onlyResend) next = "review";
          return;
        }
      }
      await save({ ...record, sdl: onlyResend ? record.sdl : text, manifestJson: current.manifestJson, manifestVersion: current.versionHex, updatedAt: Date.now() });
      localStorage.removeItem(draftKey);
      const sent = await sendManifest(deployment.dseq, leases, current.manifestJson);
      setResults(sent);
      if (sent.every((r) => r.ok)) toast.success(needsTx ? "Deployment updated" : "Manifest sent", { description: sent.length ? `Accepted by ${sent.length} provider${sent.length === 1 ? "" : "s"}.` : undefined });
    } finally {
      setStage(next);
    }
  }

  return (
    <Card labelledBy="update-title">
      <CardHeader
        id="update-title"
        title="Update"
        description="Edit the SDL, review the changes, then update the deployment on chain and send the new manifest to its providers."
        actions={
          active && (
            <Button size="sm" variant="secondary" onClick={() => void apply(true)} disabled={stage === "sending" || changed} title={changed ? "Apply or discard your edits first" : undefined}>
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
        <TextAreaField label="SDL (YAML)" rows={16} value={text} onChange={(e) => edit(e.target.value)} spellCheck={false} disabled={!active || stage === "sending"} />
        {built && !built.ok && (
          <Alert tone="error" title="The SDL is not valid">
            <ul className="list-disc pl-4">
              {built.errors.slice(0, 5).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Alert>
        )}
        {stage !== "edit" && built?.ok && (
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
              {built.versionHex === onChainHex ? "The manifest version is unchanged, so no transaction is needed: the manifest is only sent to the providers again." : "The manifest version changes: you sign MsgUpdateDeployment, then the new manifest goes to every provider."}
            </p>
          </section>
        )}
        {results && results.some((r) => !r.ok) && (
          <Alert tone="error" title="Some providers did not accept the manifest" actions={<Button size="sm" variant="secondary" onClick={() => void apply(true)}>Resend manifest</Button>}>
            <ul className="list-disc pl-4">
              {results.filter((r) => !r.ok).map((r) => (
                <li key={r.provider}>
                  {shortenAddress(r.provider)}: {describeSendError(r.error)}
                </li>
              ))}
            </ul>
            The update is saved in this browser; resend when the provider is back.
          </Alert>
        )}
        {results && results.length > 0 && results.every((r) => r.ok) && <Alert tone="success" title={`Manifest accepted by ${results.length} provider${results.length === 1 ? "" : "s"}`} />}
        {active && (
          <div className="flex justify-end gap-2">
            {changed && (
              <Button variant="secondary" onClick={() => edit(record.sdl)} disabled={stage === "sending"}>
                Discard changes
              </Button>
            )}
            {stage === "edit" ? (
              <Button onClick={() => void review()} disabled={!changed}>
                Review changes
              </Button>
            ) : (
              <Button onClick={() => void apply(false)} loading={stage === "sending"} disabled={stage === "sending"}>
                Update deployment
              </Button>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
