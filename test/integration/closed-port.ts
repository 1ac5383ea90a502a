import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

/** A URL on a port nothing listens on (bound, then closed): what a node that is down looks like. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}
