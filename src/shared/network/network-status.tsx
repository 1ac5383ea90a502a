import { formatHeight } from "@/lib/format/coins";
import { cn } from "@/components/ui/cn";
import type { NodeState } from "@/lib/chain/health";
import { useNodeHealth } from "./use-node-health";

const STATE_LABEL: Record<NodeState, string> = {
  ok: "Live",
  lagging: "Lagging",
  down: "Node down",
  "wrong-chain": "Wrong chain",
  "rpc-down": "RPC down",
};

const DOT: Record<NodeState | "checking", string> = {
  ok: "bg-ok",
  lagging: "bg-warn",
  down: "bg-danger",
  "wrong-chain": "bg-danger",
  "rpc-down": "bg-warn",
  checking: "bg-muted animate-pulse",
};

/** Header badge: block height and a clear state when the node is down, lagging or on the wrong chain. */
export function NetworkStatus({ compact = false }: { compact?: boolean }) {
  const { health } = useNodeHealth();
  const state = health?.state ?? "checking";
  const text =
    !health ? "Connecting…" : health.state === "ok" ? `Block ${formatHeight(health.height ?? 0)}` : health.height !== null && health.state === "lagging" ? `${STATE_LABEL[health.state]} · ${formatHeight(health.height)}` : STATE_LABEL[health.state];
  return (
    <div
      role="status"
      // The height changes every block; state changes are announced by NodeProblemBanner (role=alert).
      aria-live="off"
      aria-label="Node status"
      data-state={state}
      title={health?.message ?? undefined}
      className={cn(
        "inline-flex h-8 items-center gap-2 rounded-lg border px-2.5 text-xs font-medium whitespace-nowrap",
        state === "down" || state === "wrong-chain" ? "border-danger/50 bg-danger/10 text-danger" : state === "lagging" || state === "rpc-down" ? "border-warn/50 bg-warn/10 text-warn" : "border-border text-muted",
      )}
    >
      <span className={cn("size-2 shrink-0 rounded-full", DOT[state])} aria-hidden="true" />
      <span className={cn(compact && "max-sm:sr-only")}>{text}</span>
    </div>
  );
}

/** Full-width notice under the header while the node is not healthy. */
export function NodeProblemBanner() {
  const { health, network } = useNodeHealth();
  if (!health || health.state === "ok") return null;
  const serious = health.state === "down" || health.state === "wrong-chain";
  return (
    <div role="alert" className={cn("border-b px-4 py-2 text-sm", serious ? "border-danger/40 bg-danger/10" : "border-warn/40 bg-warn/10")}>
      <span className="font-medium">{network.label}: </span>
      {health.message}
      {health.state === "down" && <span className="text-muted"> — retrying automatically; data shown may be out of date.</span>}
    </div>
  );
}
