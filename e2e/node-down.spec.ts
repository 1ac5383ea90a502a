import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStack, type RunningStack } from "../server/stack.ts";
import { expect, test } from "./fixtures";
import { runtimeConfigFor } from "../scripts/serve/runtime-config";
import { startStaticServer, type StaticServer } from "../scripts/serve/static-server";

// This spec stops and restarts a node, so it runs its own stack and app server (not the shared ones).
test("the header reports a node that goes down, and recovers by itself when it is back", async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), "console-e2e-down-"));
  let stack: RunningStack | null = null;
  let app: StaticServer | null = null;
  try {
    // Only the chain matters here: no providers, no proxy.
    stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0 }, providers: 0, proxy: false, blockMs: 300 });
    const ports = { rpc: Number(new URL(stack.rpcUrl).port), rest: Number(new URL(stack.restUrl).port), faucet: Number(new URL(stack.faucetUrl).port) };
    app = await startStaticServer({ root: process.env.E2E_DIST_DIR!, config: runtimeConfigFor(stack, 300) });

    await page.goto(app.url);
    const status = page.getByRole("status", { name: "Node status" });
    await expect(status).toHaveText(/Block \d/);

    await stack.stop();
    await expect(status).toHaveText("Node down", { timeout: 15_000 });
    await expect(page.getByRole("alert").filter({ hasText: "Devnet" })).toContainText("retrying automatically");
    // The app keeps working while the node is down.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");

    stack = await startStack({ dataDir, host: "127.0.0.1", ports, providers: 0, proxy: false, blockMs: 300 });
    await expect(status).toHaveText(/Block \d/, { timeout: 20_000 });
    await expect(page.getByRole("alert").filter({ hasText: "Devnet" })).toHaveCount(0);
  } finally {
    await app?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
