/** Every signature says how much moves: top up (amount and the new runway) and close (the refund), in ACT with USD. */
import { expect, openApp, test } from "./fixtures";
import { approveTx, deploymentInfo, importWallet, navigate, seedLeasedDeployment } from "./deployments-helpers";

test.describe.configure({ timeout: 120_000 });

test("top up and close state their amounts before signing, and confirm in a toast that leaves the page usable", async ({ page }) => {
  const seed = await seedLeasedDeployment();
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  await navigate(page, "Deployments");
  await page.getByTestId(`deployment-row-${seed.dseq}`).getByRole("link").click();
  await page.getByRole("tab", { name: "Escrow" }).click();

  // Top up: the amount, where it comes from, and how long the escrow then lasts.
  await page.getByRole("region", { name: "Escrow" }).getByRole("button", { name: "Top up" }).click();
  const topUp = page.getByRole("dialog", { name: `Top up deployment ${seed.dseq}` });
  await topUp.getByLabel("Amount (ACT)").fill("1");
  await topUp.getByRole("button", { name: "Review top up" }).click();
  const hash = await approveTx(page, `Top up deployment ${seed.dseq}`, { moves: [/Top up\s*1\.00 ACT \(\$1\.00\)/, "From your wallet's balance", /The escrow then lasts about \d/] });
  expect(hash).toMatch(/^[0-9A-F]{64}$/);
  // The confirmation does not cover the page: the escrow tab is usable at once.
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Escrow" }).getByRole("button", { name: "Top up" })).toBeEnabled();

  // Close: the refund, about what the escrow holds.
  const funds = Number((await deploymentInfo(seed.address, seed.dseq)).escrow_account.state.funds[0]!.amount) / 1e6;
  await page.getByRole("button", { name: "Close deployment" }).click();
  await page.getByRole("dialog", { name: `Close deployment ${seed.dseq}?` }).getByRole("button", { name: "Close deployment" }).click();
  const review = page.getByRole("dialog", { name: `Close deployment ${seed.dseq}` }).filter({ has: page.getByTestId("tx-moves") });
  await expect(review.getByTestId("tx-moves")).toContainText(/Refund to the depositor \(about\)\s*[\d,.]+ ACT \(\$[\d,.]+\)/, { timeout: 20_000 });
  const shown = Number(/([\d,.]+) ACT/.exec((await review.getByTestId("tx-moves").textContent()) ?? "")![1]!.replace(/,/g, ""));
  // Settlement since the read can only lower it a little.
  expect(Math.abs(shown - funds)).toBeLessThan(0.05);
  await approveTx(page, `Close deployment ${seed.dseq}`);
  await expect.poll(async () => (await deploymentInfo(seed.address, seed.dseq)).deployment.state).toBe("closed");
});
