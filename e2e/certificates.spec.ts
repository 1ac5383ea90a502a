import { readFile } from "node:fs/promises";
import { expect, openApp, test } from "./fixtures";
import { approveTx, createCertificate, importWallet, navigate, seedLeasedDeployment } from "./deployments-helpers";

test.describe.configure({ timeout: 120_000 });

test("certificates: create, export PEM, revoke → the provider refuses and one click renews", async ({ page }) => {
  const seed = await seedLeasedDeployment();
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  // Providers are reached with the certificate (the built-in wallet could sign JWTs instead).
  await createCertificate(page, { preferMtls: true });
  const section = page.getByRole("region", { name: "Certificates" });
  const item = section.getByRole("listitem").filter({ hasText: "Valid" });
  const serial = ((await item.getAttribute("aria-label")) ?? "").replace("Certificate ", "");
  expect(serial).toMatch(/^\d+$/);

  // The key never sits in localStorage in clear text.
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.includes("certificates")).map(([, v]) => v).join(""));
  expect(stored).toContain("BEGIN CERTIFICATE");
  expect(stored).not.toContain("PRIVATE KEY");

  // Export: certificate + decrypted key as PEM.
  const download = page.waitForEvent("download");
  await item.getByRole("button", { name: `Export certificate ${serial}` }).click();
  const pem = await readFile((await (await download).path())!, "utf8");
  expect(pem).toContain("-----BEGIN CERTIFICATE-----");
  expect(pem).toMatch(/-----BEGIN (EC )?PRIVATE KEY-----/);

  // Revoke: the provider call on the deployment page then asks to renew.
  await item.getByRole("button", { name: `Revoke certificate ${serial}` }).click();
  await approveTx(page, "Revoke certificate");
  await expect(section.getByRole("listitem").filter({ hasText: "Revoked" })).toHaveCount(1, { timeout: 20_000 });
  await expect(section.getByText("Your certificate was revoked")).toBeVisible();

  await navigate(page, "Deployments");
  await page.getByTestId(`deployment-row-${seed.dseq}`).getByRole("link").click();
  const prompt = page.getByRole("status").filter({ hasText: "Your certificate was revoked" });
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await prompt.getByRole("button", { name: "Renew certificate" }).click();
  await approveTx(page, "Renew certificate");
  await expect(page.getByTestId("replicas-web")).toHaveText("1/1 replicas ready", { timeout: 30_000 });

  await navigate(page, "Settings");
  await expect(section.getByRole("listitem").filter({ hasText: "Valid" }).filter({ hasText: "Key in this browser" })).toHaveCount(1, { timeout: 20_000 });
  await expect(section.getByRole("listitem").filter({ hasText: "Revoked" })).toHaveCount(1);
});
