import { balance, expect, fundFromFaucet, mintAct, openApp, test } from "./fixtures";
import { installFakeKeplr } from "./support/fake-keplr";

// The first connection downloads the wallet libraries (lazy chunk) and talks to the extension.
const CONNECT_TIMEOUT = 20_000;

test("Keplr: the app suggests the devnet chain, connects, funds, mints ACT signed in the extension", async ({ page }) => {
  const keplr = await installFakeKeplr(page);
  await openApp(page);
  await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("dialog", { name: "Connect a wallet" }).getByRole("button", { name: /Keplr/ }).click();
  await expect(page.getByRole("button", { name: `Wallet ${keplr.address}` })).toBeVisible({ timeout: CONNECT_TIMEOUT });

  // Keplr did not know the devnet: the app suggested it with the running stack's endpoints.
  expect(keplr.suggestedChains).toHaveLength(1);
  expect(keplr.suggestedChains[0]).toMatchObject({ chainId: process.env.E2E_CHAIN_ID, rpc: process.env.E2E_RPC_URL, rest: process.env.E2E_REST_URL });

  await page.goto("/account");
  await expect(page.getByTestId("account-address")).toHaveText(keplr.address);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
  await fundFromFaucet(page);
  await mintAct(page, "5");
  await expect.poll(() => balance(page, "act"), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(keplr.signRequests).toEqual([{ mode: "direct", chainId: process.env.E2E_CHAIN_ID, signer: keplr.address }]);

  // The extension session survives a reload (cosmos-kit reconnects without a prompt).
  await page.reload();
  await expect(page.getByRole("button", { name: `Wallet ${keplr.address}` })).toBeVisible({ timeout: CONNECT_TIMEOUT });

  // Switching accounts in the extension switches the app to that account.
  const next = await keplr.switchAccount();
  await expect(page.getByTestId("account-address")).toHaveText(next);
  await expect(page.getByTestId("balance-akt")).toHaveText("0");
});

test("Keplr: a rejected signature is explained and the app keeps working", async ({ page }) => {
  const keplr = await installFakeKeplr(page);
  await openApp(page, "/account");
  await page.getByRole("main").getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("dialog", { name: "Connect a wallet" }).getByRole("button", { name: /Keplr/ }).click();
  await expect(page.getByTestId("account-address")).toHaveText(keplr.address, { timeout: CONNECT_TIMEOUT });
  await fundFromFaucet(page);

  keplr.rejectNextSign = true;
  await page.getByLabel("AKT to burn").fill("1");
  await page.getByRole("button", { name: "Mint ACT" }).click();
  const review = page.getByRole("dialog", { name: /Mint ACT with/ });
  await review.getByRole("button", { name: "Approve and send" }).click();
  await expect(review.getByRole("alert")).toContainText("Rejected in wallet");
  await review.getByRole("button", { name: "Close", exact: true }).click();
  expect(await balance(page, "act")).toBe(0);

  // Nothing is stuck: the next attempt goes through.
  await mintAct(page, "1");
  await expect.poll(() => balance(page, "act"), { timeout: 20_000 }).toBeGreaterThan(0);
});

test("Keplr: declining to add the chain, a locked or missing extension give clear messages", async ({ page }) => {
  const keplr = await installFakeKeplr(page);
  keplr.declineSuggestChain = true;
  await openApp(page);
  await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).click();
  const dialog = page.getByRole("dialog", { name: "Connect a wallet" });
  await dialog.getByRole("button", { name: /Keplr/ }).click();
  await expect(dialog.getByRole("alert")).toContainText("Keplr", { timeout: CONNECT_TIMEOUT });
  await expect(dialog.getByRole("alert")).toContainText(/declined|does not know/);

  await dialog.getByRole("button", { name: /Leap/ }).click();
  await expect(dialog.getByRole("alert")).toContainText("Leap is not installed");
  await dialog.getByRole("button", { name: /OKX Wallet/ }).click();
  await expect(dialog.getByRole("alert")).toContainText("OKX Wallet is not installed");

  keplr.declineSuggestChain = false;
  keplr.locked = true;
  await dialog.getByRole("button", { name: /Keplr/ }).click();
  await expect(dialog.getByRole("alert")).toContainText("Keplr is locked. Unlock it and try again.");

  keplr.locked = false;
  await dialog.getByRole("button", { name: /Keplr/ }).click();
  await expect(page.getByRole("button", { name: `Wallet ${keplr.address}` })).toBeVisible({ timeout: CONNECT_TIMEOUT });
});
