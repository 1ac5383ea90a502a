import { expect, openApp, test } from "./fixtures";
import { deploymentInfo, importWallet, navigate, seedLeasedDeployment } from "./deployments-helpers";
import { testSdl } from "../src/lib/sdl/test-sdl.ts";

// An expensive lease on the minimum deposit drains in about a minute at the e2e block time.
const expensiveSdl = testSdl({ image: "nginx:1.25", cpu: 32, memory: "256Gi", storage: "1Ti", amount: 100000 });

test.describe.configure({ timeout: 240_000 });

test("a deployment that runs out of escrow: warned ahead, then told the lease closed and how to avoid it", async ({ page }) => {
  const seed = await seedLeasedDeployment({ sdl: expensiveSdl, provider: 3, deposit: "500000" });
  await openApp(page);
  await importWallet(page, seed.mnemonic);
  await navigate(page, "Deployments");
  await expect(page.getByTestId(`deployment-row-${seed.dseq}`)).toContainText(/\d+ (min|s)/);
  await page.getByTestId(`deployment-row-${seed.dseq}`).getByRole("link").click();
  await page.getByRole("tab", { name: "Escrow" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The escrow runs out in" })).toContainText("Top up now");

  await expect.poll(async () => (await deploymentInfo(seed.address, seed.dseq)).deployment.state, { timeout: 180_000, intervals: [2000] }).toBe("closed");
  const alert = page.getByRole("alert").filter({ hasText: "The deployment ran out of escrow" });
  await expect(alert).toContainText("insufficient funds", { timeout: 30_000 });
  await expect(alert).toContainText("top up before the time left reaches zero");
});
