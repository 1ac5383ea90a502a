/**
 * Teams fund each other: a treasury grants a member a deposit authorization and a fee allowance on the
 * Authorizations page; the member, who holds no tokens at all, deploys from the grant (fees paid by the
 * treasury), takes a lease, closes, and the unspent deposit returns to the treasury's grant.
 */
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { createBuiltinWallet, expect, openApp, test } from "./fixtures";
import { approveTx, credit, deploymentInfo, importWallet, navigate } from "./deployments-helpers";

test.describe.configure({ timeout: 240_000 });

/** What the treasury's deposit grant to `member` has left, in ACT, as the Authorizations page shows it. */
async function grantLeft(page: import("@playwright/test").Page): Promise<number> {
  const row = page.getByRole("region", { name: "Deposit authorizations you gave" }).getByTestId("grant-row").first();
  const text = (await row.textContent()) ?? "";
  const match = /([\d.,]+) ACT left/.exec(text);
  return match ? Number(match[1]!.replace(/,/g, "")) : NaN;
}

test("a treasury funds a tokenless member: grant → deploy from the grant with fees paid → close → refund to the treasury", async ({ page, browser, baseURL }) => {
  // The treasury: a wallet with AKT and ACT.
  const treasuryWallet = await DirectSecp256k1HdWallet.generate(24, { prefix: "akash" });
  const treasuryAddress = (await treasuryWallet.getAccounts())[0]!.address;
  await credit(treasuryAddress, "uakt");
  await credit(treasuryAddress, "uact");

  // The member: a fresh built-in wallet in another browser, never funded.
  const memberContext = await browser.newContext({ baseURL });
  const member = await memberContext.newPage();
  await openApp(member, "/account");
  const memberAddress = await createBuiltinWallet(member);
  await expect(member.getByTestId("balance-act")).toHaveText("0");

  // Treasury: Authorizations → grant deposits and pay fees.
  await openApp(page, "/");
  await importWallet(page, treasuryWallet.mnemonic);
  await navigate(page, "Authorizations");
  await page.getByRole("button", { name: "Grant deposits" }).click();
  const grantDialog = page.getByRole("dialog", { name: "Grant a deposit authorization" });
  await grantDialog.getByLabel("Teammate's address").fill(memberAddress);
  await grantDialog.getByLabel("Spending limit (ACT)").fill("5");
  await expect(grantDialog.getByTestId("grant-review")).toContainText("up to 5 ACT in total, with no expiry");
  await grantDialog.getByRole("button", { name: "Review grant" }).click();
  await approveTx(page, /fund deployments from your wallet/, { moves: /5(\.00)? ACT/ });
  await expect.poll(() => grantLeft(page), { timeout: 20_000 }).toBe(5);

  await page.getByRole("button", { name: "Pay fees" }).click();
  const feeDialog = page.getByRole("dialog", { name: "Pay a teammate's fees" });
  await feeDialog.getByLabel("Teammate's address").fill(memberAddress);
  await expect(feeDialog.getByTestId("allowance-review")).toContainText("for deployment work, up to 5 AKT in total");
  await feeDialog.getByRole("button", { name: "Review allowance" }).click();
  await approveTx(page, /transaction fees/, { moves: /5(\.00)? AKT/ });
  await expect(page.getByRole("region", { name: "Fee allowances you gave" }).getByTestId("grant-row")).toContainText("Pays fees");

  // Member: sees what it was granted, then deploys a template funded by the grant.
  await navigate(member, "Authorizations");
  await expect(member.getByRole("region", { name: "Deposit authorizations you received" }).getByTestId("grant-row")).toContainText("5 ACT left", { timeout: 20_000 });
  await member.goto("/deploy?template=nginx-static-site");
  const deploy = member.getByRole("button", { name: "Deploy", exact: true });
  await expect(deploy).toBeEnabled({ timeout: 20_000 });
  await deploy.click();
  const review = member.getByRole("dialog", { name: "Review deployment" });
  await expect(review.getByTestId("fund-from-grant")).toContainText("5 ACT left");
  await expect(review.getByTestId("fund-from-grant").getByRole("checkbox")).toBeChecked();
  await expect(review.getByText(/more ACT/)).toHaveCount(0);
  await expect(review.getByTestId("review-fee")).toContainText("paid by", { timeout: 20_000 });
  await review.getByRole("button", { name: "Create deployment" }).click();
  const signing = member.getByRole("dialog", { name: /Create deployment/ });
  await expect(signing.getByTestId("tx-fee-granter")).toContainText("fee allowance", { timeout: 20_000 });
  await approveTx(member, /Create deployment/, { moves: /deposit authorization/ });
  await expect(member).toHaveURL(/\/deployments\/\d+\/bids$/);
  const dseq = /deployments\/(\d+)\/bids/.exec(member.url())![1]!;

  // The escrow's deposit was drawn from the treasury: it is the depositor.
  const info = await deploymentInfo(memberAddress, dseq);
  expect((info.escrow_account.state.deposits as Array<{ owner: string; source: string }>).map((d) => [d.owner, d.source])).toEqual([[treasuryAddress, "grant"]]);

  // A lease, its fee paid by the allowance too; the manifest reaches the provider.
  const rows = member.locator("[data-bid-key]");
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await member.getByRole("button", { name: "Accept cheapest audited" }).click();
  await approveTx(member, /Accept bid from/);
  await expect(member.locator('[data-step="manifest"][data-done]').first()).toBeVisible({ timeout: 30_000 });

  // The spend dashboard shows the deployment funded by the treasury's grant, and what is left to draw.
  await navigate(member, "Spend");
  const usage = member.getByTestId("grant-usage");
  await expect(usage).toContainText(`${treasuryAddress.slice(0, 10)}`, { timeout: 30_000 });
  await expect(usage).toContainText("4.5 ACT");
  await expect(usage).toContainText(dseq);

  // Close: the dialog says the treasury's part goes back to it.
  await member.goto(`/deployments/${dseq}`);
  await member.getByRole("button", { name: "Close deployment" }).click();
  const close = member.getByRole("dialog", { name: `Close deployment ${dseq}?` });
  await expect(close).toContainText("goes back to it");
  await close.getByRole("button", { name: "Close deployment" }).click();
  await approveTx(member, `Close deployment ${dseq}`);
  await expect.poll(async () => (await deploymentInfo(memberAddress, dseq)).deployment.state).toBe("closed");

  // The member never held a token; the unspent deposit went back to the treasury's grant.
  await navigate(member, "Account");
  await expect(member.getByTestId("balance-act")).toHaveText("0");
  await expect(member.getByTestId("balance-akt")).toHaveText("0");
  await page.reload();
  await expect.poll(() => grantLeft(page), { timeout: 20_000 }).toBeGreaterThan(4.5);
  await memberContext.close();
});
