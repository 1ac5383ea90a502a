/** Shared steps for the deploy-flow specs (not a spec itself). */
import type { Page } from "@playwright/test";
import { createBuiltinWallet, expect, fundFromFaucet, mintAct, openApp, PASSWORD } from "./fixtures";
import { approveTx } from "./deployments-helpers";
import { testSdl } from "../src/lib/sdl/test-sdl.ts";

// The wallet dialog and provider admin steps are shared with the deployment specs.
export { approveTx, setProviderOnline } from "./deployments-helpers";

/** In-app navigation (no reload: what a user clicking through does). */
export async function navigate(page: Page, path: string) {
  // A string: the e2e tsconfig has no DOM library.
  await page.evaluate(`history.pushState({}, "", ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent("popstate"));`);
}

/** A built-in wallet with AKT from the faucet and some ACT minted; returns its address. */
export async function fundedWallet(page: Page, act = "10"): Promise<string> {
  await openApp(page, "/account");
  const address = await createBuiltinWallet(page);
  await fundFromFaucet(page);
  await mintAct(page, act);
  return address;
}

/** From the editor at `path`: Deploy → review → Create deployment → approve; returns the dseq. */
export async function deployFromEditor(page: Page, path: string): Promise<string> {
  await navigate(page, path);
  await page.getByRole("button", { name: "Deploy", exact: true, disabled: false }).click({ timeout: 20_000 });
  const review = page.getByRole("dialog", { name: "Review deployment" });
  await review.getByRole("button", { name: "Create deployment", disabled: false }).click({ timeout: 20_000 });
  await approveTx(page, /Create deployment/);
  await expect(page).toHaveURL(/\/deployments\/\d+\/bids$/);
  return /deployments\/(\d+)\/bids/.exec(page.url())![1]!;
}

/** In a tab without the wallet's session (a new tab): "Unlock wallet" opens the built-in wallet's password prompt. */
export async function unlockBuiltinWallet(page: Page, password = PASSWORD) {
  await page.getByRole("banner").getByRole("button", { name: "Unlock wallet" }).click();
  const builtin = page.getByRole("dialog", { name: "Built-in devnet wallet" });
  await builtin.getByLabel("Password").fill(password);
  await builtin.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByRole("button", { name: /^Wallet akash1/ })).toBeVisible();
}

/** Takes a simulated provider offline (`refuse`: connections reset) or back online. */
export const GPU_H100_SDL = testSdl({ amount: 100000, gpu: { units: 1, vendor: "nvidia", model: "h100" } });
