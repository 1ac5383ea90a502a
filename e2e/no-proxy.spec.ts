import { importWallet, navigate, seedLeasedDeployment } from "./deployments-helpers";
import { expect, test } from "./fixtures";
import { startStaticServer } from "../scripts/serve/static-server";

// A network entry without a provider proxy (as Mainnet and Sandbox are until one is configured): the console
// must say what is missing and how to fix it, instead of "Starting your deployment" forever.
test("a network without a provider proxy: the auction and the lease views say what is missing and how to fix it", async ({ page }) => {
  const seed = await seedLeasedDeployment({ sendManifest: false });
  const app = await startStaticServer({
    root: process.env.E2E_DIST_DIR!,
    config: {
      defaultNetwork: "devnet",
      networks: { devnet: { chainId: process.env.E2E_CHAIN_ID, rpcUrl: process.env.E2E_RPC_URL, restUrl: process.env.E2E_REST_URL, faucetUrl: process.env.E2E_FAUCET_URL, proxyUrl: "" } },
    },
  });
  try {
    await page.goto(app.url);
    await expect(page.getByRole("status", { name: "Node status" })).toContainText(/Block \d/);
    await importWallet(page, seed.mnemonic);
    await navigate(page, "Deployments");
    await page.getByTestId(`deployment-row-${seed.dseq}`).getByRole("link").click();
    const leases = page.getByRole("status").filter({ hasText: "No provider proxy for Devnet" });
    await expect(leases).toContainText("npm run proxy");
    await expect(leases).toContainText("Everything on chain");

    await page.evaluate(`history.pushState({}, "", "/deployments/${seed.dseq}/bids"); dispatchEvent(new PopStateEvent("popstate"));`);
    const auction = page.getByRole("status").filter({ hasText: "No provider proxy for Devnet" });
    await expect(auction).toContainText("the manifest (what to run) has not been sent");
    await expect(auction).toContainText("close the deployment to get the deposit back");
  } finally {
    await app.close();
  }
});

test("Settings → Provider proxy: a built-in network can use another proxy, and go back to its own", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByRole("status", { name: "Node status" })).toContainText(/Block \d/);
  const section = page.getByRole("region", { name: "Provider proxy" });
  const builtIn = process.env.E2E_PROXY_URL!.replace(/\/$/, "");
  await expect(section).toContainText(`Devnet uses ${builtIn} as network “devnet” (built in)`);

  const form = section.getByRole("form", { name: "Use another provider proxy" });
  await form.getByLabel("Proxy URL").fill("not a url");
  await form.getByRole("button", { name: "Use this proxy" }).click();
  await expect(form.getByText("Enter a full http:// or https:// URL")).toBeVisible();
  // A proxy nothing answers at: the providers page says exactly that.
  await form.getByLabel("Proxy URL").fill("http://127.0.0.1:9");
  await form.getByRole("button", { name: "Use this proxy" }).click();
  await expect(section).toContainText("Devnet uses http://127.0.0.1:9 as network “devnet” (yours)");
  await page.reload();
  await expect(section).toContainText("(yours)");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Providers" }).click();
  await expect(page.getByText("Live status unavailable: the provider proxy at http://127.0.0.1:9 is not reachable")).toBeVisible({ timeout: 20_000 });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await section.getByRole("button", { name: /Back to the built-in proxy/ }).click();
  await expect(section).toContainText("(built in)");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Providers" }).click();
  await expect(page.getByRole("list", { name: "Providers" }).getByRole("article", { name: "Westwind Compute" }).getByTestId("provider-live-state")).toHaveText("Online", { timeout: 20_000 });
});
