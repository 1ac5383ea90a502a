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
