import { defineConfig } from "@playwright/test";

// Debian's Chromium; `npx playwright install` cannot work on this network.
export default defineConfig({
  testDir: "./e2e",
  // Starts the stack on free ports, builds/serves the app; URLs reach tests through env (E2E_*).
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  reporter: [["list"]],
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
});
