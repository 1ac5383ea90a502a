/**
 * No dead ends: a fresh wallet gets from the review dialog to a deployment without leaving it (faucet and mint in
 * place); a reload keeps the built-in wallet unlocked within the tab (a deep link just works; a new tab asks for the
 * password with one "Unlock wallet"); a bid from a provider shown offline asks before it is accepted, the deployments
 * list flags it, and after a failed start one action closes and redeploys without it.
 */
import type { Page } from "@playwright/test";
import { createBuiltinWallet, expect, openApp, PASSWORD, test } from "./fixtures";
import { approveTx, importWallet, providerByIndex, seedLeasedDeployment } from "./deployments-helpers";
import { deployFromEditor, fundedWallet } from "./deploy-helpers";

test.describe.configure({ timeout: 180_000 });

/**
 * Makes `provider` look down to this page only (other specs share it): the proxy answers its `/status` with 502, and
 * with `rejectManifest` its manifest PUT with 400, as a provider that cannot run the SDL would.
 */
async function showProviderOffline(page: Page, provider: string, { rejectManifest = false } = {}) {
  const proxy = process.env.E2E_PROXY_URL!.replace(/\/$/, "");
  await page.route(
    (url) => url.href === `${proxy}/`,
    (route) => {
      const body = route.request().postDataJSON() as { providerAddress?: string; url?: string; method?: string } | null;
      if (body?.providerAddress === provider && body.url) {
        const path = new URL(body.url).pathname;
        if (path === "/status") return route.fulfill({ status: 502, contentType: "text/plain", body: "dial tcp: connection refused" });
        if (rejectManifest && body.method === "PUT" && path.endsWith("/manifest")) return route.fulfill({ status: 400, contentType: "text/plain", body: "manifest cannot be deployed: no capacity for this image" });
      }
      return route.fallback();
    },
  );
}

test("a fresh wallet goes from the review dialog to a deployment without leaving it", async ({ page }) => {
  await openApp(page, "/deploy?template=nginx-static-site");
  await createBuiltinWallet(page);
  const deploy = page.getByRole("button", { name: "Deploy", exact: true });
  await expect(deploy).toBeEnabled({ timeout: 20_000 });
  await deploy.click();

  const review = page.getByRole("dialog", { name: "Review deployment" });
  await expect(review.getByText(/You need 0\.5 more ACT/)).toBeVisible({ timeout: 20_000 });
  // No AKT either: the faucet is right here (this network has one), then the mint, then the deployment.
  await expect(review.getByText(/more AKT first: get it from the faucet here, then mint/)).toBeVisible();
  await review.getByRole("button", { name: "Get AKT from the faucet" }).click();
  const mint = review.getByRole("button", { name: /Mint with .* AKT/ });
  await expect(mint).toBeEnabled({ timeout: 30_000 });
  await mint.click();
  await approveTx(page, /Mint ACT with/, { moves: [/AKT burnt\s*[\d.]+ AKT \(\$[\d.]+\)/, "ACT minted"] });
  await expect(review.getByText(/more ACT/)).toHaveCount(0, { timeout: 15_000 });
  // Still in the review, on the editor's page.
  await expect(page).toHaveURL(/\/deploy\?template=nginx-static-site$/);
  await expect(review).toBeVisible();

  await review.getByRole("button", { name: "Create deployment", disabled: false }).click({ timeout: 20_000 });
  await approveTx(page, /Create deployment/, { moves: [/Deposit into escrow\s*0\.50? ACT \(\$0\.50\)/, "From your wallet's balance"] });
  await expect(page).toHaveURL(/\/deployments\/\d+\/bids$/);
  await expect(page.getByTestId("auction-status")).toContainText("Live", { timeout: 15_000 });
});

