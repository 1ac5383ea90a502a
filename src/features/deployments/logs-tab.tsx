import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/field";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { getErrorMessage } from "@/lib/errors";
import { leasePath, providerUrl, type SessionFrame } from "@/lib/provider-proxy";
import { useAuditedProviders } from "@/shared/chain-data";
import { NoProxyNotice, useNetwork } from "@/shared/network";
import { useLeaseStatus, useProviderSocket } from "@/shared/provider-session";
import { LeasePicker } from "./lease-picker";
import { activeLeases } from "./leases";
import { LogBuffer, parseLogFrame } from "./log-buffer";
import { useLogDownload } from "./log-download";
import { SocketStatus } from "./socket-status";

const LINE_HEIGHT = 20;

/** Live logs of one lease: follow, pause, service filter, search, download; virtualized and capped. */
export function LogsTab({ leases }: { leases: Lease[] }) {
  const { network } = useNetwork();
  const active = activeLeases(leases);
  const [selectedKey, setSelectedKey] = useState("");
  const lease = active.find((l) => leaseKey(l) === selectedKey) ?? active[0];
  if (!lease) return <NoActiveLease what="logs" />;
  if (!network.proxyUrl) return <NoProxyNotice />;
  return <LeaseLogs key={leaseKey(lease)} lease={lease} leases={active} onPick={setSelectedKey} />;
}

export function NoActiveLease({ what }: { what: string }) {
  return (
    <Card className="px-5 py-4">
      <p className="text-sm text-muted">There is no active lease, so there are no {what} to show.</p>
    </Card>
  );
}

function LeaseLogs({ lease, leases, onPick }: { lease: Lease; leases: Lease[]; onPick: (key: string) => void }) {
  const hostUri = useAuditedProviders().byOwner.get(lease.provider)?.hostUri;
  const logDownload = useLogDownload(lease, hostUri);
  const status = useLeaseStatus(lease);
  const services = Object.keys(status.data?.services ?? {}).sort();
  const [service, setService] = useState("");
  const [follow, setFollow] = useState(true);
  const [paused, setPaused] = useState(false);
  const [search, setSearch] = useState("");
  const [generation, setGeneration] = useState(0);
  const [version, setVersion] = useState(0);
  const [held, setHeld] = useState(0);
  const buffer = useRef(new LogBuffer());
  const pending = useRef<Array<{ pod: string; message: string }>>([]);
  const pausedRef = useRef(paused);
  const frameScheduled = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  const url = hostUri ? providerUrl(hostUri, `${leasePath(lease)}/logs?follow=true&tail=500${service ? `&service=${encodeURIComponent(service)}` : ""}`) : null;

  const flush = useCallback(() => {
    frameScheduled.current = false;
    if (pausedRef.current) {
      setHeld(pending.current.length);
      return;
    }
    if (pending.current.length === 0) return;
    for (const line of pending.current.splice(0)) buffer.current.push(line.pod, line.message);
    setHeld(0);
    setVersion((v) => v + 1);
  }, []);

  const onFrame = useCallback(
    (frame: SessionFrame) => {
      if (frame.kind !== "text") return;
      pending.current.push(parseLogFrame(frame.text));
      // Batch renders to one per animation frame, however fast lines arrive.
      if (!frameScheduled.current) {
        frameScheduled.current = true;
        requestAnimationFrame(flush);
      }
    },
    [flush],
  );

  // A new stream (service filter, reconnect) starts from a clean view.
  useEffect(() => {
    buffer.current.clear();
    pending.current = [];
    setVersion((v) => v + 1);
  }, [url, generation]);

  const socket = useProviderSocket({ url, providerAddress: lease.provider, scope: ["logs"], generation }, onFrame);

  const lines = useMemo(() => buffer.current.filter(search), [search, version]); // eslint-disable-line react-hooks/exhaustive-deps -- version marks buffer changes
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render.
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scrollRef.current, estimateSize: () => LINE_HEIGHT, overscan: 30 });

  useEffect(() => {
    if (follow && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
  }, [follow, lines.length, virtualizer]);

  function togglePause() {
    const next = !paused;
    setPaused(next);
    pausedRef.current = next;
    if (!next) flush();
  }

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < LINE_HEIGHT * 2;
    if (follow !== atBottom) setFollow(atBottom);
  }

  function download() {
    logDownload.mutate(service, {
      onSuccess: (count) => toast.success(`Downloaded ${count.toLocaleString("en-US")} log lines`),
      onError: (error) => toast.error("Could not download the logs", { description: getErrorMessage(error) }),
    });
  }

  return (
    <Card className="flex flex-col overflow-hidden">
      <div className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-3">
        <LeasePicker leases={leases} value={leaseKey(lease)} onChange={onPick} />
        <select aria-label="Service" value={service} onChange={(e) => setService(e.target.value)} className={cn(inputClasses, "h-8 w-auto py-1")}>
          <option value="">All services</option>
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input type="search" aria-label="Search logs" placeholder="Search" value={search} onChange={(e) => setSearch(e.target.value)} className={cn(inputClasses, "h-8 w-40 py-1")} />
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="accent-[var(--brand)]" /> Follow
        </label>
        <Button size="sm" variant="secondary" onClick={togglePause} aria-pressed={paused}>
          {paused ? `Resume${held ? ` (${held.toLocaleString("en-US")} new)` : ""}` : "Pause"}
        </Button>
        <Button size="sm" variant="secondary" onClick={download} loading={logDownload.isPending} disabled={!hostUri || logDownload.isPending}>
          Download
        </Button>
        <div className="ml-auto flex items-center gap-2">
          <SocketStatus state={socket.state} close={socket.close} error={socket.error} label="Logs" />
          {(socket.state === "closed" || socket.state === "failed") && (
            <Button size="sm" variant="secondary" onClick={() => setGeneration((g) => g + 1)}>
              Reconnect
            </Button>
          )}
        </div>
      </div>
      <div ref={scrollRef} onScroll={onScroll} role="log" aria-label="Log lines" aria-live="off" tabIndex={0} className="h-[28rem] overflow-auto bg-surface-2 font-mono text-xs">
        {lines.length === 0 ? (
          <p className="p-4 text-muted">{search ? "No line matches the search." : socket.state === "open" ? "Waiting for log lines…" : "No log lines yet."}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index]!;
              return (
                <div key={line.id} data-testid="log-line" className="absolute left-0 min-w-full px-4 whitespace-pre" style={{ top: item.start, height: LINE_HEIGHT, lineHeight: `${LINE_HEIGHT}px` }}>
                  {line.pod && <span className="text-muted">[{line.pod}] </span>}
                  {line.message}
                </div>
              );
            })}
          </div>
        )}
      </div>
      <p className="border-t border-border px-4 py-1.5 text-xs text-muted" aria-live="polite">
        {lines.length.toLocaleString("en-US")} line{lines.length === 1 ? "" : "s"}
        {search ? " matching" : ""}
        {buffer.current.dropped > 0 ? ` · oldest ${buffer.current.dropped.toLocaleString("en-US")} dropped from view (download for everything)` : ""}
      </p>
    </Card>
  );
}
