/** Entry of the static server's worker thread (static-server-thread.ts): starts it and reports its URL. */
import { parentPort, workerData } from "node:worker_threads";
import { startStaticServer, type StaticServerOptions } from "./static-server.ts";

const server = await startStaticServer(workerData as StaticServerOptions);
parentPort!.postMessage({ url: server.url });