test("a reload keeps the built-in wallet unlocked in this tab; a new tab unlocks with one button", async ({ page, context }) => {
  const seed = await seedLeasedDeployment();
  await openApp(page);
  await importWallet(page, seed.mnemonic);

  // A deep link loaded fresh (a reload) just works.
  await page.goto(`/deployments/${seed.dseq}`);
  await expect(page.getByRole("banner").getByRole("button", { name: `Wallet ${seed.address}` })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("heading", { name: `Deployment ${seed.dseq}` })).toBeVisible();
  await expect(page.getByTestId("replicas-web")).toHaveText("1/1 replicas ready", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByRole("heading", { name: `Deployment ${seed.dseq}` })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Connect the wallet that owns this deployment")).toHaveCount(0);

  // Nothing readable is stored: no two neighbouring words of the phrase in localStorage or sessionStorage. Single
  // words are no test: BIP39 words such as "version" are also JSON keys of the encrypted vault.
  const stored = (await page.evaluate("JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })")) as string;
  const words = seed.mnemonic.split(" ");
  for (let i = 1; i < words.length; i++) expect(stored).not.toContain(`${words[i - 1]} ${words[i]}`);

  // A new tab has no session: one "Unlock wallet" opens the password prompt, and the deep link follows.
  const tab = await context.newPage();
  await openApp(tab, `/deployments/${seed.dseq}`);
  await tab.getByRole("banner").getByRole("button", { name: "Unlock wallet" }).click();
  const builtin = tab.getByRole("dialog", { name: "Built-in devnet wallet" });
  await builtin.getByLabel("Password").fill(PASSWORD);
  await builtin.getByRole("button", { name: "Unlock" }).click();
  // Unlocked when the header shows the wallet (the heading shows before): an unlock finishing later would mark the
  // built-in wallet as the last used again, after the disconnect below, and the reload would offer "Unlock wallet".
  await expect(tab.getByRole("banner").getByRole("button", { name: `Wallet ${seed.address}` })).toBeVisible({ timeout: 20_000 });
  await expect(tab.getByRole("heading", { name: `Deployment ${seed.dseq}` })).toBeVisible({ timeout: 20_000 });

  // Disconnecting ends the session: a reload then asks again.
  await page.getByRole("banner").getByRole("button", { name: `Wallet ${seed.address}` }).click();
  await page.getByRole("menuitem", { name: "Disconnect" }).click();
  await page.reload();
  await expect(page.getByRole("banner").getByRole("button", { name: "Connect wallet" })).toBeVisible({ timeout: 20_000 });
});

test("an offline provider: accepting its bid warns, the list flags it, and a failed start closes and redeploys without it", async ({ page }) => {
  const westwind = await providerByIndex(1);
  await showProviderOffline(page, westwind.owner, { rejectManifest: true });
  await fundedWallet(page, "10");
  const dseq = await deployFromEditor(page, "/deploy?template=nginx-static-site");

  const row = page.locator("[data-bid-key]").filter({ hasText: "Westwind Compute" });
  await expect(row).toContainText("Offline", { timeout: 30_000 });
  // "Accept cheapest audited" passes over offline providers; picking it by hand asks first.
  await row.getByRole("radio").check();
  await page.getByRole("button", { name: "Accept selected bid" }).click();
  const warning = page.getByRole("dialog", { name: "This provider is offline" });
  await expect(warning).toContainText("Westwind Compute did not answer just now");
  await warning.getByRole("button", { name: "Choose another bid" }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByRole("dialog", { name: /Accept bid from/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Accept selected bid" }).click();
  await page.getByRole("dialog", { name: "This provider is offline" }).getByRole("button", { name: "Accept anyway" }).click();
  await approveTx(page, /Accept bid from Westwind Compute/, { moves: [/Lease price\s*[\d.]+ ACT \(\$[\d.]+\) per hour/, /Per month\s*[\d.]+ ACT \(\$[\d.]+\) per month/] });

  // The start fails (the provider cannot take the manifest): one action closes this and redeploys elsewhere.
  const lease = page.getByRole("region", { name: /Lease with Westwind Compute/ });
  const redeploy = lease.getByRole("button", { name: "Close and redeploy to another provider" });
  await expect(redeploy).toBeVisible({ timeout: 45_000 });

  // Meanwhile the deployments list flags the provider (a new tab would lose nothing: the wallet stays unlocked).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deployments" }).click();
  await expect(page.getByTestId(`deployment-row-${dseq}`).getByTestId("provider-offline")).toBeVisible({ timeout: 30_000 });
  await page.goBack();

  await lease.getByRole("button", { name: "Close and redeploy to another provider" }).click({ timeout: 30_000 });
  await approveTx(page, `Close deployment ${dseq}`, { moves: /Refund to the depositor/ });
  // The same SDL and deposit, reviewed at once, without Westwind.
  const review = page.getByRole("dialog", { name: "Review deployment" });
  await expect(review).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(new RegExp(`/deploy\\?redeploy=${dseq}&deposit=0\\.5&exclude=${westwind.owner}&review=1`));
  await expect(review.getByLabel("Deposit (ACT)")).toHaveValue("0.5");
  await review.getByRole("button", { name: "Create deployment", disabled: false }).click({ timeout: 20_000 });
  await approveTx(page, /Create deployment/, { moves: /0\.50? ACT \(\$0\.50\)/ });
  await expect(page).toHaveURL(/\/deployments\/\d+\/bids\?exclude=/);
  await expect(page.getByTestId("excluded-providers")).toContainText("Westwind Compute");
  await expect.poll(() => page.locator("[data-bid-key]").count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.locator("[data-bid-key]").filter({ hasText: "Westwind Compute" })).toHaveCount(0);

  // The closed deployment offers "Redeploy" with its saved SDL.
  await page.goto(`/deployments/${dseq}`);
  await page.getByRole("link", { name: "Redeploy" }).click();
  await expect(page).toHaveURL(new RegExp(`/deploy\\?redeploy=${dseq}`));
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toBeEnabled({ timeout: 20_000 });
});
