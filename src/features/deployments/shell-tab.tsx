import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { leasePath, providerUrl, type SessionFrame } from "@/lib/provider-proxy";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { useAuditedProviders } from "@/shared/chain-data";
import { NoProxyNotice, useNetwork } from "@/shared/network";
import { useLeaseStatus, useProviderSocket } from "@/shared/provider-session";
import { ProviderProblem } from "./credential-prompt";
import { LeasePicker } from "./lease-picker";
import { activeLeases } from "./leases";
import { NoActiveLease } from "./logs-tab";
import { decodeShellFrame, DEFAULT_SHELL, resizeFrame, shellQuery, stdinFrame } from "./shell-frames";
import type { ShellTerminalHandle } from "./shell-terminal";
import { SocketStatus } from "./socket-status";

const ShellTerminal = lazy(() => import("./shell-terminal"));

function useDarkMode(): boolean {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains("dark"));
  useEffect(() => {
    const observer = new MutationObserver(() => setDark(document.documentElement.classList.contains("dark")));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return dark;
}

export function ShellTab({ leases }: { leases: Lease[] }) {
  const { network } = useNetwork();
  const active = activeLeases(leases);
  const [selectedKey, setSelectedKey] = useState("");
  const lease = active.find((l) => leaseKey(l) === selectedKey) ?? active[0];
  if (!lease) return <NoActiveLease what="shells" />;
  if (!network.proxyUrl) return <NoProxyNotice />;
  return <LeaseShell key={leaseKey(lease)} lease={lease} leases={active} onPick={setSelectedKey} />;
}

function LeaseShell({ lease, leases, onPick }: { lease: Lease; leases: Lease[]; onPick: (key: string) => void }) {
  const hostUri = useAuditedProviders().byOwner.get(lease.provider)?.hostUri;
  const status = useLeaseStatus(lease);
  const services = Object.keys(status.data?.services ?? {}).sort();
  const [chosen, setChosen] = useState("");
  const service = chosen || services[0] || "";
  const [generation, setGeneration] = useState(0);
  const [exit, setExit] = useState<string | null>(null);
  const dark = useDarkMode();
  const hintId = useId();
  const [leaveArmed, setLeaveArmed] = useState(false);
  const term = useRef<ShellTerminalHandle | null>(null);
  const size = useRef<{ cols: number; rows: number } | null>(null);

  const onFrame = useCallback((frame: SessionFrame) => {
    if (frame.kind !== "binary") return;
    const out = decodeShellFrame(frame.data);
    if (out.kind === "output") term.current?.write(out.data);
    else if (out.kind === "result") setExit(`The shell exited${out.exitCode !== null ? ` with code ${out.exitCode}` : ""}${out.message ? `: ${out.message}` : ""}.`);
    else if (out.kind === "failure") setExit("The provider could not run the shell in this service.");
  }, []);

  const url = hostUri && service ? providerUrl(hostUri, `${leasePath(lease)}/shell?${shellQuery(service, DEFAULT_SHELL)}`) : null;
  const socket = useProviderSocket({ url, providerAddress: lease.provider, scope: ["shell"], generation }, onFrame);
  const { send } = socket;

  // The provider needs the terminal size after each (re)connect.
  useEffect(() => {
    if (socket.state === "open" && size.current) send(resizeFrame(size.current.cols, size.current.rows));
  }, [socket.state, send]);

  function restart() {
    setExit(null);
    term.current?.write("\r\n\x1b[2m--- new session ---\x1b[0m\r\n");
    setGeneration((g) => g + 1);
  }

  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-3">
        <LeasePicker leases={leases} value={leaseKey(lease)} onChange={onPick} />
        <select aria-label="Service" value={service} onChange={(e) => { setChosen(e.target.value); setExit(null); }} className={cn(inputClasses, "h-8 w-auto py-1")} disabled={services.length === 0}>
          {services.length === 0 && <option value="">Loading services…</option>}
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <div className="ml-auto flex items-center gap-2">
          <SocketStatus state={socket.state} close={socket.close} error={socket.error} label="Shell" />
          {(socket.state === "closed" || socket.state === "failed" || exit) && (
            <Button size="sm" variant="secondary" onClick={restart}>
              New session
            </Button>
          )}
        </div>
      </div>
      {status.isError && (
        <div className="border-b border-border px-4 py-3">
          <ProviderProblem error={status.error} provider={lease.provider} onRetry={() => void status.refetch()} />
        </div>
      )}
      {exit && (
        <p role="status" className="border-b border-border bg-surface-2 px-4 py-2 text-sm">
          {exit}
        </p>
      )}
      <div className="bg-surface p-2">
        <Suspense
          fallback={
            <p className="flex h-[24rem] items-center justify-center gap-2 text-sm text-muted">
              <Spinner className="size-4" /> Loading terminal…
            </p>
          }
        >
          <ShellTerminal
            dark={dark}
            describedBy={hintId}
            onLeaveArmed={setLeaveArmed}
            onReady={(handle) => {
              term.current = handle;
            }}
            onInput={(bytes) => send(stdinFrame(bytes))}
            onResize={(cols, rows) => {
              size.current = { cols, rows };
              send(resizeFrame(cols, rows));
            }}
          />
        </Suspense>
      </div>
      <p id={hintId} className="border-t border-border px-4 py-2 text-xs text-muted" data-testid="shell-keyboard-hint">
        {leaveArmed ? (
          <span className="text-fg">
            Press <kbd className="font-mono">Tab</kbd> to leave the terminal (<kbd className="font-mono">Shift+Tab</kbd> to go back); any other key sends Escape to the shell.
          </span>
        ) : (
          <>
            The terminal keeps <kbd className="font-mono">Tab</kbd> for the shell. To leave it with the keyboard, press <kbd className="font-mono">Esc</kbd> then <kbd className="font-mono">Tab</kbd> (or <kbd className="font-mono">Shift+Tab</kbd>).
          </>
        )}
      </p>
    </Card>
  );
}
