/**
 * Running the proxy in a process: settings → `createProxyContainer` → `createApp` → `listen()`. `main.ts`
 * wires these steps itself; `startProxy` does the same for code that embeds the proxy (the local stack,
 * tests, benchmarks).
 */
import type http from "node:http";
import { listen } from "../shared/listen.ts";
import { createApp } from "./app.ts";
import { createProxyContainer, type ProxyContainer, type ProxySettings } from "./container.ts";

export interface ProxyOptions extends ProxySettings {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface RunningProxy {
  url: string;
  port: number;
  container: ProxyContainer;
  close(): Promise<void>;
}

/** Starts the provider proxy (HTTP `POST /` + WebSocket on the same port). */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const container = createProxyContainer(options);
  const app = createApp(container);
  const { port, url } = await listen(app, options.host, options.port).catch((error: unknown) => {
    container.dispose();
    throw error;
  });
  return { url, port, container, close: () => stopProxy(app, container) };
}

/** Closes the sessions and provider connections first (an open WebSocket would hold the server), then the server. */
export async function stopProxy(app: http.Server, container: ProxyContainer): Promise<void> {
  container.dispose();
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
}
