import { createBuiltinWallet, expect, openApp, test } from "./fixtures";
import { approveTx, deployFromEditor, fundedWallet, GPU_H100_SDL, navigate, setProviderOnline } from "./deploy-helpers";

test.describe.configure({ timeout: 150_000 });

test("no funds: the review says what is missing, refuses a deposit below the chain minimum, and sends nothing", async ({ page }) => {
  await openApp(page, "/account");
  await createBuiltinWallet(page);
  await navigate(page, "/deploy?template=nginx-static-site");
  await page.getByRole("button", { name: "Deploy", exact: true, disabled: false }).click({ timeout: 20_000 });
  const review = page.getByRole("dialog", { name: "Review deployment" });
  const deposit = review.getByLabel("Deposit (ACT)");
  await expect(deposit).toHaveValue("0.5");
  await deposit.fill("0.1");
  await expect(review.getByText("The chain requires at least 0.5 ACT")).toBeVisible();
  await deposit.fill("abc");
  await expect(review.getByRole("button", { name: "Create deployment" })).toBeDisabled();
  await deposit.fill("2");
  await expect(review.getByText("You need 2 more ACT")).toBeVisible();
  // Not enough AKT to mint either: the faucet is offered right here, and minting waits for it.
  await expect(review.getByText(/more AKT first: get it from the faucet here, then mint/)).toBeVisible();
  await expect(review.getByRole("button", { name: /faucet/i })).toBeVisible();
  await expect(review.getByRole("button", { name: /Mint with/ })).toBeDisabled();
  await expect(review.getByRole("button", { name: "Create deployment" })).toBeDisabled();
  // Back to the editor: the SDL is still there and nothing was saved as a deployment.
  await review.getByRole("button", { name: "Back to editor" }).click();
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toBeEnabled();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":deployment:")))).toEqual([]);
});

test("the node drops out at Create (nothing sent, nothing lost); then no provider can satisfy the SDL: likely reasons are named, and closing returns the deposit", async ({ page }) => {
  await fundedWallet(page);
  // The user pasted an SDL asking for a GPU model no provider has.
  await page.evaluate((text) => localStorage.setItem("akash-console:sdl-draft:scratch", JSON.stringify({ savedAt: Date.now(), text })), GPU_H100_SDL);
  // The node's REST gateway drops out as the user clicks Create: nothing is sent, nothing is lost.
  const latest = `${process.env.E2E_REST_URL}/cosmos/base/tendermint/v1beta1/blocks/latest`;
  await page.route(latest, (route) => route.abort("connectionrefused"));
  await navigate(page, "/deploy");
  await page.getByRole("button", { name: "Deploy", exact: true, disabled: false }).click({ timeout: 20_000 });
  const review = page.getByRole("dialog", { name: "Review deployment" });
  await review.getByRole("button", { name: "Create deployment", disabled: false }).click({ timeout: 20_000 });
  await expect(review.getByRole("alert")).toContainText("Cannot read the latest block from the node");
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":deployment:")))).toEqual([]);
  await page.unroute(latest);
  await review.getByRole("button", { name: "Back to editor" }).click();
  const dseq = await deployFromEditor(page, "/deploy");
  await expect(page.getByTestId("no-bids-yet")).toBeVisible();
  const verdict = page.getByRole("status").filter({ hasText: "No provider can satisfy this deployment" });
  await expect(verdict).toBeVisible({ timeout: 40_000 });
  await expect(page.getByTestId("no-bid-reasons")).toContainText("GPU nvidia h100, which no registered provider advertises");
  await verdict.getByRole("button", { name: "Close deployment" }).click();
  await approveTx(page, new RegExp(`Close deployment ${dseq}`));
  await expect(page.getByText("Deployment closed")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Close deployment" })).toHaveCount(0);
});

