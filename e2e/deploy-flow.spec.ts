import { createBuiltinWallet, expect, fundFromFaucet, openApp, test } from "./fixtures";
import { approveTx } from "./deployments-helpers";

test.describe.configure({ timeout: 120_000 });

test("a newcomer deploys a template: review → mint ACT → deploy → bids appear live → accept cheapest audited → URI answers", async ({ page, context }) => {
  await openApp(page, "/account");
  await createBuiltinWallet(page);
  await fundFromFaucet(page);

  // Template → editor.
  // In-app navigation: the built-in wallet stays unlocked.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
  await page.getByRole("link", { name: "Static site (nginx)", exact: true }).click();
  await page.getByTestId("template-deploy").click();
  await expect(page).toHaveURL(/\/deploy\?template=nginx-static-site/);
  const deploy = page.getByRole("button", { name: "Deploy", exact: true });
  await expect(deploy).toBeEnabled({ timeout: 20_000 });
  await deploy.click();

  // Review: resources, estimate, deposit defaulting to the chain minimum, and no ACT yet.
  const review = page.getByRole("dialog", { name: "Review deployment" });
  await expect(review.getByRole("cell", { name: /web/ })).toBeVisible();
  await expect(review.getByTestId("review-estimate")).toContainText("per month");
  await expect(review.getByLabel("Deposit (ACT)")).toHaveValue("0.5");
  await expect(review.getByText(/You need 0\.5 more ACT/)).toBeVisible();
  await expect(review.getByRole("button", { name: "Create deployment" })).toBeDisabled();
  await review.getByRole("button", { name: /Mint with .* AKT/ }).click();
  await approveTx(page, /Mint ACT with/);
  await expect(review.getByText(/more ACT/)).toHaveCount(0, { timeout: 15_000 });
  // The network fee is simulated on the node for this exact transaction.
  await expect(review.getByTestId("review-fee")).toContainText(/≈ 0\.\d+ AKT/, { timeout: 15_000 });

  // One transaction creates the deployment; we land on the live auction.
  const create = review.getByRole("button", { name: "Create deployment" });
  await create.click();
  // Before anything is broadcast (the wallet is still asking), the SDL is already saved on this device.
  await expect(page.getByRole("dialog", { name: /Create deployment/ }).getByRole("button", { name: "Approve and send" })).toBeVisible({ timeout: 20_000 });
  const pending = await page.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.includes(":deployment:"))
      .map(([, v]) => JSON.parse(v) as { sdl: string; txHash?: string }),
  );
  // Not on chain yet (no transaction hash): where it stands is read from the chain, not stored.
  expect(pending).toEqual([expect.objectContaining({ sdl: expect.stringContaining("nginx:1.27-alpine") })]);
  expect(pending[0]).not.toHaveProperty("txHash");
  await approveTx(page, /Create deployment/);
  await expect(page).toHaveURL(/\/deployments\/\d+\/bids$/);
  const dseq = /deployments\/(\d+)\/bids/.exec(page.url())![1]!;
  await expect(page.getByTestId("auction-status")).toContainText("Live", { timeout: 15_000 });

  // The SDL was saved locally, keyed by network + owner + dseq.
  const saved = await page.evaluate((d) => Object.keys(localStorage).filter((k) => k.includes(`:deployment:`) && k.endsWith(`:${d}`)), dseq);
  expect(saved).toHaveLength(1);

  // Bids are drawn as they are committed: several providers, with name, region and audit state.
  const rows = page.locator("[data-bid-key]");
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("bid-countdown")).toContainText(/Bid window closes in \d+:\d\d/);
  const westwind = rows.filter({ hasText: "Westwind Compute" });
  await expect(westwind).toContainText("Audited");
  await expect(westwind).toContainText("us-west");
  await expect(westwind).toContainText("Online", { timeout: 15_000 });

  // Filtering by "audited only" leaves the audited provider.
  await page.getByLabel("Audited only").check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Westwind Compute");
  await page.getByLabel("Audited only").uncheck();

  // Accept the cheapest audited bid: one transaction, then the manifest goes to the provider.
  await page.getByRole("button", { name: "Accept cheapest audited" }).click();
  await approveTx(page, /Accept bid from Westwind Compute/);
  const lease = page.getByRole("region", { name: /Lease with Westwind Compute/ });
  await expect(lease.locator('[data-step="manifest"][data-done]')).toBeVisible({ timeout: 30_000 });
  await expect(lease.locator('[data-step="ready"][data-done]')).toBeVisible({ timeout: 30_000 });
  const uri = (await lease.getByTestId("lease-uri").first().textContent())!;
  expect(uri).toContain("ingress");

  // The URI answers (Chromium resolves *.localhost to loopback).
  const site = await context.newPage();
  const response = await site.goto(uri.includes("://") ? uri : `http://${uri}`);
  expect(response?.status()).toBe(200);
  await expect(site.locator("body")).toContainText(/nginx/i);
  await site.close();

  // Record follows the chain.
  await expect(page.getByRole("link", { name: "Open deployment" })).toBeVisible();
});
