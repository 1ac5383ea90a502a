import type { BidRow } from "@/lib/deployment/bids";
import { BidGroup } from "./bid-group";
import type { GroupEstimate } from "./bid-insight";
import { orderKey, type BidFilters, type OrderGroup } from "./use-auction";
import type { BidderStatus } from "./use-bidder-status";

/** One bid table per order group of the deployment, in order; groups with no (matching) bid say so. */
export function BidGroups(props: {
  orderGroups: OrderGroup[];
  groups: Array<{ group: string; gseq: number; oseq: number; rows: BidRow[] }>;
  filters: BidFilters;
  noBids: boolean;
  estimates: ReadonlyMap<string, GroupEstimate>;
  online: ReadonlyMap<string, BidderStatus>;
  selected: Record<string, string>;
  onSelect: (group: string, key: string) => void;
  disabled: boolean;
}) {
  const { filters } = props;
  const filtered = filters.auditedOnly || Boolean(filters.region) || Boolean(filters.gpuModel);
  return (
    <>
      {props.orderGroups.map((g) => {
        const group = props.groups.find((x) => x.group === orderKey(g));
        if (!group) return props.noBids ? null : <p key={orderKey(g)} className="text-sm text-muted">No bids{filtered ? " match the filters" : " yet"} for {g.name || `group ${g.gseq}`}.</p>;
        return (
          <BidGroup
            key={group.group}
            title={`${g.name || "Group"} (group ${g.gseq})`}
            rows={group.rows}
            selected={props.selected[group.group]}
            onSelect={(key) => props.onSelect(group.group, key)}
            estimate={props.estimates.get(g.name) ?? { usesGpu: false }}
            online={props.online}
            disabled={props.disabled}
          />
        );
      })}
    </>
  );
}