test("double clicks send one transaction; a node WebSocket outage falls back to REST; an offline provider is retried until it is back", async ({ page, request }) => {
  const rest = process.env.E2E_REST_URL!;
  const rpcPort = new URL(process.env.E2E_RPC_URL!).port;
  // The node's WebSocket hangs for this page (accepted, never answered): live updates go quiet.
  // (Routed before the app loads: Playwright patches WebSocket in new documents only.)
  await page.routeWebSocket(
    (url) => url.port === rpcPort && url.pathname.endsWith("/websocket"),
    () => {},
  );
  const owner = await fundedWallet(page);

  await navigate(page, "/deploy?template=nginx-static-site");
  await page.getByRole("button", { name: "Deploy", exact: true, disabled: false }).click({ timeout: 20_000 });
  const review = page.getByRole("dialog", { name: "Review deployment" });
  await review.getByRole("button", { name: "Create deployment", disabled: false }).dblclick();
  await approveTx(page, /Create deployment/);
  await expect(page).toHaveURL(/\/deployments\/\d+\/bids$/);
  const deployments = await (await request.get(`${rest}/akash/deployment/v1beta4/deployments/list?filters.owner=${owner}`)).json();
  expect(deployments.deployments).toHaveLength(1);

  await expect(page.getByTestId("auction-status")).toContainText("Live updates interrupted", { timeout: 20_000 });
  // provider-6 is this spec's alone (see global-setup): taking it offline disturbs no other spec.
  const generic = page.locator("[data-bid-key]").filter({ hasText: "Generic Compute 6" });
  await expect(generic).toBeVisible({ timeout: 30_000 });

  // The provider drops off between the bid and the manifest: the manifest is retried, not lost.
  await setProviderOnline("provider-6", false);
  const lease = page.getByRole("region", { name: /Lease with Generic Compute 6/ });
  try {
    await generic.getByRole("radio").check();
    await page.getByRole("button", { name: "Accept selected bid" }).dblclick();
    await approveTx(page, /Accept bid from Generic Compute 6/);
    const leases = await (await request.get(`${rest}/akash/market/v1beta5/leases/list?filters.owner=${owner}`)).json();
    expect(leases.leases).toHaveLength(1);
    await expect(lease.getByTestId("rollout-error")).toContainText("offline or unreachable", { timeout: 20_000 });
    // Still retrying by itself (about 18 s of retries): nothing for the user to do yet.
    await expect(lease.getByText("Retrying…")).toBeVisible();
  } finally {
    await setProviderOnline("provider-6", true);
  }
  // The automatic retry gets through once the provider is back; no click needed.
  await expect(lease.locator('[data-step="ready"][data-done]')).toBeVisible({ timeout: 60_000 });
  await expect(lease.getByTestId("rollout-error")).toHaveCount(0);
});

test("a manifest the provider rejects shows the provider's message and what to change", async ({ page }) => {
  const owner = await fundedWallet(page);
  const dseq = await deployFromEditor(page, "/deploy?template=nginx-static-site");
  await expect(page.locator("[data-bid-key]").filter({ hasText: "Westwind Compute" })).toBeVisible({ timeout: 20_000 });
  // The SDL kept on this device no longer matches what was deployed (edited elsewhere): the hash differs.
  await page.evaluate(
    ({ owner, dseq }) => {
      const key = `akash-console:devnet:deployment:${owner}:${dseq}`;
      const record = JSON.parse(localStorage.getItem(key)!);
      record.manifestJson = record.manifestJson.replace("nginx:1.27-alpine", "nginx:1.28-alpine");
      localStorage.setItem(key, JSON.stringify(record));
    },
    { owner, dseq },
  );
  await page.getByRole("button", { name: "Accept cheapest audited" }).click();
  await approveTx(page, /Accept bid from Westwind Compute/);
  const lease = page.getByRole("region", { name: /Lease with Westwind Compute/ });
  const problem = lease.getByRole("alert");
  await expect(problem).toContainText("The provider rejected the manifest", { timeout: 30_000 });
  await expect(problem).toContainText("manifest version validation failed");
  await expect(problem).toContainText("no longer matches the deployment's on-chain version");
  await expect(lease.locator('[data-step="manifest"][data-done]')).toHaveCount(0);
});
