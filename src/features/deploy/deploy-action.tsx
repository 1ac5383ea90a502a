import { useState } from "react";
import { useSearchParams } from "react-router";
import { Button } from "@/components/ui/button";
import type { SdlSummary } from "@/lib/sdl/resources";
import { ReviewDialog } from "./review-dialog";

/** The editor's "Deploy" button (composed in through DeployEditorPage's renderDeployAction). */
export function DeployAction({ sdl, valid, summary }: { sdl: string; valid: boolean; summary?: SdlSummary }) {
  const [open, setOpen] = useState(false);
  const [params] = useSearchParams();
  const templateId = params.get("template") ?? undefined;
  // The SDL text is frozen while the review is open, so what is reviewed is what is deployed.
  const [reviewed, setReviewed] = useState<{ sdl: string; summary: SdlSummary } | null>(null);
  const defaultName = templateId ?? summary?.services[0]?.service ?? "deployment";
  return (
    <>
      <Button
        disabled={!valid || !summary}
        title={valid ? undefined : "Fix the SDL's errors first"}
        onClick={() => {
          if (!summary) return;
          setReviewed({ sdl, summary });
          setOpen(true);
        }}
      >
        Deploy
      </Button>
      {reviewed && <ReviewDialog open={open} onClose={() => setOpen(false)} sdl={reviewed.sdl} summary={reviewed.summary} defaultName={defaultName} templateId={templateId} />}
    </>
  );
}
