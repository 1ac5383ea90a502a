import { expect, test } from "./fixtures";
import { approveTx, deployFromEditor, fundedWallet, navigate } from "./deploy-helpers";

test.describe.configure({ timeout: 150_000 });

test("with an on-chain certificate chosen in Settings, the manifest goes to the provider over mTLS", async ({ page }) => {
  await fundedWallet(page);
  // Settings → Certificates: create one and prefer it over wallet-signed tokens.
  await navigate(page, "/settings");
  const section = page.getByRole("region", { name: "Certificates" });
  await section.getByRole("button", { name: "Create certificate" }).click();
  await approveTx(page, /Create certificate/);
  await expect(section.getByRole("listitem").filter({ hasText: "Valid" })).toHaveCount(1, { timeout: 20_000 });
  const prefer = section.getByLabel("Use my certificate (mTLS) for providers");
  await expect(async () => {
    await prefer.click();
    await expect(prefer).toBeChecked({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });

  // Record which credential each manifest upload carried.
  const manifestAuth: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "POST") return;
    type Envelope = { method?: string; url?: string; auth?: { type?: string } } | null;
    let body: Envelope;
    try {
      body = request.postDataJSON() as Envelope;
    } catch {
      return;
    }
    if (body?.method === "PUT" && body.url?.includes("/manifest")) manifestAuth.push(body.auth?.type ?? "none");
  });

  await deployFromEditor(page, "/deploy?template=nginx-static-site");
  await expect(page.locator("[data-bid-key]").filter({ hasText: "Westwind Compute" })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "Accept cheapest audited" }).click();
  await approveTx(page, /Accept bid from Westwind Compute/);
  const lease = page.getByRole("region", { name: /Lease with Westwind Compute/ });
  await expect(lease.locator('[data-step="ready"][data-done]')).toBeVisible({ timeout: 40_000 });
  expect(manifestAuth).toEqual(["mtls"]);
});
