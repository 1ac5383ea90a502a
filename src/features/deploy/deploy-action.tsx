import { useState } from "react";
import { useSearchParams } from "react-router";
import { Button } from "@/components/ui/button";
import type { SdlSummary } from "@/lib/sdl/resources";
import { excludedProviders } from "@/shared/deployment-actions";
import { ReviewDialog } from "./review-dialog";

/** The editor's "Deploy" button (composed in through DeployEditorPage's renderDeployAction). */
export function DeployAction({ sdl, valid, summary, deposit }: { sdl: string; valid: boolean; summary?: SdlSummary; deposit?: string }) {
  const [open, setOpen] = useState(false);
  const [params] = useSearchParams();
  const templateId = params.get("template") ?? undefined;
  // The SDL text (and the deposit typed in the cost panel) are frozen while the review is open, so what is reviewed
  // is what is deployed; each Deploy click opens a fresh review with the editor's current deposit.
  const [reviewed, setReviewed] = useState<{ sdl: string; summary: SdlSummary; deposit?: string; opened: number } | null>(null);
  const defaultName = templateId ?? summary?.services[0]?.service ?? "deployment";
  // A redeploy brings its deposit and the providers to leave out, and may ask for the review at once.
  const depositParam = params.get("deposit") ?? undefined;
  const exclude = excludedProviders(params);
  const [autoOpened, setAutoOpened] = useState(false);
  if (params.get("review") === "1" && !autoOpened && valid && summary) {
    setAutoOpened(true);
    setReviewed({ sdl, summary, deposit: deposit || depositParam, opened: 1 });
    setOpen(true);
  }
  return (
    <>
      <Button
        disabled={!valid || !summary}
        title={valid ? undefined : "Fix the SDL's errors first"}
        onClick={() => {
          if (!summary) return;
          setReviewed((r) => ({ sdl, summary, deposit: deposit || depositParam, opened: (r?.opened ?? 0) + 1 }));
          setOpen(true);
        }}
      >
        Deploy
      </Button>
      {reviewed && <ReviewDialog key={reviewed.opened} open={open} onClose={() => setOpen(false)} sdl={reviewed.sdl} summary={reviewed.summary} initialDeposit={reviewed.deposit} defaultName={defaultName} templateId={templateId} excludeProviders={exclude} />}
    </>
  );
}
