import { expect, openApp, test } from "./fixtures";
import { approveTx, closeLeaseAsProvider, createCertificate, deploymentInfo, env, importWallet, navigate, seedLeasedDeployment, setProviderOnline } from "./deployments-helpers";

test.describe.configure({ timeout: 180_000 });

async function openDeployment(page: import("@playwright/test").Page, dseq: string) {
  await navigate(page, "Deployments");
  await page.getByTestId(`deployment-row-${dseq}`).getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Deployment ${dseq}` })).toBeVisible();
}

test("a provider that goes offline after the lease: clear message, sockets say so, the deposit can still be recovered", async ({ page }) => {
  const seed = await seedLeasedDeployment({ provider: 5 });
  try {
    await openApp(page);
    await importWallet(page, seed.mnemonic);
    await createCertificate(page);
    await openDeployment(page, seed.dseq);
    await expect(page.getByTestId("replicas-web")).toHaveText("1/1 replicas ready", { timeout: 30_000 });
    await page.getByRole("tab", { name: "Logs" }).click();
    await expect(page.getByRole("status", { name: "Logs connection" })).toHaveText("Live", { timeout: 20_000 });

    await setProviderOnline("provider-5", false);
    // The open log socket notices the drop and retries, then gives up with the reason.
    await expect(page.getByRole("status", { name: "Logs connection" })).toContainText(/Reconnecting|lost|offline|unavailable/i, { timeout: 30_000 });
    await page.getByRole("tab", { name: "Leases" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The provider is offline" })).toContainText("close the deployment to get the remaining escrow back", { timeout: 30_000 });

    // Closing only needs the chain: the escrow comes back even though the provider is gone.
    await page.getByRole("button", { name: "Close deployment" }).click();
    const close = page.getByRole("dialog", { name: `Close deployment ${seed.dseq}?` });
    await expect(close).toContainText("returns to your wallet");
    await close.getByRole("button", { name: "Close deployment" }).click();
    await approveTx(page, `Close deployment ${seed.dseq}`);
    await expect.poll(async () => (await deploymentInfo(seed.address, seed.dseq)).deployment.state).toBe("closed");
  } finally {
    await setProviderOnline("provider-5", true);
  }
});

test("a lease closed by the provider: says who closed it and why, and offers to close the deployment for the deposit", async ({ page }) => {
  const seed = await seedLeasedDeployment({ provider: 2 });
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  await closeLeaseAsProvider(seed, 2);
  await openDeployment(page, seed.dseq);
  const alert = page.getByRole("status").filter({ hasText: "The provider closed the lease" });
  await expect(alert).toContainText("the workload was unstable");
  await expect(page.getByText("This lease was closed by the provider: the workload was unstable.")).toBeVisible();
  await alert.getByRole("button", { name: "Close deployment" }).click();
  const close = page.getByRole("dialog", { name: `Close deployment ${seed.dseq}?` });
  await expect(close.getByRole("list", { name: "Refund summary" })).toContainText("ACT");
  await close.getByRole("button", { name: "Close deployment" }).click();
  await approveTx(page, `Close deployment ${seed.dseq}`);
  await expect.poll(async () => (await deploymentInfo(seed.address, seed.dseq)).deployment.state).toBe("closed");
});

test("a node outage mid-flow: the page keeps the last state, the failed top up is not sent twice, the retry lands once", async ({ page }) => {
  const seed = await seedLeasedDeployment();
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  await openDeployment(page, seed.dseq);
  await page.getByRole("tab", { name: "Escrow" }).click();
  await expect(page.getByTestId("escrow-balance")).toContainText("ACT");
  const deposits = (await deploymentInfo(seed.address, seed.dseq)).escrow_account.state.deposits.length;

  // The node's RPC drops broadcasts and its REST gateway goes away.
  const rpc = env("E2E_RPC_URL");
  const restUrl = env("E2E_REST_URL");
  await page.route(`${rpc}/**`, (route) => (route.request().postData()?.includes("broadcast_tx") ? route.abort("connectionrefused") : route.fallback()));
  await page.route(`${rpc}`, (route) => (route.request().postData()?.includes("broadcast_tx") ? route.abort("connectionrefused") : route.fallback()));
  await page.getByRole("region", { name: "Escrow" }).getByRole("button", { name: "Top up" }).click();
  const topUp = page.getByRole("dialog", { name: `Top up deployment ${seed.dseq}` });
  await topUp.getByLabel("Amount (ACT)").fill("2");
  await topUp.getByRole("button", { name: "Review top up" }).click();
  await expect(page.getByTestId("tx-fee")).toContainText("AKT", { timeout: 20_000 });
  await page.getByRole("button", { name: "Approve and send" }).click();
  await expect(page.getByRole("dialog").filter({ has: page.getByRole("alert") }).first()).toBeVisible({ timeout: 30_000 });
  expect((await deploymentInfo(seed.address, seed.dseq)).escrow_account.state.deposits.length).toBe(deposits);
  await page.getByRole("dialog").filter({ has: page.getByRole("alert") }).first().getByRole("button", { name: "Close", exact: true }).click();

  // REST down too: the detail page keeps what it knew and says so.
  await page.route(`${restUrl}/**`, (route) => route.abort("connectionrefused"));
  await expect(page.getByText("Showing the last known state")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("escrow-balance")).toContainText("ACT");

  // Back up: the typed amount is still there; the retry lands exactly once.
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await expect(page.getByText("Showing the last known state")).toBeHidden({ timeout: 30_000 });
  await expect(topUp.getByLabel("Amount (ACT)")).toHaveValue("2");
  await topUp.getByRole("button", { name: "Review top up" }).click();
  await approveTx(page, `Top up deployment ${seed.dseq}`);
  await expect.poll(async () => (await deploymentInfo(seed.address, seed.dseq)).escrow_account.state.deposits.length).toBe(deposits + 1);
});

test("an update interrupted by a node outage loses no SDL and lands once on retry; the edit survives a reload", async ({ page }) => {
  const seed = await seedLeasedDeployment();
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  await openDeployment(page, seed.dseq);
  await page.getByRole("tab", { name: "Update" }).click();
  await page.getByLabel("SDL (YAML)").fill(seed.sdl);
  await page.getByRole("button", { name: "Verify and import" }).click();
  // The Update tab is the Deploy editor (Monaco + form): edit the image in the form; the YAML shows the edit.
  const update = page.getByRole("region", { name: "Update" });
  const edited = update.locator(".monaco-editor .view-line").filter({ hasText: "image: nginx:1.27" });
  await expect(update.getByTestId("sdl-status")).toHaveText("Valid", { timeout: 30_000 });
  await update.getByTestId("mode-form").click();
  await update.getByTestId("image-web").fill("nginx:1.27");
  await update.getByTestId("image-web").press("Enter");
  await expect(update.getByTestId("sdl-status")).toHaveText("Valid");

  // A reload keeps the unsent edit (and the wallet stays unlocked within the tab's session).
  await page.reload();
  await expect(page.getByRole("banner").getByRole("button", { name: /^Wallet akash1/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("tab", { name: "Update" }).click();
  await expect(edited).toBeVisible({ timeout: 30_000 });

  const rpc = env("E2E_RPC_URL");
  const dropBroadcast = (route: import("@playwright/test").Route) => (route.request().postData()?.includes("broadcast_tx") ? route.abort("connectionrefused") : route.fallback());
  await page.route(`${rpc}/**`, dropBroadcast);
  await page.route(rpc, dropBroadcast);
  const before = (await deploymentInfo(seed.address, seed.dseq)).deployment.hash;
  await page.getByRole("button", { name: "Review changes" }).click();
  await page.getByRole("button", { name: "Update deployment" }).click();
  await expect(page.getByTestId("tx-fee")).toContainText("AKT", { timeout: 20_000 });
  await page.getByRole("button", { name: "Approve and send" }).click();
  const failed = page.getByRole("dialog").filter({ has: page.getByRole("alert") }).first();
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await failed.getByRole("button", { name: "Close", exact: true }).click();
  expect((await deploymentInfo(seed.address, seed.dseq)).deployment.hash).toBe(before);
  await expect(edited).toBeVisible();
  await expect(page.getByTestId("sdl-diff")).toContainText("+     image: nginx:1.27");

  await page.unrouteAll({ behavior: "ignoreErrors" });
  await page.getByRole("button", { name: "Update deployment" }).click();
  await approveTx(page, `Update deployment ${seed.dseq}`);
  await expect(page.getByText("Manifest accepted by 1 provider")).toBeVisible({ timeout: 30_000 });
  expect((await deploymentInfo(seed.address, seed.dseq)).deployment.hash).not.toBe(before);
});
