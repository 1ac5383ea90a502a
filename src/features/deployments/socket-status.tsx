import { cn } from "@/components/ui/cn";
import type { ProviderProxyError, SessionClose, SessionState } from "@/lib/provider-proxy";

/** What a provider socket is doing, in words, with why the provider closed it. */
export function SocketStatus({ state, close, error, label }: { state: SessionState; close: SessionClose | null; error: ProviderProxyError | null; label: string }) {
  const { text, tone } = describe(state, close, error);
  return (
    <p role="status" aria-label={`${label} connection`} className={cn("flex items-center gap-2 text-xs", tone === "ok" ? "text-ok" : tone === "warn" ? "text-warn" : tone === "bad" ? "text-danger" : "text-muted")}>
      <span aria-hidden="true" className={cn("size-2 rounded-full", tone === "ok" ? "bg-ok" : tone === "warn" ? "bg-warn animate-pulse" : tone === "bad" ? "bg-danger" : "bg-muted")} />
      <span>{text}</span>
    </p>
  );
}

function describe(state: SessionState, close: SessionClose | null, error: ProviderProxyError | null): { text: string; tone: "ok" | "warn" | "bad" | "muted" } {
  switch (state) {
    case "idle":
      return { text: "Not connected", tone: "muted" };
    case "connecting":
      return { text: "Connecting…", tone: "warn" };
    case "open":
      return { text: "Live", tone: "ok" };
    case "reconnecting":
      return { text: `Reconnecting…${error ? ` (${error.message})` : close && close.code !== 1000 ? ` (connection dropped: ${close.code}${close.reason ? ` ${close.reason}` : ""})` : ""}`, tone: "warn" };
    case "closed":
      return close?.byProvider
        ? { text: `Closed by the provider: ${close.code}${close.reason ? ` ${close.reason}` : ""}`, tone: close.code === 1000 ? "muted" : "bad" }
        : { text: "Disconnected", tone: "muted" };
    case "failed":
      return { text: error ? `${error.message}${error.details.hint ? ` ${error.details.hint}` : ""}` : "Connection failed", tone: "bad" };
  }
}
