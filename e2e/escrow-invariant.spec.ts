/**
 * Issue 12, item 1: one measured block time behind every figure, so balance ÷ burn rate = time left wherever both
 * are shown (the deployments list, the escrow tab, the review's deposit runway), within what the display rounds.
 */
import type { Locator } from "@playwright/test";
import { expect, openApp, test } from "./fixtures";
import { importWallet, navigate, seedLeasedDeployment } from "./deployments-helpers";

test.describe.configure({ timeout: 150_000 });

/** "1,234.5 ACT" → 1234.5 (the first ACT amount in the text). */
function act(text: string): number {
  const m = /(-?[\d,]*\.?\d+)\s*ACT/.exec(text);
  if (!m) throw new Error(`no ACT amount in "${text}"`);
  return Number(m[1]!.replace(/,/g, ""));
}

/** formatDuration's text ("1 h 23 min", "2 d 4 h", "40 s") → seconds, and the size of its last unit (its rounding). */
function duration(text: string): { seconds: number; step: number } {
  const units: Record<string, number> = { y: 365 * 86_400, mo: 30 * 86_400, d: 86_400, h: 3600, min: 60, s: 1 };
  const parts = [...text.matchAll(/(\d+)\s*(y|mo|d|h|min|s)\b/g)];
  if (!parts.length) throw new Error(`no duration in "${text}"`);
  return { seconds: parts.reduce((n, p) => n + Number(p[1]) * units[p[2]!]!, 0), step: units[parts[parts.length - 1]![2]!]! };
}

/** balance ÷ (amount per hour) = time left, within the shown rounding: 3 significant digits of the rate, the last unit of the time. */
function expectInvariant(balanceAct: number, perHourAct: number, timeLeft: string) {
  const shown = duration(timeLeft);
  const expected = (balanceAct / perHourAct) * 3600;
  const slack = shown.step + expected * 0.01 + 10;
  expect(Math.abs(expected - shown.seconds), `${balanceAct} ACT ÷ ${perHourAct} ACT/h = ${expected.toFixed(0)} s, shown "${timeLeft}"`).toBeLessThanOrEqual(slack);
}

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? "";
}

test("the escrow invariant holds on the deployments list and the escrow tab, at the measured block time", async ({ page }) => {
  const seed = await seedLeasedDeployment({ provider: 3, deposit: "5000000" });
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  await navigate(page, "Deployments");

  // Until the block time is measured the column says "estimated"; then it is measured over recent headers.
  const header = page.getByRole("columnheader", { name: "Time left", exact: true });
  await expect(header).toBeVisible({ timeout: 30_000 });
  await expect(header).toHaveAttribute("title", /s blocks, measured over blocks [\d,]+–[\d,]+/);

  const row = page.getByTestId(`deployment-row-${seed.dseq}`);
  await expect(row.getByTestId("deployment-burn-rate")).toContainText("ACT/h", { timeout: 20_000 });
  await expect(row.getByTestId("deployment-escrow")).not.toContainText("e-");
  const listBalance = act(await text(row.getByTestId("deployment-escrow")));
  const listRate = act(await text(row.getByTestId("deployment-burn-rate")));
  const listLeft = await text(row.getByTestId("deployment-time-left"));
  expectInvariant(listBalance, listRate, listLeft);
  // The monthly cost is the same rate: per hour × 24 × 30.437.
  expect(act(await text(row.getByTestId("deployment-cost"))) / (listRate * 24 * 30.437)).toBeCloseTo(1, 1);

  await row.getByRole("link").first().click();
  await page.getByRole("tab", { name: "Escrow" }).click();
  const timeLeft = page.getByTestId("escrow-time-left");
  await expect(timeLeft).toHaveText(/\d/, { timeout: 20_000 });
  const tabBalance = act(await text(page.getByTestId("escrow-balance")));
  const tabRate = act(await text(page.getByTestId("escrow-burn-rate")));
  const tabLeft = await text(timeLeft);
  expectInvariant(tabBalance, tabRate, tabLeft);
  // The escrow tab and the list read the same lease at the same block time: same rate, and a time left that only
  // shrank by the time that passed between the two reads.
  expect(tabRate).toBeCloseTo(listRate, 6);
  expect(duration(listLeft).seconds - duration(tabLeft).seconds).toBeLessThanOrEqual(duration(listLeft).step + 120);
  await expect(page.getByText(/s blocks, measured over blocks/)).toBeVisible();
});

test("the deposit typed in the cost panel is the one reviewed, and its runway is deposit ÷ burn rate", async ({ page }) => {
  await openApp(page, "/deploy?template=nginx-static-site");
  const panel = page.getByTestId("cost-panel");
  await expect(panel.getByTestId("cost-block-time")).toContainText(/measured over blocks/, { timeout: 30_000 });
  await panel.getByLabel("Deposit amount").fill("20");
  await expect(panel.getByTestId("deposit-runway")).toContainText(/Lasts at least \d/);

  await page.getByRole("button", { name: "Deploy", exact: true, disabled: false }).click({ timeout: 20_000 });
  const review = page.getByRole("dialog", { name: "Review deployment" });
  await expect(review.getByLabel("Deposit (ACT)")).toHaveValue("20");
  const runway = review.getByTestId("review-runway");
  await expect(runway).toContainText("How long 20.00 ACT lasts");
  const lines = runway.getByRole("listitem");
  await expect(lines.first()).toContainText("ACT/h");
  for (const line of await lines.all()) {
    expectInvariant(20, act(await text(line.getByTestId("rate"))), await text(line.getByTestId("duration")));
  }
  // The max-price runway in the review is the cost panel's "at least" figure.
  const maxLine = review.getByTestId("review-runway-max");
  const panelText = await text(panel.getByTestId("deposit-runway"));
  expect(panelText).toContain(`at least ${await text(maxLine.getByTestId("duration"))}`);

  // Another deposit in the review recomputes the runway; the editor keeps its own until the next review.
  await review.getByLabel("Deposit (ACT)").fill("2");
  await expect(runway).toContainText("How long 2.00 ACT lasts");
  expectInvariant(2, act(await text(maxLine.getByTestId("rate"))), await text(maxLine.getByTestId("duration")));
});
