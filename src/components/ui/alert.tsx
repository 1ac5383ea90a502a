import type { ReactNode } from "react";
import { cn } from "./cn";

type Tone = "info" | "warn" | "error" | "success";

const tones: Record<Tone, string> = {
  info: "border-border bg-surface-2 text-fg",
  warn: "border-warn/40 bg-warn/10 text-fg",
  error: "border-danger/40 bg-danger/10 text-fg",
  success: "border-ok/40 bg-ok/10 text-fg",
};

export function Alert({ tone = "info", title, children, className, actions }: { tone?: Tone; title?: ReactNode; children?: ReactNode; className?: string; actions?: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("flex flex-wrap items-start justify-between gap-3 rounded-lg border px-4 py-3 text-sm", tones[tone], className)}>
      <div className="min-w-0">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={cn("break-words text-muted", title && "mt-0.5")}>{children}</div>}
      </div>
      {actions && <div className="flex shrink-0 gap-2">{actions}</div>}
    </div>
  );
}
