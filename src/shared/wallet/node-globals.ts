/**
 * Some transitive dependencies of the wallet extensions (readable-stream, chain-registry utils…) use
 * Node's `process` and `Buffer` globals. Give them browser stand-ins before they are evaluated.
 * Imported first by the lazily loaded cosmos-kit bridge only, so the shell never pays for it.
 */
import { Buffer } from "buffer";

const g = globalThis as unknown as { process?: Record<string, unknown>; Buffer?: unknown };
g.Buffer ??= Buffer;
if (typeof g.process === "undefined") {
  g.process = {
    env: {},
    browser: true,
    version: "",
    versions: {},
    nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
  };
}

export {};
