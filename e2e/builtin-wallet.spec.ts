import { balance, createBuiltinWallet, expect, fundFromFaucet, mintAct, openApp, PASSWORD, test } from "./fixtures";

test("a newcomer creates the built-in wallet, funds it, mints ACT and sees balances change", async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to Akash Console");
  const address = await createBuiltinWallet(page);
  expect(address).toMatch(/^akash1[0-9a-z]{38}$/);

  await page.getByRole("link", { name: "Open account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-address")).toHaveText(address);
  await expect(page.getByTestId("balance-akt")).toHaveText("0");

  await fundFromFaucet(page);
  const aktBefore = await balance(page, "akt");

  // The preview uses the chain's oracle price (AKT/USD) and the BME mint spread.
  await page.getByLabel("AKT to burn").fill("10");
  await expect(page.getByText(/USD per AKT \(price oracle, time-weighted average\), mint spread 0\.25%/)).toBeVisible();
  const previewed = await mintAct(page, "10");
  expect(previewed).toBeGreaterThan(0);
  await expect.poll(() => balance(page, "act"), { timeout: 20_000 }).toBeGreaterThan(0);
  const act = await balance(page, "act");
  expect(act).toBeCloseTo(previewed, 0);
  expect(await balance(page, "akt")).toBeLessThan(aktBefore - 10 + 0.000001);
  await expect(page.getByRole("region", { name: "Recent transactions" }).getByRole("cell", { name: /Mint ACT/ })).toBeVisible({ timeout: 15_000 });
});

test("the built-in wallet stays encrypted in this browser and unlocks only with its password", async ({ page }) => {
  await openApp(page);
  const address = await createBuiltinWallet(page);
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.includes("builtin-wallet")));
  expect(stored).toHaveLength(1);
  const record = JSON.parse(stored[0]![1]) as Record<string, unknown>;
  expect(record).toMatchObject({ kdf: "PBKDF2-SHA256", address });
  expect(record.iterations as number).toBeGreaterThanOrEqual(600_000);
  expect(JSON.stringify(record).split(" ").length).toBeLessThan(3);

  // A new tab has no session of the wallet: "Unlock wallet" opens its password prompt, not the wallet picker.
  const tab = await page.context().newPage();
  await openApp(tab);
  await tab.getByRole("banner").getByRole("button", { name: "Unlock wallet" }).click();
  const builtin = tab.getByRole("dialog", { name: "Built-in devnet wallet" });
  await builtin.getByLabel("Password").fill("not the password");
  await builtin.getByRole("button", { name: "Unlock" }).click();
  await expect(builtin.getByText("Wrong password. Try again.")).toBeVisible();
  await builtin.getByLabel("Password").fill(PASSWORD);
  await builtin.getByRole("button", { name: "Unlock" }).click();
  await expect(tab.getByRole("button", { name: `Wallet ${address}` })).toBeVisible();
});

test("importing a wrong recovery phrase explains what is wrong and keeps the form", async ({ page }) => {
  await openApp(page);
  await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("dialog", { name: "Connect a wallet" }).getByRole("button", { name: /Built-in devnet wallet/ }).click();
  const builtin = page.getByRole("dialog", { name: "Built-in devnet wallet" });
  await builtin.getByRole("tab", { name: "Import phrase" }).click();
  const phrase = builtin.getByLabel("Recovery phrase");
  await phrase.fill("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon");
  await builtin.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await builtin.getByLabel("Confirm password").fill(PASSWORD);
  await builtin.getByRole("button", { name: "Import wallet" }).click();
  await expect(builtin.getByText(/checksum is wrong/)).toBeVisible();
  await phrase.fill("abandon abandon abandon");
  await builtin.getByRole("button", { name: "Import wallet" }).click();
  await expect(builtin.getByText(/this one has 3/)).toBeVisible();

  await phrase.fill("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
  await builtin.getByLabel("Confirm password").fill("different password");
  await builtin.getByRole("button", { name: "Import wallet" }).click();
  await expect(builtin.getByText("Passwords do not match")).toBeVisible();
  await builtin.getByLabel("Confirm password").fill(PASSWORD);
  await builtin.getByRole("button", { name: "Import wallet" }).click();
  await expect(page.getByRole("button", { name: /^Wallet akash19rl4cm2hmr8afy4kldpxz3fka4jguq0a/ })).toBeVisible();
});

test("the built-in wallet locks itself after 15 minutes without activity", async ({ page }) => {
  await page.clock.install();
  await openApp(page);
  await createBuiltinWallet(page);
  await expect(page.getByRole("button", { name: /^Wallet akash1/ })).toBeVisible();
  // Fourteen minutes away: still unlocked; activity restarts the clock.
  await page.clock.fastForward("14:00");
  await expect(page.getByRole("button", { name: /^Wallet akash1/ })).toBeVisible();
  await page.keyboard.press("Shift");
  await page.clock.fastForward("14:00");
  await expect(page.getByRole("button", { name: /^Wallet akash1/ })).toBeVisible();
  await page.clock.fastForward("02:00");
  await expect(page.getByRole("banner").getByRole("button", { name: "Unlock wallet" })).toBeVisible();
  await expect(page.getByText("The built-in wallet locked itself after 15 minutes without activity")).toBeVisible();
});
