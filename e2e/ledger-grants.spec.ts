/**
 * A treasury whose key is on a Ledger (through Keplr, which then signs only Amino JSON) gives a teammate a fee
 * allowance and a deposit authorization, and revokes the deposit authorization: every signature is Amino JSON, which
 * the devnet checks over its own rendering of the messages. A budget that renews cannot be signed that way, and the
 * fee dialog says so before anything is sent.
 */
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { expect, openApp, test } from "./fixtures";
import { approveTx, credit } from "./deployments-helpers";
import { installFakeKeplr } from "./support/fake-keplr";

test("a Ledger through Keplr gives and revokes grants, all signed in Amino JSON", async ({ page }) => {
  const keplr = await installFakeKeplr(page, undefined, { ledger: true });
  await credit(keplr.address, "uakt");
  await credit(keplr.address, "uact");
  const teammate = (await (await DirectSecp256k1HdWallet.generate(12, { prefix: "akash" })).getAccounts())[0]!.address;

  await openApp(page, "/authorizations");
  await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("dialog", { name: "Connect a wallet" }).getByRole("button", { name: /Keplr/ }).click();
  await expect(page.getByRole("button", { name: `Wallet ${keplr.address}` })).toBeVisible({ timeout: 20_000 });

  // Fees: the renewing budget is not offered to this wallet, and says why.
  await page.getByRole("button", { name: "Pay fees" }).click();
  const feeDialog = page.getByRole("dialog", { name: "Pay a teammate's fees" });
  await expect(feeDialog.getByLabel("Budget that renews")).toBeDisabled();
  await expect(feeDialog.getByText(/signs only Amino JSON/)).toBeVisible();
  await feeDialog.getByLabel("Teammate's address").fill(teammate);
  await expect(feeDialog.getByTestId("allowance-review")).toContainText("for deployment work, up to 5 AKT in total");
  await feeDialog.getByRole("button", { name: "Review allowance" }).click();
  await approveTx(page, /transaction fees/, { moves: /5(\.00)? AKT/ });
  await expect(page.getByRole("region", { name: "Fee allowances you gave" }).getByTestId("grant-row")).toContainText("Pays fees", { timeout: 20_000 });

  // Deposits: granted, then revoked from the list.
  await page.getByRole("button", { name: "Grant deposits" }).click();
  const grantDialog = page.getByRole("dialog", { name: "Grant a deposit authorization" });
  await grantDialog.getByLabel("Teammate's address").fill(teammate);
  await grantDialog.getByLabel("Spending limit (ACT)").fill("3");
  await grantDialog.getByRole("button", { name: "Review grant" }).click();
  await approveTx(page, /fund deployments from your wallet/, { moves: /3(\.00)? ACT/ });
  const given = page.getByRole("region", { name: "Deposit authorizations you gave" }).getByTestId("grant-row");
  await expect(given).toContainText("3 ACT left", { timeout: 20_000 });
  await given.getByRole("button", { name: "Revoke" }).click();
  await approveTx(page, /Revoke/);
  await expect(given).toHaveCount(0, { timeout: 20_000 });

  // Three transactions, each signed once, all in Amino JSON (the fake device refuses direct signing).
  expect(keplr.signRequests.map((r) => r.mode)).toEqual(["amino", "amino", "amino"]);
});
