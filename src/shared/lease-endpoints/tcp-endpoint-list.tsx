import { CopyButton } from "@/components/ui/copy-button";
import { hostPort, type TcpEndpoint } from "@/lib/deployment/endpoints";

/** Non-HTTP endpoints as host:port (not links), each with copy buttons for the address and a ready command. */
export function TcpEndpointList({ endpoints, label }: { endpoints: readonly TcpEndpoint[]; label: string }) {
  if (endpoints.length === 0) return null;
  return (
    <ul className="flex flex-col gap-2 text-sm" aria-label={label}>
      {endpoints.map((e) => {
        const address = hostPort(e.host, e.port);
        return (
          <li key={`${e.proto}-${address}`} className="flex flex-col gap-1 rounded-md bg-surface-2 px-3 py-2" data-testid="tcp-endpoint">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono break-all" data-testid="tcp-endpoint-address">
                {address}
              </span>
              <span className="text-xs text-muted">
                {e.proto} → container port {e.containerPort}
                {e.service ? ` (${e.service})` : ""}
              </span>
              <CopyButton value={address} label={`Copy ${address}`} className="ml-auto" />
            </div>
            {e.command !== address && (
              <div className="flex flex-wrap items-center gap-2">
                <code className="min-w-0 flex-1 font-mono text-xs break-all" data-testid="tcp-endpoint-command" title={e.client}>
                  {e.command}
                </code>
                <CopyButton value={e.command} label={`Copy the ${e.client} command`} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
