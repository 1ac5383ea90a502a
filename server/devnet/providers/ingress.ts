/**
 * The provider's HTTP ingress: `<id>.ingress.<provider host>:<port>` (and the manifest's accepted hosts)
 * answer with a page about the lease — its service, image and environment, secrets masked — and each
 * request shows up in the workload's access log. Also opens real TCP listeners for forwarded ports.
 */
import http from "node:http";
import net from "node:net";
import type { ManifestService } from "./manifest.ts";
import type { LeaseSim } from "./lease-sim.ts";
import type { LeaseIdView } from "./types.ts";

export interface IngressTarget {
  leaseId: LeaseIdView;
  sim: LeaseSim;
  service: ManifestService;
}

const SECRET_RE = /pass|secret|token|key|private|mnemonic|credential|auth|seed|salt/i;

export function maskEnv(env: string[]): { name: string; value: string; masked: boolean }[] {
  return env.map((kv) => {
    const i = kv.indexOf("=");
    const name = i < 0 ? kv : kv.slice(0, i);
    const value = i < 0 ? "" : kv.slice(i + 1);
    const masked = SECRET_RE.test(name);
    return { name, value: masked ? "••••••" : value, masked };
  });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function leasePage(t: IngressTarget, providerName: string): string {
  const id = t.leaseId;
  const env = maskEnv(t.service.env);
  const ready = t.sim.pods.filter((p) => p.service.name === t.service.name && p.ready).length;
  const rows = env.length
    ? env.map((e) => `<tr><td><code>${esc(e.name)}</code></td><td><code>${esc(e.value)}</code>${e.masked ? " <small>(hidden)</small>" : ""}</td></tr>`).join("")
    : `<tr><td colspan="2"><em>no environment variables</em></td></tr>`;
  const cmd = [...t.service.command, ...t.service.args].join(" ");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(t.service.name)} · lease ${esc(id.dseq)}/${id.gseq}/${id.oseq}</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 16px;color:#1f2937}h1{font-size:1.6rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top}
.ok{color:#047857;font-weight:600}code{font-size:.9em}</style></head>
<body>
<h1>Your app <code>${esc(t.service.name)}</code> is running</h1>
<p class="ok">Served by ${esc(providerName)} on the Akash devnet · ${ready}/${t.service.count} replicas ready</p>
<table>
<tr><th>Lease</th><td><code>${esc(id.owner)}/${esc(id.dseq)}/${id.gseq}/${id.oseq}</code></td></tr>
<tr><th>Provider</th><td><code>${esc(id.provider)}</code></td></tr>
<tr><th>Image</th><td><code>${esc(t.service.image)}</code></td></tr>
${cmd ? `<tr><th>Command</th><td><code>${esc(cmd)}</code></td></tr>` : ""}
</table>
<h2>Environment</h2>
<table><tr><th>Name</th><th>Value</th></tr>${rows}</table>
</body></html>
`;
}

export class Ingress {
  private readonly server: http.Server;
  port = 0;

  constructor(
    private readonly providerName: string,
    private readonly find: (host: string) => IngressTarget | undefined,
    private readonly isOnline: () => boolean,
  ) {
    this.server = http.createServer((req, res) => {
      if (!this.isOnline()) {
        req.socket.destroy();
        return;
      }
      const host = (req.headers.host ?? "").toLowerCase().replace(/:\d+$/, "");
      const t = this.find(host);
      const url = req.url ?? "/";
      if (!t) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end(`404 Not Found: no active lease serves host "${host}" on ${providerName}\n`);
        return;
      }
      const agent = String(req.headers["user-agent"] ?? "-");
      const remote = req.socket.remoteAddress ?? "-";
      if (url === "/favicon.ico") {
        t.sim.logRequest(t.service.name, req.method ?? "GET", url, 404, agent, remote);
        res.writeHead(404);
        res.end();
        return;
      }
      t.sim.logRequest(t.service.name, req.method ?? "GET", url, 200, agent, remote);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "x-akash-lease": `${t.leaseId.dseq}/${t.leaseId.gseq}/${t.leaseId.oseq}` });
      res.end(req.method === "HEAD" ? undefined : leasePage(t, this.providerName));
    });
  }

  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A real TCP listener for a forwarded port: greets with a line identifying the service and lease. */
export async function openForwardedPort(host: string, service: string, port: number, leaseId: LeaseIdView): Promise<net.Server> {
  const server = net.createServer((sock) => {
    sock.on("error", () => undefined);
    sock.end(`${service} (container port ${port}) on lease ${leaseId.dseq}/${leaseId.gseq}/${leaseId.oseq}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  return server;
}
