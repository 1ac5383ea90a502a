import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { startStack, type RunningStack } from "../server/stack.ts";
import { importWallet, seedLeasedDeployment } from "./deployments-helpers";
import { expect, openApp, test } from "./fixtures";
import { runtimeConfigFor } from "../scripts/serve/runtime-config";
import { startStaticServer, type StaticServer } from "../scripts/serve/static-server";

const providerList = (page: Page) => page.getByRole("list", { name: "Providers" });
const providerCard = (page: Page, name: string) => providerList(page).getByRole("article", { name });

test("the provider list shows names, audit, GPU models and live state, and filters and opens a provider", async ({ page }) => {
  await openApp(page, "/providers");
  const list = providerList(page);
  for (const name of ["Westwind Compute", "Nordic GPU Cloud", "Premium Cloud Partners", "BudgetBox Hosting", "Flaky Labs"]) await expect(list.getByRole("article", { name })).toBeVisible();

  // Audited = signed on chain by a known auditor; only Westwind is.
  const westwind = providerCard(page, "Westwind Compute");
  await expect(westwind.getByText("Audited by Devnet auditor")).toBeVisible();
  await expect(providerCard(page, "Nordic GPU Cloud").getByText("Audited by Devnet auditor")).toHaveCount(0);
  await expect(westwind).toContainText("us-west · US");
  await expect(westwind.getByText(/^provider-1\.localhost:\d+$/)).toBeVisible();

  // GPU models from capabilities/gpu/… attributes; live state and free resources from /status through the proxy.
  const nordic = providerCard(page, "Nordic GPU Cloud");
  await expect(nordic.getByRole("list", { name: "GPU models" })).toContainText("A100");
  await expect(nordic.getByRole("list", { name: "GPU models" })).toContainText("RTX4090");
  await expect(nordic.getByTestId("provider-live-state")).toHaveText("Online", { timeout: 20_000 });
  await expect(nordic.getByLabel("Available resources")).toContainText(/CPU free[\d.]+ CPU/);
  await expect(nordic.getByLabel("Available resources")).toContainText(/GPUs free\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Providers");
  await expect(page.getByText(/6 providers on Devnet · 1 audited · \d online/)).toBeVisible();

  await page.getByLabel("Audited only").check();
  await expect(list.getByRole("article")).toHaveCount(1);
  await expect(list.getByRole("article")).toHaveAccessibleName("Westwind Compute");
  await page.getByLabel("Audited only").uncheck();

  await page.getByRole("combobox", { name: "GPU model" }).selectOption({ label: "A100 (nvidia)" });
  await expect(list.getByRole("article")).toHaveCount(1);
  await expect(list.getByRole("article")).toHaveAccessibleName("Nordic GPU Cloud");
  await page.getByRole("combobox", { name: "GPU model" }).selectOption("");

  await page.getByLabel("Search providers").fill("budget");
  await expect(list.getByRole("article")).toHaveCount(1);
  await page.getByLabel("Search providers").fill("no such provider");
  await expect(page.getByText("No provider matches these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(list.getByRole("article")).toHaveCount(6);

  await page.getByRole("combobox", { name: "Sort by" }).selectOption("gpus");
  await expect(list.getByRole("article").first()).toHaveAccessibleName("Nordic GPU Cloud");

  // Detail page: grouped attributes, audit, live status with inventory, provider version.
  await nordic.getByRole("link", { name: "Nordic GPU Cloud" }).click();
  await expect(page).toHaveURL(/\/providers\/akash1[0-9a-z]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nordic GPU Cloud");
  await expect(page.getByRole("region", { name: "Location attributes" })).toContainText("eu-north");
  await expect(page.getByRole("region", { name: "Hardware attributes" })).toContainText("capabilities/gpu/vendor/nvidia/model/a100");
  await expect(page.getByRole("region", { name: "Storage attributes" })).toContainText("beta3");
  await expect(page.getByRole("region", { name: "Audit" })).toContainText("Not audited by a known auditor");
  const live = page.getByRole("region", { name: "Live status" });
  await expect(live.getByLabel("Available resources")).toContainText(/[\d.]+ CPU \/ 96 CPU/, { timeout: 20_000 });
  await expect(live).toContainText("v0.10.0-devnet");
  await expect(page.getByRole("region", { name: "Your leases with this provider" })).toContainText("Connect a wallet");

  await page.goBack();
  // The list comes back as it was left (filters and sort live in the URL).
  await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("gpus");
  await expect(providerList(page).getByRole("article").first()).toHaveAccessibleName("Nordic GPU Cloud");
  await providerCard(page, "Westwind Compute").getByRole("link", { name: "Westwind Compute" }).click();
  await expect(page.getByRole("region", { name: "Audit" })).toContainText("Audited by Devnet auditor");

  // A mistyped or unregistered address says so.
  await page.goto("/providers/akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq");
  await expect(page.getByRole("alert")).toContainText("Provider not found");
});

test("an unreachable provider proxy is said plainly, and chain data is still shown", async ({ page }) => {
  const proxyUrl = process.env.E2E_PROXY_URL!;
  await page.route(`${proxyUrl.replace(/\/$/, "")}/**`, (route) => route.abort("connectionrefused"));
  await openApp(page, "/providers");
  await expect(page.getByText(`Live status unavailable: the provider proxy at ${proxyUrl.replace(/\/$/, "")} is not reachable`)).toBeVisible({ timeout: 20_000 });
  await expect(providerCard(page, "Westwind Compute").getByText("Audited by Devnet auditor")).toBeVisible();
  await expect(providerCard(page, "Westwind Compute").getByTestId("provider-live-state")).toHaveText("Status unknown");
});

test("the provider detail lists the connected wallet's leases with that provider", async ({ page }) => {
  test.setTimeout(120_000);
  const seed = await seedLeasedDeployment({ provider: 2, sendManifest: false });
  await openApp(page, `/providers/${seed.provider}`);
  await importWallet(page, seed.mnemonic);
  const leases = page.getByRole("region", { name: "Your leases with this provider" });
  await expect(leases.getByRole("link", { name: seed.dseq })).toBeVisible({ timeout: 20_000 });
  await expect(leases).toContainText(/active/i);
});

// Taking a provider offline would disturb specs running in parallel on the shared stack, so this one runs its
// own small stack (two providers and a proxy) and app server.
test("a provider that goes offline is shown offline, and online again when it is back", async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = await mkdtemp(join(tmpdir(), "console-e2e-providers-"));
  let stack: RunningStack | null = null;
  let app: StaticServer | null = null;
  try {
    stack = await startStack({ dataDir, reset: true, host: "127.0.0.1", ports: { rpc: 0, rest: 0, faucet: 0, proxy: 0 }, providers: 2, blockMs: 300 });
    app = await startStaticServer({ root: process.env.E2E_DIST_DIR!, config: runtimeConfigFor(stack, 300) });
    const admin = stack.providerAdminUrl!;
    const setOnline = async (online: boolean) => {
      const res = await fetch(`${admin}/providers/provider-2/${online ? "online" : "offline?mode=refuse"}`, { method: "POST" });
      expect(res.ok).toBe(true);
    };

    await page.goto(`${app.url}/providers`);
    const nordic = providerCard(page, "Nordic GPU Cloud");
    await expect(nordic.getByTestId("provider-live-state")).toHaveText("Online", { timeout: 20_000 });
    try {
      await setOnline(false);
      await page.reload();
      await expect(nordic.getByTestId("provider-live-state")).toHaveText("Offline", { timeout: 30_000 });
      await expect(providerCard(page, "Westwind Compute").getByTestId("provider-live-state")).toHaveText("Online");
      await page.getByLabel("Online only").check();
      await expect(providerList(page).getByRole("article")).toHaveCount(1);

      await page.goto(`${app.url}/providers/${stack.providers[1]!.address}`);
      await expect(page.getByRole("alert").filter({ hasText: "This provider is offline" })).toContainText("temporarily unavailable");
      await expect(page.getByRole("region", { name: "Hardware attributes" })).toContainText("a100");
    } finally {
      await setOnline(true);
    }
    await page.reload();
    await expect(page.getByTestId("provider-live-state")).toHaveText("Online", { timeout: 30_000 });
    await expect(page.getByRole("alert").filter({ hasText: "This provider is offline" })).toHaveCount(0);
  } finally {
    await app?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
