/**
 * The static server on a worker thread of its own. A bench that runs a devnet in its own process (bench:spend
 * produces blocks and answers 1,000-deployment lists) would otherwise serve the app's files from the node's busy
 * event loop, which no real setup does: the app comes from a static host, the node answers only chain queries.
 */
import { Worker } from "node:worker_threads";
import type { StaticServerOptions } from "./static-server.ts";

export interface StaticServerThread {
  url: string;
  close(): Promise<void>;
}

export async function startStaticServerThread(options: StaticServerOptions): Promise<StaticServerThread> {
  const entry = new URL("./static-server-worker.ts", import.meta.url).href;
  // A worker does not inherit tsx's loader: register it before importing the TypeScript entry.
  const worker = new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData: options });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", (message: { url: string }) => resolve(message.url));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the static server's thread exited with code ${code}`)));
  });
  return {
    url,
    close: async () => {
      await worker.terminate();
    },
  };
}
