/**
 * The two requests a first visit waits for besides the shell's own files: the runtime config and the chunk of the
 * page it opens. main.tsx imports this module first, so both start when the shell's modules start evaluating, not
 * after all of them have (100–200 ms on a slow machine). The config's fetch takes over the preload index.html starts
 * with the HTML (`<link rel="preload" as="fetch">`), so it is usually in before this module runs.
 */
import { preloadPageChunk } from "./page-chunks";
import { loadRuntimeConfig } from "./runtime-config";

export const runtimeConfig = loadRuntimeConfig();
export const pageChunk = preloadPageChunk(window.location.pathname);
