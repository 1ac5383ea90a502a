import type { ReactNode } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";

/** No open bid (yet): waiting while providers may still bid, else the likely reasons and what to do. */
export function NoBids({ hopeless, reasons, templateId, hasRecord, closeButton }: { hopeless: boolean; reasons: string[]; templateId?: string; hasRecord: boolean; closeButton: ReactNode }) {
  if (!hopeless) {
    return (
      <div className="flex items-center gap-2 rounded-lg border border-dashed border-border p-4 text-sm text-muted" data-testid="no-bids-yet">
        <Spinner className="size-4" /> No bids yet. Providers usually bid within a few blocks of the deployment.
      </div>
    );
  }
  return (
    <Alert tone="warn" title="No provider can satisfy this deployment" actions={closeButton}>
      <span data-testid="no-bid-reasons">
        {reasons.length ? (
          <ul className="list-disc pl-5">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          "No provider bid during the bid window. Providers may be full or the price too low."
        )}
      </span>
      Close the deployment to get your deposit back, then adjust the SDL and deploy again.
      {hasRecord && (
        <Link className="ml-1 underline" to={`/deploy${templateId ? `?template=${encodeURIComponent(templateId)}` : ""}`}>
          Back to the editor
        </Link>
      )}
    </Alert>
  );
}
