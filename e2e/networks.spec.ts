import { expect, openApp, test } from "./fixtures";

test("switching networks shows the other network's state, keeps the app working, and persists", async ({ page }) => {
  // Sandbox's node refuses every connection (routed, so the outcome does not depend on this machine's network).
  const sandbox = /sandbox-2\.aksh\.pw/;
  let refused = 0;
  await page.route(sandbox, (route) => {
    refused++;
    return route.abort("connectionrefused");
  });
  await page.routeWebSocket(sandbox, (ws) => ws.close());
  await openApp(page);
  const status = page.getByRole("status", { name: "Node status" });
  const network = page.getByRole("combobox", { name: "Network" });

  await network.selectOption("sandbox");
  await expect(status).toHaveText(/Node down/, { timeout: 15_000 });
  await expect(page.getByRole("alert").filter({ hasText: "Akash Sandbox" })).toContainText("retrying automatically");
  await page.getByRole("link", { name: "Providers" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Providers");
  await expect(page.getByText("Could not load providers")).toBeVisible({ timeout: 20_000 });
  expect(refused).toBeGreaterThan(0);

  // The choice persists across reloads, per browser.
  await page.reload();
  await expect(network).toHaveValue("sandbox");

  await network.selectOption("devnet");
  await expect(status).toHaveText(/Block \d/);
  // Back on the devnet the page that failed loads by itself: the stack's providers are listed.
  await expect(page.getByRole("list", { name: "Providers" }).getByRole("article", { name: "Westwind Compute" })).toBeVisible({ timeout: 20_000 });
});

test("a custom network: bad URLs, an unreachable node and a wrong chain id are explained; a good node is used", async ({ page }) => {
  await openApp(page, "/settings");
  const form = page.getByRole("region", { name: "Custom network" });
  await form.getByLabel("RPC URL").fill("not a url");
  await form.getByRole("button", { name: "Check and use" }).click();
  await expect(form.getByText("Enter a full http:// or https:// URL")).toBeVisible();
  await expect(form.getByText("Required")).toBeVisible();

  await form.getByLabel("RPC URL").fill("http://127.0.0.1:9");
  await form.getByLabel("REST URL").fill("http://127.0.0.1:9");
  await form.getByRole("button", { name: "Check and use" }).click();
  await expect(form.getByRole("alert")).toContainText("Node unreachable");

  await form.getByLabel("RPC URL").fill(process.env.E2E_RPC_URL!);
  await form.getByLabel("REST URL").fill(process.env.E2E_REST_URL!);
  await form.getByLabel("Expected chain id").fill("akashnet-2");
  await form.getByRole("button", { name: "Check and use" }).click();
  await expect(form.getByRole("alert")).toContainText(`expected "akashnet-2"`);
  await expect(page.getByRole("combobox", { name: "Network" })).toHaveValue("devnet");

  await form.getByLabel("Expected chain id").fill("");
  await form.getByRole("button", { name: "Check and use" }).click();
  await expect(form.getByRole("status")).toContainText(`Connected to ${process.env.E2E_CHAIN_ID}`);
  await expect(page.getByRole("combobox", { name: "Network" })).toHaveValue("custom");
  await expect(page.getByRole("status", { name: "Node status" })).toHaveText(/Block \d/);

  // The built-in wallet is a devnet-only offer.
  await page.getByRole("banner").getByRole("button", { name: "Connect wallet" }).click();
  const dialog = page.getByRole("dialog", { name: "Connect a wallet" });
  await expect(dialog.getByRole("button", { name: "Keplr" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: /Built-in devnet wallet/ })).toHaveCount(0);
});

test("every page has a deep link, and back/forward work", async ({ page }) => {
  await openApp(page, "/providers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Providers");
  // Read from the chain: the stack's simulated providers with their host URIs.
  await expect(page.getByRole("list", { name: "Providers" }).getByText(/^provider-\d\.localhost:\d+$/).first()).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deployments" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deployments");
  await expect(page.getByText("Connect a wallet to see your deployments")).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Providers");
  await page.goForward();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");

  for (const [path, heading] of [
    ["/account", "Account"],
    ["/templates", /./],
    ["/deploy", /./],
    ["/no/such/page", "Page not found"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }
});

test("theme toggles between light and dark and is remembered; the layout works at half a laptop screen", async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 800 });
  await openApp(page);
  const html = page.locator("html");
  const startDark = (await html.getAttribute("class"))?.includes("dark") ?? false;
  await page.getByRole("button", { name: startDark ? "Switch to light theme" : "Switch to dark theme" }).click();
  await expect(html).toHaveClass(startDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(startDark ? /^(?!.*dark)/ : /dark/);

  // Narrow: the navigation is behind a menu button and stays keyboard reachable.
  const menu = page.getByRole("button", { name: "Menu" });
  await menu.focus();
  await page.keyboard.press("Enter");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Templates" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/templates$/);
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a page whose code fails to load shows a clear message inside the layout, never a blank page", async ({ page }) => {
  await openApp(page);
  await page.route(/\/assets\/providers-page-[^/]+\.js$/, (route) => route.abort());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Providers" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This page could not be loaded" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Node status" })).toHaveText(/Block \d/);
  await page.unroute(/\/assets\/providers-page-[^/]+\.js$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
});
