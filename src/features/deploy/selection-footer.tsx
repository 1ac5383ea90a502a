import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Accepting: the cheapest audited bid of every group in one click, or the bids the user picked. */
export function SelectionFooter(props: {
  groups: number;
  selectedCount: number;
  complete: boolean;
  noBids: boolean;
  /** The SDL is on this device (the manifest can be sent once a lease exists). */
  hasManifest: boolean;
  accepting: boolean;
  error: string | null;
  onAcceptCheapest: () => void;
  onAcceptSelected: () => void;
}) {
  const { groups, selectedCount, complete, noBids, hasManifest, accepting, error } = props;
  return (
    <div className="mt-4 flex flex-col gap-3">
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={props.onAcceptCheapest} disabled={accepting || noBids || !hasManifest} loading={accepting && !complete}>
          Accept cheapest audited
        </Button>
        <Button onClick={props.onAcceptSelected} disabled={accepting || !complete || !hasManifest} loading={accepting && complete}>
          Accept selected {groups > 1 ? `(${selectedCount}/${groups})` : "bid"}
        </Button>
      </div>
      {error && <Alert tone="warn">{error}</Alert>}
    </div>
  );
}
