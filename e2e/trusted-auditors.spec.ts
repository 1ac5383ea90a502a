import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { connectSigner, credit, navigate, providerByIndex, sendTx } from "./deployments-helpers";
import { expect, openApp, test } from "./fixtures";

// Anyone can sign provider attributes on chain. A signature by an account nobody trusts must not make a
// provider "audited"; once the user trusts that auditor in Settings, it does (on this network only).
test("an audit by an untrusted account does not count until the user trusts that auditor in Settings", async ({ page }) => {
  const wallet = await DirectSecp256k1HdWallet.generate(24, { prefix: "akash" });
  const auditor = (await wallet.getAccounts())[0]!.address;
  await credit(auditor, "uakt");
  const provider = await providerByIndex(6);
  const { client } = await connectSigner(wallet.mnemonic);
  try {
    await sendTx(client, auditor, [{ typeUrl: "/akash.audit.v1.MsgSignProviderAttributes", value: { owner: provider.owner, auditor, attributes: [{ key: "host", value: "akash" }] } }]);
  } finally {
    client.disconnect();
  }

  await openApp(page, "/providers");
  const card = page.getByRole("list", { name: "Providers" }).getByRole("article", { name: "Generic Compute 6" });
  await expect(card).toBeVisible();
  await expect(card.getByText(/^Audited by/)).toHaveCount(0);
  await page.getByLabel("Audited only").check();
  await expect(card).toHaveCount(0);

  await navigate(page, "Settings");
  const section = page.getByRole("region", { name: "Trusted auditors" });
  await expect(section.getByRole("list", { name: "Trusted auditors" })).toContainText("Devnet auditor");
  const form = section.getByRole("form", { name: "Add a trusted auditor" });
  await form.getByLabel("Auditor address").fill("not-an-address");
  await form.getByRole("button", { name: "Trust auditor" }).click();
  await expect(form.getByText("Enter an akash1… account address")).toBeVisible();
  await form.getByLabel("Auditor address").fill(auditor);
  await form.getByLabel("Name").fill("Friendly auditor");
  await form.getByRole("button", { name: "Trust auditor" }).click();
  await expect(section.getByRole("list", { name: "Trusted auditors" })).toContainText("Friendly auditor");

  await navigate(page, "Providers");
  await expect(card.getByText("Audited by Friendly auditor")).toBeVisible({ timeout: 20_000 });

  // Trust withdrawn: the badge goes again.
  await navigate(page, "Settings");
  await section.getByRole("button", { name: "Stop trusting Friendly auditor" }).click();
  await navigate(page, "Providers");
  await expect(card.getByText(/^Audited by/)).toHaveCount(0);
});
