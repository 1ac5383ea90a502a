import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden="true" className={cn("inline-block animate-pulse rounded bg-surface-2", className ?? "h-4 w-24")} />;
}
