import { readFile } from "node:fs/promises";
import { expect, openApp, test } from "./fixtures";
import { approveTx, createCertificate, deploymentInfo, importWallet, navigate, seedLeasedDeployment, webSdl } from "./deployments-helpers";

test.describe.configure({ timeout: 180_000 });

test("manage a running deployment: leases → logs → shell env → update image → top up → close", async ({ page }) => {
  const seed = await seedLeasedDeployment();
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  await createCertificate(page);

  // The list shows it from the chain, with its provider, cost and escrow.
  await navigate(page, "Deployments");
  const row = page.getByTestId(`deployment-row-${seed.dseq}`);
  await expect(row).toContainText("Westwind Compute");
  await expect(row).toContainText("ACT/month");
  await row.getByRole("link").click();

  // Leases: provider status through the proxy (a wallet-signed JWT).
  await expect(page.getByRole("heading", { name: `Deployment ${seed.dseq}` })).toBeVisible();
  await expect(page.getByTestId("replicas-web")).toHaveText("1/1 replicas ready", { timeout: 30_000 });
  const uri = page.getByRole("list", { name: "web URIs" }).getByRole("link").first();
  await expect(uri).toHaveAttribute("target", "_blank");
  await expect(uri).toHaveAttribute("href", /ingress\.provider-1\.localhost/);

  // Logs stream live; search narrows; pause holds new lines.
  await page.getByRole("tab", { name: "Logs" }).click();
  await expect(page.getByRole("status", { name: "Logs connection" })).toHaveText("Live", { timeout: 20_000 });
  await expect(page.getByTestId("log-line").first()).toBeVisible({ timeout: 20_000 });
  await page.getByLabel("Search logs").fill("no-such-text-in-any-log-line");
  await expect(page.getByText("No line matches the search.")).toBeVisible();
  await page.getByLabel("Search logs").fill("");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("button", { name: /^Resume/ })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: /^Resume/ }).click();
  // Download fetches the whole backlog (follow=false) as a text file.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`deployment-${seed.dseq}-1-1-logs.txt`);
  expect(await readFile((await file.path())!, "utf8")).toMatch(/\[web-[^\]]+\] /);

  // Shell: `env` runs in the container and shows the SDL's environment.
  await page.getByRole("tab", { name: "Shell" }).click();
  await expect(page.getByRole("status", { name: "Shell connection" })).toHaveText("Live", { timeout: 20_000 });
  const terminal = page.getByTestId("shell-terminal");
  await terminal.click();
  await page.keyboard.type("env\r");
  await expect(terminal).toContainText("GREETING=hello from akash", { timeout: 15_000 });

  // Update: the deployment was made outside this browser, so import its SDL (verified against the chain) first.
  await page.getByRole("tab", { name: "Update" }).click();
  await page.getByLabel("SDL (YAML)").fill(webSdl("nginx:1.24"));
  await page.getByRole("button", { name: "Verify and import" }).click();
  await expect(page.getByText("does not match the deployment on chain")).toBeVisible();
  await page.getByLabel("SDL (YAML)").fill(seed.sdl);
  await page.getByRole("button", { name: "Verify and import" }).click();
  // The same editor and form as Deploy: a form-only user updates the way they deployed.
  const update = page.getByRole("region", { name: "Update" });
  await expect(update.getByTestId("sdl-status")).toHaveText("Valid", { timeout: 30_000 });
  await expect(update.locator(".monaco-editor .view-line").filter({ hasText: "image: nginx:1.25" })).toBeVisible();
  const before = await deploymentInfo(seed.address, seed.dseq);
  await update.getByTestId("mode-form").click();
  await update.getByTestId("image-web").fill("nginx:1.26");
  await update.getByTestId("image-web").press("Enter");
  await expect(update.getByTestId("sdl-status")).toHaveText("Valid");
  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(page.getByTestId("sdl-diff")).toContainText("-     image: nginx:1.25");
  await expect(page.getByTestId("sdl-diff")).toContainText("+     image: nginx:1.26");
  await page.getByRole("button", { name: "Update deployment" }).click();
  await approveTx(page, `Update deployment ${seed.dseq}`);
  await expect(page.getByText("Manifest accepted by 1 provider")).toBeVisible({ timeout: 30_000 });
  const after = await deploymentInfo(seed.address, seed.dseq);
  expect(after.deployment.hash).not.toBe(before.deployment.hash);

  // Escrow: top up 1 ACT.
  await page.getByRole("tab", { name: "Escrow" }).click();
  const deposits = before.escrow_account.state.deposits.length;
  const balance = async () => Number(((await page.getByTestId("escrow-balance").textContent()) ?? "").replace(/[^\d.]/g, ""));
  const balanceBefore = await balance();
  expect(balanceBefore).toBeGreaterThan(4);
  await page.getByRole("region", { name: "Escrow" }).getByRole("button", { name: "Top up" }).click();
  const topUp = page.getByRole("dialog", { name: `Top up deployment ${seed.dseq}` });
  await topUp.getByLabel("Amount (ACT)").fill("1");
  await expect(topUp.getByTestId("top-up-preview")).toContainText("Adds about");
  await topUp.getByRole("button", { name: "Review top up" }).click();
  await approveTx(page, `Top up deployment ${seed.dseq}`);
  await expect.poll(async () => (await deploymentInfo(seed.address, seed.dseq)).escrow_account.state.deposits.length).toBe(deposits + 1);
  await expect.poll(balance, { timeout: 20_000 }).toBeGreaterThan(balanceBefore + 0.9);

  // Close: the dialog says what comes back; the chain closes it.
  await page.getByRole("button", { name: "Close deployment" }).click();
  const close = page.getByRole("dialog", { name: `Close deployment ${seed.dseq}?` });
  await expect(close.getByRole("list", { name: "Refund summary" })).toContainText("ACT");
  await expect(close).toContainText("returns to your wallet");
  await close.getByRole("button", { name: "Close deployment" }).click();
  await approveTx(page, `Close deployment ${seed.dseq}`);
  await expect.poll(async () => (await deploymentInfo(seed.address, seed.dseq)).deployment.state).toBe("closed");
  await expect(page.getByText("closed", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
});
