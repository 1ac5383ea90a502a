import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/chromium.ts";

// Debian's Chromium; `npx playwright install` cannot work on this network.
export default defineConfig({
  testDir: "./e2e",
  // Starts the stack on free ports, builds/serves the app; URLs reach tests through env (E2E_*).
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  // CI is a 2-core machine running the chain, six providers, the proxy and two browsers: a fee simulation or a
  // block can take several seconds there. Waits are still for what the user sees, only with room for load.
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  reporter: [["list"]],
  use: {
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
});
