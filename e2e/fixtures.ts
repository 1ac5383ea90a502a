import { test as base, expect, type Page } from "@playwright/test";

/**
 * Base URL of the app served by global setup (free port, set at run time), and in every test a check that
 * the page never ran into the Content Security Policy the app is served with (scripts/serve/security-headers.ts).
 */
export const test = base.extend<{ cspGuard: void }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies.
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL is not set: run through `playwright test` so global setup starts the stack");
    await use(url);
  },
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, "the app broke its own Content Security Policy").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const PASSWORD = "correct horse battery";

/** Opens the app and waits for what the user waits for: the node's block height in the header. */
export async function openApp(page: Page, path = "/") {
  await page.goto(path);
  await expect(page.getByRole("status", { name: "Node status" })).toContainText(/Block \d/);
}

export async function createBuiltinWallet(page: Page, password = PASSWORD): Promise<string> {
  await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).click();
  const dialog = page.getByRole("dialog", { name: "Connect a wallet" });
  await dialog.getByRole("button", { name: /Built-in devnet wallet/ }).click();
  const builtin = page.getByRole("dialog", { name: "Built-in devnet wallet" });
  await builtin.getByRole("button", { name: "Generate recovery phrase" }).click();
  await expect(builtin.getByTestId("recovery-phrase").locator("li")).toHaveCount(24);
  await builtin.getByLabel("I have saved my recovery phrase").check();
  await builtin.getByLabel("Password", { exact: true }).fill(password);
  await builtin.getByLabel("Confirm password").fill(password);
  await builtin.getByRole("button", { name: "Create wallet" }).click();
  const walletButton = page.getByRole("button", { name: /^Wallet akash1/ });
  await expect(walletButton).toBeVisible();
  const label = await walletButton.getAttribute("aria-label");
  return label!.replace("Wallet ", "");
}

export async function balance(page: Page, denom: "akt" | "act"): Promise<number> {
  const text = (await page.getByTestId(`balance-${denom}`).textContent()) ?? "";
  return Number(text.replace(/,/g, ""));
}

/** Funds the connected wallet from the faucet on the account page and waits for the balance. */
export async function fundFromFaucet(page: Page) {
  await page.getByRole("button", { name: "Fund from faucet" }).click();
  await expect(page.getByTestId("balance-akt")).not.toHaveText("0", { timeout: 20_000 });
  await expect.poll(() => balance(page, "akt"), { timeout: 20_000 }).toBeGreaterThan(0);
}

/** Mints ACT from `akt` AKT through the review dialog; returns the previewed ACT amount. */
export async function mintAct(page: Page, akt: string): Promise<number> {
  await page.getByLabel("AKT to burn").fill(akt);
  const preview = page.getByTestId("mint-preview");
  await expect(preview).toContainText("ACT");
  const previewed = Number(((await preview.textContent()) ?? "").replace(/[^\d.]/g, ""));
  await page.getByRole("button", { name: "Mint ACT" }).click();
  const review = page.getByRole("dialog", { name: /Mint ACT with/ });
  await expect(review.getByTestId("tx-fee")).toContainText("AKT");
  // The signature states what it moves: the AKT burnt and the ACT it buys.
  await expect(review.getByTestId("tx-moves")).toContainText(`${Number(akt).toFixed(2)} AKT`);
  await expect(review.getByTestId("tx-moves")).toContainText("ACT minted");
  await review.getByRole("button", { name: "Approve and send" }).click();
  await expect(review).toBeHidden({ timeout: 30_000 });
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: /Mint ACT with/ }).getByTestId("tx-hash").last()).toBeVisible();
  return previewed;
}
