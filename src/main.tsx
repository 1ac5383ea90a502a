import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { loadRuntimeConfig } from "./app/runtime-config";
import { applyTheme } from "./features/settings/theme";
import "./index.css";

applyTheme();

const root = createRoot(document.getElementById("root")!);
void loadRuntimeConfig().then(({ config, error }) => {
  root.render(
    <StrictMode>
      <App runtimeConfig={config} runtimeConfigError={error} />
    </StrictMode>,
  );
});
