import { expect, fundFromFaucet, mintAct, openApp, test } from "./fixtures";
import { deployFromEditor } from "./deploy-helpers";
import { installFakeKeplr } from "./support/fake-keplr";

test.describe.configure({ timeout: 150_000 });

test("Keplr: provider access is a JWT signed with signArbitrary; a declined signature says so and is renewed in one click", async ({ page }) => {
  const keplr = await installFakeKeplr(page);
  await openApp(page, "/account");
  await page.getByRole("main").getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("dialog", { name: "Connect a wallet" }).getByRole("button", { name: /Keplr/ }).click();
  await expect(page.getByRole("button", { name: `Wallet ${keplr.address}` })).toBeVisible({ timeout: 20_000 });
  await fundFromFaucet(page);
  await mintAct(page, "5");

  await deployFromEditor(page, "/deploy?template=nginx-static-site");
  await expect(page.locator("[data-bid-key]").filter({ hasText: "Westwind Compute" })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "Accept cheapest audited" }).click();

  // The lease transaction is signed; then the user declines the token signature in the extension. Armed before the
  // click: the manifest's token is asked for the moment the lease's block is confirmed, which can come before a poll
  // here would see the transaction signed.
  const dialog = page.getByRole("dialog", { name: /Accept bid from Westwind Compute/ });
  const directSigns = () => keplr.signRequests.filter((r) => r.mode === "direct").length;
  const txsSigned = directSigns();
  keplr.rejectNextAminoSign = true;
  await dialog.getByRole("button", { name: "Approve and send" }).click();
  await expect.poll(directSigns).toBe(txsSigned + 1);
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  const lease = page.getByRole("region", { name: /Lease with Westwind Compute/ });
  await expect(lease.getByTestId("rollout-error")).toHaveText("You declined to sign the provider access token.", { timeout: 20_000 });
  await lease.getByRole("button", { name: "Renew access and retry" }).click();
  await expect(lease.locator('[data-step="ready"][data-done]')).toBeVisible({ timeout: 40_000 });
  // The token was an ADR-36 amino signature by the owner's key in the extension.
  expect(keplr.signRequests.filter((r) => r.mode === "amino").length).toBeGreaterThanOrEqual(2);
  await expect(lease.getByTestId("lease-uri").first()).toContainText("ingress");
});
