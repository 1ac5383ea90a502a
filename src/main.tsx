import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { loadRuntimeConfig } from "./app/runtime-config";
import { createRouter, preloadPageChunk } from "./app/router";
import { applyTheme } from "./features/settings/theme";
import "./index.css";

applyTheme();
// The page's own chunk downloads while the runtime config is read.
preloadPageChunk(window.location.pathname);

const root = createRoot(document.getElementById("root")!);
const runtimeConfig = loadRuntimeConfig();
// The router does not depend on the config: it is made while the config is on its way.
const router = createRouter();
void runtimeConfig.then(({ config, error }) => {
  root.render(
    <StrictMode>
      <App runtimeConfig={config} runtimeConfigError={error} router={router} />
    </StrictMode>,
  );
});
