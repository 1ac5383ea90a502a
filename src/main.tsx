// First: starts the config and the page's chunk downloading before the rest of the shell evaluates.
import { pageChunk, runtimeConfig } from "./app/boot-requests";
import { startTransition, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { createRouter } from "./app/router";
import { applyTheme } from "./features/settings/theme";
import "./index.css";

/**
 * How long the first render waits, once the config is in, for the page's chunk. React holds back a page revealed
 * after a Suspense fallback for up to 300 ms, so rendering the shell with "Loading…" a moment before the chunk
 * lands would delay the page by that much; waiting longer than that gains nothing.
 */
const PAGE_CHUNK_WAIT_MS = 300;

applyTheme();

const root = createRoot(document.getElementById("root")!);
// The router does not depend on the config: it is made while the config is on its way.
const router = createRouter();
void runtimeConfig.then(async ({ config, error }) => {
  await Promise.race([pageChunk, new Promise((resolve) => setTimeout(resolve, PAGE_CHUNK_WAIT_MS))]);
  // As a transition, the first render (a few hundred ms of first-run code on a slow machine) yields to the browser
  // every few ms: the reads it starts get their answers handled, and send their follow-up requests, while it renders.
  startTransition(() => {
    root.render(
      <StrictMode>
        <App runtimeConfig={config} runtimeConfigError={error} router={router} />
      </StrictMode>,
    );
  });
});
