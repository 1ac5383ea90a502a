import { expect, openApp, test } from "./fixtures";
import { approveTx, deploymentInfo, importWallet, navigate, seedLeasedDeployment } from "./deployments-helpers";

test.describe.configure({ timeout: 150_000 });

test("deployments list: every deployment from the chain with provider, cost, escrow and time left; close several in one transaction", async ({ page }) => {
  const first = await seedLeasedDeployment({ provider: 1 });
  const second = await seedLeasedDeployment({ provider: 2, mnemonic: first.mnemonic });
  await openApp(page);
  await importWallet(page, first.mnemonic);
  await navigate(page, "Deployments");

  const rows = [page.getByTestId(`deployment-row-${first.dseq}`), page.getByTestId(`deployment-row-${second.dseq}`)];
  await expect(rows[0]!).toContainText("Westwind Compute");
  await expect(rows[1]!).toContainText("Nordic GPU Cloud");
  for (const row of rows) {
    await expect(row).toContainText(/active/i);
    await expect(row).toContainText(/ACT\/month/);
    await expect(row).toContainText(/\d+ d \d+ h/);
  }
  await expect(page.getByText("Active deployments").locator("..")).toContainText("2");

  await page.getByLabel("Search deployments").fill(second.dseq);
  await expect(rows[0]!).toBeHidden();
  await page.getByLabel("Search deployments").fill("");

  await rows[0]!.getByLabel(`Select deployment ${first.dseq}`).check();
  await rows[1]!.getByLabel(`Select deployment ${second.dseq}`).check();
  await page.getByRole("button", { name: "Close selected (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Close 2 deployments?" });
  await expect(dialog.getByRole("list", { name: "Refund summary" }).getByRole("listitem")).toHaveCount(2);
  await dialog.getByRole("button", { name: "Close 2 deployments" }).click();
  await approveTx(page, "Close 2 deployments");
  for (const seed of [first, second]) await expect.poll(async () => (await deploymentInfo(seed.address, seed.dseq)).deployment.state).toBe("closed");

  // Active hides them; All shows them closed.
  await expect(page.getByText("No active deployments")).toBeVisible({ timeout: 20_000 });
  await page.getByRole("radio", { name: "All" }).click();
  await expect(rows[0]!).toContainText(/closed/i);
  await expect(rows[1]!).toContainText(/closed/i);
});
