import { shortenAddress } from "@/lib/format/coins";
import type { Lease } from "./chain";
import { leaseKey } from "./lease-status";
import { useProviderDirectory } from "./queries";
import { inputClasses } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/** Chooses which lease a logs/events/shell view talks to (only shown with more than one). */
export function LeasePicker({ leases, value, onChange }: { leases: Lease[]; value: string; onChange: (key: string) => void }) {
  const providers = useProviderDirectory();
  if (leases.length < 2) return null;
  return (
    <select aria-label="Lease" value={value} onChange={(e) => onChange(e.target.value)} className={cn(inputClasses, "h-8 w-auto py-1")}>
      {leases.map((l) => (
        <option key={leaseKey(l)} value={leaseKey(l)}>
          Group {l.gseq} · {providers.data?.get(l.provider)?.attributes.find((a) => a.key === "organization")?.value || shortenAddress(l.provider)}
        </option>
      ))}
    </select>
  );
}
