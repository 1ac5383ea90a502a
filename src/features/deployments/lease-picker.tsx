import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { shortenAddress } from "@/lib/format/coins";
import { useAuditedProviders } from "@/shared/chain-data";

/** Chooses which lease a logs/events/shell view talks to (only shown with more than one). */
export function LeasePicker({ leases, value, onChange }: { leases: Lease[]; value: string; onChange: (key: string) => void }) {
  const { byOwner } = useAuditedProviders();
  if (leases.length < 2) return null;
  return (
    <select aria-label="Lease" value={value} onChange={(e) => onChange(e.target.value)} className={cn(inputClasses, "h-8 w-auto py-1")}>
      {leases.map((l) => (
        <option key={leaseKey(l)} value={leaseKey(l)}>
          Group {l.gseq} · {byOwner.get(l.provider)?.organization || shortenAddress(l.provider)}
        </option>
      ))}
    </select>
  );
}
