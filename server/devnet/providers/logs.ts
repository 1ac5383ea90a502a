/** Plausible container log lines per image family, for the simulated workloads. */

export type ImageFamily = "nginx" | "postgres" | "redis" | "node" | "python" | "generic";

export function imageFamily(image: string): ImageFamily {
  const name = image.split("/").pop()?.split(":")[0]?.toLowerCase() ?? "";
  if (/nginx|openresty|caddy|httpd/.test(name)) return "nginx";
  if (/postgres|timescale/.test(name)) return "postgres";
  if (/redis|valkey/.test(name)) return "redis";
  if (/node|next|express|bun|deno/.test(name)) return "node";
  if (/python|django|flask|fastapi|jupyter/.test(name)) return "python";
  return "generic";
}

const ts = (d = new Date()) => d.toISOString();
const nginxTime = (d = new Date()) => {
  const mon = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};

export function startupLines(family: ImageFamily, image: string, ports: number[]): string[] {
  const port = ports[0] ?? 80;
  switch (family) {
    case "nginx":
      return [
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        "/docker-entrypoint.sh: Configuration complete; ready for start up",
        `${nginxTime().replace(/:/, " ")} [notice] 1#1: using the "epoll" event method`,
        `${nginxTime().replace(/:/, " ")} [notice] 1#1: start worker processes`,
      ];
    case "postgres":
      return [
        "The files belonging to this database system will be owned by user \"postgres\".",
        "fixing permissions on existing directory /var/lib/postgresql/data ... ok",
        "PostgreSQL init process complete; ready for start up.",
        `${ts()} UTC [1] LOG:  starting PostgreSQL 16.3 on x86_64-pc-linux-gnu`,
        `${ts()} UTC [1] LOG:  listening on IPv4 address "0.0.0.0", port ${port === 80 ? 5432 : port}`,
        `${ts()} UTC [1] LOG:  database system is ready to accept connections`,
      ];
    case "redis":
      return [
        "1:C * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
        "1:M * Running mode=standalone, port=6379.",
        "1:M * Server initialized",
        "1:M * Ready to accept connections tcp",
      ];
    case "node":
      return [`> app@1.0.0 start`, `> node server.js`, `[${ts()}] info: starting ${image}`, `[${ts()}] info: server listening on http://0.0.0.0:${port}`];
    case "python":
      return [`INFO:     Started server process [1]`, "INFO:     Waiting for application startup.", "INFO:     Application startup complete.", `INFO:     Uvicorn running on http://0.0.0.0:${port} (Press CTRL+C to quit)`];
    default:
      return [`[${ts()}] starting ${image}`, `[${ts()}] configuration loaded`, `[${ts()}] ready`];
  }
}

const PATHS = ["/", "/index.html", "/favicon.ico", "/api/health", "/static/app.js", "/robots.txt"];
const AGENTS = ["Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0", "curl/8.5.0", "kube-probe/1.29", "Go-http-client/1.1"];

/** One periodic line while the workload runs (`n` = sequence number, deterministic variety). */
export function periodicLine(family: ImageFamily, n: number): string {
  const path = PATHS[n % PATHS.length]!;
  const agent = AGENTS[n % AGENTS.length]!;
  const ip = `10.42.${n % 7}.${(n * 37) % 250}`;
  switch (family) {
    case "nginx":
      return `${ip} - - [${nginxTime()}] "GET ${path} HTTP/1.1" ${path === "/favicon.ico" ? 404 : 200} ${path === "/" ? 615 : 153} "-" "${agent}" "-"`;
    case "postgres":
      return n % 3 === 0
        ? `${ts()} UTC [${27 + n}] LOG:  checkpoint starting: time`
        : `${ts()} UTC [${27 + n}] LOG:  checkpoint complete: wrote ${n % 40} buffers (0.${n % 9}%); 0 WAL file(s) added, 0 removed, 0 recycled`;
    case "redis":
      return `1:M * ${n % 10} changes in 60 seconds. Saving...`;
    case "node":
      return `[${ts()}] info: GET ${path} ${path === "/favicon.ico" ? 404 : 200} ${3 + (n % 20)}ms`;
    case "python":
      return `INFO:     ${ip}:${40000 + n} - "GET ${path} HTTP/1.1" ${path === "/favicon.ico" ? 404 : 200} OK`;
    default:
      return `[${ts()}] heartbeat ${n}: ok`;
  }
}

/** Access-log line for a real request served by the ingress. */
export function requestLine(family: ImageFamily, method: string, path: string, status: number, agent: string, remote: string): string {
  switch (family) {
    case "nginx":
      return `${remote} - - [${nginxTime()}] "${method} ${path} HTTP/1.1" ${status} 612 "-" "${agent}" "-"`;
    case "python":
      return `INFO:     ${remote} - "${method} ${path} HTTP/1.1" ${status}`;
    default:
      return `[${ts()}] info: ${method} ${path} ${status}`;
  }
}
