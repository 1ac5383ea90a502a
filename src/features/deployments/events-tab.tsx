import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { leasePath, providerUrl, type SessionFrame } from "@/lib/provider-proxy";
import { leaseKey, type Lease } from "@/lib/chain/market";
import { useAuditedProviders } from "@/shared/chain-data";
import { NoProxyNotice, useNetwork } from "@/shared/network";
import { useProviderSocket } from "@/shared/provider-session";
import { LeasePicker } from "./lease-picker";
import { activeLeases } from "./leases";
import { NoActiveLease } from "./logs-tab";
import { SocketStatus } from "./socket-status";

interface KubeEvent {
  id: number;
  type: string;
  reason: string;
  note: string;
  object: string;
  at: Date;
}

const MAX_EVENTS = 2000;

export function EventsTab({ leases }: { leases: Lease[] }) {
  const { network } = useNetwork();
  const active = activeLeases(leases);
  const [selectedKey, setSelectedKey] = useState("");
  const lease = active.find((l) => leaseKey(l) === selectedKey) ?? active[0];
  if (!lease) return <NoActiveLease what="events" />;
  if (!network.proxyUrl) return <NoProxyNotice />;
  return <LeaseEvents key={leaseKey(lease)} lease={lease} leases={active} onPick={setSelectedKey} />;
}

function LeaseEvents({ lease, leases, onPick }: { lease: Lease; leases: Lease[]; onPick: (key: string) => void }) {
  const hostUri = useAuditedProviders().byOwner.get(lease.provider)?.hostUri;
  const [events, setEvents] = useState<KubeEvent[]>([]);
  const [generation, setGeneration] = useState(0);
  const onFrame = useCallback((frame: SessionFrame) => {
    if (frame.kind !== "text") return;
    try {
      const e = JSON.parse(frame.text) as { type?: string; reason?: string; note?: string; message?: string; object?: { kind?: string; name?: string } };
      setEvents((list) => {
        const next = [...list, { id: (list.at(-1)?.id ?? 0) + 1, type: e.type ?? "", reason: e.reason ?? "", note: e.note ?? e.message ?? "", object: e.object ? `${e.object.kind ?? ""}/${e.object.name ?? ""}` : "", at: new Date() }];
        return next.length > MAX_EVENTS ? next.slice(-MAX_EVENTS) : next;
      });
    } catch {
      // not an event frame
    }
  }, []);
  const url = hostUri ? providerUrl(hostUri, `${leasePath(lease)}/kubeevents?follow=true`) : null;
  const socket = useProviderSocket({ url, providerAddress: lease.provider, scope: ["events"], generation }, onFrame);
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-3">
        <LeasePicker leases={leases} value={leaseKey(lease)} onChange={onPick} />
        <div className="ml-auto flex items-center gap-2">
          <SocketStatus state={socket.state} close={socket.close} error={socket.error} label="Events" />
          {(socket.state === "closed" || socket.state === "failed") && (
            <Button size="sm" variant="secondary" onClick={() => setGeneration((g) => g + 1)}>
              Reconnect
            </Button>
          )}
        </div>
      </div>
      {events.length === 0 ? (
        <p className="px-4 py-6 text-sm text-muted">{socket.state === "open" ? "No events yet." : "Waiting for the provider…"}</p>
      ) : (
        <ol className="max-h-[28rem] divide-y divide-border overflow-auto text-sm" aria-label="Events">
          {[...events].reverse().map((e) => (
            <li key={e.id} className="flex flex-wrap gap-x-3 gap-y-1 px-4 py-2">
              <span className={cn("w-16 shrink-0 text-xs font-medium", e.type === "Warning" ? "text-warn" : "text-muted")}>{e.type || "Event"}</span>
              <span className="w-32 shrink-0 font-medium">{e.reason}</span>
              <span className="min-w-0 flex-1 break-words">{e.note}</span>
              <span className="font-mono text-xs text-muted">{e.object}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
