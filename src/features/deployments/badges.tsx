import { cn } from "@/components/ui/cn";
import { runwayLevel } from "@/lib/pricing/runway";

export function runwayClass(secondsLeft: number | null): string {
  const level = runwayLevel(secondsLeft);
  return level === "empty" || level === "critical" ? "text-danger font-medium" : level === "low" ? "text-warn font-medium" : "";
}

export function StateBadge({ state }: { state: string }) {
  const tone = state === "active" ? "bg-ok/15 text-ok" : state === "closed" ? "bg-surface-2 text-muted" : "bg-warn/15 text-warn";
  return <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-medium capitalize", tone)}>{state.replace(/_/g, " ")}</span>;
}
