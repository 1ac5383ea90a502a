/** Small pieces shared by the provider list and detail pages. */
import { useState } from "react";
import { toast } from "sonner";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { compactHostUri, gpuLabel, type GpuModel } from "@/lib/providers/attributes";
import type { AuditState } from "./auditors";
import type { LiveState } from "./provider-list";
import { formatBytes, formatCpu } from "@/lib/provider-proxy/provider-status";

export function AuditBadge({ audit }: { audit: AuditState }) {
  if (!audit.audited) return null;
  const names = audit.auditors.map((a) => a.name).join(", ");
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-ok/15 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-ok" title={`Audited by ${names}`}>
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
        <path d="M8 1 2.5 3v4.5c0 3.2 2.3 6.2 5.5 7 3.2-.8 5.5-3.8 5.5-7V3L8 1Zm-1 10L4.5 8.5l1-1L7 9l3.5-3.5 1 1L7 11Z" />
      </svg>
      Audited by {names}
    </span>
  );
}

const LIVE_STYLES: Record<LiveState["state"], { label: string; dot: string; text: string }> = {
  online: { label: "Online", dot: "bg-ok", text: "text-ok" },
  offline: { label: "Offline", dot: "bg-danger", text: "text-danger" },
  checking: { label: "Checking…", dot: "bg-muted animate-pulse", text: "text-muted" },
  unknown: { label: "Status unknown", dot: "bg-muted", text: "text-muted" },
};

export function LiveBadge({ live }: { live: LiveState }) {
  const style = LIVE_STYLES[live.state];
  const reason = live.state === "offline" || live.state === "unknown" ? live.reason : undefined;
  return (
    <span data-testid="provider-live-state" className={cn("inline-flex items-center gap-1.5 text-xs font-medium whitespace-nowrap", style.text)} title={reason}>
      <span aria-hidden="true" className={cn("size-2 rounded-full", style.dot)} />
      {style.label}
    </span>
  );
}

/** Host URI without scheme, on one line, truncated with the full URI on hover. */
export function HostUri({ hostUri, className, muted = true }: { hostUri: string; className?: string; muted?: boolean }) {
  return (
    <span className={cn("block min-w-0 truncate font-mono text-xs", muted && "text-muted", className)} title={hostUri}>
      {compactHostUri(hostUri)}
    </span>
  );
}

export function GpuChips({ gpus }: { gpus: GpuModel[] }) {
  if (gpus.length === 0) return null;
  return (
    <ul aria-label="GPU models" className="flex flex-wrap gap-1">
      {gpus.map((g) => (
        <li key={`${g.vendor}/${g.model}`} className="rounded-md border border-border bg-surface-2 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap" title={[g.vendor, g.model, ...g.ram, ...g.interfaces].join(" · ")}>
          <span className="text-muted capitalize">{g.vendor} </span>
          {gpuLabel(g)}
          {g.ram.length > 0 && <span className="text-muted"> {g.ram.join("/")}</span>}
        </li>
      ))}
    </ul>
  );
}

function Stat({ label, value, total }: { label: string; value: string | null; total?: string | null }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="truncate text-sm font-medium tabular-nums">
        {value ?? <span className="text-muted">—</span>}
        {value && total && <span className="text-xs font-normal text-muted"> / {total}</span>}
      </dd>
    </div>
  );
}

/** Available CPU, memory, GPUs and active leases from the provider's live status. */
export function Inventory({ live, showTotals = false, className }: { live: LiveState; showTotals?: boolean; className?: string }) {
  if (live.state === "checking") {
    return (
      <div className={cn("grid grid-cols-4 gap-3", className)} aria-label="Loading live inventory">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex flex-col gap-1">
            <Skeleton className="h-3 w-10" />
            <Skeleton className="h-4 w-14" />
          </div>
        ))}
      </div>
    );
  }
  const status = live.state === "online" ? live.status : null;
  const a = status?.available ?? null;
  const t = showTotals ? (status?.allocatable ?? null) : null;
  return (
    <dl className={cn("grid grid-cols-4 gap-3", className)} aria-label="Available resources">
      <Stat label="CPU free" value={a ? formatCpu(a.cpu) : null} total={t ? formatCpu(t.cpu) : null} />
      <Stat label="Memory free" value={a ? formatBytes(a.memoryBytes) : null} total={t ? formatBytes(t.memoryBytes) : null} />
      <Stat label="GPUs free" value={a ? (a.gpus === 0 && (status?.allocatable?.gpus ?? 0) === 0 ? "none" : String(a.gpus)) : null} total={t && t.gpus > 0 ? String(t.gpus) : null} />
      <Stat label="Leases" value={status?.leases !== null && status?.leases !== undefined ? String(status.leases) : null} />
    </dl>
  );
}

export function Location({ region, country, city }: { region?: string; country?: string; city?: string }) {
  const parts = [city, region, country].filter(Boolean);
  if (parts.length === 0) return <span className="text-muted">Location not published</span>;
  return <span>{parts.join(" · ")}</span>;
}

/** A compact copy control that fits on a line of text (the address in lists and headers). */
export function CopyAddress({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      title={copied ? "Copied" : "Copy address"}
      className="inline-flex size-6 shrink-0 items-center justify-center rounded-md text-muted hover:bg-surface-2 hover:text-fg focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-fg/10"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          toast.success("Address copied");
          setTimeout(() => setCopied(false), 1500);
        } catch {
          toast.error("Could not copy: the browser blocked clipboard access");
        }
      }}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-none stroke-current" strokeWidth="1.5">
        {copied ? <path d="m3.5 8.5 3 3 6-7" /> : <><rect x="5.5" y="5.5" width="8" height="8" rx="1.5" /><path d="M10.5 5.5v-2a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" /></>}
      </svg>
    </button>
  );
}
