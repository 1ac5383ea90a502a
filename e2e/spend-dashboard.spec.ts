/**
 * The spend dashboard for a team of two addresses: member A (the connected wallet) has a running deployment, one
 * running dry and one closed; member B (watch-only) has one running. The dashboard's totals agree with the CSV and the
 * CSV with a hand computation from the chain's lease; an alert rule fires in the app (and is acknowledged); top-up-all
 * sends one transaction with one deposit per deployment A owns, and their runway moves.
 */
import { readFile } from "node:fs/promises";
import { expect, openApp, test } from "./fixtures";
import { approveTx, connectSigner, deploymentInfo, env, importWallet, seedLeasedDeployment, sendTx } from "./deployments-helpers";
import { teamLinkFragment } from "../src/lib/spend/teams.ts";
import { microOf, pricierSdl } from "./spend-helpers";


test.describe.configure({ timeout: 300_000 });


/** A decimal micro-unit string ("12.5") as atoms of 10⁻¹⁸ micro. */
function atomsOf(decimal: string): bigint {
  const [whole, frac = ""] = decimal.split(".");
  return BigInt(whole!) * 10n ** 18n + BigInt(frac.padEnd(18, "0").slice(0, 18));
}

test("a team's spend: totals, history table, CSV, an alert that fires, and top up all in one transaction", async ({ page }) => {
  // B's deployment meanwhile; A's one after another (one account's transactions must not race for its sequence).
  const mateSeed = seedLeasedDeployment({ provider: 4 });
  // The cheap one on the minimum deposit lasts about 11 h; the pricier one about 1 h.
  const running = await seedLeasedDeployment({ deposit: "500000" });
  const dry = await seedLeasedDeployment({ mnemonic: running.mnemonic, sdl: pricierSdl, provider: 3, deposit: "3000000" });
  const closed = await seedLeasedDeployment({ mnemonic: running.mnemonic, provider: 2 });
  const mate = await mateSeed;
  // One of A's deployments is closed by its owner: it counts in the days it ran.
  const { client } = await connectSigner(running.mnemonic);
  try {
    await sendTx(client, running.address, [{ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: running.address, dseq: BigInt(closed.dseq) } } }]);
  } finally {
    client.disconnect();
  }
  await expect.poll(async () => (await deploymentInfo(running.address, closed.dseq)).deployment.state).toBe("closed");

  const team = { version: 1 as const, name: "Ops", members: [{ address: running.address, label: "Alice" }, { address: mate.address, label: "Bob" }] };
  await openApp(page);
  await importWallet(page, running.mnemonic);
  await page.goto(`/spend#${teamLinkFragment(team)}`);
  await expect(page.getByText('Added team "Ops" from the link')).toBeVisible();
  const now = page.getByRole("region", { name: "Now", exact: true });
  await expect(now).toContainText("Burn per hour", { timeout: 60_000 });

  // The table per deployment lists both members' deployments, the closed one too.
  const deployments = page.getByRole("region", { name: "Deployments", exact: true });
  for (const dseq of [running.dseq, dry.dseq, closed.dseq, mate.dseq]) await expect(deployments).toContainText(dseq);
  await expect(deployments).toContainText("Alice");
  await expect(deployments).toContainText("Bob");

  // History: the table view of the chart has today's row.
  const history = page.getByRole("region", { name: "History", exact: true });
  await history.getByRole("button", { name: "Table view" }).click();
  await expect(history.getByRole("region", { name: "Daily spend table" }).getByRole("row")).not.toHaveCount(1);

  // CSV per lease: every lease that spent, with exact amounts; their sum is the "Spent in range" figure, and the
  // closed lease's spend is its price × the blocks it ran (from the chain's lease).
  const spentText = (await page.getByRole("region", { name: "Period", exact: true }).getByText("Spent in range").locator("..").textContent()) ?? "";
  const download = page.waitForEvent("download");
  await deployments.getByRole("button", { name: "CSV per lease" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  const [header, ...rows] = csv.trim().split("\n").map((l) => l.split(","));
  const col = (name: string) => header!.indexOf(name);
  for (const dseq of [running.dseq, dry.dseq, closed.dseq, mate.dseq]) expect(rows.some((r) => r[col("dseq")] === dseq)).toBe(true);
  const sum = rows.filter((r) => r[col("denom")] === "uact").reduce((s, r) => s + atomsOf(r[col("spent")]!), 0n);
  expect(microOf(spentText)).toBe(sum / 10n ** 18n);
  const closedRow = rows.find((r) => r[col("dseq")] === closed.dseq)!;
  const lease = (await (await fetch(`${env("E2E_REST_URL")}/akash/market/v1beta5/leases/list?filters.owner=${running.address}&filters.dseq=${closed.dseq}`)).json()) as { leases: Array<{ lease: { created_at: string; closed_on: string; price: { amount: string } } }> };
  const l = lease.leases[0]!.lease;
  expect(atomsOf(closedRow[col("spent")]!)).toBe(atomsOf(l.price.amount) * (BigInt(l.closed_on) - BigInt(l.created_at)));

  // Alerts: the default rule (escrow below 24 h) fires for the deployment running dry; a spend-rate rule set in the
  // form fires too; acknowledging clears the "new" count.
  const alerts = page.getByRole("region", { name: /^Alerts/ });
  await expect(alerts.getByTestId("alerts-history")).toContainText(`Deployment ${dry.dseq} runs dry in`);
  await alerts.getByRole("button", { name: "Edit rules" }).click();
  await alerts.getByLabel("Spend rate above (ACT per hour)").fill("0.000001");
  await alerts.getByRole("button", { name: "Save rules" }).click();
  await expect(alerts.getByTestId("alert-rules-summary")).toContainText("spend above 0.000001 ACT per hour");
  await expect(alerts.getByTestId("alerts-active")).toContainText(/Spending .* per hour/, { timeout: 30_000 });
  await expect(alerts).toContainText(/Alerts \(\d+ new\)/);
  await alerts.getByRole("button", { name: "Acknowledge all" }).click();
  await expect(alerts.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible();
  // Kept in this browser: still there after a reload.
  await page.reload();
  await page.getByLabel("Wallet or team").selectOption("team:Ops");
  const kept = page.getByRole("region", { name: "Alerts", exact: true }).getByTestId("alerts-history");
  await expect(kept).toContainText(/Spending .* per hour/, { timeout: 60_000 });
  await expect(kept).toContainText("Acknowledged");

  // Top up all: A's two running deployments, B's left out (A's balance cannot fund it here), one transaction.
  const topUp = page.getByRole("region", { name: "Top up all", exact: true });
  await expect(topUp.getByTestId("top-up-not-owned")).toContainText(mate.dseq);
  await topUp.getByLabel("Runway (days)").fill("0.5");
  await expect(topUp.getByTestId("top-up-line")).toHaveCount(2);
  const before = await Promise.all([running.dseq, dry.dseq].map(async (d) => (await deploymentInfo(running.address, d)).escrow_account.state.deposits.length));
  await topUp.getByRole("button", { name: "Top up all to 0.5 d" }).click();
  await approveTx(page, "Top up 2 deployments to 0.5 d", { moves: [`Top up deployment ${running.dseq}`, `Top up deployment ${dry.dseq}`, /it then lasts about (12 h|11 h [45]\d min)/] });
  const after = await Promise.all([running.dseq, dry.dseq].map(async (d) => (await deploymentInfo(running.address, d)).escrow_account.state.deposits.length));
  expect(after).toEqual(before.map((n) => n + 1));
  // The runway moves: the deployment that was running dry now lasts about the 12 hours asked for.
  const dryLine = topUp.getByTestId("top-up-line").filter({ hasText: dry.dseq });
  await expect(dryLine.getByRole("cell").first()).toContainText(/^(12 h (\d|1[0-4]) min|11 h [45]\d min)$/, { timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath("spend-dashboard.png"), fullPage: true });
});
