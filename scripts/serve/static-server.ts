/**
 * Tiny static server for the built app (node:http): serves dist/, falls back to index.html for client
 * routes, and serves `/config.json` from memory so the app can be pointed at any running stack.
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import type { AddressInfo } from "node:net";
import { COMMON_SECURITY_HEADERS, DOCUMENT_SECURITY_HEADERS } from "./security-headers.ts";
import { getErrorMessage } from "../../src/lib/errors.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".yaml": "text/yaml; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  root: string;
  host?: string;
  port?: number;
  /** Served at /config.json; omit to 404 (the app then uses its built-in network defaults). */
  config?: unknown;
}

export async function startStaticServer({ root, host = "127.0.0.1", port = 0, config }: StaticServerOptions): Promise<StaticServer> {
  const base = resolve(root);
  const configBody = config === undefined ? null : JSON.stringify(config);
  const assets = new Map<string, Buffer>();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === "/config.json") {
        if (configBody === null) {
          res.writeHead(404, { ...COMMON_SECURITY_HEADERS, "content-type": "text/plain" }).end("no runtime config");
          return;
        }
        res.writeHead(200, { ...COMMON_SECURITY_HEADERS, "content-type": TYPES[".json"]!, "cache-control": "no-store" }).end(configBody);
        return;
      }
      const relative = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
      let file = join(base, relative);
      if (!file.startsWith(base)) {
        res.writeHead(403, COMMON_SECURITY_HEADERS).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || info.isDirectory()) {
        // Client-side route: the SPA decides. Missing assets (with an extension) are real 404s.
        if (extname(relative) && !relative.endsWith(".html")) {
          res.writeHead(404, { ...COMMON_SECURITY_HEADERS, "content-type": "text/plain" }).end("not found");
          return;
        }
        file = join(base, "index.html");
      }
      const immutable = file.includes(`${join(base, "assets")}`);
      // Hashed assets never change under their name: read each once (a first visit asks for two dozen at once).
      const body = immutable ? (assets.get(file) ?? assets.set(file, await readFile(file)).get(file)!) : await readFile(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      const security = extname(file) === ".html" ? DOCUMENT_SECURITY_HEADERS : COMMON_SECURITY_HEADERS;
      res.writeHead(200, { ...security, "content-type": type, "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache" }).end(body);
    } catch (error) {
      // The reason goes to the server's log; the answer names no file paths.
      console.error(`[serve] ${req.url}: ${getErrorMessage(error)}`);
      res.writeHead(500, { ...COMMON_SECURITY_HEADERS, "content-type": "text/plain" }).end("internal error");
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
