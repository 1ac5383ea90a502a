import type { BidSort } from "@/lib/deployment/bids";
import type { BidFilters } from "./use-auction";

const selectClass = "h-8 rounded-md border border-border bg-surface px-2";

/** Sort and filter the bids: region, GPU model (when any bid offers one), audited providers only. */
export function BidFilterBar({ filters, onChange, regions, gpuModels }: { filters: BidFilters; onChange: (next: BidFilters) => void; regions: string[]; gpuModels: string[] }) {
  const set = (patch: Partial<BidFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="mt-4 flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col gap-1">
        <span className="text-xs text-muted">Sort by</span>
        <select className={selectClass} value={filters.sort} onChange={(e) => set({ sort: e.target.value as BidSort })}>
          <option value="price">Price</option>
          <option value="region">Region</option>
          <option value="provider">Provider</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-muted">Region</span>
        <select className={selectClass} value={filters.region} onChange={(e) => set({ region: e.target.value })}>
          <option value="">All regions</option>
          {regions.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      {gpuModels.length > 0 && (
        <label className="flex flex-col gap-1">
          <span className="text-xs text-muted">GPU model</span>
          <select className={selectClass} value={filters.gpuModel} onChange={(e) => set({ gpuModel: e.target.value })}>
            <option value="">Any GPU</option>
            {gpuModels.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
      )}
      <label className="flex h-8 items-center gap-2">
        <input type="checkbox" checked={filters.auditedOnly} onChange={(e) => set({ auditedOnly: e.target.checked })} />
        Audited only
      </label>
    </div>
  );
}
