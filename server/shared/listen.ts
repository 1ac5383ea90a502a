import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Starts listening (port 0 = a free port) and returns the bound port and the http:// base URL. A wildcard
 * host (0.0.0.0, ::) is reported as 127.0.0.1: the address a client on this machine can dial.
 */
export async function listen(server: Server, host: string, port: number): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const dialHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return { port: bound, url: `http://${dialHost.includes(":") ? `[${dialHost}]` : dialHost}:${bound}` };
}
