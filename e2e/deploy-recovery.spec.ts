import { expect, test } from "./fixtures";
import { approveTx, deployFromEditor, fundedWallet, unlockBuiltinWallet } from "./deploy-helpers";

test.describe.configure({ timeout: 150_000 });

test("a tab closed right after the deployment transaction is recovered on the next visit, and the flow finishes", async ({ page, context }) => {
  await fundedWallet(page);
  const dseq = await deployFromEditor(page, "/deploy?template=nginx-static-site");
  await page.close();

  // Next visit: the wallet is locked until unlocked; then the banner offers the waiting deployment.
  const next = await context.newPage();
  await next.goto("/");
  await unlockBuiltinWallet(next);
  const banner = next.getByTestId("recovery-banner");
  await expect(banner).toContainText("You have a deployment waiting for a provider", { timeout: 20_000 });
  await banner.getByRole("link", { name: "Review bids" }).click();
  await expect(next).toHaveURL(new RegExp(`/deployments/${dseq}/bids$`));
  await expect(next.getByRole("heading", { level: 1 })).toHaveText("nginx-static-site");

  // Bids that arrived while the tab was closed are there (REST first load); the flow finishes.
  await expect(next.locator("[data-bid-key]").first()).toBeVisible({ timeout: 20_000 });
  await next.getByRole("button", { name: "Accept cheapest audited" }).click();
  await approveTx(next, /Accept bid from/);
  await expect(next.locator('[data-step="ready"][data-done]')).toBeVisible({ timeout: 40_000 });
  await expect(next.getByTestId("lease-uri").first()).toContainText("ingress");

  // Once leased, the banner no longer lists it.
  await next.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await expect(next.getByTestId("recovery-banner")).toHaveCount(0, { timeout: 35_000 });
});
